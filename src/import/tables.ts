/**
 * Tables without prescribed rows (notes, utestående åtaganden): a table starts at a line
 * of column years; column heads over consecutive lines add up; rows take ids from labels.
 * A row read without doubt is kept; a row in doubt (a split such as "6 568", fewer figures
 * than columns because empty cells were not printed) is kept only where the table's sums
 * decide it (src/import/sums.ts). A repeated column head after a page break continues the
 * table; after a sum row, or on the same page, it starts a new one (a sub-specification).
 */
import type { SourceLine } from './source.js';
import type { ImportedRow, Skipped } from './model.js';
import { choose, type Cell } from './cells.js';
import { findColumns, isHeaderLine, joinLabel, numberBearing, readRow, uniqueIds, unitOf, type Candidate, type Columns } from './rows.js';
import { isContinuation } from './sections.js';
import { key } from './statements.js';
import { freshId, slugId } from './ids.js';
import { byRowSum, bySums, declareSums, distinct, EMPTY, SUM_LABEL, TOTAL_HEAD, totalColumn, type DraftRow, type Vec } from './sums.js';

export interface ReadTable {
  readonly cols: Columns;
  /** The line above the table's head that names it ("Specifikation av …"), for a table after the first. */
  readonly heading?: string;
  readonly rows: ImportedRow[];
  /** The last column totals the others (`kolumnsummor`). */
  readonly totalColumn: boolean;
}

interface Row extends DraftRow {
  readonly line: SourceLine;
}

interface Draft {
  cols: Columns;
  heading?: string;
  rows: Row[];
  /** A "Fortsättning" line since the last row: a repeated head continues the table. */
  continued: boolean;
  /** Words of a multi-line head of named columns, to tell a total column. */
  headText: string;
}

/** A line with at least one figure at its end. */
export const ONE: Columns = { ids: ['a'], rubriker: ['a'], note: 'none', unit: 'tkr' };
export const skip = (l: SourceLine, reason: string): Skipped => ({ nr: l.nr, page: l.page, text: l.text, reason });

/** A label that is a sentence, not a row: ends with a full stop or runs long. */
const isProse = (label: string) => (/[.:;]$/.test(label.trim()) && !/\bm\.?\s?m\.$|\bm\.fl\.$/.test(label.trim())) || label.split(/\s+/).length > 16;

/** Placements of a short reading's cells into k columns tried at most, per row. */
const MAX_PLACEMENTS = 200;

interface State {
  readonly tables: Draft[];
  /** Lines without figures since the last row: a label's first lines, a table's title. */
  pending: SourceLine[];
}

export function readTables(body: readonly SourceLine[], broken: boolean, skipped: Skipped[]): ReadTable[] {
  const st: State = { tables: [], pending: [] };
  for (const l of body) if (l.text && !structure(st, l)) rowLine(st, l, broken, skipped);
  return st.tables.map((t) => finish(t, skipped)).filter((t) => t.rows.length);
}

function open(st: State, cols: Columns, headText = ''): void {
  const heading = st.pending.map((p) => p.text).filter((t) => /\p{L}/u.test(t) && !/\d{3}/.test(t)).at(-1);
  st.tables.push({ cols, rows: [], continued: false, headText, ...(st.tables.length && heading ? { heading } : {}) });
  st.pending = [];
}

/** Lines that shape the tables: page-break marks and column heads (new, repeated, per year, named). */
function structure(st: State, l: SourceLine): boolean {
  const cur = st.tables[st.tables.length - 1];
  if (isContinuation(l.text)) {
    if (cur) cur.continued = true;
    return true;
  }
  if (cur && cur.rows.length && isHeaderLine(l.text, cur.cols)) {
    if (startsNew(cur, l)) open(st, cur.cols);
    return true;
  }
  const head = findColumns([l]);
  if (head) {
    if (cur && !cur.rows.length) cur.cols = mergeColumns(cur.cols, head.cols);
    else open(st, head.cols);
    return true;
  }
  const sub = cur && !cur.rows.length && !st.pending.length ? subColumns(l.text, cur.cols) : undefined;
  if (sub) {
    cur!.cols = sub;
    return true;
  }
  // "Specifikation" with named columns and no years (myndighetskapitalet's table): the
  // columns are counted on its first row, which must have one reading without doubt.
  if (/^specifikation\b(?!\s+av\b)/i.test(l.text) && !/\d/.test(l.text)) {
    open(st, { ids: [], rubriker: [], note: 'none', unit: unitOf(l.text) }, l.text);
    return true;
  }
  return false;
}

/** A line that may be a row of the current table, or part of a label, or prose. */
function rowLine(st: State, l: SourceLine, broken: boolean, skipped: Skipped[]): void {
  const cur = st.tables[st.tables.length - 1];
  if (cur && !cur.cols.ids.length) countColumns(cur, l);
  const row = cur && cur.cols.ids.length ? readLine(l, cur.cols, st.pending, broken, skipped) : undefined;
  if (row && row !== 'skipped') {
    cur!.rows.push(row);
    cur!.continued = false;
  }
  if (row) {
    st.pending = [];
    return;
  }
  if (numberBearing(l.text) && readRow(l, ONE)) skipped.push(skip(l, cur ? `antalet tal passar inte tabellens ${cur.cols.ids.length} kolumner, eller löptext` : 'tal utanför en tabell med kolumnrubriker'));
  else if (cur && !cur.rows.length) cur.headText += ` ${l.text}`;
  // A footnote ("1 Avser …") starts no label.
  st.pending = /^\d{1,2}\s/.test(l.text) ? [] : [...st.pending, l].slice(-2);
}

/** A repeated head starts a new table unless the page broke (or "Fortsättning") since the last row, not after a sum. */
function startsNew(t: Draft, l: SourceLine): boolean {
  const last = t.rows[t.rows.length - 1]!;
  return !t.continued && (SUM_LABEL.test(last.label) || last.line.page === l.page);
}

/** Columns counted on the first row of a table with named heads: one reading without doubt. */
function countColumns(t: Draft, l: SourceLine): void {
  const k = fewestCells(l);
  if (!k) return;
  const names = Array.from({ length: k }, (_, i) => `Kolumn ${i + 1}`);
  // A head ending in "Summa" or "Totalt" names the last column.
  const last = /\b(summa|totalt?)\s*$/i.exec(t.headText)?.[1];
  if (last) names[k - 1] = last.charAt(0).toUpperCase() + last.slice(1).toLowerCase();
  t.cols = { ...t.cols, ids: names.map((n, i) => (i === k - 1 && last ? slugId(n) : `kolumn_${i + 1}`)), rubriker: names, named: true };
}

/**
 * One line of a table as a row: without doubt (`sure`), or with the readings the sums may
 * decide between; 'skipped' for prose or a row that cannot be read at all.
 */
function readLine(l: SourceLine, cols: Columns, pending: readonly SourceLine[], broken: boolean, skipped: Skipped[]): Row | 'skipped' | undefined {
  const k = cols.ids.length;
  const raw = readRow(l, cols, cols.note === 'none' ? 1 : k);
  if (!raw) return undefined;
  const full = raw.candidates.filter((c) => c.values.length === k);
  const short = raw.candidates.filter((c) => c.values.length < k);
  const label = rowLabel(raw.candidates[0]!, pending, broken);
  if (!label || isProse(label)) {
    skipped.push(skip(l, 'löptext med tal, inte en tabellrad'));
    return 'skipped';
  }
  const best = choose(full, key);
  if (best.ok && !best.value.doubtfulSplits) return { line: l, label, sure: best.value.values, options: [] };
  const options = distinct([...full.map((c) => c.values), ...placements(short, k)]);
  return { line: l, label, options };
}

function rowLabel(c: Candidate, pending: readonly SourceLine[], broken: boolean): string {
  const continuation = /^\p{Ll}/u.test(c.label) || (pending.length > 0 && /[-,]$|\b(och|av|för|från|med|i|till|som|samt|enligt)$/.test(pending[pending.length - 1]!.text.trim()));
  const parts = continuation ? pending.slice(-1) : [];
  return joinLabel([...parts.map((p) => ({ text: p.text, trailingSpace: p.trailingSpace })), { text: c.label, trailingSpace: true }], broken);
}

/** Every way to put a short reading's cells, in order, into k columns, the others empty. */
function placements(short: readonly Candidate[], k: number): Vec[] {
  const out: Vec[] = [];
  const place = (cells: readonly Cell[], from: number, acc: Cell[]) => {
    if (out.length > MAX_PLACEMENTS) return;
    if (acc.length === k) {
      if (!cells.length) out.push(acc);
      return;
    }
    if (cells.length) place(cells.slice(1), from + 1, [...acc, cells[0]!]);
    if (k - acc.length > cells.length) place(cells, from + 1, [...acc, EMPTY]);
  };
  for (const c of short) place(c.values, 0, []);
  return out.length > MAX_PLACEMENTS ? [] : out;
}

/** Resolves the rows in doubt by the sums, declares the sums, reports what stays in doubt. */
function finish(t: Draft, skipped: Skipped[]): ReadTable {
  const heads = t.cols.rubriker;
  const total = TOTAL_HEAD.test(heads[heads.length - 1] ?? '') || totalColumn(t.rows.map((r) => r.sure), heads);
  if (total && heads.length >= 3) byRowSum(t.rows);
  bySums(t.rows);
  for (const r of t.rows) {
    if (!r.sure) skipped.push(skip(r.line, r.options.length > 1 ? 'raden kan läsas på flera sätt (ett tal kan vara delat, eller tomma celler är inte utskrivna) och ingen summa avgör; utelämnad hellre än gissad' : 'antalet tal passar inte tabellens kolumner, och ingen summa avgör var de står; utelämnad hellre än gissad'));
  }
  const ids = new Set<string>();
  const byIndex = t.rows.map((r): ImportedRow | undefined => {
    if (!r.sure) return undefined;
    const id = freshId(slugId(r.label) || 'rad', ids);
    return { id, text: r.label, v: r.sure.map((x) => x.printed), seed: String(r.line.nr), ...(r.line.page ? { sida: r.line.page } : {}) };
  });
  for (const d of declareSums(t.rows.map((r) => r.sure), t.rows.map((r) => r.label))) {
    byIndex[d.row] = { ...byIndex[d.row]!, summa: d.parts.map((p) => byIndex[p]!.id) };
  }
  const rows = byIndex.filter((r): r is ImportedRow => r !== undefined);
  const kept = t.rows.filter((r) => r.sure);
  return {
    cols: t.cols,
    rows,
    totalColumn: totalColumn(kept.map((r) => r.sure), heads),
    ...(t.heading ? { heading: t.heading } : {}),
  };
}

/**
 * A line of words under the years that repeats per year ("Intäkter Kostnader Intäkter
 * Kostnader" under "2024 2023"): each year has those columns.
 */
function subColumns(text: string, cols: Columns): Columns | undefined {
  if (/\d/.test(text)) return undefined;
  const words = text.split(/\s+/).filter(Boolean);
  const k = cols.ids.length;
  if (words.length < 2 * k || words.length % k) return undefined;
  const per = words.length / k;
  const names = words.slice(0, per);
  if (!words.every((w, i) => w === names[i % per]) || !names.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return undefined;
  const ids = cols.ids.flatMap((y) => names.map((n) => `${y}_${slugId(n)}`));
  const rubriker = cols.rubriker.flatMap((y) => names.map((n) => `${n} ${y}`));
  return { ...cols, ids, rubriker };
}

/**
 * The fewest figures a row can be read as (every three-digit group joined to the number
 * before it), if exactly one reading has that many: the column count of a table whose
 * heads are names, read from its first row.
 */
function fewestCells(l: SourceLine): number | undefined {
  const probe = readRow(l, { ids: Array.from({ length: 12 }, (_, i) => String(i)), rubriker: [], note: 'none', unit: 'tkr' }, 1);
  if (!probe) return undefined;
  const min = Math.min(...probe.candidates.map((r) => r.values.length));
  return min >= 2 && probe.candidates.filter((r) => r.values.length === min).length === 1 ? min : undefined;
}

function mergeColumns(a: Columns, b: Columns): Columns {
  const ids = uniqueIds([...a.ids, ...b.ids]);
  return { ids, rubriker: [...a.rubriker, ...b.rubriker], note: a.note === 'none' ? b.note : a.note, unit: a.unit };
}

