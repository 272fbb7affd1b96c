/**
 * The report's text as numbered lines with their page. Pure: the text comes from the edge
 * (a .txt file, or the PDF's text layer). Lines are numbered from 1 as in the text, so that
 * a ledger's `seed` points at them; pages are counted from 1.
 */

export interface SourceLine {
  /** 1-based line number in the text. */
  readonly nr: number;
  /** 1-based page number. */
  readonly page: number;
  /** The line as it stands, with page-break characters removed. */
  readonly raw: string;
  /** Normalised: spaces of every kind as " ", minus and dashes unified, trimmed at the end. */
  readonly text: string;
  /** The line ended in white space (in some text exports: a word ended there, not hyphenated). */
  readonly trailingSpace: boolean;
  /**
   * The text keeps the page's layout (pdftotext -layout, avstämning's PDF reader): table
   * columns stand two or more spaces apart, so one space is always inside a number.
   */
  readonly layout: boolean;
}

/** No-break, thin, narrow no-break, figure and other spaces; tabs. */
const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g;

/** Normalises one line: one kind of space, the Unicode minus as "-", soft hyphens dropped. */
export function normalizeLine(s: string): string {
  return s.replace(SPACES, ' ').replace(/\u2212/g, '-').replace(/\u00ad/g, '').replace(/\s+$/u, '');
}

/**
 * How the pages of a text were found: form feeds (pdftotext, avstämning's PDF reader);
 * page-number lines ("Sida 12", "12 (140)", "– 12 –", a bare number counting up); the
 * indent of some plain-text exports, where a page's first line starts with exactly one
 * space and no other line is indented; or none, and figures name their line only.
 */
export type PageMode = 'sidbrytningar' | 'sidnummer' | 'radindrag' | 'inga';

export interface Source {
  readonly lines: SourceLine[];
  readonly pages: PageMode;
}

/**
 * Splits a text into numbered lines with their page (0 where the text shows no pages).
 * `pdf`: the text layer of a PDF, its pages separated by form feeds (one page: none).
 */
export function readSource(text: string, pdf = false): Source {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const { mode, page, marks } = pagesOf(raw, pdf);
  const layout = isLayoutText(raw);
  const lines = raw.map((line, i) => {
    const clean = line.replace(/\f/g, '');
    // A page-number line is no part of the text a table or a row is read from.
    const text = marks?.has(i) ? '' : normalizeLine(clean).trimStart();
    return { nr: i + 1, page: page[i]!, raw: clean, text, trailingSpace: /\s$/u.test(clean), layout };
  });
  return { lines, pages: mode };
}

function pagesOf(raw: readonly string[], pdf: boolean): { mode: PageMode; page: number[]; marks?: Set<number> } {
  if (pdf || raw.some((l) => l.includes('\f'))) {
    let p = 1;
    return { mode: 'sidbrytningar', page: raw.map((l) => (p += (l.match(/\f/g) ?? []).length)) };
  }
  const numbered = byPageNumbers(raw);
  if (numbered) return { mode: 'sidnummer', ...numbered };
  if (indentMarksPages(raw)) {
    let p = 1;
    return { mode: 'radindrag', page: raw.map((l, i) => (i > 0 && /^ \S/.test(l) ? ++p : p)) };
  }
  return { mode: 'inga', page: raw.map(() => 0) };
}

/** "Sida 12", "Sida 12 av 140", "12 (140)", "– 12 –", or a bare "12": the page's number. */
const PAGE_NUMBER = /^\s*(?:sida\s+(\d{1,4})(?:\s+(?:av|\/)\s+\d{1,4})?|(\d{1,4})\s*\(\d{1,4}\)|[-–—]\s*(\d{1,4})\s*[-–—]|(\d{1,3}))\s*$/i;

/**
 * Pages from lines that are only a page number, when at least three of them count up by
 * one (a bare number elsewhere, such as a figure alone on a line, does not). A number at
 * the foot of a page ends it; numbers at the head of pages (the first one before any text)
 * begin them.
 */
function byPageNumbers(raw: readonly string[]): { page: number[]; marks: Set<number> } | undefined {
  // The longest chain of page-number lines counting up by one, in text order.
  const chains = new Map<number, { i: number; n: number }[]>();
  let marks: { i: number; n: number }[] = [];
  raw.forEach((l, i) => {
    const m = PAGE_NUMBER.exec(l.replace(/\u00a0/g, ' '));
    if (!m) return;
    const n = Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
    const chain = [...(chains.get(n - 1) ?? []), { i, n }];
    if (chain.length > (chains.get(n)?.length ?? 0)) chains.set(n, chain);
    if (chain.length > marks.length) marks = chain;
  });
  const worded = marks.length > 0 && /sida|\(|[-–—]/i.test(raw[marks[0]!.i]!);
  if (marks.length < 3 || (!worded && marks.length < 5)) return undefined;
  // Pages of a few lines at least, and of a page's length at most (as a rule).
  const gaps = marks.slice(1).map((m, j) => m.i - marks[j]!.i).sort((a, b) => a - b);
  if (gaps[0]! < 3 || gaps[Math.floor(gaps.length / 2)]! > 150) return undefined;
  const atHead = raw.slice(0, marks[0]!.i).every((l) => !l.trim());
  const page: number[] = [];
  let k = 0;
  raw.forEach((_, i) => {
    while (k < marks.length && (atHead ? marks[k]!.i <= i : marks[k]!.i < i)) k++;
    // Head numbers: the last mark at or above the line. Foot numbers: the next mark at or below it.
    page.push(atHead ? (marks[k - 1]?.n ?? marks[0]!.n - 1) : (marks[k]?.n ?? marks[marks.length - 1]!.n + 1));
  });
  return { page, marks: new Set(marks.map((m) => m.i)) };
}

/** Some exports start each page's first line with exactly one space, and indent (almost) no other line. */
function indentMarksPages(raw: readonly string[]): boolean {
  const one = raw.filter((l) => /^ \S/.test(l)).length;
  const more = raw.filter((l) => /^(\s{2,}|\t)\S/.test(l)).length;
  return one >= 2 && more * 10 <= one && one * 10 < raw.length;
}

/** Most lines with several figures have their figures two or more spaces apart. */
function isLayoutText(lines: readonly string[]): boolean {
  let wide = 0;
  let narrow = 0;
  for (const l of lines) {
    const t = normalizeLine(l);
    if (!/\d[ ]+[-–]?\d/.test(t)) continue;
    if (/\d {2,}[-–]?\s?\d/.test(t)) wide++;
    else narrow++;
  }
  return wide > 0 && wide >= narrow;
}
