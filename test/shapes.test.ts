/**
 * Agency shapes the layout leaves to the ledger: own rows in layout sums (ingar_i), several
 * instances of a line, sign conventions (tecken), total columns (kolumnsummor) and column
 * mappings for ties (kolumnmappning). Each passes on a consistent ledger and fails on a real
 * difference.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { reconcile } from '../src/rules/engine.js';
import type { Reconciliation } from '../src/rules/types.js';
import { baseSpec, ledgerWith, loadSpec, removeLedgers, setFigure, tableOf, type LedgerSpec, type PlainMap } from './helpers/ledger.js';

afterAll(removeLedgers);

const discrepancies = (r: Reconciliation) => r.checks.filter((c) => c.status === 'discrepancy').map((c) => c.id);
const rrRows = (s: LedgerSpec) => tableOf(s, 'rr').rader as PlainMap[];
/** Splits Avskrivningar (−7 000 / −4 000) into two rows: the layout line and `second`. */
function split(s: LedgerSpec, second: PlainMap, first: Partial<PlainMap> = {}) {
  const rows = rrRows(s);
  const i = rows.findIndex((r) => r.id === 'avskrivningar');
  rows[i] = { ...rows[i]!, v: ['-5 000', '-3 000'], ...first };
  rows.splice(i + 1, 0, second);
}
const nedskrivning = (extra: PlainMap = {}): PlainMap => ({ id: 'nedskrivning_byggnad', text: 'Nedskrivning av byggnad', v: ['-2 000', '-1 000'], ...extra });

describe('an own row in a layout sum (ingar_i)', () => {
  it('counts in the total it names', async () => {
    const { ledger } = await ledgerWith((s) => split(s, nedskrivning({ egen: 'true', ingar_i: 'summa_kostnader' })));
    const r = reconcile(ledger);
    expect(discrepancies(r)).toEqual([]);
    const total = r.checks.find((c) => c.id === 'A-1/rr.summa_kostnader.2024')!;
    expect(total.figures).toContain('rr.nedskrivning_byggnad.2024');
  });

  it('without ingar_i, it is left out and the total is a discrepancy', async () => {
    const { ledger } = await ledgerWith((s) => split(s, nedskrivning({ egen: 'true' })));
    expect(discrepancies(reconcile(ledger))).toEqual(['A-1/rr.summa_kostnader.2024', 'A-1/rr.summa_kostnader.2023']);
  });

  it('naming a line that is no sum is an input error at the value', async () => {
    await expect(ledgerWith((s) => split(s, nedskrivning({ egen: 'true', ingar_i: 'avskrivningar' })))).rejects.toThrow(
      /ingar_i i rr\.nedskrivning_byggnad: "avskrivningar" är ingen summarad i layouten ESV-2024/,
    );
  });
});

describe('a second instance of a layout line', () => {
  it('counts whether or not another row carries the line id', async () => {
    const second = nedskrivning({ rad: 'avskrivningar' });
    const withId = reconcile((await ledgerWith((s) => split(s, second))).ledger);
    expect(discrepancies(withId)).toEqual([]);
    const neither = reconcile((await ledgerWith((s) => split(s, second, { id: 'avskrivningar_1', rad: 'avskrivningar' }))).ledger);
    expect(discrepancies(neither)).toEqual([]);
    expect(neither.checks.find((c) => c.id === 'A-1/rr.summa_kostnader.2024')!.figures).toEqual(
      expect.arrayContaining(['rr.avskrivningar_1.2024', 'rr.nedskrivning_byggnad.2024']),
    );
  });
});

describe('sign convention (tecken)', () => {
  /** The resultaträkning printed with costs and medel till statens budget without a minus. */
  const unsigned = (s: LedgerSpec, declare: boolean) => {
    for (const r of rrRows(s)) {
      if (['kostnader_for_personal', 'kostnader_for_lokaler', 'ovriga_driftkostnader', 'finansiella_kostnader', 'avskrivningar', 'summa_kostnader', 'uppbord_medel_till_statens_budget', 'transf_lamnade_bidrag'].includes(r.id as string)) {
        r.v = (r.v as string[]).map((v) => v.replace(/^-/, ''));
      }
    }
    if (declare) tableOf(s, 'rr').tecken = 'kostnader_utan_minus';
  };

  it('declared once, the figures are normalised when loaded and keep their printed form', async () => {
    const { ledger } = await ledgerWith((s) => unsigned(s, true));
    const f = ledger.figures.get('rr.kostnader_for_personal.2024')!;
    expect(f.printed).toBe('60 000');
    expect(f.value!.toString()).toBe('-60000');
    expect(f.negated).toBe(true);
    expect(ledger.figures.get('rr.intakter_av_anslag.2024')!.negated).toBeUndefined();
    expect(discrepancies(reconcile(ledger))).toEqual([]);
  });

  it('undeclared, the same figures are discrepancies', async () => {
    const { ledger } = await ledgerWith((s) => unsigned(s, false));
    expect(discrepancies(reconcile(ledger)).length).toBeGreaterThan(0);
  });

  it('a cost printed with a minus in an unsigned table is a reversal, and counts as such', async () => {
    const { ledger } = await ledgerWith((s) => {
      unsigned(s, true);
      setFigure(s, 'rr.finansiella_kostnader.2024', '-100');
    });
    expect(ledger.figures.get('rr.finansiella_kostnader.2024')!.value!.toString()).toBe('100');
    expect(discrepancies(reconcile(ledger))).toContain('A-1/rr.summa_kostnader.2024');
  });

  it('is refused on a note, where no line says what a cost is', async () => {
    const spec = baseSpec();
    tableOf(spec, 'arenden').tecken = 'kostnader_utan_minus';
    await expect(loadSpec(spec)).rejects.toThrow(/tecken i tabell arenden: gäller bara resultaträkning, balansräkning och finansieringsanalys/);
  });
});

describe('total columns and column mappings', () => {
  it('a Totalt column is checked against its areas in every row', async () => {
    const r = reconcile((await ledgerWith()).ledger);
    expect(r.checks.filter((c) => c.rule === 'A-21').map((c) => c.id)).toEqual(['A-21/avgifter.intakter.totalt', 'A-21/avgifter.kostnader.totalt', 'A-21/avgifter.resultat.totalt']);
  });

  it('a tie to a table with other column ids goes through the mapping, and finds a difference', async () => {
    const tie = 'B-22/avgifter.intakter.totalt~rr.intakter_av_avgifter.2024';
    expect(reconcile((await ledgerWith()).ledger).checks.find((c) => c.id === tie)?.status).toBe('ok');
    const { ledger } = await ledgerWith((s) => {
      setFigure(s, 'avgifter.intakter.register', '2 500');
      setFigure(s, 'avgifter.intakter.totalt', '5 500');
    });
    expect(discrepancies(reconcile(ledger))).toEqual([tie]);
  });

  it('an unknown column in kolumnsummor or kolumnmappning is an input error', async () => {
    const spec = baseSpec();
    tableOf(spec, 'avgifter').kolumnsummor = [{ kolumn: 'summa', summa: ['tillstand', 'register'] }];
    tableOf(spec, 'avgifter').kolumnmappning = { total: '2024' };
    const message = await loadSpec(spec).catch((e: Error) => e.message);
    expect(message).toMatch(/kolumnsummor i tabell avgifter: okänd kolumn "summa": förväntade en av tillstand, register, totalt/);
    expect(message).toMatch(/kolumnmappning i tabell avgifter: okänd kolumn "total"/);
  });
});

