/**
 * The importer's ties of note rows to the statement lines they specify (src/import/ties.ts):
 * figures are compared by exact value, whatever the printed form, and with either sign; a
 * line whose figures are all zero, or a row whose cells are no amounts, is not tied.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedRow, ImportedTable } from '../src/import/model.js';
import { specify } from '../src/import/ties.js';

const COLUMNS = [
  { id: 'ar0', rubrik: '2024' },
  { id: 'ar1', rubrik: '2023' },
];
const table = (id: string, typ: ImportedTable['typ'], rader: ImportedRow[], not?: number): ImportedTable => ({ id, titel: id, typ, enhet: 'tkr', kolumner: COLUMNS, rader, ...(not ? { not } : {}) });
const rr = (v: string[]) => table('rr', 'resultatrakning', [{ id: 'intakter', text: 'Intäkter', v, not: 3 }]);
const note = (rader: ImportedRow[]) => table('not3', 'not', rader, 3);
const ties = (statement: ImportedTable, n: ImportedTable) => specify([n], [statement])[0]!.rader.map((r) => r.specificerar ?? null);

describe('ties of note rows to statement lines', () => {
  it('compares exact values: digit grouping, a decimal comma and trailing zeros do not matter', () => {
    expect(ties(rr(['1 234', '-56']), note([{ id: 'a', text: 'Avgifter', v: ['1234,0', '−56'] }]))).toEqual(['rr.intakter']);
  });

  it('ties a row printed with the opposite sign as negated, whichever minus sign the report prints', () => {
    expect(ties(rr(['1 234', '56']), note([{ id: 'a', text: 'Avgifter', v: ['−1 234', '– 56'] }]))).toEqual(['-rr.intakter']);
  });

  it('prefers a sum row, and ties nothing where no row carries the figures', () => {
    const rows: ImportedRow[] = [
      { id: 'a', text: 'Avgifter', v: ['1 234', '56'] },
      { id: 'summa', text: 'Summa', v: ['1 234', '56'] },
    ];
    expect(ties(rr(['1 234', '56']), note(rows))).toEqual([null, 'rr.intakter']);
    expect(ties(rr(['1 235', '56']), note(rows))).toEqual([null, null]);
  });

  it('ties no line whose figures are all zero, and no row whose cells are no amounts', () => {
    expect(ties(rr(['0', '-0']), note([{ id: 'a', text: 'Avgifter', v: ['0', '0'] }]))).toEqual([null]);
    expect(ties(rr(['n/a', 'n/a']), note([{ id: 'a', text: 'Avgifter', v: ['n/a', 'n/a'] }]))).toEqual([null]);
  });
});
