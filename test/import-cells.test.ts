/**
 * The row reader's number parser, by properties: any row of printed amounts (thousands
 * grouped by a space, a no-break or a thin space; signs glued or spaced; "–" for empty)
 * is among the readings; in layout text the reading is the only one; and when `choose`
 * settles on a reading of a row with sums to spare, it is never one the print contradicts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choose, readings, splitTokens } from '../src/import/cells.js';
import { normalizeLine } from '../src/import/source.js';
import { cleanLabel } from '../src/import/labels.js';

const SEP = fc.constantFrom(' ', '\u00a0', '\u2009', '\u202f');

/** A printed amount: its groups, sign and separator; or the empty cell. */
const printed = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ text: '–', value: null as string | null }) },
  {
    weight: 8,
    arbitrary: fc.tuple(fc.bigInt({ min: 0n, max: 9_999_999_999n }), fc.constantFrom('', '-', '- ', '−'), SEP).map(([n, sign, sep]) => {
      const digits = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);
      const neg = n !== 0n && sign !== '';
      return { text: `${neg ? sign : ''}${digits}`, value: neg ? `-${n}` : `${n}` };
    }),
  },
);

const values = (cells: readonly { value: { toString(): string } | null }[]) => cells.map((c) => (c.value === null ? null : c.value.toString()));

describe('reading printed amounts', () => {
  it('the printed reading is always among the readings of a row', () => {
    fc.assert(
      fc.property(fc.array(printed, { minLength: 1, maxLength: 6 }), (row) => {
        const t = splitTokens(normalizeLine(`Rad ${row.map((c) => c.text).join(' ')}`));
        const all = readings(t, row.length, row.length).map((r) => JSON.stringify(values(r.cells)));
        expect(all).toContain(JSON.stringify(row.map((c) => c.value)));
      }),
      { numRuns: 400 },
    );
  });

  it('in layout text (columns two or more spaces apart) the printed reading is the only one', () => {
    fc.assert(
      fc.property(fc.array(printed, { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 6 }), (row, gap) => {
        const t = splitTokens(normalizeLine(`Rad${' '.repeat(gap)}${row.map((c) => c.text.replace(/^- /, '-')).join(' '.repeat(gap))}`), true);
        const all = readings(t, row.length, row.length);
        expect(all.map((r) => values(r.cells))).toEqual([row.map((c) => c.value)]);
      }),
      { numRuns: 400 },
    );
  });

  it('a reading with more integer digits than the print has is impossible; digits are kept exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 29n }), (n) => {
        const text = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
        const r = readings(splitTokens(`Rad ${text}`), 1, 1);
        expect(r.map((x) => x.cells[0]!.value!.toString())).toEqual([n.toString()]);
      }),
    );
  });

  it('choose refuses when the best readings disagree, and settles when they agree', () => {
    const two = readings(splitTokens('Rad 316 682 370 290'), 2, 2);
    expect(choose(two, (c) => values(c.cells).join('|'))).toMatchObject({ ok: true, value: { cells: [{ printed: '316 682' }, { printed: '370 290' }] } });
    const tie = readings(splitTokens('Rad 100 200 300'), 2, 2); // 100 | 200 300 or 100 200 | 300
    expect(choose(tie, (c) => values(c.cells).join('|')).ok).toBe(false);
  });

  it('labels lose the footnote digits glued to them, and keep their own', () => {
    expect(cleanLabel('Beviljad i regleringsbrevet1')).toBe('Beviljad i regleringsbrevet');
    expect(cleanLabel('Utnyttjad (vid räkenskapsårets slut2')).toBe('Utnyttjad (vid räkenskapsårets slut');
    expect(cleanLabel('Övriga driftkostnader¹')).toBe('Övriga driftkostnader');
    expect(cleanLabel('Åtaganden U07 1:1 ap 3')).toBe('Åtaganden U07 1:1 ap 3');
  });
});
