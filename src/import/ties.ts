/**
 * Notes' rows tied to the statement lines they specify, by the statements' note
 * references: in note N, the row whose figures are the statement line's, in every period
 * column both have (the same or negated), gets `specificerar`. A sum row is preferred,
 * then the last such row. Where no row of the note carries the line's figures, nothing is
 * tied: the importer does not guess which row was meant. Figures are compared by their
 * exact value (`1 234`, `1234,0` and `−1 234` negated are the same), not as printed.
 */
import { parseAmount, type Decimal } from '../domain/amount.js';
import type { ImportedRow, ImportedTable } from './model.js';

export function specify(notes: readonly ImportedTable[], statements: readonly ImportedTable[]): ImportedTable[] {
  const ties = new Map<ImportedRow, string>();
  for (const st of statements) {
    if (st.typ === 'vasentliga_uppgifter') continue;
    for (const row of st.rader) {
      if (row.not === undefined || !row.v) continue;
      const found = bestRow(notes.filter((t) => t.not === row.not), st, row, ties);
      if (found) ties.set(found.row, `${found.sign}${st.id}.${row.id}`);
    }
  }
  return notes.map((t) => ({ ...t, rader: t.rader.map((r) => (ties.has(r) ? { ...r, specificerar: ties.get(r)! } : r)) }));
}

function bestRow(tables: readonly ImportedTable[], st: ImportedTable, line: ImportedRow, taken: ReadonlyMap<ImportedRow, string>) {
  const matches: { row: ImportedRow; sign: '' | '-' }[] = [];
  for (const t of tables) {
    const shared = st.kolumner.map((c, i) => [i, t.kolumner.findIndex((n) => n.id === c.id)] as const).filter(([, j]) => j >= 0);
    if (!shared.length) continue;
    for (const r of t.rader) {
      if (taken.has(r) || !r.v) continue;
      const pairs = shared.map(([i, j]) => [value(line.v![i]), value(r.v![j])] as const).filter((p): p is readonly [Decimal, Decimal] => p[0] !== null && p[1] !== null);
      if (!pairs.length || pairs.every(([a]) => a.isZero())) continue;
      if (pairs.every(([a, b]) => a.eq(b))) matches.push({ row: r, sign: '' });
      else if (pairs.every(([a, b]) => a.eq(b.neg()))) matches.push({ row: r, sign: '-' });
    }
  }
  return matches.find((m) => /^summa\b/i.test(m.row.text)) ?? matches[matches.length - 1];
}

/** A printed figure's exact value; null for none (empty, a dash) or for text that is no amount. */
function value(printed: string | undefined): Decimal | null {
  if (printed === undefined) return null;
  const p = parseAmount(printed);
  return p.ok ? p.value : null;
}
