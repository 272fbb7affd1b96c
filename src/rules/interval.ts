/**
 * Rounding-aware comparison (the approach of XBRL Calculations 1.1): a figure published
 * rounded to its last printed digit stands for an interval of ±½ that digit; two sides
 * disagree only when their intervals cannot meet. Exact figures have zero width.
 *
 * The arithmetic of a check is exact in integers: every amount as a count of the check's
 * smallest step, 10^-scale of the comparison unit, in BigInt (a run makes thousands of sums
 * of a few terms each; Decimal there cost more than reading the report). Amounts enter as the
 * figures' Decimals and leave as decimal strings, the Decimal's own (decimalString).
 */
import { isMoney, UNITS, type UnitId } from '../domain/amount.js';
import type { Figure, Term } from '../domain/model.js';
import type { Relation, Status } from './types.js';

/** A side of a check: value and the half-width of its interval, both integers of 10^-scale. */
export interface SideValue {
  readonly value: bigint;
  readonly radius: bigint;
  readonly scale: number;
}

export const ZERO_SIDE: SideValue = { value: 0n, radius: 0n, scale: 0 };

/** The unit both sides are compared in: the finest money unit involved, or the common unit. */
export function commonUnit(units: readonly UnitId[]): UnitId | undefined {
  if (units.every((u) => u === units[0])) return units[0];
  const distinct = [...new Set(units)];
  if (distinct.length === 1) return distinct[0];
  if (!distinct.every(isMoney)) return undefined;
  return distinct.sort((a, b) => UNITS[a].kronor!.comparedTo(UNITS[b].kronor!))[0];
}

const POWERS: bigint[] = [1n];
/** 10^k as a BigInt. */
function pow10(k: number): bigint {
  while (POWERS.length <= k) POWERS.push(POWERS[POWERS.length - 1]! * 10n);
  return POWERS[k]!;
}

/** x at a finer scale: x · 10^(to − from). */
const rescale = (x: bigint, from: number, to: number) => (to === from ? x : x * pow10(to - from));

/** Digits of a money unit's kronor: kr 0, tkr 3, mnkr 6 (each a power of ten of a krona). */
const EXPONENT = new Map(Object.values(UNITS).flatMap((u) => (u.kronor ? [[u.id, u.kronor.toFixed().length - 1] as const] : [])));

/** log10 of the factor converting an amount in `from` into `to` (3 from tkr into kr); units that differ are money. */
const shift = (from: UnitId, to: UnitId) => (from === to ? 0 : EXPONENT.get(from)! - EXPONENT.get(to)!);

/** A figure's value as an integer of 10^-decimals, made once per figure. */
interface Exact {
  readonly units: bigint;
  readonly decimals: number;
}
const EXACT = new WeakMap<Figure, Exact>();
function exact(f: Figure): Exact {
  let x = EXACT.get(f);
  if (!x) {
    // Decimal's plain notation, all its digits (toExpNeg and toExpPos keep exponents out).
    const [int, frac = ''] = f.value!.toFixed().split('.');
    EXACT.set(f, (x = { units: BigInt(int! + frac), decimals: frac.length }));
  }
  return x;
}

/** Σ sign × figure in `to`, with the interval radius of the sum (½ of each rounded figure's last digit). */
export function sumSide(terms: readonly { term: Term; figure: Figure }[], to: UnitId): SideValue {
  // Each term's value and half-unit as (integer, scale) in `to`; the sum's scale is the finest of them.
  const parts = terms.map(({ term, figure }) => {
    const k = shift(figure.unit, to);
    const x = exact(figure);
    const halfScale = UNITS[figure.unit].rounded ? figure.decimals + 1 - k : undefined;
    return { sign: term.sign, units: x.units, valueScale: x.decimals - k, halfScale };
  });
  const scale = parts.reduce((s, p) => Math.max(s, p.valueScale, p.halfScale ?? 0), 0);
  let value = 0n;
  let radius = 0n;
  for (const p of parts) {
    const v = rescale(p.units, p.valueScale, scale);
    value = p.sign < 0 ? value - v : value + v;
    if (p.halfScale !== undefined) radius += rescale(5n, p.halfScale, scale);
  }
  return { value, radius, scale };
}

/** The product of two rounded figures as an interval: |a|·rb + |b|·ra + ra·rb. */
export function productSide(a: SideValue, b: SideValue): SideValue {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  return { value: a.value * b.value, radius: abs(a.value) * b.radius + abs(b.value) * a.radius + a.radius * b.radius, scale: a.scale + b.scale };
}

/** `left − right` and the tolerance (the sum of both radii), at the finer of their scales. */
export function compareSides(l: SideValue, r: SideValue): { readonly difference: bigint; readonly tolerance: bigint; readonly scale: number } {
  const scale = Math.max(l.scale, r.scale);
  return {
    difference: rescale(l.value, l.scale, scale) - rescale(r.value, r.scale, scale),
    tolerance: rescale(l.radius, l.scale, scale) + rescale(r.radius, r.scale, scale),
    scale,
  };
}

/** Status of `left relation right` given the difference and the tolerance (of one scale). */
export function classify(relation: Relation, difference: bigint, tolerance: bigint): Exclude<Status, 'acknowledged'> {
  if (relation === 'eq') {
    if (difference === 0n) return 'ok';
    return (difference < 0n ? -difference : difference) <= tolerance ? 'rounding' : 'discrepancy';
  }
  if (difference <= 0n) return 'ok';
  return difference <= tolerance ? 'rounding' : 'discrepancy';
}

/** units · 10^-scale as Decimal's toString writes it: no exponent, no trailing zeros, no `-0`. */
export function decimalString(units: bigint, scale: number): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${units < 0n ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
