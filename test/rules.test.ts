/**
 * Every rule of the catalogue, against the small consistent base ledger (test/helpers/ledger.ts):
 * the base passes every check of the rule (and the rule has checks there), and one change of
 * a figure, well above rounding, makes exactly that rule report a discrepancy that names the
 * changed figure. The limit rules (C-*) fail by exceeding their limit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES as ALL_RULES } from '../src/rules/catalogue.js';
import { BOOK_RULES } from '../src/rules/books.js';
import { EVERY_RULE } from '../src/rules/listing.js';
import { reconcile } from '../src/rules/engine.js';
import { LedgerInputError } from '../src/ledger/errors.js';
import { reconcileChecked } from '../src/ledger/reconcile-checked.js';
import { naText } from './helpers/not-applicable.js';
import type { CheckResult, Reconciliation } from '../src/rules/types.js';
import {
  amountOf,
  baseSpec,
  getFigure,
  ledgerWith,
  regleringsbrevOf,
  removeLedgers,
  rowOf,
  setFigure,
  shiftFigure,
  type LedgerSpec,
  type PlainMap,
} from './helpers/ledger.js';

/** The rules over the report; the rules over the books have their own tests (test/books.test.ts). */
const RULES = ALL_RULES.filter((r) => !BOOK_RULES.includes(r));

interface RuleCase {
  /** The figure the failing change is about: a discrepancy of the rule must name it. */
  readonly figure: string;
  /**
   * The failing change: one figure, well above rounding. Where every figure the rule reads
   * is also read by another rule, a second figure that only that other rule reads is changed
   * to keep it tied (noted per case), so that the rule under test is the only one to fail.
   */
  readonly change: (s: LedgerSpec) => void;
}

const bump = (id: string, delta: number) => (s: LedgerSpec) => void shiftFigure(s, id, delta);
const both = (...changes: ((s: LedgerSpec) => void)[]) => (s: LedgerSpec) => changes.forEach((c) => c(s));

const CASES: Readonly<Record<string, RuleCase>> = {
  'A-1': { figure: 'rr.summa_intakter.2024', change: bump('rr.summa_intakter.2024', 1_000) },
  'A-6': { figure: 'br.kundfordringar.2024', change: bump('br.kundfordringar.2024', 1_000) },
  'A-13': { figure: 'fa.drift_kostnader.2024', change: bump('fa.drift_kostnader.2024', 1_000) },
  // The table of open cases has only its periodisering: IB 2024 ≠ UB 2023.
  'P-1': { figure: 'arenden.oppna_ib.2024', change: bump('arenden.oppna_ib.2024', 100) },
  // Moving 1 000 of indragning between the two poster keeps the anslag's column sum.
  'A-7': {
    figure: 'anslag.uo8.1_1.ap1.indragning',
    change: both(bump('anslag.uo8.1_1.ap1.indragning', -1_000), bump('anslag.uo8.1_1.ap2.indragning', 1_000)),
  },
  // Moving 1 000 of utgifter between the two poster keeps the anslag's column sum.
  'A-8': {
    figure: 'anslag.uo8.1_1.ap1.utgifter',
    change: both(bump('anslag.uo8.1_1.ap1.utgifter', -1_000), bump('anslag.uo8.1_1.ap2.utgifter', 1_000)),
  },
  // Moving 1 000 from indragning to ingående in the printed anslag summa keeps its row.
  'A-9': {
    figure: 'anslag.uo8.1_1.summa.indragning',
    change: both(bump('anslag.uo8.1_1.summa.indragning', -1_000), bump('anslag.uo8.1_1.summa.ingaende_overforingsbelopp', 1_000)),
  },
  // The Totalt column of the fee table no longer the sum of its areas (only A-21 reads the costs).
  'A-21': { figure: 'avgifter.kostnader.tillstand', change: bump('avgifter.kostnader.tillstand', 1_000) },
  // A contingent liability printed negative.
  'A-20': { figure: 'br.ovriga_ansvarsforbindelser.2024', change: (s) => setFigure(s, 'br.ovriga_ansvarsforbindelser.2024', '-1 500') },
  'A-10': { figure: 'inkomsttitel.summa.inkomster', change: bump('inkomsttitel.summa.inkomster', 1_000) },
  'A-11': { figure: 'bemyndigande.uo8.1_1.ap1.nya_ataganden', change: bump('bemyndigande.uo8.1_1.ap1.nya_ataganden', 1_000) },
  'A-12': { figure: 'bemyndigande.uo8.1_1.ap1.2025', change: bump('bemyndigande.uo8.1_1.ap1.2025', 1_000) },
  'A-19': { figure: 'not01.anslag_uo8.2024', change: bump('not01.anslag_uo8.2024', 1_000) },
  // Statskapital takes the other side so that the balance sheet still balances.
  'B-1': {
    figure: 'br.kapitalforandring_enligt_rr.2024',
    change: both(bump('br.kapitalforandring_enligt_rr.2024', 1_000), bump('br.statskapital.2024', -1_000)),
  },
  'B-2': { figure: 'vu.arets_kapitalforandring.2024', change: bump('vu.arets_kapitalforandring.2024', 1_000) },
  // Intäkter av avgifter takes the other side so that the FA's drift sum still ties.
  'B-9': {
    figure: 'fa.drift_intakter_av_anslag.2024',
    change: both(bump('fa.drift_intakter_av_anslag.2024', 1_000), bump('fa.drift_intakter_av_avgifter.2024', -1_000)),
  },
  // Kassa och bank up, räntekonto down: likvida medel and the BR sums stay, their changes do not.
  'B-11': {
    figure: 'br.kassa_och_bank.2024',
    change: both(bump('br.kassa_och_bank.2024', 1_000), bump('br.rantekonto.2024', -1_000)),
  },
  // Lower, so that the limit check of the same figure (C-9) still holds.
  'B-12': { figure: 'vu.laneram_utnyttjad.2024', change: bump('vu.laneram_utnyttjad.2024', -1_000) },
  'B-14': { figure: 'vu.avgiftsintakter_disponeras.2024', change: bump('vu.avgiftsintakter_disponeras.2024', 1_000) },
  // Interest on the räntekonto above the finansiella intäkter it is part of: 1 250 against 300.
  'B-13': { figure: 'vu.rantekonto_ranteintakter.2024', change: bump('vu.rantekonto_ranteintakter.2024', 1_000) },
  'B-15': { figure: 'vu.anslagssparande.2024', change: bump('vu.anslagssparande.2024', 1_000) },
  // Lower, so that the limit check of the same figure (C-8) still holds.
  'B-16': { figure: 'vu.ataganden_uo8_1_1_ap1.2024', change: bump('vu.ataganden_uo8_1_1_ap1.2024', -1_000) },
  'B-17': { figure: 'vu.driftkostnad_per_arsarbetskraft.2024', change: bump('vu.driftkostnad_per_arsarbetskraft.2024', 100) },
  // The note total and one of its rows move together, so that the note's sum still ties.
  'B-19': {
    figure: 'not02.utgaende.2024',
    change: both(bump('not02.utgaende.2024', 1_000), bump('not02.nya_lan.2024', 1_000)),
  },
  'B-22': { figure: 'not02.beviljad_laneram.2024', change: bump('not02.beviljad_laneram.2024', 1_000) },
  // More årsarbetskrafter than employees: 100 against 120 − 100.
  'B-25': { figure: 'vu.medelantal_anstallda.2024', change: bump('vu.medelantal_anstallda.2024', -100) },
  // A varav row above its total: 30 000 + 20 000 against 40 000.
  'B-26': { figure: 'vu.varav_ansokningsavgifter.2024', change: bump('vu.varav_ansokningsavgifter.2024', 20_000) },
  'B-23': { figure: 'not01.medel_for_bidrag.2024', change: bump('not01.medel_for_bidrag.2024', 1_000) },
  // Higher, so that the limit check of the same figure (C-9) still holds.
  'B-24': { figure: 'vu.kontokredit_beviljad.2024', change: bump('vu.kontokredit_beviljad.2024', 1_000) },
  // Used 4 000; the early decision granted 10 000, the later one 5 000, now lowered to 3 000.
  'C-1': { figure: 'rb.uo8.1_1.ap1.2024-06-20.anslagskredit', change: (s) => setFigure(s, 'rb.uo8.1_1.ap1.2024-06-20.anslagskredit', '3 000') },
  // Used 2 000 of a medgivet överskridande now lowered to 1 000.
  'C-4': {
    figure: 'rb.uo8.1_1.ap1.2024-06-20.medgivet_overskridande',
    change: (s) => setFigure(s, 'rb.uo8.1_1.ap1.2024-06-20.medgivet_overskridande', '1 000'),
  },
  // 500 of 1:2 ap 1's tilldelning shown as omdisponerat instead, in the post, the UO summa and
  // the grand total alike: every row and column still ties, and so does C-7 (tilldelning plus
  // omdisponerat), but the anslag's omdisponeringar no longer net to zero.
  'C-6': {
    figure: 'anslag.uo8.1_2.ap1.omdisponerat',
    change: both(
      ...['anslag.uo8.1_2.ap1', 'anslag.uo8.summa', 'anslag.summa'].flatMap((row) => [bump(`${row}.tilldelning`, -500), bump(`${row}.omdisponerat`, 500)]),
    ),
  },
  'C-7': { figure: 'rb.uo8.1_1.ap1.2023-12-20.tilldelning', change: bump('rb.uo8.1_1.ap1.2023-12-20.tilldelning', 1_000) },
  // Åtaganden 2023 of 40 000 against a tilldelat bemyndigande of 35 000.
  'C-8': { figure: 'vu.ataganden_uo8_1_1_ap1.2023', change: (s) => setFigure(s, 'vu.ataganden_uo8_1_1_ap1.2023', '40 000') },
  // Kontokredit used 6 000 of 5 000 granted.
  'C-9': { figure: 'vu.kontokredit_maximalt_utnyttjad.2024', change: (s) => setFigure(s, 'vu.kontokredit_maximalt_utnyttjad.2024', '6 000') },
  // Utfall 12 000 above a tak of 10 000.
  'C-12': { figure: 'villkor.tak_forvar.utfall', change: (s) => setFigure(s, 'villkor.tak_forvar.utfall', '12 000') },
};

const ofRule = (r: Reconciliation, rule: string) => r.checks.filter((c) => c.rule === rule);
const discrepancies = (r: Reconciliation) => r.checks.filter((c) => c.status === 'discrepancy');
const failingRules = (r: Reconciliation) => [...new Set(discrepancies(r).map((c) => c.rule))].sort();
const show = (cs: readonly CheckResult[]) => cs.map((c) => `${c.id}: ${c.status} ${c.left} vs ${c.right} ±${c.tolerance}`).join('\n');

let base: Reconciliation;

beforeAll(async () => {
  base = reconcile((await ledgerWith()).ledger);
});

afterAll(removeLedgers);

describe('the rule table', () => {
  it('has a case for every rule in RULES, and none for a rule that does not exist', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(CASES, `rule ${id} has no test case`).toHaveProperty([id]);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });

  it('is documented as declared: docs/rules.md ends with the catalogue (node scripts/rules-md.mjs)', async () => {
    const { HEADING, ruleTable } = await import('../scripts/rules-md.mjs');
    const doc = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    expect(doc.slice(doc.indexOf(HEADING) + HEADING.length)).toBe(`\n${ruleTable(EVERY_RULE)}`);
  });

  it('starts from a base ledger in which every check ties exactly', () => {
    expect(base.checks.length).toBeGreaterThan(100);
    expect(show(base.checks.filter((c) => c.status !== 'ok'))).toBe('');
    expect(base.stale).toEqual([]);
  });
});

describe.each(RULES.map((r) => [r.id] as const))('rule %s', (id) => {
  const rc = CASES[id];

  it('passes on the consistent ledger, with at least one check', async () => {
    expect(rc, `no case for ${id}`).toBeDefined();
    const checks = ofRule(base, id);
    expect(checks.length).toBeGreaterThan(0);
    expect(show(checks.filter((c) => c.status !== 'ok' && c.status !== 'rounding'))).toBe('');
  });

  it('reports a discrepancy naming the changed figure, and only this rule does', async () => {
    expect(rc, `no case for ${id}`).toBeDefined();
    const before = baseSpec();
    const { ledger, spec } = await ledgerWith(rc!.change);
    // The change is to the named figure, and well above rounding (tkr: ±0.5).
    expect(ledger.figures.get(rc!.figure)?.printed).toBe(getFigure(spec, rc!.figure));
    expect(amountOf(getFigure(spec, rc!.figure)).minus(amountOf(getFigure(before, rc!.figure))).abs().toNumber()).toBeGreaterThanOrEqual(100);

    const result = reconcile(ledger);
    expect(failingRules(result), show(discrepancies(result))).toEqual([id]);
    const naming = discrepancies(result).filter((c) => c.figures.includes(rc!.figure));
    expect(naming.length, `no ${id} discrepancy names ${rc!.figure}:\n${show(ofRule(result, id))}`).toBeGreaterThan(0);
    for (const c of naming) {
      expect(c.rule).toBe(id);
      expect(amountOf(c.difference).abs().gt(amountOf(c.tolerance))).toBe(true);
    }
  });
});

describe('limit rules', () => {
  const post = 'uo8.1_1.ap1';
  const c1 = (r: Reconciliation) => r.checks.find((c) => c.id === `C-1/${post}`);

  it('C-1 compares the used credit with the latest decision, not the larger earlier one', () => {
    const check = c1(base)!;
    expect(check.relation).toBe('le');
    expect(check.left).toBe('4000');
    expect(check.right).toBe('5000');
    expect(check.figures).toEqual(['anslag.uo8.1_1.ap1.utgaende_overforingsbelopp', 'rb.uo8.1_1.ap1.2024-06-20.anslagskredit']);
    expect(check.figures).not.toContain('rb.uo8.1_1.ap1.2023-12-20.anslagskredit');
  });

  it('C-1 takes the latest decision by date, whatever the order the decisions are listed in', async () => {
    const { ledger } = await ledgerWith((s) => {
      const beslut = (regleringsbrevOf(s).anslagsposter as PlainMap[])[0]!.beslut as PlainMap[];
      beslut.reverse();
      setFigure(s, 'rb.uo8.1_1.ap1.2024-06-20.anslagskredit', '3 000');
    });
    const check = c1(reconcile(ledger))!;
    expect(check.status).toBe('discrepancy');
    expect(check.right).toBe('3000');
  });

  it('C-1 (C-2): a negative utgående överföringsbelopp with no credit granted is a discrepancy', async () => {
    const { ledger } = await ledgerWith((s) => {
      setFigure(s, 'rb.uo8.1_1.ap1.2023-12-20.anslagskredit', null);
      setFigure(s, 'rb.uo8.1_1.ap1.2024-06-20.anslagskredit', null);
    });
    const result = reconcile(ledger);
    const check = c1(result)!;
    expect(check.status).toBe('discrepancy');
    expect(check.rightTerms).toEqual([]);
    expect(check.right).toBe('0');
    expect(check.figures).toEqual(['anslag.uo8.1_1.ap1.utgaende_overforingsbelopp']);
    expect(failingRules(result)).toEqual(['C-1']);
  });

  it('C-1 is not applicable to a negative utgående överföringsbelopp when the ledger has no regleringsbrev (the credit is unknown)', async () => {
    const { ledger } = await ledgerWith((s) => {
      delete s['regleringsbrev.yaml'];
      const m = s['ledger.yaml'] as { filer: string[] };
      m.filer = m.filer.filter((f) => f !== 'regleringsbrev.yaml');
    });
    const result = reconcile(ledger);
    expect(c1(result)).toBeUndefined();
    expect(naText(result)).toContainEqual({ rule: 'C-1', subject: expect.stringContaining('anslagskredit'), reason: 'årsredovisningsmappen har inget regleringsbrev' });
  });

  it('C-1 checks a post with a credit decided even when its balance is positive, and no post with neither', async () => {
    expect(ofRule(base, 'C-1').map((c) => c.id)).toEqual([`C-1/${post}`]);
    const { ledger } = await ledgerWith((s) => setFigure(s, 'rb.uo8.1_2.ap1.2023-12-20.anslagskredit', '1 000'));
    const check = reconcile(ledger).checks.find((c) => c.id === 'C-1/uo8.1_2.ap1')!;
    expect(check).toMatchObject({ status: 'ok', left: '-7000', right: '1000' });
  });

  it('C-4: an utnyttjat överskridande with no överskridande granted is a discrepancy', async () => {
    const { ledger } = await ledgerWith((s) => setFigure(s, 'rb.uo8.1_1.ap1.2024-06-20.medgivet_overskridande', null));
    const result = reconcile(ledger);
    const check = result.checks.find((c) => c.id === `C-4/${post}`)!;
    expect(check.status).toBe('discrepancy');
    expect(check.rightTerms).toEqual([]);
    expect(failingRules(result)).toEqual(['C-4']);
  });

  it('C-8: åtaganden above the regleringsbrev bemyndiganderam are a discrepancy', async () => {
    const { ledger } = await ledgerWith((s) => setFigure(s, 'rb.bemyndiganderam.uo8.1_1.ap1', '25 000'));
    const result = reconcile(ledger);
    const check = result.checks.find((c) => c.id === `C-8/${post}`)!;
    expect(check.status).toBe('discrepancy');
    expect(check.figures).toEqual(['bemyndigande.uo8.1_1.ap1.utgaende_ataganden', 'rb.bemyndiganderam.uo8.1_1.ap1']);
    // The väsentliga uppgifter still print the old ram, which B-24 reports.
    expect(failingRules(result)).toEqual(['B-24', 'C-8']);
  });

  it('C-9: lån i Riksgäldskontoret above the latest låneram is a discrepancy, though within the earlier one', async () => {
    const { ledger } = await ledgerWith((s) => setFigure(s, 'rb.laneram.2024-06-20', '8 000'));
    const result = reconcile(ledger);
    const check = result.checks.find((c) => c.id === 'C-9/br.lan_i_rgk.2024')!;
    expect(check.status).toBe('discrepancy');
    expect(check.figures).toEqual(['br.lan_i_rgk.2024', 'rb.laneram.2024-06-20']);
    expect(failingRules(result)).toEqual(['B-24', 'C-9']);
  });

  it('C-12: an utfall below a golv is a discrepancy', async () => {
    const { ledger } = await ledgerWith((s) => setFigure(s, 'villkor.golv_etablering.utfall', '4 000'));
    const result = reconcile(ledger);
    const check = result.checks.find((c) => c.id === 'C-12/golv_etablering')!;
    expect(check.status).toBe('discrepancy');
    expect(check.figures).toEqual(['villkor.golv_etablering.villkor', 'villkor.golv_etablering.utfall']);
    expect(failingRules(result)).toEqual(['C-12']);
  });

  it('C-12: an utfall exactly at the tak is ok, one printed unit above it is within rounding', async () => {
    const at = reconcile((await ledgerWith((s) => setFigure(s, 'villkor.tak_forvar.utfall', '10 000'))).ledger);
    expect(at.checks.find((c) => c.id === 'C-12/tak_forvar')!.status).toBe('ok');
    const above = reconcile((await ledgerWith((s) => setFigure(s, 'villkor.tak_forvar.utfall', '10 001'))).ledger);
    expect(above.checks.find((c) => c.id === 'C-12/tak_forvar')!.status).toBe('rounding');
  });
});

describe('the test ledger builder', () => {
  it('finds every figure of the base ledger by its id and changes exactly that figure', async () => {
    const { ledger } = await ledgerWith();
    for (const [id, f] of ledger.figures) expect(getFigure(baseSpec(), id), id).toBe(f.printed);
    const spec = baseSpec();
    setFigure(spec, 'not02.nya_lan.2023', '3 500');
    expect(rowOf(spec, 'not02', 'nya_lan').v).toEqual(['4 000', '3 500']);
  });
});

describe('B-26: a part within its whole', () => {
  const part = 'vu.varav_ansokningsavgifter.2024';
  const whole = 'vu.avgiftsintakter_ej_disponeras.2024';
  const b26 = (r: Reconciliation) => ofRule(r, 'B-26').filter((c) => c.figures.includes(part));

  it('a part with the opposite sign of its whole is a discrepancy of the sign check', async () => {
    const { ledger } = await ledgerWith((s) => setFigure(s, part, '-5 000'));
    const failing = b26(reconcile(ledger)).filter((c) => c.status === 'discrepancy');
    expect(failing.map((c) => c.id)).toEqual([`B-26/${part}~${whole}~tecken`]);
  });

  it('a negative whole bounds its negative part by amount: −30 000 within −40 000 holds, −50 000 does not', async () => {
    const within = reconcile((await ledgerWith((s) => (setFigure(s, whole, '-40 000'), setFigure(s, part, '-30 000')))).ledger);
    expect(show(b26(within).filter((c) => c.status === 'discrepancy'))).toBe('');
    const beyond = reconcile((await ledgerWith((s) => (setFigure(s, whole, '-40 000'), setFigure(s, part, '-50 000')))).ledger);
    expect(b26(beyond).filter((c) => c.status === 'discrepancy').map((c) => c.id)).toEqual([`B-26/${part}~${whole}`]);
  });
});

describe('B-17: a product of one amount and one count', () => {
  const units = async (per: string, aa: string) => {
    const { ledger, dir } = await ledgerWith((s) => {
      rowOf(s, 'vu', 'driftkostnad_per_arsarbetskraft').enhet = per;
      rowOf(s, 'vu', 'arsarbetskrafter').enhet = aa;
    });
    try {
      return ofRule(reconcileChecked(dir, ledger), 'B-17').map((c) => c.status);
    } catch (e) {
      // The place as the row it stands in: the nearest `id:` at or above its line.
      const at = (file: string, line = 0) => readFileSync(file, 'utf8').split('\n').slice(0, line).reverse().map((l) => /\bid: ([a-z_0-9]+)/.exec(l)?.[1]).find(Boolean);
      return e instanceof LedgerInputError ? e.errors.map((x) => `${x.code} ${path.basename(x.file)} ${at(x.file, x.line)}`) : [String(e)];
    }
  };

  it('driftkostnad per årsarbetskraft in tkr times årsarbetskrafter in antal ties; in kr it is a discrepancy', async () => {
    expect(await units('tkr', 'antal')).toEqual(['ok', 'ok']);
    expect(await units('kr', 'antal')).toEqual(['discrepancy', 'discrepancy']);
  });

  it('two counts (or two amounts) are an input error at the figure that should be an amount, not a product of counts compared with kronor', async () => {
    for (const per of ['antal', 'procent']) {
      const [error] = await units(per, 'antal');
      expect(error, per).toBe('kontroll.enheter vasentliga-uppgifter.yaml driftkostnad_per_arsarbetskraft');
    }
    expect((await units('tkr', 'tkr'))[0]).toMatch(/enheter/);
  });
});
