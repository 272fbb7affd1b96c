/**
 * The figures at the end of a printed row. In a text layer the thousands separator and
 * the column gap are often the same single space, so "1 907 064 1 979 748" can be read in
 * several ways. `readings` lists every reading that the grouping rules allow (a number is
 * a group of one to three digits, then groups of exactly three; a dash is an empty cell or
 * a sign); the caller keeps those that fit the table's columns and its arithmetic, and
 * `choose` takes the best one only when it is clearly the best.
 */
import { Decimal } from '../domain/amount.js';

export interface Cell {
  /** As printed, thousands separated by single spaces, the sign glued: `-4 756 846`, `–`. */
  readonly printed: string;
  /** null: an empty cell ("–"). */
  readonly value: Decimal | null;
  /** Integer digits printed (0 for an empty cell), for the magnitude heuristic. */
  readonly digits: number;
  /** A bare integer of at most three digits, unsigned: could be a note reference. */
  readonly small: boolean;
}

export interface Reading {
  /** Leading tokens that belong to the label, not to the figures. */
  readonly leftover: number;
  readonly cells: readonly Cell[];
  /**
   * Cells split where the print could be one number: a one- or two-digit number followed,
   * after a single space, by a three-digit one ("6 568" read as 6 and 568).
   */
  readonly doubtfulSplits: number;
  /** Unusual readings cost: a dash read against its typical use, label digits. */
  readonly penalty: number;
}

export interface Tokens {
  /** The label part: everything before the first token that could be a figure. */
  readonly label: string;
  /** Figure-like tokens at the end of the line. */
  readonly tokens: readonly string[];
  /** hard[i]: token i follows two or more spaces (a column gap, never inside a number). */
  readonly hard: readonly boolean[];
  /** Layout text: a single space is never a column gap (see SourceLine.layout). */
  readonly layout: boolean;
}

const FIGURE_TOKEN = /^(?:-?\d+(?:,\d+)?|[-–—])$/;
/** Footnote markers: superscript digits anywhere, digits glued to the end of a word. */
const SUPERSCRIPTS = /[\u00b9\u00b2\u00b3\u2070-\u2079]/g;

/** Splits a normalised line into its label and the figure-like tokens that end it. */
export function splitTokens(line: string, layout = false): Tokens {
  const parts = line.replace(SUPERSCRIPTS, ' ').split(/( +)/);
  const words: { w: string; hard: boolean }[] = [];
  let gap = '';
  for (const p of parts) {
    if (/^ +$/.test(p)) gap = p;
    else if (p) {
      words.push({ w: p, hard: gap.length >= 2 });
      gap = '';
    }
  }
  let start = words.length;
  while (start > 0 && FIGURE_TOKEN.test(words[start - 1]!.w)) start--;
  const label = words.slice(0, start).map((x) => x.w).join(' ');
  return { label, tokens: words.slice(start).map((x) => x.w), hard: words.slice(start).map((x) => x.hard), layout };
}

const isDash = (t: string) => /^[-–—]$/.test(t);
const GROUP = /^\d{3}(?:,\d+)?$/;

/** Every way the tokens [from, end) can be read as numbers and empty cells. */
interface Partition {
  cells: Cell[];
  penalty: number;
  /** Token index where each cell starts. */
  starts: number[];
}

function partitions(t: Tokens, from: number, max: number, limit: number): Partition[] {
  const out: Partition[] = [];
  const starts: number[] = [];
  const layout = t.layout;
  const walk = (i: number, cells: Cell[], penalty: number) => {
    if (out.length >= limit || cells.length > max) return;
    if (layout && i > from && i < t.tokens.length && !t.hard[i]) return;
    starts[cells.length] = i;
    if (i === t.tokens.length) {
      out.push({ cells, penalty, starts: starts.slice(0, cells.length) });
      return;
    }
    const tok = t.tokens[i]!;
    if (isDash(tok)) {
      const next = t.tokens[i + 1];
      const beforeNumber = next !== undefined && /^\d/.test(next) && !t.hard[i + 1];
      // An empty cell; a hyphen right before a number is more often a spaced sign.
      walk(i + 1, [...cells, { printed: '–', value: null, digits: 0, small: false }], penalty + (tok === '-' && beforeNumber ? 1 : 0));
      // A sign with a space after it ("- 4 756 846"); an en dash so used is unusual.
      if (beforeNumber) number(i + 1, '-', cells, penalty + (tok === '-' ? 0 : 1), true);
      return;
    }
    number(i, '', cells, penalty);
  };
  const number = (i: number, sign: string, cells: Cell[], penalty: number, signed = false) => {
    if (layout && signed && t.hard[i]) return;
    const first = t.tokens[i]!;
    const m = /^(-?)(\d+)(?:,(\d+))?$/.exec(first);
    if (!m || (sign && m[1])) return;
    const neg = sign || m[1];
    const g0 = m[2]!;
    // A leading zero starts no number ("000" is a group), but a misprinted "00" is a zero as printed.
    if (g0.length > 1 && g0.startsWith('0') && !/^0{2}$/.test(g0)) return;
    const push = (groups: string[], end: number) => {
      const printed = `${neg}${groups.join(' ')}`;
      const digits = groups.join('').replace(/,.*/, '');
      const value = new Decimal(`${neg}${digits}${/,(\d+)$/.exec(groups[groups.length - 1]!)?.[1] ? '.' + /,(\d+)$/.exec(groups[groups.length - 1]!)![1] : ''}`);
      const small = !neg && groups.length === 1 && /^\d{1,3}$/.test(g0) && !/^0+$/.test(g0);
      walk(end, [...cells, { printed, value: value.isZero() ? new Decimal(0) : value, digits: digits.replace(/^0+(?=\d)/, '').length, small }], penalty);
    };
    const groups = [first.replace(/^-/, '')];
    let j = i + 1;
    if (g0.length <= 3 && !/^0+$/.test(g0) && !m[3]) {
      for (; j < t.tokens.length && GROUP.test(t.tokens[j]!) && !t.hard[j]; j++) {
        if (!layout) push([...groups], j);
        groups.push(t.tokens[j]!);
        if (t.tokens[j]!.includes(',')) {
          j++;
          break;
        }
      }
    }
    push(groups, j);
  };
  walk(from, [], 0);
  return out;
}

/**
 * Every reading of the tokens with between `min` and `max` cells. When the label asks for
 * a number (`labelNumber`: it ends in "ap", "utgiftsområde", "och"), the first token is
 * the label's.
 */
export function readings(t: Tokens, min: number, max: number, labelNumber = false): Reading[] {
  const leftover = labelNumber && /^\d+$/.test(t.tokens[0] ?? '') ? 1 : 0;
  return partitions(t, leftover, max, 5000)
    .filter((p) => p.cells.length >= min)
    .map((p) => ({ leftover, cells: p.cells, penalty: p.penalty, doubtfulSplits: doubtful(t, p) }));
}

function doubtful(t: Tokens, p: Partition): number {
  let n = 0;
  for (let c = 1; c < p.cells.length; c++) {
    const prev = t.tokens[p.starts[c]! - 1];
    const here = t.tokens[p.starts[c]!]!;
    // "0" takes no groups after it, so a split after it is no choice.
    if (prev && /^-?\d{1,2}$/.test(prev) && !/^-?0$/.test(prev) && /^\d{3}$/.test(here) && !t.hard[p.starts[c]!] && p.starts[c]! - 1 === p.starts[c - 1]) n++;
    // A lone group split off the number before it ("1 234 | 567"): the row may have an
    // empty cell that was not printed, and the number be one ("1 234 567").
    else if (prev && /^-?\d{1,3}$/.test(prev) && !/^-?0+$/.test(prev) && /^\d{3}$/.test(here) && !t.hard[p.starts[c]!] && (p.starts[c + 1] ?? t.tokens.length) === p.starts[c]! + 1) n++;
  }
  return n;
}

/**
 * Digits spread of a row's figures: columns of one row are usually of like magnitude. An
 * empty cell counts as no digits, so that "– 178 608 179 814" is not read as one empty
 * cell and one twelve-digit number; a zero does not count.
 */
export function spread(cells: readonly Cell[]): number {
  const d = cells.filter((c) => !c.value || !c.value.isZero()).map((c) => c.digits);
  return d.length ? Math.max(...d) - Math.min(...d) : 0;
}

export type Choice<T> = { ok: true; value: T } | { ok: false; reason: 'ingen' | 'tvetydig'; alternatives: number };

/**
 * The best of some candidates by (penalty, spread), only when every best candidate gives
 * the same figures (`key`); otherwise the row is ambiguous and is left out.
 */
export function choose<T extends { penalty: number; cells: readonly Cell[]; values?: readonly Cell[] }>(cands: readonly T[], key: (c: T) => string): Choice<T> {
  if (!cands.length) return { ok: false, reason: 'ingen', alternatives: 0 };
  // The magnitude heuristic looks at the figures only, not at a note reference.
  const score = (c: T) => c.penalty * 100 + spread(c.values ?? c.cells);
  const best = Math.min(...cands.map(score));
  const top = cands.filter((c) => score(c) === best);
  const keys = new Set(top.map(key));
  return keys.size === 1 ? { ok: true, value: top[0]! } : { ok: false, reason: 'tvetydig', alternatives: keys.size };
}
