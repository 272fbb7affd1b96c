/**
 * From the books to the statements: the kontoplan data, the derivation, and the rules D-9
 * and E-1…E-3 on tiny books for the base ledger (test/helpers/books.ts), passing and with
 * planted book errors, each found and named by account and line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harled } from '../src/books/derive.js';
import {
  iIntervall,
  kontoplanAv,
  kontoplanForLayout,
  mappbaraRader,
  overlappar,
  overlappningar,
  parseIntervall,
  standardMappningar,
  KONTOPLAN_VERSIONS,
} from '../src/domain/kontoplan/index.js';
import type { Ledger } from '../src/domain/model.js';
import { reconcile } from '../src/rules/engine.js';
import type { CheckResult, Reconciliation } from '../src/rules/types.js';
import { tinyBok, tinyKonton, tinyKontoplan, tinyObjekt, withBooks, type Kontotabell } from './helpers/books.js';
import { ledgerWith, removeLedgers } from './helpers/ledger.js';
import { naText } from './helpers/not-applicable.js';

let report: Ledger;
let base: Reconciliation;

beforeAll(async () => {
  report = (await ledgerWith()).ledger;
  base = reconcile(withBooks(report));
});
afterAll(removeLedgers);

const ofRule = (r: Reconciliation, rule: string) => r.checks.filter((c) => c.rule === rule);
const failing = (r: Reconciliation) => r.checks.filter((c) => c.status === 'discrepancy');
const show = (cs: readonly CheckResult[]) => cs.map((c) => `${c.id}: ${c.subject} ${c.left} vs ${c.right}`).join('\n');
const accountsOf = (c: CheckResult) => (c.konton ?? []).map((k) => k.konto);

describe('the kontoplan data', () => {
  for (const version of KONTOPLAN_VERSIONS.values()) {
    const mappings = standardMappningar(version);
    const lines = mappbaraRader(kontoplanAv(version, version.layouts[0]!));

    it(`${version.id}: no two default ranges overlap`, () => {
      expect(overlappningar(mappings).map(([a, b]) => `${a.rad} ${a.intervall.fran}/${b.rad} ${b.intervall.fran}`)).toEqual([]);
    });

    it(`${version.id}: every range names a line without a sum, and every RR line with an S-kod has accounts`, () => {
      for (const m of mappings) if (m.rad !== 'avslut') expect(lines.has(m.rad), m.rad).toBe(true);
      for (const rad of lines.keys()) if (rad.startsWith('rr.')) expect(mappings.some((m) => m.rad === rad), rad).toBe(true);
    });

    it(`${version.id}: every BR line with accounts in the baskontoplan's classes 1 and 2 maps them`, () => {
      // Every four-digit account of class 1 and 2 from x010 up reaches exactly one line.
      for (let n = 1010; n <= 2999; n++) {
        const konto = String(n);
        if (konto.endsWith('00') || /^[12]\d0[0-9]$/.test(konto)) continue;
        const hits = mappings.filter((m) => iIntervall(konto, m.intervall));
        expect(hits.length, `${konto}: ${hits.map((h) => h.rad).join(', ')}`).toBeLessThanOrEqual(1);
      }
    });
  }

  it('gives RR lines −#RES, asset lines +#UB and capital and liability lines −#UB', () => {
    const lines = mappbaraRader(kontoplanAv(kontoplanForLayout('ESV-2024')!, 'ESV-2024'));
    expect(lines.get('rr.intakter_av_anslag')).toMatchObject({ tecken: -1, saldo: 'RES' });
    expect(lines.get('br.rantekonto')).toMatchObject({ tecken: 1, saldo: 'UB' });
    expect(lines.get('br.lan_i_rgk')).toMatchObject({ tecken: -1, saldo: 'UB' });
    expect(lines.has('rr.summa_intakter')).toBe(false);
    expect(lines.has('br.ovriga_ansvarsforbindelser')).toBe(false);
  });

  it('reads ranges by leading digits, and finds overlaps between ranges of different lengths', () => {
    const r = parseIntervall('3011-3012') as { fran: string; till: string };
    expect(['3011', '3012', '30115', '301299'].every((k) => iIntervall(k, r))).toBe(true);
    expect(['3010', '3013', '301', '4011'].some((k) => iIntervall(k, r))).toBe(false);
    expect(overlappar(r, parseIntervall('30125') as typeof r)).toBe(true);
    expect(overlappar(r, parseIntervall('30') as typeof r)).toBe(true);
    expect(overlappar(r, parseIntervall('3013-3099') as typeof r)).toBe(false);
    expect(parseIntervall('30-3012')).toHaveProperty('fel');
    expect(parseIntervall('3012-3011')).toHaveProperty('fel');
    expect(parseIntervall('abc')).toHaveProperty('fel');
  });
});

describe('the derivation', () => {
  const h = () => harled(tinyBok(), tinyKontoplan());

  it('derives every line of both statements, both years, exactly in öre', () => {
    const [y0, y1] = h().ar;
    expect(y0!.arsnr).toBe(0);
    expect(y1!.arsnr).toBe(-1);
    expect(y0!.rader.get('rr.intakter_av_anslag')!.belopp).toBe(10_000_000_000n);
    expect(y0!.rader.get('br.kundfordringar')!.belopp).toBe(100_012_345n);
    expect(y0!.rader.get('br.summa_tillgangar')!.belopp).toBe(2_060_000_000n);
    expect(y1!.rader.get('br.summa_kapital_och_skulder')!.belopp).toBe(1_740_000_000n);
    expect(y0!.omappade).toEqual([]);
  });

  it('computes årets kapitalförändring, and carries what the closing entry has not booked to the balance sheet', () => {
    const [y0, y1] = h().ar;
    expect(y0!.rader.get('rr.arets_kapitalforandring')!.belopp).toBe(20_000_000n);
    expect(y0!.rader.get('br.kapitalforandring_enligt_rr')!.belopp).toBe(20_000_000n);
    expect(y1!.rader.get('br.kapitalforandring_enligt_rr')!.belopp).toBe(65_000_000n);
    // Booked: 8999 debited, 2091 credited with the result. Same line amounts.
    const konton: Kontotabell = { ...tinyKonton(), '8999': ['Årets kapitalförändring', '200 000', '650 000'], '2091': ['Kapitalförändring enligt RR', '-200 000', '-650 000'] };
    const booked = harled(tinyBok(konton), tinyKontoplan()).ar[0]!;
    expect(booked.rader.get('rr.arets_kapitalforandring')!.belopp).toBe(20_000_000n);
    expect(booked.rader.get('br.kapitalforandring_enligt_rr')!.belopp).toBe(20_000_000n);
    expect(booked.rader.get('br.summa_kapital_och_skulder')!.belopp).toBe(booked.rader.get('br.summa_tillgangar')!.belopp);
  });

  it('sums the postings per anslag object on the anslag accounts, and finds postings without one', () => {
    const konfig = { dimension: '20', konton: [{ fran: '3011', till: '3012' }, { fran: '7311', till: '7312' }] };
    const flode = harled(tinyBok(), tinyKontoplan(), { anslag: konfig }).anslag!;
    expect(new Map(flode.objekt.map((o) => [o.objekt, o.belopp]))).toEqual(
      new Map([['8:1:1:1', -5_700_000_000n], ['8:1:1:2', -1_700_000_000n], ['8:1:2:1', -2_600_000_000n], ['13:1:3:1', -2_000_000_000n]]),
    );
    expect(flode.utanObjekt).toEqual([]);
    const objekt = tinyObjekt();
    objekt['20']!['8:1:1:1'] = { '3011': '-56 000 000' };
    const missing = harled(tinyBok(tinyKonton(), objekt), tinyKontoplan(), { anslag: konfig }).anslag!;
    expect(missing.utanObjekt).toEqual([{ konto: '3011', namn: 'Intäkter av anslag', belopp: -100_000_000n }]);
  });
});

describe('the books against the report', () => {
  it('E-1 checks every RR and BR figure of both years, and all tie within rounding', () => {
    const e1 = ofRule(base, 'E-1');
    const statementFigures = [...report.figures.keys()].filter((id) => /^(rr|br)\./.test(id) && !id.includes('ansvarsforbindelser'));
    const read = new Set(e1.flatMap((c) => c.figures));
    expect(statementFigures.filter((f) => !read.has(f))).toEqual([]);
    expect(show(failing(base))).toBe('');
    expect(e1.find((c) => c.id === 'E-1/bok.br.kundfordringar.2024')).toMatchObject({ status: 'rounding', left: '1000123.45', right: '1000000', unit: 'kr', difference: '123.45', tolerance: '500' });
  });

  it('E-2 checks every anslagspost and printed sum of utgifter; E-3 every inkomsttitel and the sum', () => {
    const posts = report.anslagsredovisning!.utgiftsomraden.flatMap((u) => u.anslag.flatMap((a) => a.poster.map((p) => p.figures.utgifter!)));
    const e2 = new Set(ofRule(base, 'E-2').flatMap((c) => c.figures));
    expect(posts.filter((f) => !e2.has(f))).toEqual([]);
    expect(e2.has('anslag.summa.utgifter')).toBe(true);
    const e3 = new Set(ofRule(base, 'E-3').flatMap((c) => c.figures));
    expect(['inkomsttitel.2511.024.inkomster', 'inkomsttitel.2511.025.inkomster', 'inkomsttitel.summa.inkomster'].filter((f) => !e3.has(f))).toEqual([]);
    expect(ofRule(base, 'E-2').every((c) => c.status === 'ok')).toBe(true);
  });

  it('names the accounts behind a line, with their balances in kr', () => {
    const c = base.checks.find((x) => x.id === 'E-1/bok.rr.kostnader_for_personal.2024')!;
    expect(c.konton).toEqual([
      { konto: '4011', namn: 'Löner', belopp: '-59500000.00' },
      { konto: '4111', namn: 'Semesterlöner', belopp: '-500000.00' },
    ]);
  });

  it('D-9 passes when every account with a balance has a line', () => {
    expect(ofRule(base, 'D-9').map((c) => [c.id, c.status])).toEqual([['D-9/bok.omappat.2024', 'ok'], ['D-9/bok.omappat.2023', 'ok']]);
  });

  it('without books, the book rules are not applicable, with the reason', () => {
    const r = reconcile(report);
    expect(naText(r).filter((n) => ['D-9', 'E-1', 'E-2', 'E-3'].includes(n.rule)).map((n) => n.reason)).toEqual(Array(4).fill('ledger.yaml anger ingen huvudbok (huvudbok:)'));
    // The books' integrity rules (D-1…D-14 but D-9) are run only for a ledger with books.
    expect(r.rules.map((x) => x.id).filter((id) => id.startsWith('D-'))).toEqual(['D-9']);
    expect(base.rules.map((x) => x.id).filter((id) => id.startsWith('D-'))).toHaveLength(14);
  });

  it('counts the accounts that reach a checked line', () => {
    expect(base.coverage.konton).toMatchObject({ konton: Object.keys(tinyKonton()).length, olasta: [] });
  });
});

describe('planted book errors', () => {
  const run = (bok = tinyBok(), plan = tinyKontoplan()) => reconcile(withBooks(report, bok, plan));

  it('an account mapped to the wrong line: both lines fail, naming the account', () => {
    const r = run(tinyBok(), tinyKontoplan({ 'rr.ovriga_driftkostnader': ['5011'] }));
    const bad = failing(r);
    expect(bad.map((c) => c.id)).toEqual(expect.arrayContaining(['E-1/bok.rr.kostnader_for_lokaler.2024', 'E-1/bok.rr.ovriga_driftkostnader.2024']));
    expect(bad.every((c) => c.rule === 'E-1')).toBe(true);
    expect(accountsOf(bad.find((c) => c.id === 'E-1/bok.rr.ovriga_driftkostnader.2024')!)).toContain('5011');
  });

  it('an unmapped account: D-9 names it, and the line it should feed fails', () => {
    const konton = tinyKonton();
    konton['6011'] = konton['6911']!;
    delete konton['6911'];
    const r = run(tinyBok(konton));
    const d9 = failing(r).filter((c) => c.rule === 'D-9');
    expect(d9.map((c) => c.id)).toEqual(['D-9/bok.omappat.2024', 'D-9/bok.omappat.2023']);
    expect(d9[0]!.subject).toContain('6011 Avskrivningar');
    expect(d9[0]!.konton).toEqual([{ konto: '6011', namn: 'Avskrivningar', belopp: '7000000.00' }]);
    expect(d9[0]!.left).toBe('7000000');
    expect(failing(r).map((c) => c.id)).toContain('E-1/bok.rr.avskrivningar.2024');
    expect(r.coverage.konton!.olasta.map((k) => k.konto)).toEqual(['6011']);
  });

  it('a voucher to the wrong anslagspost: both posts fail E-2, naming the account', () => {
    const objekt = tinyObjekt();
    objekt['20']!['8:1:1:1'] = { '3011': '-56 000 000' };
    objekt['20']!['8:1:1:2'] = { '3011': '-18 000 000' };
    const bad = failing(run(tinyBok(tinyKonton(), objekt)));
    expect(bad.map((c) => c.id).sort()).toEqual(['E-2/bok.anslag.uo8.1_1.ap1.utgifter', 'E-2/bok.anslag.uo8.1_1.ap2.utgifter']);
    expect(accountsOf(bad[0]!)).toEqual(['3011']);
  });

  it('a missing accrual: the cost line and the accrual line fail, naming their accounts', () => {
    const konton = tinyKonton();
    konton['4111'] = ['Semesterlöner', '0', '0'];
    konton['2912'] = ['Upplupna semesterlöner', '0', '0'];
    const bad = failing(run(tinyBok(konton)));
    const ids = bad.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['E-1/bok.rr.kostnader_for_personal.2024', 'E-1/bok.br.upplupna_kostnader.2024']));
    expect(accountsOf(bad.find((c) => c.id === 'E-1/bok.br.upplupna_kostnader.2024')!)).toEqual(['2911']);
    expect(bad.every((c) => c.rule === 'E-1')).toBe(true);
  });

  it('an inkomsttitel posting without its object: E-3 reports postings without an object', () => {
    const objekt = tinyObjekt();
    delete objekt['21']!['2511.025'];
    const bad = failing(run(tinyBok(tinyKonton(), objekt)));
    expect(bad.map((c) => c.id).sort()).toEqual(['E-3/bok.inkomsttitel.2511.025.inkomster', 'E-3/bok.inkomsttitel.utan_objekt', 'E-3/inkomsttitel.summa.inkomster']);
  });

  it('utfall on an anslag object the report does not have', () => {
    const objekt = tinyObjekt();
    objekt['20']!['8:1:9:1'] = { '3011': '-1 000 000' };
    objekt['20']!['8:1:1:1'] = { '3011': '-56 000 000' };
    const bad = failing(run(tinyBok(tinyKonton(), objekt)));
    expect(bad.map((c) => c.id)).toEqual(expect.arrayContaining(['E-2/bok.anslagsobjekt.8:1:9:1', 'E-2/bok.anslag.uo8.1_1.ap1.utgifter']));
  });
});
