/**
 * Rows of a printed table: a label, possibly over several lines, and the figures that end
 * its last line. Shared by the statements, the notes and the anslagsredovisning.
 */
import type { SourceLine } from './source.js';
import { readings, splitTokens, type Cell, type Reading } from './cells.js';
import { cleanLabel } from './labels.js';
import { COLUMN_HEAD, isContinuation } from './sections.js';

export interface Columns {
  /** Period or value columns, in order. */
  readonly ids: readonly string[];
  readonly rubriker: readonly string[];
  /** Where a note reference may stand: before the figures, after them, or nowhere. */
  readonly note: 'first' | 'last' | 'none';
  readonly unit: string;
  /** The columns were counted on a row, their heads being names rather than years. */
  readonly named?: boolean;
}

/** A line with figures, read against the table's columns: every reading that fits. */
export interface RawRow {
  readonly line: SourceLine;
  /** The label of this line alone (footnote markers removed). */
  readonly label: string;
  readonly candidates: readonly Candidate[];
}

export interface Candidate extends Reading {
  /** The figure cells, without the note cell. */
  readonly values: readonly Cell[];
  readonly note?: number;
  /** The label with the leftover tokens given back to it. */
  readonly label: string;
}

/** The label takes the next number: "1:1 ap 3", "Summa utgiftsområde 13", "7, 8 och 13". */
const WANTS_NUMBER = /\b(ap|utgiftsområde|uo|not|nr)$|\d, \d+ och$/i;

/** The readings of a line that fit the columns, or none when the line has too few figures. */
export function readRow(line: SourceLine, cols: Columns, min = cols.ids.length): RawRow | undefined {
  const t = splitTokens(line.text, line.layout);
  if (!t.tokens.length) return undefined;
  const k = cols.ids.length;
  const max = k + (cols.note === 'none' ? 0 : 1);
  const candidates: Candidate[] = [];
  const digits = MAX_DIGITS[cols.unit] ?? 13;
  // An ungrouped year right after the label is the label's ("Utgående balans 2023"): an
  // amount of four digits is printed grouped ("2 023").
  const labelNumber = WANTS_NUMBER.test(t.label) || (/^(19|20)\d\d$/.test(t.tokens[0] ?? '') && t.tokens.length > 1 && !line.layout);
  for (const r of readings(t, min, max, labelNumber)) {
    if (r.cells.some((x) => x.digits > digits)) continue;
    const c = withNote(r, r.cells.length === max && cols.note !== 'none' ? k : r.cells.length, cols.note);
    if (!c) continue;
    const back = t.tokens.slice(0, r.leftover).join(' ');
    candidates.push({ ...c, label: cleanLabel(`${t.label} ${back}`) });
  }
  if (!candidates.length) return undefined;
  return { line, label: cleanLabel(t.label), candidates };
}

/**
 * The most integer digits an agency's figure can have in a unit: ten digits of tkr is ten
 * thousand billion kronor, several times the state budget. A longer reading has run two
 * columns together.
 */
const MAX_DIGITS: Readonly<Record<string, number>> = { tkr: 10, mnkr: 7, kr: 13 };

function withNote(r: Reading, k: number, note: Columns['note']): Omit<Candidate, 'label'> | undefined {
  if (r.cells.length === k) return { ...r, values: r.cells };
  const at = note === 'first' ? 0 : r.cells.length - 1;
  const cell = r.cells[at]!;
  if (cell.value !== null && !cell.small) return undefined;
  const values = note === 'first' ? r.cells.slice(1) : r.cells.slice(0, -1);
  return { ...r, values, ...(cell.value !== null ? { note: cell.value.toNumber() } : {}) };
}

/** Does a line have anything that looks like an amount (not a year, date, designation)? */
export function numberBearing(text: string): boolean {
  const t = text
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ')
    .replace(/\b\d+:\d+\b/g, ' ')
    .replace(/\(\d{4}:\d+\)/g, ' ')
    .replace(/\b(ap|not|nr|kap\.?|§|utgiftsområde|uo|sida|s\.)\s*\d+/gi, ' ')
    .replace(/\d+\s*(§|kap)/g, ' ')
    .replace(/(?<!\d)(19|20)\d\d(?!\d)/g, ' ')
    .replace(/^\s*\d{1,4}\s+(?=\p{L})/u, ' ')
    .replace(/\p{L}\d{1,2}\b/gu, ' ');
  return /\d/.test(t);
}

/** "Avräkning med statsverket 20": a heading with its note reference (or "–"), not a row. */
export const isNoteHeading = (text: string) => /^\D+\s(\d{1,2}|[-–—])$/.test(text);

/**
 * A table's column heads: the first line of the section with period years or dates and
 * little else: no figures, not a sentence, a few words besides the heads (a line of two or
 * more dates may carry a designation such as "UO13 1:2 ap 1").
 */
export function findColumns(lines: readonly SourceLine[], noteDefault: 'first' | 'last' = 'first'): { cols: Columns; header: number } | undefined {
  for (let i = 0; i < lines.length && i < 60; i++) {
    const text = lines[i]!.text;
    const years = [...text.matchAll(COLUMN_HEAD)];
    if (!years.length || !headerLike(text, years.length)) continue;
    const unit = unitOf(lines.slice(0, i + 1).map((l) => l.text).join(' '));
    const note = /\bnot\b/i.test(text) ? noteDefault : 'none';
    return {
      cols: { ids: uniqueIds(years.map((m) => m[1]!)), rubriker: years.map((m) => (/^\d{5}$/.test(m[0]) ? m[1]! : m[0])), note, unit },
      header: i,
    };
  }
  return undefined;
}

function headerLike(text: string, heads: number): boolean {
  const rest = text.replace(COLUMN_HEAD, ' ');
  // The heads end the line ("Specifikation 2024 2023"), unless it is a row of three or
  // more dates; a year inside a sentence ("Omföring 2023 års ...") is no column head.
  const afterLast = text.slice(text.lastIndexOf([...text.matchAll(COLUMN_HEAD)].at(-1)![0]) + 4).replace(/^-\d\d-\d\d|^\d/, '');
  if (heads < 3 && /\p{L}/u.test(afterLast.replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]/g, ''))) return false;
  if (splitTokens(rest).tokens.some((x) => /\d/.test(x)) || /\.\s*$/.test(text)) return false;
  const words = rest.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return heads >= 2 ? words.length <= 12 : !/\d/.test(rest) && words.length <= 8;
}

export function unitOf(text: string): string {
  const m = /belopp i (tkr|mnkr|kr|tusental kronor|miljoner kronor)/i.exec(text);
  if (!m) return 'tkr';
  const u = m[1]!.toLowerCase();
  return u === 'tusental kronor' ? 'tkr' : u === 'miljoner kronor' ? 'mnkr' : u;
}

/** A repeated column-head line after a page break (or any line of only the head years). */
export function isHeaderLine(text: string, cols: Columns): boolean {
  if (isContinuation(text)) return true;
  const years = [...text.matchAll(COLUMN_HEAD)].map((m) => m[1]);
  return years.length === cols.ids.length && years.every((y, i) => cols.ids[i]!.startsWith(y!)) && !splitTokens(text.replace(COLUMN_HEAD, '')).tokens.some((x) => /\d/.test(x));
}

/** Joins label fragments over lines: a hyphen at a line end or a word broken without one. */
export function joinLabel(parts: readonly { text: string; trailingSpace: boolean }[], brokenWords: boolean): string {
  let out = '';
  for (const p of parts) {
    const t = p.text.trim();
    if (!out) out = t;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(t) && !/^(och|eller|samt)\b/.test(t)) out = out.slice(0, -1) + t;
    else if (brokenWords && !prevSpace(parts, p) && /\p{Ll}$/u.test(out) && /^\p{Ll}/u.test(t)) out += t;
    else out += ` ${t}`;
  }
  return cleanLabel(out);
}
const prevSpace = (parts: readonly { text: string; trailingSpace: boolean }[], p: { text: string }) => parts[parts.indexOf(p as never) - 1]?.trailingSpace ?? true;

/** Texts that end lines with a space where a word ends: a line end without one broke a word. */
export function usesTrailingSpaces(lines: readonly SourceLine[]): boolean {
  const nonEmpty = lines.filter((l) => l.text);
  return nonEmpty.filter((l) => l.trailingSpace).length > nonEmpty.length * 0.1;
}

/** Column ids made unique: a year printed twice (two columns per year) gets "_2". */
export function uniqueIds(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base = id.replace(/_\d+$/, '');
    let out = id;
    for (let n = 2; taken.has(out); n++) out = `${base}_${n}`;
    taken.add(out);
    return out;
  });
}
