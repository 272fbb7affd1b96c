/**
 * Plans the whole workbook. Sheets that hold figures are planned first (so every figure
 * has its cell), then the checks (formulas over those cells), then the summary (links to
 * the check rows). The order in the file is the reading order, not the planning order.
 */
import type { Ledger, StatementKind, Table } from '../../domain/model.js';
import { statement } from '../../domain/model.js';
import type { Reconciliation } from '../../rules/types.js';
import { checksSheet } from './checks.js';
import { PREVIOUS_YEAR_SHEET, previousYearSheet } from './previous-year.js';
import { Context, SHEET } from './context.js';
import { fitToExcel, type WorkbookWarning } from './limits.js';
import type { SheetPlan, WorkbookPlan } from './plan.js';
import { coverageSheet, summarySheet } from './summary.js';
import { anslagSheet, notesSheet, otherFiguresSheet, tableSheet } from './tables.js';
import { HUVUDBOK_SHEET, huvudbokSheet } from './huvudbok.js';

const STATEMENTS: readonly [StatementKind, string][] = [
  ['resultatrakning', SHEET.rr],
  ['balansrakning', SHEET.br],
  ['finansieringsanalys', SHEET.fa],
  ['vasentliga_uppgifter', SHEET.vu],
];

/** `tabell_3_1` → `Tabell 3.1`; any other table is named by its title. */
function tableSheetName(ctx: Context, t: Table): string {
  const m = /^tabell_(\d+(?:_\d+)*)$/.exec(t.id);
  return ctx.names.fromText(m ? `Tabell ${m[1]!.replace(/_/g, '.')}` : t.title, 'Tabell');
}

export interface PlanOptions {
  /** Rows a sheet holds before it goes on in a continuation sheet: Excel's, unless a test lowers it. */
  readonly maxRows?: number;
}

export function planWorkbook(ledger: Ledger, result: Reconciliation, options: PlanOptions = {}): WorkbookPlan {
  const ctx = new Context(ledger, result, options.maxRows);
  for (const name of [...Object.values(SHEET), HUVUDBOK_SHEET]) ctx.names.reserve(name);

  // The notes first: statement lines link to them.
  const noter = notesSheet(ctx, SHEET.notes);
  const others = ledger.tables.filter((t) => t.kind === 'tabell').map((t) => ({ table: t, name: tableSheetName(ctx, t) }));
  // A note table whose note number is not in ledger.notes still gets shown.
  const inNotes = new Set(ledger.notes.flatMap((n) => n.tables));
  const orphanNotes = ledger.tables.filter((t) => t.kind === 'not' && !inNotes.has(t.id));
  const orphans = orphanNotes.map((t) => ({ table: t, name: ctx.names.fromText(t.title, 'Not') }));

  const statements = new Map<string, SheetPlan>();
  for (const [kind, name] of STATEMENTS) {
    const t = statement(ledger, kind);
    if (t) statements.set(name, tableSheet(ctx, name, t));
  }
  const anslag = anslagSheet(ctx, SHEET.anslag);
  const huvudbok = huvudbokSheet(ctx, HUVUDBOK_SHEET);
  const tableSheets = [...others, ...orphans].map(({ table, name }) => tableSheet(ctx, name, table));
  const other = otherFiguresSheet(ctx, SHEET.other);
  const previous = previousYearSheet(ctx, ctx.names.reserve(PREVIOUS_YEAR_SHEET));
  const notesPlan = noter.finish();
  const checks = checksSheet(ctx, SHEET.checks);
  const summary = summarySheet(ctx, SHEET.summary, checks.rows);
  const coverage = coverageSheet(ctx, SHEET.coverage);

  const sheets: SheetPlan[] = [
    summary,
    checks.plan,
    ...[SHEET.rr, SHEET.br].flatMap((n) => statements.get(n) ?? []),
    ...(anslag ? [anslag] : []),
    ...[SHEET.fa, SHEET.vu].flatMap((n) => statements.get(n) ?? []),
    notesPlan,
    ...(huvudbok ? [huvudbok] : []),
    ...tableSheets,
    ...(other ? [other] : []),
    ...(previous ? [previous] : []),
    coverage,
  ];
  const { sheets: parts, warnings: split } = withContinuations(sheets, ctx.maxRows);
  const fitted = fitToExcel(parts);
  const s = result.summary;
  return {
    title: `Avstämning ${ledger.agency} ${ledger.year}`,
    subject: `Avstämning av årsredovisningen ${ledger.year} för ${ledger.agency}`,
    keywords: ['avstämning', 'årsredovisning', ledger.agency, ledger.year, ledger.layout].join(', '),
    description: `${s.checks} kontroller: ${s.ok} ok, ${s.rounding} avrundning, ${s.discrepancy} avvikelse, ${s.acknowledged} känd avvikelse`,
    date: fixedDate(ledger.year),
    sheets: fitted.sheets,
    warnings: [...split, ...fitted.warnings],
  };
}

/** Each sheet followed by its continuation sheets, and a warning for each sheet split. */
function withContinuations(sheets: readonly SheetPlan[], max: number): { sheets: SheetPlan[]; warnings: WorkbookWarning[] } {
  const out: SheetPlan[] = [];
  const warnings: WorkbookWarning[] = [];
  for (const { continuations, ...sheet } of sheets) {
    out.push(sheet);
    if (!continuations?.length) continue;
    out.push(...continuations);
    const antal = sheet.rows.length + continuations.reduce((n, c) => n + c.rows.length, 0);
    warnings.push({ code: 'arbetsbok.delat_blad', params: { blad: sheet.name, antal, max, fortsattning: continuations.map((c) => c.name) } });
  }
  return { sheets: out, warnings };
}

/** The last day of the fiscal year: the workbook's dates do not depend on when it was written. */
function fixedDate(year: string): Date {
  const y = /^\d{4}$/.test(year) ? year : '2000';
  return new Date(`${y}-12-31T00:00:00Z`);
}
