/**
 * The integer arithmetic of the rounding-aware comparison (src/rules/interval.ts) against
 * the same arithmetic in Decimal: sums of figures in any units and decimals, products,
 * classification and the decimal strings the report shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, UNITS, ZERO, type Unit, type UnitId } from '../src/domain/amount.js';
import type { Figure, Term } from '../src/domain/model.js';
import { classify, compareSides, decimalString, productSide, sumSide } from '../src/rules/interval.js';
import type { Relation } from '../src/rules/types.js';

/** Half of the last printed digit of a rounded figure, in its unit (0 if exact). */
const halfUnit = (unit: Unit, decimals: number) => (unit.rounded ? new Decimal(`5e-${decimals + 1}`) : ZERO);

/** The comparison in Decimal, as it was written before it was made integer: the reference. */
const reference = {
  sum(terms: readonly { term: Term; figure: Figure }[], to: UnitId) {
    let value = ZERO;
    let radius = ZERO;
    for (const { term, figure } of terms) {
      const k = figure.unit === to ? new Decimal(1) : UNITS[figure.unit].kronor!.div(UNITS[to].kronor!);
      const v = figure.value!.times(k);
      value = value.plus(term.sign < 0 ? v.neg() : v);
      radius = radius.plus(halfUnit(UNITS[figure.unit], figure.decimals).times(k));
    }
    return { value, radius };
  },
  product(a: { value: Decimal; radius: Decimal }, b: { value: Decimal; radius: Decimal }) {
    return { value: a.value.times(b.value), radius: a.value.abs().times(b.radius).plus(b.value.abs().times(a.radius)).plus(a.radius.times(b.radius)) };
  },
  classify(relation: Relation, difference: Decimal, tolerance: Decimal) {
    if (relation === 'eq') return difference.isZero() ? 'ok' : difference.abs().lte(tolerance) ? 'rounding' : 'discrepancy';
    return difference.lte(0) ? 'ok' : difference.lte(tolerance) ? 'rounding' : 'discrepancy';
  },
};

const asDecimal = (units: bigint, scale: number) => new Decimal(units.toString()).div(new Decimal(10).pow(scale));

const MONEY: UnitId[] = ['kr', 'tkr', 'mnkr'];

/** A figure as the loader makes one: an amount printed with at most its unit's decimals. */
const figure = (unit: UnitId) =>
  fc.record({ digits: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), decimals: fc.integer({ min: 0, max: UNITS[unit].maxDecimals }), sign: fc.constantFrom<1 | -1>(1, -1) }).map(({ digits, decimals, sign }) => ({
    term: { sign, ref: 'x' },
    figure: { id: 'f', value: asDecimal(digits, decimals), printed: '', unit, decimals, source: { file: 'f.yaml', line: 1, column: 1 }, label: '' } satisfies Figure,
  }));

/** Terms in money units, and a unit to compare them in (the finest, as the engine picks, or any). */
const moneyTerms = fc
  .array(fc.constantFrom(...MONEY).chain(figure), { minLength: 0, maxLength: 12 })
  .chain((terms) => fc.constantFrom(...MONEY).map((to) => ({ terms, to })));

describe('the interval of one figure', () => {
  const one = (unit: UnitId, decimals: number) => sumSide([{ term: { sign: 1, ref: 'f' }, figure: { id: 'f', value: new Decimal(7), printed: '7', unit, decimals, source: { file: 'f.yaml', line: 1, column: 1 }, label: '' } }], unit);
  const radius = (unit: UnitId, decimals: number) => decimalString(one(unit, decimals).radius, one(unit, decimals).scale);

  it('tkr with 0 decimals is ±0.5; mnkr with 1 decimal is ±0.05; kr (exact) is ±0', () => {
    expect(radius('tkr', 0)).toBe('0.5');
    expect(radius('mnkr', 1)).toBe('0.05');
    expect(radius('kr', 0)).toBe('0');
    expect(radius('kr', 2)).toBe('0');
  });

  it('is half of the last printed digit for every rounded unit, and 0 for exact ones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(UNITS)), fc.integer({ min: 0, max: 12 }), (unit, d) => {
        expect(radius(unit.id, d)).toBe(unit.rounded ? `0.${'0'.repeat(d)}5` : '0');
      }),
    );
  });
});

describe('the integer comparison against Decimal', () => {
  it('sums figures of any money units and decimals, in any money unit, to the same value and radius', () => {
    fc.assert(
      fc.property(moneyTerms, ({ terms, to }) => {
        const side = sumSide(terms, to);
        const ref = reference.sum(terms, to);
        expect(asDecimal(side.value, side.scale).eq(ref.value)).toBe(true);
        expect(asDecimal(side.radius, side.scale).eq(ref.radius)).toBe(true);
        expect(decimalString(side.value, side.scale)).toBe(ref.value.toString());
        expect(decimalString(side.radius, side.scale)).toBe(ref.radius.toString());
      }),
    );
  });

  it('sums counts (antal, procent) in their own unit', () => {
    fc.assert(
      fc.property(fc.constantFrom<UnitId>('antal', 'procent').chain((u) => fc.array(figure(u), { maxLength: 8 }).map((terms) => ({ terms, u }))), ({ terms, u }) => {
        const side = sumSide(terms, u);
        const ref = reference.sum(terms, u);
        expect(decimalString(side.value, side.scale)).toBe(ref.value.toString());
        expect(decimalString(side.radius, side.scale)).toBe(ref.radius.toString());
      }),
    );
  });

  it('multiplies, compares and classifies as Decimal does, and writes what Decimal writes', () => {
    const relation = fc.constantFrom<Relation>('eq', 'le');
    fc.assert(
      fc.property(moneyTerms, moneyTerms, moneyTerms, relation, fc.boolean(), (a, b, c, rel, product) => {
        const l = product ? productSide(sumSide(a.terms, a.to), sumSide(b.terms, b.to)) : sumSide(a.terms, a.to);
        const lRef = product ? reference.product(reference.sum(a.terms, a.to), reference.sum(b.terms, b.to)) : reference.sum(a.terms, a.to);
        const r = sumSide(c.terms, c.to);
        const rRef = reference.sum(c.terms, c.to);
        const { difference, tolerance, scale } = compareSides(l, r);
        const dRef = lRef.value.minus(rRef.value);
        const tRef = lRef.radius.plus(rRef.radius);
        expect(decimalString(l.value, l.scale)).toBe(lRef.value.toString());
        expect(decimalString(l.radius, l.scale)).toBe(lRef.radius.toString());
        expect(decimalString(difference, scale)).toBe(dRef.toString());
        expect(decimalString(tolerance, scale)).toBe(tRef.toString());
        expect(classify(rel, difference, tolerance)).toBe(reference.classify(rel, dRef, tRef));
      }),
    );
  });

  it('classifies at the edges of the tolerance as Decimal does', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -50n, max: 50n }), fc.bigInt({ min: 0n, max: 50n }), fc.integer({ min: 0, max: 4 }), fc.constantFrom<Relation>('eq', 'le'), (d, t, scale, rel) => {
        expect(classify(rel, d, t)).toBe(reference.classify(rel, asDecimal(d, scale), asDecimal(t, scale)));
      }),
    );
  });

  it('writes any amount as Decimal writes it: no exponent, no trailing zeros, no minus on zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 40 }), (units, scale) => {
        expect(decimalString(units, scale)).toBe(asDecimal(units, scale).toString());
      }),
    );
    expect(decimalString(-0n, 3)).toBe('0');
    expect(decimalString(-1200n, 3)).toBe('-1.2');
    expect(decimalString(5n, 4)).toBe('0.0005');
  });
});
