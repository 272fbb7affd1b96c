/**
 * The overview workbook (Översikt) of a run over many ledgers: one row per ledger with its
 * counts and verdict, and a link to the ledger's own workbook beside it.
 */
import path from 'node:path';
import type { BatchRow } from '../batch.js';
import { batchSummary } from '../batch.js';
import { fitToExcel } from './limits.js';
import type { Cell, WorkbookPlan } from './plan.js';
import { formula, num, SheetBuilder, text } from './plan.js';
import { numberStyle, S, textStyle } from './styles.js';

const HEADERS = ['Myndighet', 'År', 'Årsredovisningsmapp', 'Kontroller', 'Ok', 'Avrundning', 'Avvikelse', 'Känd avvikelse', 'Resultat', 'Arbetsbok'];

/** `dir` is where the overview is written: its links to the ledgers' workbooks are relative to it. */
export function planOverview(rows: readonly BatchRow[], dir: string): WorkbookPlan {
  const s = batchSummary(rows);
  const b = new SheetBuilder('Översikt', { minWidths: [24, 6, 20, 10, 8, 10, 10, 10, 20, 24], maxWidths: [48, 8, 50, 12, 10, 12, 12, 12, 40, 50], landscape: true });
  b.addWide([text('Avstämning · översikt', S.title)], 21);
  b.addWide([text(`${rows.length} ${rows.length === 1 ? 'årsredovisning' : 'årsredovisningar'}: ${s.passed} stämmer, ${s.failed} med avvikelser, ${s.invalid} ogiltiga · ${s.checks} kontroller`, S.subtitle)]);
  const header = b.add(HEADERS.map((h, i) => text(h, i >= 3 && i <= 7 ? S.headerRight : S.headerLeft)));
  b.frozen = { rows: header, columns: 2 };
  for (const r of rows) {
    const fill = r.exit !== 0 ? 'discrepancy' : (r.summary?.acknowledged ?? 0) > 0 ? 'acknowledged' : undefined;
    const style = textStyle(fill ? { fill } : {});
    const count = (n: number | undefined): Cell => (n === undefined ? text('–', S.empty) : num(n, numberStyle(0, fill ? { fill } : {})));
    const verdict = r.exit === 2 ? `ogiltig årsredovisning (${r.errors ?? 0} fel)` : r.exit === 1 ? `${r.summary!.discrepancy} ${r.summary!.discrepancy === 1 ? 'avvikelse' : 'avvikelser'}` : 'stämmer';
    const book = r.workbook ? path.relative(dir, path.resolve(r.workbook)).split(path.sep).join('/') : undefined;
    b.add([
      text(r.agency, style),
      text(r.year, style),
      text(r.path, style),
      count(r.summary?.checks),
      count(r.summary?.ok),
      count(r.summary?.rounding),
      count(r.summary?.discrepancy),
      count(r.summary?.acknowledged),
      text(verdict, style),
      // A HYPERLINK formula: a link to another file, which the streaming writer's links cannot be.
      book ? formula(`HYPERLINK("${book.replace(/"/g, '""')}","${book.replace(/"/g, '""')}")`, book, textStyle({ link: true, ...(fill ? { fill } : {}) })) : text('–', S.empty),
    ]);
  }
  b.autoFilter = `A${header}:J${Math.max(header, b.next - 1)}`;
  return {
    title: 'Avstämning · översikt',
    subject: 'Avstämning av årsredovisningar',
    keywords: 'avstämning, årsredovisning, översikt',
    description: `${rows.length} årsredovisningar, ${s.checks} kontroller`,
    // The end of the latest year: the workbook does not depend on when it was written.
    date: new Date(`${rows.map((r) => r.year).filter((y) => /^\d{4}$/.test(y)).sort().pop() ?? '2000'}-12-31T00:00:00Z`),
    ...fitToExcel([b.build()]),
  };
}
