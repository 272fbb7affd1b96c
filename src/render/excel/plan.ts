/**
 * The workbook as plain data, before any exceljs object exists: sheets of rows of cells,
 * each cell a text, a number or a formula with its cached result. Planning first lets every
 * cross-sheet reference (figure cells, check rows, note sheets) be known before the first
 * row is streamed, in whatever order the sheets are written.
 */
import type { WorkbookWarning } from './limits.js';
import type { CellStyle } from './styles.js';
import { S } from './styles.js';

export type Cell =
  /** A string value, never a formula, whatever characters it starts with. */
  | { readonly kind: 'text'; readonly text: string; readonly style: CellStyle; readonly link?: string }
  | { readonly kind: 'number'; readonly value: number; readonly style: CellStyle }
  | { readonly kind: 'formula'; readonly formula: string; readonly result: number | string; readonly style: CellStyle };

export interface RowPlan {
  readonly cells: readonly (Cell | undefined)[];
  readonly height?: number;
}

export interface ConditionalFill {
  /** Range, e.g. `A4:P780`. */
  readonly ref: string;
  /** Formula of the top-left cell, e.g. `$L4="avvikelse"`. */
  readonly formula: string;
  readonly style: 'ok' | 'rounding' | 'discrepancy' | 'acknowledged';
}

export interface SheetPlan {
  readonly name: string;
  /**
   * Sheets that carry on this one's rows where it would pass Excel's rows ("Noter (2)", …),
   * in order; the workbook plan lists them right after it (workbook.ts).
   */
  readonly continuations?: readonly SheetPlan[];
  readonly rows: readonly RowPlan[];
  readonly widths: readonly number[];
  /** Rows and columns kept in view (frozen panes). */
  readonly frozen: { readonly rows: number; readonly columns: number };
  readonly landscape: boolean;
  /** Rows repeated on every printed page, e.g. `1:3`. */
  readonly printTitles?: string;
  /** The printed range as exceljs takes it, `A$1:M$780` (it prefixes each part with `$`). */
  readonly printArea: string;
  readonly autoFilter?: string;
  readonly conditional?: readonly ConditionalFill[];
}

export interface WorkbookPlan {
  readonly title: string;
  readonly subject: string;
  readonly keywords: string;
  readonly description: string;
  /** Fixed date for created/modified: the workbook content does not depend on when it was written. */
  readonly date: Date;
  readonly sheets: readonly SheetPlan[];
  /** What was changed to fit Excel's limits (limits.ts). */
  readonly warnings: readonly WorkbookWarning[];
}

/** Column letters of a 1-based column number. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A sheet name as written inside a formula or a link: always quoted, quotes doubled. */
export const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** A cell: sheet, 1-based row and column. */
export interface Address {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}
export const a1 = (a: { row: number; col: number }) => `${columnLetter(a.col)}${a.row}`;
export const ref = (a: Address) => `${quoteSheet(a.sheet)}!${a1(a)}`;
/** An exceljs internal hyperlink target. */
export const linkTo = (a: Address) => `#${ref(a)}`;

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
export class SheetNames {
  private readonly used = new Set<string>();

  /** Reserves a fixed name (our own Swedish names). */
  reserve(name: string): string {
    this.used.add(name.toLowerCase());
    return name;
  }

  /** The unused name of part `part` (2, 3, …) of the sheet `name`: `Noter (2)`. */
  continuation(name: string, part: number): string {
    for (let extra = 0; ; extra++) {
      const suffix = extra ? ` (${part}.${extra})` : ` (${part})`;
      const candidate = truncate(name, 31 - suffix.length) + suffix;
      if (!this.used.has(candidate.toLowerCase())) return this.reserve(candidate);
    }
  }

  /** A safe, unique name from input text (a table title). */
  fromText(text: string, fallback: string): string {
    // Keep letters, digits, spaces and harmless punctuation; an input title cannot smuggle a
    // quote, bracket or formula character into a sheet name (and so into formulas and links).
    let base = text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N} .,()&%–-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[^\p{L}\p{N}]+/u, '')
      .trim();
    if (!base) base = fallback;
    base = truncate(base, 31);
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = ` (${n})`;
      name = truncate(base, 31 - suffix.length) + suffix;
    }
    return this.reserve(name);
  }
}

/** `s` cut to at most `max` UTF-16 units, never inside a surrogate pair. */
export function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Cuts at a word boundary when one is near, and never leaves trailing punctuation. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = cutAt(s, max);
  const space = cut.lastIndexOf(' ');
  if (space >= max - 10) cut = cut.slice(0, space);
  return cut.replace(/[\s.,(&–-]+$/u, '');
}

/** Display width of a cell's content, in characters, for column widths. */
function contentWidth(cell: Cell): number {
  switch (cell.kind) {
    case 'text': {
      const t = cell.text;
      const longest = t.includes('\n') ? Math.max(...t.split('\n').map((l) => l.length)) : t.length;
      return longest * (cell.style.font?.bold ? 1.1 : 1) * ((cell.style.font?.size ?? 11) / 11);
    }
    case 'number':
      return numberWidth(cell.value);
    case 'formula':
      return typeof cell.result === 'number' ? numberWidth(cell.result) : cell.result.length;
  }
}
function numberWidth(v: number): number {
  const s = Math.abs(v).toString();
  const point = s.indexOf('.');
  const int = point < 0 ? s.length : point;
  return int + Math.floor((int - 1) / 3) + (v < 0 ? 1 : 0) + (point < 0 ? 0 : s.length - point);
}

const longestWord = (t: string) => Math.max(...t.split(/\s+/).map((w) => w.length));

/** Lines a bold label takes when wrapped at word boundaries in `width` characters. */
function wrappedLines(t: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of t.split(/\s+/)) {
    const w = word.length * 1.3;
    if (used && used + 1 + w > width) {
      lines++;
      used = w;
    } else used += (used ? 1 : 0) + w;
  }
  return lines;
}

export interface SheetOptions {
  /** Per column: minimum and maximum width (characters). */
  readonly minWidths?: readonly number[];
  readonly maxWidths?: readonly number[];
  readonly landscape?: boolean;
  /** Columns printed (from A); default all. */
  readonly printColumns?: number;
  /**
   * Rows a sheet holds (Excel's 1 048 576; less in tests). Rows beyond go on continuation
   * sheets named by `names`; without `names` the sheet is never split (limits.ts then
   * refuses a sheet beyond Excel's rows).
   */
  readonly maxRows?: number;
  readonly names?: SheetNames;
}

/** Builds one sheet row by row and knows the address of every cell it placed. */
export class SheetBuilder {
  readonly rows: RowPlan[] = [];
  frozen = { rows: 0, columns: 0 };
  printTitles?: string;
  autoFilter?: string;
  readonly conditional: ConditionalFill[] = [];
  /** Rows whose text does not count towards column widths (titles, which overflow). */
  private readonly wide = new Set<number>();

  constructor(
    readonly name: string,
    private readonly options: SheetOptions = {},
  ) {}

  /** 1-based number of the next row. */
  get next(): number {
    return this.rows.length + 1;
  }

  add(cells: readonly (Cell | undefined)[], height?: number): number {
    // Array.from turns holes of a sparse array into undefined entries.
    const dense = Array.from(cells);
    this.rows.push(height ? { cells: dense, height } : { cells: dense });
    return this.rows.length;
  }

  /** A row whose text may overflow into the next columns (titles, notes). */
  addWide(cells: readonly (Cell | undefined)[], height?: number): number {
    const n = this.add(cells, height);
    this.wide.add(n);
    return n;
  }

  blank(): number {
    return this.add([]);
  }

  /** Fills a row added earlier (e.g. blank, reserved for an index whose targets come later). */
  set(row: number, cells: readonly (Cell | undefined)[]): void {
    const old = this.rows[row - 1];
    if (!old) throw new Error(`rad ${row} finns inte i ${this.name}`);
    this.rows[row - 1] = { ...old, cells: Array.from(cells) };
  }

  /** Where row `row` (1-based, counted over all parts) and column `col` of this sheet land. */
  address(row: number, col: number): Address {
    const part = this.partOf(row);
    return part === 0 ? { sheet: this.name, row, col } : { sheet: this.partName(part), row: row - part * this.limit, col };
  }

  /** The ranges of column `col` over rows `first`…`last`, one per part they fall in: `'Noter'!$C$4:$C$90`. */
  columnRanges(first: number, last: number, col: number): string[] {
    const out: string[] = [];
    const c = columnLetter(col);
    for (let part = this.partOf(first); part <= this.partOf(last); part++) {
      const from = Math.max(first, part * this.limit + 1) - part * this.limit;
      const to = Math.min(last, (part + 1) * this.limit) - part * this.limit;
      out.push(`${quoteSheet(this.partName(part))}!$${c}$${from}:$${c}$${to}`);
    }
    return out;
  }

  /** Rows per part: all of them on one sheet unless the sheet may be split. */
  private get limit(): number {
    return this.options.names && this.options.maxRows ? this.options.maxRows : Infinity;
  }

  private partOf(row: number): number {
    return this.limit === Infinity ? 0 : Math.floor((row - 1) / this.limit);
  }

  /** Names of the parts after the first, reserved as they are first needed. */
  private readonly parts: string[] = [];
  private partName(part: number): string {
    if (part === 0) return this.name;
    while (this.parts.length < part) this.parts.push(this.options.names!.continuation(this.name, this.parts.length + 2));
    return this.parts[part - 1]!;
  }

  build(): SheetPlan {
    // A loop, not a spread: a sheet's rows can outnumber the arguments a call can take.
    const count = this.rows.reduce((n, r) => Math.max(n, r.cells.length), 1);
    const isHeader = (c: Cell | undefined) => !!c && (c.style === S.headerLeft || c.style === S.headerRight);
    // Each column as wide as its widest cell, within its limits.
    const widest = new Array<number>(count).fill(0);
    this.rows.forEach((r, i) => {
      if (this.wide.has(i + 1)) return;
      r.cells.forEach((cell, c) => {
        if (!cell) return;
        // A header wraps: its column needs only its longest word.
        const w = isHeader(cell) && cell.kind === 'text' ? longestWord(cell.text) * 1.1 : contentWidth(cell);
        if (w > widest[c]!) widest[c] = w;
      });
    });
    const widths = widest.map((w, c) => {
      const min = this.options.minWidths?.[c] ?? 6;
      const max = this.options.maxWidths?.[c] ?? 60;
      return Math.round(Math.min(max, Math.max(min, w + 2)) * 10) / 10;
    });
    // Give a header row the height its longest wrapped label needs.
    const rows = this.rows.map((r) => {
      if (r.height || !r.cells.some(isHeader)) return r;
      const lines = Math.max(1, ...r.cells.map((c, i) => (c?.kind === 'text' ? wrappedLines(c.text, (widths[i] ?? 10) - 1.5) : 1)));
      return lines > 1 ? { ...r, height: 15 * Math.min(lines, 6) } : r;
    });
    const printColumns = columnLetter(Math.min(count, this.options.printColumns ?? count));
    const landscape = this.options.landscape ?? count > 6;
    if (rows.length <= this.limit) return this.firstPart(rows, widths, landscape, printColumns, this.autoFilter, this.conditional);
    return this.split(rows, widths, landscape, printColumns);
  }

  /** The sheet itself (of a split sheet, its first part) with its header, print titles, filter and fills. */
  private firstPart(rows: readonly RowPlan[], widths: readonly number[], landscape: boolean, printColumns: string, autoFilter: string | undefined, conditional: readonly ConditionalFill[]): SheetPlan {
    return {
      name: this.name,
      rows,
      widths,
      frozen: this.frozen,
      landscape,
      printArea: `A$1:${printColumns}$${Math.max(1, rows.length)}`,
      ...(this.printTitles ? { printTitles: this.printTitles } : {}),
      ...(autoFilter ? { autoFilter } : {}),
      ...(conditional.length ? { conditional } : {}),
    };
  }

  /**
   * The rows cut into parts of `limit` rows. The first part keeps the header, print titles,
   * filter and conditional fills (their ranges end at its last row); a continuation has the
   * same columns and frozen columns, and its rows only (its cells' static fills still show
   * each status).
   */
  private split(rows: readonly RowPlan[], widths: readonly number[], landscape: boolean, printColumns: string): SheetPlan {
    const n = this.limit;
    // A range `A5:P900000` ends at the first part's last row; one that starts below it is dropped.
    const clip = (range: string) => {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
      if (!m) return range;
      return Number(m[2]) > n ? undefined : `${m[1]}${m[2]}:${m[3]}${Math.min(Number(m[4]), n)}`;
    };
    const conditional = this.conditional.flatMap((c) => {
      const ref = clip(c.ref);
      return ref ? [{ ...c, ref }] : [];
    });
    const continuations: SheetPlan[] = [];
    for (let part = 1; part * n < rows.length; part++) {
      const own = rows.slice(part * n, (part + 1) * n);
      continuations.push({ name: this.partName(part), rows: own, widths, frozen: { rows: 0, columns: this.frozen.columns }, landscape, printArea: `A$1:${printColumns}$${own.length}` });
    }
    return { ...this.firstPart(rows.slice(0, n), widths, landscape, printColumns, this.autoFilter && clip(this.autoFilter), conditional), continuations };
  }
}

// Cell constructors: strings are always plain string values.
export const text = (t: string, style: CellStyle = S.text): Cell => ({ kind: 'text', text: t, style });
export const link = (t: string, target: string, style: CellStyle = S.link): Cell => ({ kind: 'text', text: t, style, link: target });
export const num = (value: number, style: CellStyle): Cell => ({ kind: 'number', value, style });
export const formula = (f: string, result: number | string, style: CellStyle): Cell => ({ kind: 'formula', formula: f, result, style });
