/**
 * The arithmetic of a table without prescribed rows (a note, utestående åtaganden): sum
 * rows ("Summa", "Delsumma", "Utgående balans", the table's last row) add up the rows
 * above them, and a last column headed "Summa"/"Totalt" adds up the row. Both serve
 * twice: to decide between the readings of a row the text leaves in doubt (a split "6 568",
 * a row whose empty cells were not printed), and to declare the sums (`summa:`,
 * `kolumnsummor:`) so that `reconcile` checks them. A sum is declared only where most of
 * its columns agree: the structure is then clear, and a column that disagrees is the
 * report's own error, which the check is there to find.
 */
import { Decimal } from '../domain/amount.js';
import type { Cell } from './cells.js';

/** A row's figures, one cell per column; an empty cell has no value. */
export type Vec = readonly Cell[];

export interface DraftRow {
  readonly label: string;
  /** The reading without doubt, or the one the sums chose. */
  sure?: Vec;
  /** Readings in doubt, for the sums to decide between. */
  readonly options: readonly Vec[];
}

/** Labels of rows that total the rows above them. */
export const SUM_LABEL = /^(summa|delsumma|totalt?|utgående)\b/i;
/** Column heads of a column that totals the row. */
export const TOTAL_HEAD = /^(summa|totalt?)\b/i;

export const EMPTY: Cell = { printed: '–', value: null, digits: 0, small: false };
const vecKey = (v: Vec) => v.map((c) => c.printed).join('|');

/** Printed figures are rounded: a sum of n terms may be off by up to (n + 1) / 2 units. */
export const within = (sum: Decimal, printed: Decimal, terms: number) => sum.minus(printed).abs().lte((terms + 1) / 2);

function agrees(parts: readonly (Decimal | null)[], total: Decimal): boolean {
  const terms = parts.filter((p): p is Decimal => p !== null);
  return within(terms.reduce((s, p) => s.plus(p), new Decimal(0)), total, terms.length);
}

/** Options left after the row's own arithmetic (last column = sum of the others). */
export function byRowSum(rows: readonly DraftRow[]): void {
  for (const r of rows) {
    if (r.sure || !r.options.length) continue;
    const fit = distinct(r.options.filter((v) => rowSumAgrees(v) === true));
    if (fit.length === 1) r.sure = fit[0];
  }
}

/**
 * true/false: the last cell is/is not the sum of the others; undefined: nothing to check
 * (fewer than `minParts` of the others are figures other than zero).
 */
function rowSumAgrees(v: Vec, minParts = 1): boolean | undefined {
  const total = v[v.length - 1]?.value;
  const parts = v.slice(0, -1).map((c) => c.value);
  if (!total || parts.filter((p) => p !== null && !p.isZero()).length < Math.max(1, minParts)) return undefined;
  return agrees(parts, total);
}

const MAX_COMBINATIONS = 20000;

/**
 * Rows in doubt decided by the sum rows below them. For each sum row, each run of rows
 * right above it (other sum rows passed over, their parts being in the run) is tried with
 * every combination of the doubtful rows' options; a combination is valid when each column
 * in which a doubtful row places a figure adds up to the sum row's figure. A run whose valid
 * combinations all give a row the same figures is a verdict on that row; a row is decided
 * when it has verdicts and they all agree. Decided rows may decide others: repeated.
 */
export function bySums(rows: readonly DraftRow[]): void {
  for (let pass = 0; pass < 3; pass++) {
    const verdicts = new Map<DraftRow, Map<string, Vec>>();
    rows.forEach((s, i) => {
      if ((!s.sure && !s.options.length) || (!SUM_LABEL.test(s.label) && i !== rows.length - 1)) return;
      for (let j = i - 1; j >= 0; j--) {
        const run = rows.slice(j, i).filter((r) => !SUM_LABEL.test(r.label) && (r.sure || r.options.length));
        const doubtful = run.filter((r) => !r.sure);
        if (!doubtful.length && s.sure) continue;
        if (doubtful.reduce((n, r) => n * r.options.length, s.sure ? 1 : s.options.length) > MAX_COMBINATIONS) break;
        for (const [r, v] of judge(run, doubtful, s)) verdicts.set(r, (verdicts.get(r) ?? new Map()).set(vecKey(v), v));
      }
    });
    let changed = false;
    for (const [r, vs] of verdicts) {
      if (vs.size !== 1 || r.sure) continue;
      r.sure = [...vs.values()][0];
      changed = true;
    }
    if (!changed) return;
  }
}

/**
 * The rows in doubt of a run (and the sum row, if it is in doubt too) that every valid
 * combination gives the same figures.
 */
function judge(run: readonly DraftRow[], doubtful: readonly DraftRow[], sum: DraftRow): Map<DraftRow, Vec> {
  const all = sum.sure ? doubtful : [...doubtful, sum];
  const seen = new Map<DraftRow, Map<string, Vec>>(all.map((r) => [r, new Map()]));
  const walk = (j: number, pick: Map<DraftRow, Vec>) => {
    if (j === all.length) {
      if (valid(run, pick, sum)) for (const [r, v] of pick) seen.get(r)!.set(vecKey(v), v);
      return;
    }
    for (const v of all[j]!.options) walk(j + 1, new Map(pick).set(all[j]!, v));
  };
  walk(0, new Map());
  const out = new Map<DraftRow, Vec>();
  for (const [r, vs] of seen) if (vs.size === 1) out.set(r, [...vs.values()][0]!);
  return out;
}

/** Each column in which a row in doubt places a figure adds up to the sum row's figure. */
function valid(run: readonly DraftRow[], pick: ReadonlyMap<DraftRow, Vec>, sum: DraftRow): boolean {
  const total = pick.get(sum) ?? sum.sure!;
  const checked = new Set<number>();
  for (const v of pick.values()) v.forEach((c, col) => c.value !== null && checked.add(col));
  for (const col of checked) {
    const want = total[col]?.value;
    if (!want) return false;
    const parts = run.map((r) => (pick.get(r) ?? r.sure)?.[col]?.value ?? null);
    if (!parts.some((p) => p !== null) || !agrees(parts, want)) return false;
  }
  return checked.size > 0;
}

export interface SumDeclaration {
  /** Index of the sum row, and the indices of the rows it adds. */
  readonly row: number;
  readonly parts: readonly number[];
}

/**
 * The sums a table shows: for each sum row, the run of rows right above it (a declared sum
 * standing for its parts) that most of its columns agree with. The table's last row, not
 * labelled as a sum, is one only when every column agrees and it adds two rows or more. A
 * row left out (`undefined`) ends every run: a sum over it would be checked without it.
 */
export function declareSums(values: readonly (Vec | undefined)[], labels: readonly string[]): SumDeclaration[] {
  const out: SumDeclaration[] = [];
  let open: (number | null)[] = [];
  values.forEach((v, i) => {
    const labelled = SUM_LABEL.test(labels[i]!);
    if (!v || (!labelled && i !== values.length - 1)) {
      open.push(v ? i : null);
      return;
    }
    let best: { parts: number[]; agree: number; disagree: number } | undefined;
    for (let n = 1; n <= open.length && open[open.length - n] !== null; n++) {
      const parts = open.slice(open.length - n) as number[];
      const { agree, disagree } = score(parts.map((p) => values[p]!), v);
      if (!best || agree > best.agree || (agree === best.agree && disagree < best.disagree)) best = { parts, agree, disagree };
    }
    const ok = best && (labelled ? best.agree > best.disagree : best.disagree === 0 && best.agree > 0 && best.parts.length >= 2);
    if (best && ok) {
      out.push({ row: i, parts: best.parts });
      open = open.slice(0, open.length - best.parts.length);
    }
    open.push(i);
  });
  return out;
}

/** Columns in which the total has a figure and a part has one: agreeing and not. */
function score(parts: readonly Vec[], total: Vec): { agree: number; disagree: number } {
  let agree = 0;
  let disagree = 0;
  total.forEach((cell, col) => {
    const values = parts.map((p) => p[col]?.value ?? null);
    if (!cell.value || values.every((x) => x === null)) return;
    if (agrees(values, cell.value)) agree++;
    else disagree++;
  });
  return { agree, disagree };
}

/**
 * A last column that totals the other columns, to declare as `kolumnsummor`. Evidence is a
 * row with two or more figures besides the total: headed "Summa"/"Totalt", most such rows
 * agree; otherwise three rows at least, and at most one in ten (or one) that does not.
 */
export function totalColumn(values: readonly (Vec | undefined)[], heads: readonly string[]): boolean {
  if (heads.length < 3) return false;
  const results = values.flatMap((v) => (v ? [rowSumAgrees(v, 2)] : [])).filter((x) => x !== undefined);
  const agree = results.filter((x) => x).length;
  const disagree = results.length - agree;
  return TOTAL_HEAD.test(heads[heads.length - 1]!) ? agree > disagree : agree >= 3 && disagree <= Math.max(1, Math.floor(agree / 10));
}

/** Readings with different figures, each once. */
export function distinct(vs: readonly Vec[]): Vec[] {
  const seen = new Map<string, Vec>();
  for (const v of vs) if (!seen.has(vecKey(v))) seen.set(vecKey(v), v);
  return [...seen.values()];
}
