/**
 * Excel's limits, met before a byte is written, so that the workbook is never one Excel
 * rejects or "repairs":
 *
 * - A cell holds at most 32 767 characters. A longer text is cut, and the cut is visible:
 *   it ends with a marker saying how long the whole text is, and the run warns about it.
 *   An auditor must see that a text is incomplete, so nothing is cut silently.
 * - A formula has at most 8 192 characters. A longer one (a check summing hundreds of
 *   figures) is written as its value, with a warning; the cells that read it stay formulas.
 * - A sheet has at most 1 048 576 rows and 16 384 columns. A sheet planned with more rows
 *   goes on in continuation sheets ("Noter (2)", plan.ts SheetBuilder), with a warning;
 *   a plan still beyond Excel's limits (a sheet that cannot be split, too many columns)
 *   stops the run with a clear message (WorkbookLimitError) instead of writing a file Excel
 *   would not open; the JSON report has no such limit.
 *
 * Sheet names (31 characters, none of []:*?/\, unique ignoring case) are made safe where
 * they are made, in plan.ts (SheetNames).
 */
import { tal } from '../../messages/catalogue.js';
import type { Cell, RowPlan, SheetPlan } from './plan.js';
import { columnLetter, cutAt, text } from './plan.js';

export const EXCEL = { textLength: 32_767, formulaLength: 8_192, rows: 1_048_576, columns: 16_384 } as const;

/** A change made to fit Excel's limits, as data: the CLI words it (message catalogue). */
export type WorkbookWarning =
  | { readonly code: 'arbetsbok.text_avkortad'; readonly params: { readonly cell: string; readonly langd: number; readonly max: number } }
  | { readonly code: 'arbetsbok.formel_for_lang'; readonly params: { readonly cell: string; readonly langd: number; readonly max: number } }
  | { readonly code: 'arbetsbok.delat_blad'; readonly params: { readonly blad: string; readonly antal: number; readonly max: number; readonly fortsattning: readonly string[] } };

/** A workbook that cannot exist: more rows or columns in a sheet than Excel holds. */
export class WorkbookLimitError extends Error {
  constructor(
    readonly code: 'arbetsbok.for_manga_rader' | 'arbetsbok.for_manga_kolumner',
    readonly params: { readonly blad: string; readonly antal: number; readonly max: number },
  ) {
    super(`${code}: ${params.blad} ${params.antal} > ${params.max}`);
    this.name = 'WorkbookLimitError';
  }
}

/** The visible end of a cut text. */
export const cutMarker = (length: number) => ` … [avkortad: texten har ${tal(length)} tecken, en Excel-cell rymmer ${tal(EXCEL.textLength)}]`;

/** The sheets, fitted to Excel's limits, and the warnings for every cell changed. */
export function fitToExcel(sheets: readonly SheetPlan[]): { sheets: SheetPlan[]; warnings: WorkbookWarning[] } {
  const warnings: WorkbookWarning[] = [];
  const fitted = sheets.map((sheet) => {
    if (sheet.rows.length > EXCEL.rows) throw new WorkbookLimitError('arbetsbok.for_manga_rader', { blad: sheet.name, antal: sheet.rows.length, max: EXCEL.rows });
    let rows: RowPlan[] | undefined;
    sheet.rows.forEach((row, r) => {
      if (row.cells.length > EXCEL.columns) throw new WorkbookLimitError('arbetsbok.for_manga_kolumner', { blad: sheet.name, antal: row.cells.length, max: EXCEL.columns });
      let cells: (Cell | undefined)[] | undefined;
      row.cells.forEach((c, i) => {
        const fit = c && fitCell(c, () => `${sheet.name}!${columnLetter(i + 1)}${r + 1}`, warnings);
        if (fit === c) return;
        cells ??= [...row.cells];
        cells[i] = fit;
      });
      if (cells) (rows ??= [...sheet.rows])[r] = { ...row, cells };
    });
    return rows ? { ...sheet, rows } : sheet;
  });
  return { sheets: fitted, warnings };
}

/** The cell itself if it fits, else its fitted form (and a warning). */
function fitCell(c: Cell, where: () => string, warnings: WorkbookWarning[]): Cell {
  if (c.kind === 'text' && c.text.length > EXCEL.textLength) {
    const marker = cutMarker(c.text.length);
    warnings.push({ code: 'arbetsbok.text_avkortad', params: { cell: where(), langd: c.text.length, max: EXCEL.textLength } });
    return { ...c, text: cutAt(c.text, EXCEL.textLength - marker.length) + marker };
  }
  if (c.kind === 'formula' && c.formula.length > EXCEL.formulaLength) {
    warnings.push({ code: 'arbetsbok.formel_for_lang', params: { cell: where(), langd: c.formula.length, max: EXCEL.formulaLength } });
    return typeof c.result === 'number' ? { kind: 'number', value: c.result, style: c.style } : text(c.result, c.style);
  }
  if (c.kind === 'formula' && typeof c.result === 'string' && c.result.length > EXCEL.textLength) {
    return { ...c, result: cutAt(c.result, EXCEL.textLength) };
  }
  return c;
}
