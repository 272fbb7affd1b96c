/**
 * "Avstämningar": every check as a row of live formulas over the figure cells, each with
 * the engine's result cached so the file reads right before any recalculation.
 *
 *   Vänster, Höger  = the signed sum of the side's figure cells (a product check's left side
 *                     is the product of its two terms; a side without terms is 0); a figure
 *                     in another unit than the check's is scaled (mnkr in a tkr check: *1000)
 *   Differens       = Vänster − Höger
 *   Tolerans        = a value: the engine's (±½ of the last printed digit per rounded figure)
 *   Status          = formula over Differens, Tolerans and Orsak: "ok", "avrundning",
 *                     "avvikelse", or "känd avvikelse" when the ledger gives a reason
 */
import { Decimal, UNITS } from '../../domain/amount.js';
import type { UnitId } from '../../domain/amount.js';
import type { CheckResult, CheckTerm, Status } from '../../rules/types.js';
import type { Context } from './context.js';
import { decimalsOf, toCellNumber } from './context.js';
import type { Address, Cell, SheetPlan } from './plan.js';
import { a1, columnLetter, formula, link, linkTo, num, ref, text } from './plan.js';
import type { FillKey } from './styles.js';
import { numberStyle, S, textStyle } from './styles.js';

export const STATUS_TEXT: Readonly<Record<Status, string>> = {
  ok: 'ok',
  rounding: 'avrundning',
  discrepancy: 'avvikelse',
  acknowledged: 'känd avvikelse',
};

/** The columns of the check sheet, 1-based. */
export const COL = {
  id: 1,
  rule: 2,
  severity: 3,
  title: 4,
  subject: 5,
  relation: 6,
  left: 7,
  right: 8,
  difference: 9,
  tolerance: 10,
  unit: 11,
  status: 12,
  reason: 13,
  figures: 14,
  sources: 15,
} as const;
const HEADERS = ['Kontroll-id', 'Regel', 'Allvar', 'Titel', 'Avser', 'Villkor', 'Vänster', 'Höger', 'Differens', 'Tolerans ±', 'Enhet', 'Status', 'Orsak (känd avvikelse)', 'Figurer', 'Källor (fil:rad)'];
export const CHECK_HEADER_ROW = 3;

/** Where each check's row is, for links from the summary. */
export interface CheckRows {
  readonly sheet: string;
  /** Check id → its row, counted over the sheet and its continuations (see `at`). */
  readonly rows: ReadonlyMap<string, number>;
  /** Where a cell of such a row is. */
  readonly at: (row: number, col: number) => Address;
  /** The status column over every check, one range per sheet it is on. */
  readonly statusRanges: readonly string[];
}

/** Factor that converts an amount in `from` to `to`, as formula text (`*1000`), or "" for none. */
function scale(from: UnitId, to: UnitId): string {
  if (from === to) return '';
  const f = UNITS[from].kronor;
  const t = UNITS[to].kronor;
  if (!f || !t) throw new Error(`kan inte räkna om ${from} till ${to}`);
  const k = f.div(t);
  if (k.isInteger()) return `*${k.toString()}`;
  const inv = new Decimal(1).div(k);
  if (inv.isInteger()) return `/${inv.toString()}`;
  return `*${k.toString()}`;
}

/** One side as formula text: `'RR'!C5+'RR'!C6-'Noter'!C70*1000`, or `0` for no terms. */
function sideFormula(ctx: Context, terms: readonly CheckTerm[], unit: UnitId | undefined): string {
  if (!terms.length) return '0';
  return terms
    .map((t, i) => {
      const at = ctx.figures.get(t.figure);
      const f = ctx.figure(t.figure);
      if (!at || !f) throw new Error(`figuren ${t.figure} har ingen cell i arbetsboken`);
      const sign = t.sign < 0 ? '-' : i ? '+' : '';
      return `${sign}${ref(at)}${unit ? scale(f.unit, unit) : ''}`;
    })
    .join('');
}

/**
 * Amounts with decimals (kr and öre from the books) are exact in the engine; in a
 * spreadsheet their sums and differences carry binary rounding noise, so they are rounded
 * to the decimals the amounts have. Whole amounts are left as they are.
 */
const rounded = (f: string, decimals: number) => (decimals > 0 ? `ROUND(${f},${decimals})` : f);

/** The left side of a check: a signed sum, or for a product check the product of its first two terms. */
function leftFormula(ctx: Context, c: CheckResult): string {
  if (!c.product) return sideFormula(ctx, c.leftTerms, c.unit as UnitId);
  // As the engine: each factor in its own unit, the second missing means 0.
  const [a, b] = c.leftTerms;
  if (!a) return '0';
  const fa = `(${sideFormula(ctx, [a], undefined)})`;
  return b ? `${fa}*(${sideFormula(ctx, [b], undefined)})` : `${fa}*0`;
}

export function checksSheet(ctx: Context, name: string): { plan: SheetPlan; rows: CheckRows } {
  const checks = ctx.result.checks;
  const b = ctx.sheet(name, {
    minWidths: [24, 6, 6, 24, 24, 7, 12, 12, 12, 10, 6, 15, 24, 30, 20],
    maxWidths: [48, 8, 8, 50, 60, 8, 18, 18, 18, 12, 8, 16, 60, 60, 40],
    landscape: true,
    // Printed: id to reason; the figure ids and sources are for the screen (and the links).
    printColumns: COL.reason,
  });
  b.addWide([text('Avstämningar', S.title)], 21);
  b.addWide([
    text(
      `${ctx.subtitle} · ${checks.length} kontroller. Vänster, höger, differens och status är formler över figurcellerna; ` +
        'toleransen är avstämnings värde. Klicka på kontroll-id för att gå till den första figuren.',
      S.subtitle,
    ),
  ]);
  const header = b.add(HEADERS.map((h, i) => text(h, [COL.left, COL.right, COL.difference, COL.tolerance].includes((i + 1) as 7) ? S.headerRight : S.headerLeft)));
  const rows = new Map<string, number>();
  const first = b.next;
  for (const c of checks) {
    const n = b.next;
    rows.set(c.id, n);
    const fill: FillKey = c.status;
    // The row's own cells, on whichever part of the sheet it lands.
    const at = (col: number) => a1(b.address(n, col));
    const firstFigure: Address | undefined = c.figures.map((id) => ctx.figures.get(id)).find((x) => !!x);
    const d = Math.max(decimalsOf(c.left), decimalsOf(c.right), decimalsOf(c.difference));
    // Decimals the amounts are written with (kr and öre from the books), whatever their sums come to.
    const places = c.product ? 0 : Math.max(d, ...c.figures.map((id) => ctx.figure(id)?.decimals ?? 0));
    const nstyle = numberStyle(d, { fill });
    const diff = at(COL.difference);
    const tol = at(COL.tolerance);
    const reason = at(COL.reason);
    const tail = `IF(${reason}<>"","känd avvikelse","avvikelse")`;
    const statusFormula =
      c.relation === 'eq'
        ? `IF(ABS(${diff})=0,"ok",IF(ABS(${diff})<=${tol},"avrundning",${tail}))`
        : `IF(${diff}<=0,"ok",IF(${diff}<=${tol},"avrundning",${tail}))`;
    const sources = [...new Set(c.figures.map((id) => ctx.figure(id)).map((f) => (f ? `${f.source.file}:${f.source.line}` : '')))].filter(Boolean);
    const cells: (Cell | undefined)[] = [
      firstFigure ? link(c.id, linkTo(firstFigure), textStyle({ link: true, fill })) : text(c.id, textStyle({ fill })),
      text(c.rule, textStyle({ fill })),
      text(c.severity, textStyle({ fill })),
      text(c.title, textStyle({ fill })),
      text(c.subject, textStyle({ fill })),
      text(c.relation === 'eq' ? (c.product ? 'V1 × V2 = H' : 'V = H') : 'V ≤ H', textStyle({ fill })),
      formula(rounded(leftFormula(ctx, c), places), toCellNumber(c.left), nstyle),
      formula(rounded(sideFormula(ctx, c.rightTerms, c.unit as UnitId), places), toCellNumber(c.right), nstyle),
      formula(rounded(`${at(COL.left)}-${at(COL.right)}`, places), toCellNumber(c.difference), nstyle),
      num(toCellNumber(c.tolerance), numberStyle(decimalsOf(c.tolerance), { fill })),
      text(c.unit, textStyle({ fill })),
      formula(statusFormula, STATUS_TEXT[c.status], textStyle({ fill, bad: c.status === 'discrepancy' })),
      c.reason !== undefined ? text(c.reason, textStyle({ fill })) : undefined,
      text(c.figures.join(', '), textStyle({ fill })),
      text(sources.join(', '), textStyle({ fill })),
    ];
    b.add(cells);
  }
  const last = Math.max(first, b.next - 1);
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  if (checks.length) {
    b.autoFilter = `A${header}:${columnLetter(HEADERS.length)}${last}`;
    // The colour follows the status formula after a recalculation (the static fills show
    // the engine's verdict in readers without conditional formatting).
    const range = `A${first}:${columnLetter(HEADERS.length)}${last}`;
    const st = `$${columnLetter(COL.status)}${first}`;
    for (const key of ['discrepancy', 'acknowledged', 'rounding', 'ok'] as const)
      b.conditional.push({ ref: range, formula: `${st}="${STATUS_TEXT[key]}"`, style: key });
  }
  return { plan: b.build(), rows: { sheet: name, rows, at: (row, col) => b.address(row, col), statusRanges: b.columnRanges(first, last, COL.status) } };
}
