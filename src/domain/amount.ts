/**
 * Exact amounts. Every amount in avstämning is a Decimal from this module, from parsing
 * to output; JavaScript numbers never hold money.
 */
import { Decimal as DecimalJs } from 'decimal.js';

/**
 * A Decimal constructor that cannot round silently: parsed amounts are limited to
 * MAX_DIGITS significant digits, and the working precision is far above anything sums
 * and differences of such amounts can reach. Exponent notation is never used in output.
 */
export const Decimal = DecimalJs.clone({
  precision: 1000,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -1000,
  toExpPos: 1000,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Longest amount (integer and decimal digits) a ledger may write. */
export const MAX_DIGITS = 30;

export type UnitId = 'kr' | 'tkr' | 'mnkr' | 'antal' | 'procent';

export interface Unit {
  readonly id: UnitId;
  readonly label: string;
  /** Decimals an amount in this unit may be written with. */
  readonly maxDecimals: number;
  /** Published figures are rounded to their last printed digit; book figures are exact. */
  readonly rounded: boolean;
  /** Kronor per unit, for comparing money across units; null for non-money units. */
  readonly kronor: Decimal | null;
}

export const UNITS: Readonly<Record<UnitId, Unit>> = {
  kr: { id: 'kr', label: 'kr', maxDecimals: 2, rounded: false, kronor: new Decimal(1) },
  tkr: { id: 'tkr', label: 'tkr', maxDecimals: 0, rounded: true, kronor: new Decimal(1000) },
  mnkr: { id: 'mnkr', label: 'mnkr', maxDecimals: 1, rounded: true, kronor: new Decimal(1_000_000) },
  antal: { id: 'antal', label: 'antal', maxDecimals: 1, rounded: true, kronor: null },
  procent: { id: 'procent', label: '%', maxDecimals: 1, rounded: true, kronor: null },
};

/** Whether the unit is an amount of money (kr, tkr, mnkr), not a count or a share. */
export const isMoney = (u: UnitId): boolean => UNITS[u].kronor !== null;

export function isUnitId(s: string): s is UnitId {
  return Object.prototype.hasOwnProperty.call(UNITS, s);
}

/** The outcome of parsing one printed amount. */
export type ParsedAmount =
  | { ok: true; value: Decimal | null; decimals: number }
  | { ok: false; reason: 'syntax' | 'too-long' };

const EMPTY = new Set(['', '-', '–', '—']);
// Sign: hyphen-minus, Unicode minus, en dash; an optional space may follow it.
// Digits: groups of three separated by a space (regular, no-break, thin, narrow no-break),
// or an ungrouped run; then an optional decimal comma (or point) with digits.
const AMOUNT = /^([-\u2212\u2013])?\s?(\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:[,.](\d+))?$/u;

/**
 * Parse an amount written as printed in an annual report: `5 611 532`, `-1 163 260`,
 * `−1 163 260`, `– 4 756 846`, `0,08`. `–`, `-` or an empty string mean "no amount"
 * and give `value: null`. Never goes through a floating-point number.
 */
export function parseAmount(text: string): ParsedAmount {
  const s = text.trim();
  if (EMPTY.has(s)) return { ok: true, value: null, decimals: 0 };
  const m = AMOUNT.exec(s);
  if (!m) return { ok: false, reason: 'syntax' };
  const intDigits = m[2]!.replace(/[^\d]/g, '');
  const frac = m[3] ?? '';
  if (intDigits.replace(/^0+(?=\d)/, '').length + frac.length > MAX_DIGITS) return { ok: false, reason: 'too-long' };
  const value = new Decimal(`${m[1] ? '-' : ''}${intDigits}${frac ? '.' + frac : ''}`);
  return { ok: true, value: value.isZero() ? ZERO : value, decimals: frac.length };
}

/** Format an amount as printed in a report: groups of three separated by spaces, `-`, decimal comma. */
export function formatAmount(value: Decimal, decimals = value.decimalPlaces()): string {
  const rounded = value.toDecimalPlaces(decimals);
  const [int, frac] = rounded.abs().toFixed(decimals).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${rounded.isNegative() && !rounded.isZero() ? '-' : ''}${grouped}${frac ? ',' + frac : ''}`;
}
