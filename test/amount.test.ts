/**
 * Exact amounts (src/domain/amount.ts): parsing of printed figures, formatting, the
 * rounding half-unit, and exact arithmetic. Property tests with fast-check; every
 * comparison is made on decimal strings or BigInts, never on floating-point numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, formatAmount, MAX_DIGITS, parseAmount, UNITS, ZERO, type Decimal as DecimalT } from '../src/domain/amount.js';

// ---------------------------------------------------------------------------------------
// Generators

/** Spaces that group thousands: regular, no-break (U+00A0), thin (U+2009), narrow no-break (U+202F). */
const SPACES = [' ', '\u00a0', '\u2009', '\u202f'] as const;
/** Signs: hyphen-minus, Unicode minus (U+2212), en dash (U+2013). */
const SIGNS = ['-', '\u2212', '\u2013'] as const;

const pow10 = (k: number) => 10n ** BigInt(k);
const abs = (n: bigint) => (n < 0n ? -n : n);

/** A non-negative BigInt with 1 to `maxDigits` digits, with the digit count spread evenly. */
const digitsUpTo = (maxDigits: number) =>
  fc.integer({ min: 1, max: maxDigits }).chain((d) => fc.bigInt({ min: 0n, max: pow10(d) - 1n }));

/** A signed BigInt with up to `maxDigits` digits. */
const signedUpTo = (maxDigits: number) => fc.tuple(digitsUpTo(maxDigits), fc.boolean()).map(([n, neg]) => (neg ? -n : n));

/** Groups a string of digits in threes from the right, separated by `seps` (cycled). */
function group(digits: string, seps: readonly string[]): string {
  const first = digits.length % 3 || 3;
  let out = digits.slice(0, first);
  for (let i = first, k = 0; i < digits.length; i += 3, k++) out += seps[k % seps.length]! + digits.slice(i, i + 3);
  return out;
}

/** How an amount is written: grouped or not, which spaces, which sign, a space after the sign. */
const style = fc.record({
  grouped: fc.boolean(),
  seps: fc.array(fc.constantFrom(...SPACES), { minLength: 1, maxLength: 9 }),
  sign: fc.constantFrom(...SIGNS),
  spaceAfterSign: fc.boolean(),
});
interface Style {
  readonly grouped: boolean;
  readonly seps: readonly string[];
  readonly sign: string;
  readonly spaceAfterSign: boolean;
}

/** Writes `n / 10^decimals` as printed, in the given style. */
function write(n: bigint, decimals: number, s: Style): string {
  const digits = abs(n).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const body = (s.grouped ? group(int, s.seps) : int) + (decimals ? `,${frac}` : '');
  return n < 0n ? `${s.sign}${s.spaceAfterSign ? ' ' : ''}${body}` : body;
}

/** The space and sign formatAmount writes (each must be one that parseAmount reads). */
const FORMAT_SPACE = formatAmount(new Decimal(1000)).charAt(1);
const FORMAT_SIGN = formatAmount(new Decimal(-1)).charAt(0);

/** The canonical printed form, as formatAmount writes it: grouped, decimal comma, no sign on zero. */
const canonical = (n: bigint, decimals: number) =>
  write(n, decimals, { grouped: true, seps: [FORMAT_SPACE], sign: FORMAT_SIGN, spaceAfterSign: false });

/** The exact value as a BigInt count of 10^-decimals; throws if the value is not such a count. */
function scaled(value: DecimalT, decimals: number): bigint {
  const s = value.times(new Decimal(10).pow(decimals));
  if (!s.isInteger()) throw new Error(`${value.toFixed()} has more than ${decimals} decimals`);
  return BigInt(s.toFixed(0));
}

/** Parses and insists on success with a value. */
function parsed(text: string): { value: DecimalT; decimals: number } {
  const p = parseAmount(text);
  if (!p.ok) throw new Error(`parseAmount(${JSON.stringify(text)}) failed: ${p.reason}`);
  if (p.value === null) throw new Error(`parseAmount(${JSON.stringify(text)}) gave no amount`);
  return { value: p.value, decimals: p.decimals };
}

// ---------------------------------------------------------------------------------------
// Parsing

describe('parseAmount: integers as printed', () => {
  it('examples from the ledger format', () => {
    const cases: [string, string][] = [
      ['5 611 532', '5611532'],
      ['-1 163 260', '-1163260'],
      ['\u22121 163 260', '-1163260'],
      ['\u20131 163 260', '-1163260'],
      ['- 4 756 846', '-4756846'],
      ['5\u00a0611\u00a0532', '5611532'],
      ['5\u2009611\u2009532', '5611532'],
      ['0', '0'],
      ['1234567', '1234567'],
    ];
    for (const [text, value] of cases) {
      const p = parsed(text);
      expect(p.value.toFixed(), text).toBe(value);
      expect(p.decimals, text).toBe(0);
    }
  });

  it('any integer of up to 25 digits, grouped with any space and signed with any sign, parses back exactly', () => {
    fc.assert(
      fc.property(signedUpTo(25), style, (n, s) => {
        const text = write(n, 0, s);
        const p = parsed(text);
        expect(p.value.toFixed(), JSON.stringify(text)).toBe(n.toString());
        expect(p.decimals).toBe(0);
        expect(p.value).toBeInstanceOf(Decimal);
      }),
      { numRuns: 2000 },
    );
  });

  it('a signed zero is zero', () => {
    for (const sign of SIGNS) {
      for (const text of [`${sign}0`, `${sign} 0`, `${sign}0,00`]) {
        const p = parsed(text);
        expect(p.value.isZero(), text).toBe(true);
        expect(p.value.isNegative(), `${text} is not negative zero`).toBe(false);
      }
    }
  });

  it('surrounding whitespace is ignored', () => {
    fc.assert(
      fc.property(signedUpTo(25), style, fc.constantFrom('', ' ', '  ', '\t', '\u00a0'), fc.constantFrom('', ' ', '\n'), (n, s, before, after) => {
        expect(parsed(`${before}${write(n, 0, s)}${after}`).value.toFixed()).toBe(n.toString());
      }),
    );
  });
});

describe('parseAmount: decimals', () => {
  it('examples', () => {
    expect(parsed('0,08').value.toFixed()).toBe('0.08');
    expect(parsed('0,08').decimals).toBe(2);
    expect(parsed('-1 234,5').value.toFixed()).toBe('-1234.5');
    expect(parsed('1 234 567,00').decimals).toBe(2);
    expect(parsed('1 234 567,00').value.toFixed()).toBe('1234567');
  });

  it('integer part + "," + k digits parses to exactly that decimal, with k decimals', () => {
    fc.assert(
      fc.property(
        digitsUpTo(20),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        style,
        (int, fracDigits, negative, s) => {
          const k = fracDigits.length;
          const n = (int * pow10(k) + BigInt(fracDigits.join(''))) * (negative ? -1n : 1n);
          const text = write(n, k, s);
          const p = parsed(text);
          expect(p.decimals, text).toBe(k);
          expect(scaled(p.value, k).toString(), JSON.stringify(text)).toBe(n.toString());
          // The same as a decimal string, trailing zeros aside.
          expect(p.value.eq(new Decimal(`${n < 0n ? '-' : ''}${int}.${fracDigits.join('')}`))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseAmount: no amount', () => {
  it('"–", "-" and "" are an empty cell (null)', () => {
    for (const text of ['\u2013', '-', '', ' ', ' - ', '\u2013 ', '\t']) {
      expect(parseAmount(text), JSON.stringify(text)).toEqual({ ok: true, value: null, decimals: 0 });
    }
  });
});

describe('parseAmount: rejected', () => {
  const rejected = (text: string) => {
    const p = parseAmount(text);
    expect(p.ok, `parseAmount(${JSON.stringify(text)}) should fail`).toBe(false);
  };

  it('examples: exponents, other notations, misplaced signs and commas', () => {
    for (const text of [
      '1e5', '1E5', '1e-5', '-1e5', '12a', 'a12', 'Infinity', '-Infinity', 'NaN', '0x1F', '0b101', '1_000',
      '+5', '5-', '5 -', '--5', '- -5', '\u2212\u22125', '\u2013-5', '1,2,3', '1,', ',5', '1 234,', '1 234 ,5',
      '1 23 456', '1234 567', '12 3456', '1  234', '1 234 56', ' 1 2', '1\u00a023', '(5)', '5%', '5 kr', 'fem',
      '\u0661\u0662', '\uff11\uff12', '1\u200b234', '0,5\u20130,6',
    ]) {
      rejected(text);
    }
  });

  it('a letter anywhere in a valid amount', () => {
    fc.assert(
      fc.property(
        signedUpTo(25),
        fc.integer({ min: 0, max: 4 }),
        style,
        fc.constantFrom(...'abcdefxyzABCDEFXYZåäöÅÄÖ'),
        fc.nat(),
        (n, k, s, letter, at) => {
          const text = write(n, k, s);
          const i = at % (text.length + 1);
          rejected(text.slice(0, i) + letter + text.slice(i));
        },
      ),
    );
  });

  it('two signs', () => {
    fc.assert(
      fc.property(digitsUpTo(25), fc.constantFrom(...SIGNS, '+'), fc.constantFrom(...SIGNS), fc.constantFrom('', ' '), fc.constantFrom('', ' '), (n, a, b, s1, s2) => {
        rejected(`${a}${s1}${b}${s2}${n.toString()}`);
      }),
    );
  });

  it('bad grouping: a group after the first that does not have three digits, or a first group of four or more', () => {
    const groupOf = (len: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len, maxLength: len }).map((d) => d.join(''));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain(groupOf),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).filter((lens) => lens.some((l) => l !== 3)),
        fc.constantFrom(...SPACES),
        fc.constantFrom('', '-', '\u2212 '),
        (first, lens, sep, sign) => {
          const groups = lens.map((l) => '7'.repeat(l));
          rejected(`${sign}${[first, ...groups].join(sep)}`);
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(...SPACES), (firstLen, groups, sep) => {
        rejected(['1'.repeat(firstLen), ...Array(groups).fill('234')].join(sep));
      }),
    );
  });

  it('more than MAX_DIGITS (30) digits is too long; leading zeros do not count', () => {
    expect(MAX_DIGITS).toBe(30);
    expect(parsed('9'.repeat(30)).value.toFixed()).toBe('9'.repeat(30));
    expect(parseAmount('9'.repeat(31))).toEqual({ ok: false, reason: 'too-long' });
    expect(parseAmount(group('9'.repeat(31), [' ']))).toEqual({ ok: false, reason: 'too-long' });
    expect(parseAmount(`-${'1'.repeat(29)},12`)).toEqual({ ok: false, reason: 'too-long' });
    expect(parsed(`-${'1'.repeat(28)},12`).value.toFixed()).toBe(`-${'1'.repeat(28)}.12`);
    expect(parsed(`000${'9'.repeat(30)}`).value.toFixed()).toBe('9'.repeat(30));
    // 30 significant digits are held exactly (no rounding to 15-17 digits as a float would).
    expect(parsed('123 456 789 012 345 678 901 234 567 890').value.toFixed()).toBe('123456789012345678901234567890');
  });

  it('absurdly long input is refused quickly', () => {
    const started = performance.now();
    expect(parseAmount('1'.repeat(200_000))).toEqual({ ok: false, reason: 'too-long' });
    expect(parseAmount(`1${' 234'.repeat(50_000)}x`).ok).toBe(false);
    expect(parseAmount(`${'1'.repeat(200_000)},x`).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// ---------------------------------------------------------------------------------------
// Formatting

describe('formatAmount', () => {
  it('writes a space that groups thousands and a sign that parseAmount reads', () => {
    expect(SPACES).toContain(FORMAT_SPACE);
    expect(SIGNS).toContain(FORMAT_SIGN);
  });

  it('examples', () => {
    expect(formatAmount(new Decimal('5611532')).replaceAll(FORMAT_SPACE, ' ')).toBe('5 611 532');
    expect(formatAmount(new Decimal('-1163260'))).toBe(canonical(-1163260n, 0));
    expect(formatAmount(new Decimal('0.08'))).toBe('0,08');
    expect(formatAmount(new Decimal('1234567'), 2)).toBe(canonical(123456700n, 2));
    expect(formatAmount(ZERO)).toBe('0');
    expect(formatAmount(new Decimal('-0'))).toBe('0');
    expect(formatAmount(new Decimal('1e40'))).toBe(`10${`${FORMAT_SPACE}000`.repeat(13)}`);
  });

  it('formatAmount(parse(x)) gives back x for x in the canonical printed form', () => {
    fc.assert(
      fc.property(signedUpTo(28), fc.integer({ min: 0, max: 2 }), (n, k) => {
        const x = canonical(n, k);
        const p = parsed(x);
        expect(formatAmount(p.value, p.decimals)).toBe(x);
      }),
      { numRuns: 2000 },
    );
  });

  it('parse(formatAmount(v)) is v, whatever style v was written in', () => {
    fc.assert(
      fc.property(signedUpTo(28), fc.integer({ min: 0, max: 2 }), style, (n, k, s) => {
        const p = parsed(write(n, k, s));
        const again = parsed(formatAmount(p.value, p.decimals));
        expect(again.value.eq(p.value)).toBe(true);
        expect(again.decimals).toBe(k);
        expect(scaled(again.value, k)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Units and rounding

describe('units', () => {
  it('units allow the documented decimals: kr 2, tkr 0, mnkr 1, antal 1, procent 1', () => {
    expect(Object.fromEntries(Object.values(UNITS).map((u) => [u.id, [u.maxDecimals, u.rounded]]))).toEqual({
      kr: [2, false],
      tkr: [0, true],
      mnkr: [1, true],
      antal: [1, true],
      procent: [1, true],
    });
  });
});

// ---------------------------------------------------------------------------------------
// Arithmetic

describe('exact arithmetic', () => {
  /** k decimals and up to 1000 amounts of up to 30 digits (integer and decimal digits together). */
  const amounts = fc
    .integer({ min: 0, max: 2 })
    .chain((k) => fc.tuple(fc.constant(k), fc.array(fc.tuple(signedUpTo(MAX_DIGITS), style), { minLength: 1, maxLength: 1000 })));

  it('the Decimal sum of parsed amounts equals the BigInt sum (no rounding at any size)', () => {
    fc.assert(
      fc.property(amounts, ([k, terms]) => {
        let sum = ZERO;
        let expected = 0n;
        for (const [n, s] of terms) {
          sum = sum.plus(parsed(write(n, k, s)).value);
          expected += n;
        }
        expect(scaled(sum, k).toString()).toBe(expected.toString());
      }),
      { numRuns: 60 },
    );
  });

  it('1000 terms of 30 nines, and their differences, are exact', () => {
    const nines = group('9'.repeat(30), [' ']);
    let sum = ZERO;
    for (let i = 0; i < 1000; i++) sum = sum.plus(parsed(nines).value);
    expect(sum.toFixed()).toBe((999_999_999_999_999_999_999_999_999_999n * 1000n).toString());
    let alternating = ZERO;
    for (let i = 0; i < 1000; i++) alternating = alternating.plus(parsed(i % 2 ? `\u2212 ${nines}` : nines).value).plus(parsed('0,01').value);
    expect(alternating.toFixed()).toBe('10');
    // 10^30 - 1 + 10^-2 has 33 significant digits: still exact.
    expect(parsed(nines).value.plus(parsed('0,01').value).toFixed()).toBe(`${'9'.repeat(30)}.01`);
  });
});
