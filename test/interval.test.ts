/**
 * Property tests of the rounding-aware comparison (src/rules/interval.ts, through the
 * engine's evaluate): a figure printed rounded to its last digit stands for ±½ that digit,
 * and two sides disagree only when their intervals cannot meet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, type UnitId } from '../src/domain/amount.js';
import type { Figure, Ledger, Term } from '../src/domain/model.js';
import { RULES } from '../src/rules/catalogue.js';
import { evaluate } from '../src/rules/engine.js';
import { classify, commonUnit, decimalString, productSide, sumSide, type SideValue } from '../src/rules/interval.js';
import type { CheckResult, Relation } from '../src/rules/types.js';

const D = (x: string | number | bigint) => new Decimal(x.toString());
/** A side of values and radii with at most three decimals, as integers of thousandths. */
const side = (value: Decimal, radius: Decimal): SideValue => ({ value: BigInt(value.times(1000).toFixed(0)), radius: BigInt(radius.times(1000).toFixed(0)), scale: 3 });
const asDecimal = (units: bigint, scale: number) => D(decimalString(units, scale));

/** A figure as the loader builds it, printed with `decimals` decimals. */
function figure(id: string, value: Decimal, unit: UnitId = 'tkr', decimals = 0): Figure {
  return { id, value, printed: value.toFixed(decimals), unit, decimals, source: { file: 'test.yaml', line: 1, column: 1 }, label: id };
}

/** Evaluates `left relation right` over the given figures, as the engine does for a rule's check. */
function check(left: { sign?: 1 | -1; figure: Figure }[], right: { sign?: 1 | -1; figure: Figure }[], relation: Relation = 'eq', product = false): CheckResult {
  const all = [...left, ...right].map((t) => t.figure);
  const ledger = { figures: new Map(all.map((f) => [f.id, f])) } as unknown as Ledger;
  const term = (t: { sign?: 1 | -1; figure: Figure }): Term => ({ sign: t.sign ?? 1, ref: t.figure.id });
  // An empty right side is zero, as for a limit nobody granted.
  const result = evaluate({ id: 'T/1', rule: 'T', subject: 'test', relation, left: left.map(term), right: right.map(term), product, zeroIfEmpty: right.length === 0 }, ledger, RULES[0]!);
  if (!result) throw new Error('the check did not apply');
  return result;
}

const tkr = (i: number, v: number | bigint | Decimal) => figure(`t.r${i}.2024`, D(v.toString()));
const sumOf = (terms: { sign: 1 | -1; value: number }[]) => terms.reduce((s, t) => s + t.sign * t.value, 0);

const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
const signedTerms = fc.array(fc.record({ sign: fc.constantFrom<1 | -1>(1, -1), value: amount }), { minLength: 1, maxLength: 20 });

/** `printed total = Σ terms` with the total off by `d`, all in tkr. */
function sumCheck(terms: { sign: 1 | -1; value: number }[], d: number): CheckResult {
  const total = figure('t.total.2024', D(sumOf(terms) + d));
  return check([{ figure: total }], terms.map((t, i) => ({ sign: t.sign, figure: tkr(i, t.value) })));
}

describe('sums of rounded tkr figures', () => {
  it('tie when |t − Σai| ≤ ½·(n+1), and are a discrepancy otherwise', () => {
    fc.assert(
      fc.property(signedTerms, fc.integer({ min: -30, max: 30 }), (terms, d) => {
        const n = terms.length;
        const r = sumCheck(terms, d);
        expect(r.tolerance).toBe(D(n + 1).div(2).toString());
        expect(r.difference).toBe(String(d));
        expect(r.unit).toBe('tkr');
        const tied = Math.abs(d) <= (n + 1) / 2;
        expect(r.status).toBe(d === 0 ? 'ok' : tied ? 'rounding' : 'discrepancy');
      }),
    );
  });

  it('are ok on exact equality, whatever the number of terms', () => {
    fc.assert(
      fc.property(signedTerms, (terms) => {
        expect(sumCheck(terms, 0).status).toBe('ok');
      }),
    );
  });

  it('widen the tolerance with every rounded term: a difference beyond n terms is within n + k', () => {
    fc.assert(
      fc.property(signedTerms, fc.integer({ min: 1, max: 40 }), fc.constantFrom(1, -1), (terms, excess, sign) => {
        const n = terms.length;
        // |d| just beyond ½·(n+1); k zero terms (each printed "0", so ±0.5) bring it within.
        const d = sign * (Math.floor((n + 1) / 2) + excess);
        expect(sumCheck(terms, d).status).toBe('discrepancy');
        const k = 2 * Math.abs(d) - (n + 1);
        const zeros = Array.from({ length: k }, () => ({ sign: 1 as const, value: 0 }));
        const wider = sumCheck([...terms, ...zeros], d);
        expect(D(wider.tolerance).gt(D(sumCheck(terms, d).tolerance))).toBe(true);
        expect(wider.status).toBe('rounding');
        expect(sumCheck([...terms, ...zeros.slice(1)], d).status).toBe('discrepancy');
      }),
    );
  });

  it('never report a discrepancy for figures that are the correct roundings of true values', () => {
    // True amounts with three decimals (kronor), printed rounded to whole tkr.
    const trueAmounts = fc.array(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(trueAmounts, (xs) => {
        const values = xs.map((x) => D(x).div(1000));
        const rounded = (v: Decimal) => v.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
        const total = figure('t.total.2024', rounded(values.reduce((s, v) => s.plus(v), D(0))));
        const r = check([{ figure: total }], values.map((v, i) => ({ figure: tkr(i, rounded(v)) })));
        expect(r.status).not.toBe('discrepancy');
      }),
    );
  });
});

describe('kr figures', () => {
  it('compare exactly: tolerance 0, any difference (down to one öre) is a discrepancy', () => {
    const ore = fc.integer({ min: -100_000_000_00, max: 100_000_000_00 });
    fc.assert(
      fc.property(fc.array(ore, { minLength: 1, maxLength: 15 }), fc.integer({ min: -500, max: 500 }), (cents, d) => {
        const kr = (i: number, c: number) => figure(`k.r${i}.2024`, D(c).div(100), 'kr', 2);
        const total = kr(99, cents.reduce((s, c) => s + c, 0) + d);
        const r = check([{ figure: total }], cents.map((c, i) => ({ figure: kr(i, c) })));
        expect(r.tolerance).toBe('0');
        expect(r.unit).toBe('kr');
        expect(r.status).toBe(d === 0 ? 'ok' : 'discrepancy');
      }),
    );
  });

  it('stay exact when printed without decimals', () => {
    const r = check([{ figure: figure('k.a.2024', D(1001), 'kr', 0) }], [{ figure: figure('k.b.2024', D(1000), 'kr', 0) }]);
    expect(r.tolerance).toBe('0');
    expect(r.status).toBe('discrepancy');
  });
});

describe('mixed mnkr and tkr', () => {
  it('compare in tkr, a whole mnkr figure standing for ±500 tkr', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(amount, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: -700, max: 700 }),
        (mnkr, parts, d) => {
          // Terms in tkr summing to mnkr · 1 000 + d; the last takes the remainder.
          const n = parts.length;
          const head = parts.slice(0, -1);
          const last = mnkr * 1000 + d - head.reduce((s, x) => s + x, 0);
          const total = figure('m.total.2024', D(mnkr), 'mnkr', 0);
          const r = check([{ figure: total }], [...head, last].map((v, i) => ({ figure: tkr(i, v) })));
          expect(r.unit).toBe('tkr');
          expect(r.left).toBe(D(mnkr).times(1000).toString());
          expect(r.tolerance).toBe(D(500).plus(D(n).div(2)).toString());
          const tied = Math.abs(d) <= 500 + n / 2;
          expect(r.status).toBe(d === 0 ? 'ok' : tied ? 'rounding' : 'discrepancy');
        },
      ),
    );
  });

  it('a mnkr figure with one decimal stands for ±50 tkr', () => {
    const total = figure('m.total.2024', D('12.3'), 'mnkr', 1);
    expect(check([{ figure: total }], [{ figure: tkr(0, 12_350) }]).tolerance).toBe('50.5');
    expect(check([{ figure: total }], [{ figure: tkr(0, 12_350) }]).status).toBe('rounding');
    expect(check([{ figure: total }], [{ figure: tkr(0, 12_351) }]).status).toBe('discrepancy');
  });

  it('picks the finest money unit, and no common unit for money and a count', () => {
    expect(commonUnit(['tkr', 'mnkr'])).toBe('tkr');
    expect(commonUnit(['mnkr', 'kr', 'tkr'])).toBe('kr');
    expect(commonUnit(['antal'])).toBe('antal');
    expect(commonUnit(['antal', 'tkr'])).toBeUndefined();
    expect(() => check([{ figure: figure('a.x.2024', D(1), 'antal') }], [{ figure: tkr(0, 1) }])).toThrow(/incompatible units/);
  });
});

describe('the le relation (limits)', () => {
  it('is ok at or below the limit, rounding within the tolerance above it, and a discrepancy beyond', () => {
    fc.assert(
      fc.property(amount, amount, fc.integer({ min: 0, max: 10 }), (used, limit, halves) => {
        const tolerance = D(halves).div(2);
        const diff = D(used).minus(limit);
        const expected = diff.lte(0) ? 'ok' : diff.lte(tolerance) ? 'rounding' : 'discrepancy';
        // In tenths: the difference and the tolerance at one scale.
        expect(classify('le', BigInt(used - limit) * 10n, BigInt(halves) * 5n)).toBe(expected);
      }),
    );
  });

  it('compares two rounded tkr figures with a tolerance of 1', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: -5, max: 5 }), (limit, d) => {
        const r = check([{ figure: tkr(0, limit + d) }], [{ figure: tkr(1, limit) }], 'le');
        expect(r.relation).toBe('le');
        expect(r.tolerance).toBe('1');
        expect(r.status).toBe(d <= 0 ? 'ok' : d <= 1 ? 'rounding' : 'discrepancy');
      }),
    );
  });

  it('compares with zero when nothing is granted (an empty right side)', () => {
    const used = (v: number) => check([{ figure: tkr(0, v) }], [], 'le');
    expect(used(0).status).toBe('ok');
    expect(used(-3).status).toBe('ok');
    // A printed 1 stands for [0.5, 1.5]: above a zero limit for certain.
    expect(used(1).tolerance).toBe('0.5');
    expect(used(1).right).toBe('0');
    expect(used(1).status).toBe('discrepancy');
  });

  it('is asymmetric, unlike eq: any amount below the limit is ok', () => {
    expect(classify('le', -1_000_000n, 0n)).toBe('ok');
    expect(classify('eq', -1_000_000n, 0n)).toBe('discrepancy');
    expect(classify('eq', -1n, 1n)).toBe('rounding');
  });
});

describe('productSide', () => {
  // Values with up to three decimals and radii as printed roundings give (0, ±½ of a digit) or wider.
  const value = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((x) => D(x).div(1000));
  const radius = fc.constantFrom('0', '0.5', '0.05', '0.005', '500', '50').map(D);
  const sample = fc.oneof(fc.constantFrom(-1000, 0, 1000), fc.integer({ min: -1000, max: 1000 }));

  it('contains the true product of any values inside the input intervals', () => {
    fc.assert(
      fc.property(value, radius, value, radius, sample, sample, (a, ra, b, rb, u, v) => {
        const p = productSide(side(a, ra), side(b, rb));
        const x = a.plus(ra.times(u).div(1000));
        const y = b.plus(rb.times(v).div(1000));
        expect(asDecimal(p.value, p.scale).eq(a.times(b))).toBe(true);
        expect(x.times(y).minus(asDecimal(p.value, p.scale)).abs().lte(asDecimal(p.radius, p.scale))).toBe(true);
      }),
    );
  });

  it('is tight: some corner of the input intervals reaches the radius', () => {
    fc.assert(
      fc.property(value, radius, value, radius, (a, ra, b, rb) => {
        const p = productSide(side(a, ra), side(b, rb));
        const value = asDecimal(p.value, p.scale);
        const corners = [ra.neg(), ra].flatMap((da) => [rb.neg(), rb].map((db) => a.plus(da).times(b.plus(db)).minus(value).abs()));
        expect(corners.some((c) => c.eq(asDecimal(p.radius, p.scale)))).toBe(true);
      }),
    );
  });

  it('makes a product check (per årsarbetskraft × årsarbetskrafter) tie whenever true values explain the printed ones', () => {
    const round = (x: Decimal) => x.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.integer({ min: 10, max: 100_000 }),
        fc.integer({ min: 1, max: 99 }),
        (perOre, aaTenths, costShare) => {
          const per = D(perOre).div(1000); // tkr per årsarbetskraft, true value
          const aa = D(aaTenths).div(10); // årsarbetskrafter, true value
          const costs = per.times(aa); // total driftkostnad, tkr, split in two printed lines
          const personal = costs.times(costShare).div(100);
          const other = costs.minus(personal);
          const r = check(
            [{ figure: figure('vu.per.2024', round(per)) }, { figure: figure('vu.aa.2024', round(aa), 'antal') }],
            [{ sign: -1, figure: figure('rr.p.2024', round(personal).neg()) }, { sign: -1, figure: figure('rr.o.2024', round(other).neg()) }],
            'eq',
            true,
          );
          expect(r.product).toBe(true);
          expect(r.status).not.toBe('discrepancy');
        },
      ),
    );
  });

  it('sums as a side: Σ sign × value, radius the sum of the radii', () => {
    fc.assert(
      fc.property(signedTerms, (terms) => {
        const s: SideValue = sumSide(
          terms.map((t, i) => ({ term: { sign: t.sign, ref: `t.r${i}.2024` }, figure: tkr(i, t.value) })),
          'tkr',
        );
        expect(decimalString(s.value, s.scale)).toBe(String(sumOf(terms)));
        expect(decimalString(s.radius, s.scale)).toBe(D(terms.length).div(2).toString());
      }),
    );
  });
});
