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
 * Splits a text into lines and pages. A form feed (as pdftotext and avstämning's PDF
 * reader write) starts a page. A text without form feeds uses the convention of the
 * plain-text exports of the seed reports: a line that starts with exactly one space
 * followed by text begins a page.
 */
export function sourceLines(text: string): SourceLine[] {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const formFeeds = text.includes('\f');
  let page = 1;
  const layout = isLayoutText(raw);
  return raw.map((line, i) => {
    if (formFeeds) page += (line.match(/\f/g) ?? []).length;
    else if (i > 0 && /^ \S/.test(line)) page += 1;
    const clean = line.replace(/\f/g, '');
    return { nr: i + 1, page, raw: clean, text: normalizeLine(clean).trimStart(), trailingSpace: /\s$/u.test(clean), layout };
  });
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
