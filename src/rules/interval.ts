/**
 * Rounding-aware comparison (the approach of XBRL Calculations 1.1): a figure published
 * rounded to its last printed digit stands for an interval of ±½ that digit; two sides
 * disagree only when their intervals cannot meet. Exact figures have zero width.
 */
import { Decimal, halfUnit, UNITS, ZERO, type UnitId } from '../domain/amount.js';
import type { Figure, Term } from '../domain/model.js';
import type { Relation, Status } from './types.js';

export interface SideValue {
  readonly value: Decimal;
  /** Half-width of the side's interval. */
  readonly radius: Decimal;
}

/** The unit both sides are compared in: the finest money unit involved, or the common unit. */
export function commonUnit(units: readonly UnitId[]): UnitId | undefined {
  if (units.every((u) => u === units[0])) return units[0];
  const distinct = [...new Set(units)];
  if (distinct.length === 1) return distinct[0];
  if (distinct.some((u) => UNITS[u].kronor === null)) return undefined;
  return distinct.sort((a, b) => UNITS[a].kronor!.comparedTo(UNITS[b].kronor!))[0];
}

const FACTORS = new Map<string, Decimal>();

/** Factor converting an amount in `from` into `to` (units are powers of ten apart: exact). */
function factor(from: UnitId, to: UnitId): Decimal {
  const key = `${from}>${to}`;
  let k = FACTORS.get(key);
  if (!k) FACTORS.set(key, (k = UNITS[from].kronor!.div(UNITS[to].kronor!)));
  return k;
}

export function scaled(f: Figure, to: UnitId): SideValue {
  const half = halfUnit(UNITS[f.unit], f.decimals);
  if (f.unit === to) return { value: f.value!, radius: half };
  const k = factor(f.unit, to);
  return { value: f.value!.times(k), radius: half.times(k) };
}

/** Σ sign × figure, with the interval radius of the sum. */
export function sumSide(terms: readonly { term: Term; figure: Figure }[], to: UnitId): SideValue {
  let value = ZERO;
  let radius = ZERO;
  for (const { term, figure } of terms) {
    const s = scaled(figure, to);
    value = value.plus(term.sign < 0 ? s.value.neg() : s.value);
    radius = radius.plus(s.radius);
  }
  return { value, radius };
}

/** The product of two rounded figures as an interval: |a|·rb + |b|·ra + ra·rb. */
export function productSide(a: SideValue, b: SideValue): SideValue {
  return {
    value: a.value.times(b.value),
    radius: a.value.abs().times(b.radius).plus(b.value.abs().times(a.radius)).plus(a.radius.times(b.radius)),
  };
}

/** Status of `left relation right` given the tolerance (sum of both radii). */
export function classify(relation: Relation, difference: Decimal, tolerance: Decimal): Exclude<Status, 'acknowledged'> {
  if (relation === 'eq') {
    if (difference.isZero()) return 'ok';
    return difference.abs().lte(tolerance) ? 'rounding' : 'discrepancy';
  }
  if (difference.lte(0)) return 'ok';
  return difference.lte(tolerance) ? 'rounding' : 'discrepancy';
}
