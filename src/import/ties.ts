/**
 * Notes' rows tied to the statement lines they specify, by the statements' note
 * references: in note N, the row whose figures are the statement line's, in every period
 * column both have (the same or negated), gets `specificerar`. A sum row is preferred,
 * then the last such row. Where no row of the note carries the line's figures, nothing is
 * tied: the importer does not guess which row was meant.
 */
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
      const pairs = shared.map(([i, j]) => [norm(line.v![i]), norm(r.v![j])] as const).filter(([a, b]) => a !== null && b !== null);
      if (!pairs.length || pairs.every(([a]) => a === '0')) continue;
      if (pairs.every(([a, b]) => a === b)) matches.push({ row: r, sign: '' });
      else if (pairs.every(([a, b]) => a === negate(b!))) matches.push({ row: r, sign: '-' });
    }
  }
  return matches.find((m) => /^summa\b/i.test(m.row.text)) ?? matches[matches.length - 1];
}

const norm = (printed: string | undefined) => (printed === undefined || printed === '–' ? null : printed.replace(/\s/g, '').replace(/^-0$/, '0'));
const negate = (s: string) => (s === '0' ? '0' : s.startsWith('-') ? s.slice(1) : `-${s}`);
