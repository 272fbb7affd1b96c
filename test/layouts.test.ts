/**
 * Layout versions as data: every line a rule names exists in every version, no rule names a
 * line in code, and a check a rule cannot make is reported as not applicable with its reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYOUT_VERSIONS, lineRefs } from '../src/domain/layouts/index.js';
import { BOOK_RULES } from '../src/rules/books.js';
import { reconcile } from '../src/rules/engine.js';
import { ledgerWith, loadSpec, removeLedgers, tableOf, type LedgerSpec, type PlainMap } from './helpers/ledger.js';
import { naText } from './helpers/not-applicable.js';

afterAll(removeLedgers);

const versions = [...LAYOUT_VERSIONS.values()];

describe.each(versions.map((v) => [v.id, v] as const))('layout version %s', (_id, version) => {
  const has = (kind: string, line: string) => !!version.layouts.find((l) => l.kind === kind)?.lines.some((x) => x.id === line);

  it('has every line its rules name', () => {
    const refs = lineRefs(version.regler);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter(([kind, line]) => !has(kind, line))).toEqual([]);
  });

  it('sums, equalities and openings name lines of the same layout', () => {
    for (const layout of version.layouts) {
      const named = [
        ...layout.lines.flatMap((l) => (l.sum ?? []).map((s) => s.replace(/^-/, ''))),
        ...(layout.equal ?? []).flatMap((e) => [e.left, e.right]),
        ...(layout.opening ?? []).flatMap((o) => [o.opening, o.closing]),
      ];
      expect(named.filter((line) => !has(layout.kind, line)), layout.kind).toEqual([]);
    }
  });
});

describe('the rule catalogue', () => {
  it('names no statement line as a literal: the lines come from the layout data', () => {
    const code = readFileSync(new URL('../src/rules/catalogue.ts', import.meta.url), 'utf8');
    const lines = new Set(versions.flatMap((v) => v.layouts.flatMap((l) => l.lines.map((x) => x.id))));
    expect([...lines].filter((id) => code.includes(`'${id}'`) || code.includes(`"${id}"`))).toEqual([]);
  });
});

describe('the version for agencies without anslag', () => {
  const version = LAYOUT_VERSIONS.get('ESV-2024-utan-anslag')!;

  it('leaves out the anslag lines, from the lines and from the sums', () => {
    const rr = version.layouts.find((l) => l.kind === 'resultatrakning')!;
    expect(rr.lines.map((l) => l.id)).not.toContain('intakter_av_anslag');
    expect(rr.lines.find((l) => l.id === 'summa_intakter')!.sum).toEqual(['intakter_av_avgifter', 'intakter_av_bidrag', 'finansiella_intakter']);
    expect(version.regler.summaAnslagssparande).toBeUndefined();
    expect(version.regler.ties.some((t) => t.left[1] === 'drift_intakter_av_anslag')).toBe(false);
  });

  it('refuses a row for a line the version does not have', async () => {
    const spec = withoutAnslag();
    (tableOf(spec, 'rr').rader as PlainMap[]).unshift({ id: 'intakter_av_anslag', text: 'Intäkter av anslag', v: ['1', '1'] });
    await expect(loadSpec(spec)).rejects.toThrow(/okänd rad "intakter_av_anslag"/);
  });

  it('reconciles such a ledger and reports the anslag rules as not applicable, with the reason', async () => {
    const { ledger } = await loadSpec(withoutAnslag());
    const r = reconcile(ledger);
    expect(r.checks.filter((c) => c.status === 'discrepancy')).toEqual([]);
    expect(naText(r)).toContainEqual({ rule: 'B-15', subject: 'summa anslagssparande', reason: 'layoutversionen ESV-2024-utan-anslag har ingen rad för summa anslagssparande' });
    expect(r.coverage.rulesNotApplicable).toContain('B-15');
    expect(r.summary.notApplicable).toBe(r.notApplicable.length);
  });
});

describe('not applicable', () => {
  it('a ledger without a finansieringsanalys: the FA rules say so, the others run', async () => {
    const { ledger } = await ledgerWith((s) => {
      delete s['finansieringsanalys.yaml'];
      const m = s['ledger.yaml'] as PlainMap;
      m.filer = (m.filer as string[]).filter((f) => f !== 'finansieringsanalys.yaml');
    });
    const r = reconcile(ledger);
    expect(r.coverage.rulesNotApplicable).toEqual(expect.arrayContaining(['A-13', 'B-11']));
    expect(naText(r)).toContainEqual({ rule: 'B-11', subject: 'likvida medel vid årets slut', reason: 'årsredovisningen har ingen finansieringsanalys' });
    expect(naText(r).filter((n) => n.rule === 'B-9').map((n) => n.reason)).toContain('årsredovisningen har ingen finansieringsanalys');
    expect(r.checks.some((c) => c.rule === 'B-1')).toBe(true);
  });

  it('a statement without a line a tie reads: that tie is not applicable, the rule’s other ties run', async () => {
    const { ledger } = await ledgerWith((s) => {
      const vu = tableOf(s, 'vu');
      vu.rader = (vu.rader as PlainMap[]).filter((r) => r.id !== 'balanserad_kapitalforandring');
    });
    const r = reconcile(ledger);
    expect(naText(r)).toContainEqual({
      rule: 'B-2',
      subject: 'VU balanserad_kapitalforandring = BR balanserad_kapitalforandring',
      reason: 'sammanställningen över väsentliga uppgifter har ingen rad balanserad_kapitalforandring',
    });
    expect(r.checks.filter((c) => c.rule === 'B-2').length).toBeGreaterThan(0);
  });

  it('the base ledger, which has every line, has nothing not applicable (but the rules over books it does not have)', async () => {
    const r = reconcile((await ledgerWith()).ledger);
    expect(naText(r).filter((n) => n.reason.startsWith('layoutversionen'))).toEqual([]);
    expect(r.coverage.rulesNotApplicable).toEqual(BOOK_RULES.map((b) => b.id));
  });
});

/** A small agency without anslag: a resultaträkning and a balansräkning only, one year. */
function withoutAnslag(): LedgerSpec {
  const table = (id: string, titel: string, typ: string, rader: [string, string][]): PlainMap => ({
    id, titel, typ, kolumner: [{ id: '2024', rubrik: '2024' }], rader: rader.map(([rid, v]) => ({ id: rid, v: [v] })),
  });
  return {
    'ledger.yaml': { myndighet: 'Avgiftsverket', ar: '2024', layout: 'ESV-2024-utan-anslag', enhet: 'tkr', filer: ['rr.yaml', 'br.yaml'] },
    'rr.yaml': {
      tabeller: [
        table('rr', 'Resultaträkning', 'resultatrakning', [
          ['intakter_av_avgifter', '1 000'], ['summa_intakter', '1 000'],
          ['kostnader_for_personal', '-800'], ['summa_kostnader', '-800'],
          ['verksamhetsutfall', '200'], ['arets_kapitalforandring', '200'],
        ]),
      ],
    },
    'br.yaml': {
      tabeller: [
        table('br', 'Balansräkning', 'balansrakning', [
          ['kassa_och_bank', '1 200'], ['summa_kassa_och_bank', '1 200'], ['summa_tillgangar', '1 200'],
          ['balanserad_kapitalforandring', '1 000'], ['kapitalforandring_enligt_rr', '200'], ['summa_myndighetskapital', '1 200'],
          ['summa_kapital_och_skulder', '1 200'],
        ]),
      ],
    },
  };
}
