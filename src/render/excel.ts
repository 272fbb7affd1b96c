/**
 * The auditors' workbook (docs/workbook.md). The workbook is planned as plain data first
 * (src/render/excel/workbook.ts), then streamed with exceljs's WorkbookWriter one sheet at a
 * time, each row committed as soon as it is written.
 *
 * Safety: every text from the input is written as a string value (shared string), never as
 * a formula, whatever it starts with; formulas are only the ones built here from cell
 * addresses. exceljs is imported only by this module, which the CLI loads on demand; only its
 * streaming writer, so that its reader, CSV support and in-memory workbook stay unloaded.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';
import type { Cell, SheetPlan, WorkbookPlan } from './excel/plan.js';
import type { WorkbookWarning } from './excel/limits.js';
import { patchWorksheet } from './excel/stream-fixes.js';
import { CF_FILL } from './excel/styles.js';
import { planWorkbook } from './excel/workbook.js';
import { planOverview } from './excel/overview.js';
import type { BatchRow } from './batch.js';

export { planWorkbook };
export { WorkbookLimitError, type WorkbookWarning } from './excel/limits.js';

/** The overview workbook of a run over many ledgers, into `out` (its links relative to `dir`). */
export async function writeOverview(rows: readonly BatchRow[], dir: string, out: string | Writable): Promise<void> {
  await writePlan(planOverview(rows, dir), out);
}

export interface WriteOptions {
  /**
   * false: write every sheet through exceljs's public API only, as when its internals are
   * not as stream-fixes.ts expects (tests pin that both ways give the same workbook).
   */
  readonly fastPath?: boolean;
}

/**
 * Writes the workbook to a file, or into a stream (which it ends). Returns what was changed
 * to fit Excel's limits; throws WorkbookLimitError for a workbook Excel cannot hold.
 */
export async function writeWorkbook(ledger: Ledger, result: Reconciliation, out: string | Writable, options: WriteOptions = {}): Promise<readonly WorkbookWarning[]> {
  const plan = planWorkbook(ledger, result);
  await writePlan(plan, out, options);
  return plan.warnings;
}

export async function writePlan(plan: WorkbookPlan, out: string | Writable, options: WriteOptions = {}): Promise<void> {
  const wb = new WorkbookWriter({ ...(typeof out === 'string' ? { filename: out } : { stream: out }), useStyles: true, useSharedStrings: true });
  wb.creator = 'avstämning';
  wb.lastModifiedBy = 'avstämning';
  wb.created = plan.date;
  wb.modified = plan.date;
  wb.title = plan.title;
  wb.subject = plan.subject;
  wb.keywords = plan.keywords;
  wb.description = plan.description;
  wb.category = 'Årsredovisning';
  // Not in exceljs's typings, but written to docProps/core.xml.
  (wb as unknown as { language: string }).language = 'sv-SE';
  wb.views = [{ x: 0, y: 0, width: 28800, height: 16000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  for (const sheet of plan.sheets) writeSheet(wb, sheet, options.fastPath ?? true);
  await wb.commit();
}

function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, plan: SheetPlan, fastPath: boolean): void {
  const { rows: frozenRows, columns: frozenCols } = plan.frozen;
  const ws = wb.addWorksheet(plan.name, {
    views: [
      frozenRows || frozenCols
        ? { state: 'frozen', xSplit: frozenCols, ySplit: frozenRows, showGridLines: false }
        : { state: 'normal', showGridLines: false },
    ],
    pageSetup: {
      paperSize: 9, // A4
      orientation: plan.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printArea: plan.printArea,
      ...(plan.printTitles ? { printTitlesRow: plan.printTitles } : {}),
    },
    headerFooter: { oddFooter: `&L${escapeHeader(plan.name)}&RSida &P av &N` },
    ...(plan.autoFilter ? { autoFilter: plan.autoFilter } : {}),
  });
  ws.columns = plan.widths.map((width) => ({ width }));
  const patched = fastPath ? patchWorksheet(wb, ws) : undefined;
  if (patched) patched.rows(plan.rows);
  else {
    plan.rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      if (r.height) row.height = r.height;
      r.cells.forEach((c, j) => {
        if (c) writeCell(row.getCell(j + 1), c);
      });
      row.commit();
    });
  }
  // The patch writes the hyperlinks after the conditional formatting, as the schema wants;
  // the public API's way has no <hyperlinks> element (links are HYPERLINK formulas).
  (plan.conditional ?? []).forEach((cf, i) =>
    ws.addConditionalFormatting({
      ref: cf.ref,
      rules: [{ type: 'expression', priority: i + 1, formulae: [cf.formula], style: CF_FILL[cf.style] as Partial<ExcelJS.Style> }],
    }),
  );
  ws.commit();
}

/**
 * The public API's way, used when the writer's internals are not as expected. A link
 * inside the workbook is a HYPERLINK formula (the streaming writer would make it an
 * external relationship, which LibreOffice resolves against the file's own path).
 */
function writeCell(cell: ExcelJS.Cell, c: Cell): void {
  switch (c.kind) {
    case 'text':
      // A plain string is stored as a shared string: never a formula. A link's text goes
      // into the formula as a quoted string literal, so it cannot become one either.
      cell.value = c.link && c.text ? linkFormula(c.text, c.link) : c.text;
      break;
    case 'number':
      cell.value = c.value;
      break;
    case 'formula':
      cell.value = { formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue;
      break;
  }
  cell.style = c.style as Partial<ExcelJS.Style>;
}

/** Excel's limit on a string literal inside a formula. */
const FORMULA_STRING_MAX = 255;

/** `=HYPERLINK("#'Noter'!A60","Not 5")`, or the plain text if a part is too long to quote. */
function linkFormula(label: string, target: string): ExcelJS.CellValue {
  const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;
  if (label.length > FORMULA_STRING_MAX || target.length > FORMULA_STRING_MAX) return label;
  return { formula: `HYPERLINK(${literal(target)},${literal(label)})`, result: label } as ExcelJS.CellFormulaValue;
}

/** `&` starts a code in header/footer text. */
const escapeHeader = (s: string) => s.replace(/&/g, '&&');
