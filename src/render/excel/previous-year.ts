/**
 * The sheet of last year's figures that the year-over-year checks read (rules
 * year-over-year.ts): each gets its value cell here, so that those checks' formulas have a
 * cell to point at, as every other check's do.
 */
import { UNITS } from '../../domain/amount.js';
import { KONTO_SALDO } from '../../books/huvudbok.js';
import { PREVIOUS_YEAR } from '../../domain/model.js';
import type { Context } from './context.js';
import type { SheetPlan } from './plan.js';
import { text } from './plan.js';
import { S } from './styles.js';

export const PREVIOUS_YEAR_SHEET = 'Föregående år';

export function previousYearSheet(ctx: Context, name: string): SheetPlan | undefined {
  const p = ctx.ledger.previousYear;
  if (!p) return undefined;
  const ids = new Set<string>();
  // Last year's figures, and the accounts' balances in this year's books (D-15), which no other sheet places.
  for (const c of ctx.result.checks) for (const id of c.figures) if (id.startsWith(PREVIOUS_YEAR) || id.startsWith(KONTO_SALDO)) ids.add(id);
  if (!ids.size) return undefined;
  const b = ctx.sheet(name, { minWidths: [30, 30], maxWidths: [60, 70] });
  b.addWide([text(`Årsredovisningen ${p.ledger.year}: figurerna som årets jämförelsesiffror stäms av mot`, S.title)], 21);
  b.addWide([text(`${ctx.subtitle} · föregående år: ${p.path}`, S.subtitle)]);
  const header = b.add(['Figur-id', 'Beskrivning', 'Värde', 'Enhet', 'Källa'].map((h, i) => text(h, i === 2 ? S.headerRight : S.headerLeft)));
  for (const id of ids) {
    const f = ctx.figure(id)!;
    const n = b.next;
    // Last year's figures name their files with last year's path already (model.ts).
    b.add([text(f.id, S.text), text(f.label, S.text), ctx.figureCell(f.id, b.address(n, 3)), text(UNITS[f.unit].label, S.text), text(`${f.source.file}:${f.source.line}`, S.text)]);
  }
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  return b.build();
}
