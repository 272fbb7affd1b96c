/** Plain-text pieces shared by the console, batch and JUnit renderers. */
import { Decimal, formatAmount } from '../domain/amount.js';
import { figureById, type Ledger } from '../domain/model.js';
import { plural } from '../messages/catalogue.js';
import type { CheckResult, CheckTerm, Summary } from '../rules/types.js';

export const fmt = (s: string) => formatAmount(new Decimal(s));

/** The checks by status, each count with its noun in number: `436 kontroller: 372 ok, 55 avrundningar, 1 avvikelse, 0 kända avvikelser`. */
export function statusCounts(s: Pick<Summary, 'checks' | 'ok' | 'rounding' | 'discrepancy' | 'acknowledged'>): string {
  return `${plural(s.checks, 'kontroll', 'kontroller')}: ${s.ok} ok, ${plural(s.rounding, 'avrundning', 'avrundningar')}, ${plural(s.discrepancy, 'avvikelse', 'avvikelser')}, ${plural(s.acknowledged, 'känd avvikelse', 'kända avvikelser')}`;
}

/** How a renderer names a ledger file (a path relative to the ledger directory): the CLI decides. */
export type Place = (file: string) => string;
const asIs: Place = (file) => file;

function termLines(ledger: Ledger, terms: readonly CheckTerm[], place: Place): string[] {
  return terms.map((t) => {
    const f = figureById(ledger, t.figure)!;
    return `${t.sign < 0 ? '−' : '+'} ${f.printed.padStart(12)} ${f.unit}  ${f.id}  (${place(f.source.file)}:${f.source.line}:${f.source.column})`;
  });
}

/** Both sides with every figure and its source (named by `place`), the difference and the tolerance. */
export function describeCheck(ledger: Ledger, c: CheckResult, place: Place = asIs): string {
  const rel = c.relation === 'eq' ? '=' : '≤';
  return [
    `${c.subject}`,
    `vänster ${fmt(c.left)} ${c.unit}${c.product ? ' (produkt)' : ''}`,
    ...termLines(ledger, c.leftTerms, place).map((l) => `    ${l}`),
    `${rel} höger ${fmt(c.right)} ${c.unit}`,
    ...termLines(ledger, c.rightTerms, place).map((l) => `    ${l}`),
    `differens ${fmt(c.difference)} ${c.unit}, tolerans ±${fmt(c.tolerance)} ${c.unit}`,
    ...accountLines(c),
  ].join('\n');
}

const MAX_ACCOUNTS = 12;

/** The accounts behind an amount derived from the books, largest first. */
function accountLines(c: CheckResult): string[] {
  if (!c.konton?.length) return [];
  const sorted = [...c.konton].sort((a, b) => new Decimal(b.belopp).abs().comparedTo(new Decimal(a.belopp).abs()));
  const rest = sorted.length - MAX_ACCOUNTS;
  return [
    `konton i huvudboken (${sorted.length}):`,
    ...sorted.slice(0, MAX_ACCOUNTS).map((k) => `    ${k.konto.padEnd(6)} ${fmt(k.belopp).padStart(20)} kr  ${k.namn}`),
    ...(rest > 0 ? [`    … och ${rest} ${rest === 1 ? 'konto' : 'konton'} till`] : []),
  ];
}
