/**
 * Tables without prescribed rows (notes): rows in doubt decided by sums, sums and total
 * columns declared where most columns agree, sub-specifications; the kind of a
 * finansiellt villkor from its footnote; how pages are found in a text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSource } from '../src/import/source.js';
import { readTables } from '../src/import/tables.js';
import { declareSums, totalColumn, type Vec } from '../src/import/sums.js';
import { Decimal } from '../src/domain/amount.js';
import { villkorTyp } from '../src/import/anslag.js';
import { importText } from '../src/import/index.js';
import type { Skipped } from '../src/import/model.js';

const table = (text: string) => {
  const skipped: Skipped[] = [];
  const tables = readTables(readSource(text).lines, false, skipped);
  return { tables, skipped, rows: tables.flatMap((t) => t.rows), v: (label: string) => tables.flatMap((t) => t.rows).find((r) => r.text === label)?.v };
};

const vec = (...xs: (number | null)[]): Vec =>
  xs.map((x) => (x === null ? { printed: '–', value: null, digits: 0, small: false } : { printed: String(x), value: new Decimal(x), digits: String(Math.abs(x)).length, small: false }));

describe('rows in doubt, decided by sums', () => {
  it('places a row whose empty cells are not printed where the sum row says (and not otherwise)', () => {
    const t = table(['Specifikation 2024 2023', 'Intäkter Kostnader Intäkter Kostnader', 'Avgift A 82 636 86 798 –', 'Avgift B 1 200 1 300 –', 'Summa avgifter 83 836 274 463 88 098 232 314'].join('\n'));
    expect(t.v('Avgift A')).toEqual(['82 636', '–', '86 798', '–']);
    expect(t.v('Avgift B')).toEqual(['1 200', '–', '1 300', '–']);
    // Without a sum row below, the same row is left out and reported.
    const alone = table(['Specifikation 2024 2023', 'Intäkter Kostnader Intäkter Kostnader', 'Avgift A 82 636 86 798 –'].join('\n'));
    expect(alone.v('Avgift A')).toBeUndefined();
    expect(alone.skipped.map((s) => s.nr)).toEqual([3]);
  });

  it('splits "30 810" into 30 and 810 only when the total row below confirms it', () => {
    const rows = ['Belopp i tkr 2024 2023', 'Kostnader -5 773 716 -5 584 398', 'Avskrivningar 171 751 160 683', 'Realisationsförlust 30 810', 'Avsättningar 30 -13 166'];
    const ok = table([...rows, 'Kostnader enligt finansieringsanalysen -5 601 905 -5 436 071'].join('\n'));
    expect(ok.v('Realisationsförlust')).toEqual(['30', '810']);
    const not = table([...rows, 'Kostnader enligt finansieringsanalysen -5 601 000 -5 436 071'].join('\n'));
    expect(not.v('Realisationsförlust')).toBeUndefined();
    expect(not.skipped.some((s) => s.text.startsWith('Realisationsförlust'))).toBe(true);
  });

  it('a lone group after a number ("1 234 567") may be one number beside an empty cell: only a sum decides', () => {
    const rows = ['Specifikation 2024 2023', 'Avgifter 10 000 9 000', 'Övrigt 1 234 567'];
    expect(table(rows.join('\n')).v('Övrigt')).toBeUndefined();
    expect(table([...rows, 'Summa 1 244 567 9 000'].join('\n')).v('Övrigt')).toEqual(['1 234 567', '–']);
    expect(table([...rows, 'Summa 11 234 9 567'].join('\n')).v('Övrigt')).toEqual(['1 234', '567']);
  });

  it('a table of named columns: a row read by its row sum, a row of fewer figures by the balance below', () => {
    const t = table(
      [
        'Specifikation Statskapital Balanserad Resultat Summa',
        'Ingående balans 43 040 -1 368 417 18 394 -1 306 983',
        'Föregående års kapitalförändring -16 435 34 829 -18 394 0',
        'Anläggningstillgångar 54 755 54 755',
        'Utgående balans 81 360 -1 333 588 0 -1 252 228',
      ].join('\n'),
    );
    expect(t.v('Föregående års kapitalförändring')).toEqual(['-16 435', '34 829', '-18 394', '0']);
    expect(t.v('Anläggningstillgångar')).toEqual(['54 755', '–', '–', '54 755']);
    expect(t.tables[0]!.totalColumn).toBe(true);
  });
});

describe('declared sums', () => {
  it('a sum row adds the run above it that most columns agree with; a column that disagrees is still declared', () => {
    // The second column's sign is misprinted: declared, for the check to find.
    expect(declareSums([vec(10, 20, 1), vec(5, 5, 1), vec(15, -25, 2)], ['A', 'B', 'Summa'])).toEqual([{ row: 2, parts: [0, 1] }]);
    // One column of two agrees, or one of three: not enough to tell the structure.
    expect(declareSums([vec(10, 20), vec(5, 5), vec(15, -25)], ['A', 'B', 'Summa'])).toEqual([]);
    expect(declareSums([vec(10, 20, 1), vec(5, 5, 1), vec(15, 99, 99)], ['A', 'B', 'Summa'])).toEqual([]);
  });

  it('nested sums: a total of subtotals; a left-out row ends every run', () => {
    const values = [vec(1, 2), vec(3, 4), vec(4, 6), vec(10, 10), vec(14, 16)];
    expect(declareSums(values, ['a', 'b', 'Summa ab', 'c', 'Summa'])).toEqual([
      { row: 2, parts: [0, 1] },
      { row: 4, parts: [2, 3] },
    ]);
    expect(declareSums([vec(1, 2), undefined, vec(4, 6)], ['a', 'b', 'Summa'])).toEqual([]);
  });

  it('an unlabelled last row is a sum only when every column agrees', () => {
    expect(declareSums([vec(1, 2), vec(3, 4), vec(4, 6)], ['a', 'b', 'c'])).toEqual([{ row: 2, parts: [0, 1] }]);
    expect(declareSums([vec(1, 2), vec(3, 4), vec(4, 9)], ['a', 'b', 'c'])).toEqual([]);
  });

  it('a total column: headed Summa and most rows agree, or unheaded and nearly all rows agree', () => {
    const rows = [vec(1, 2, 3), vec(4, 5, 9), vec(2, 2, 4), vec(1, 1, 5)];
    expect(totalColumn(rows, ['A', 'B', 'Summa'])).toBe(true);
    expect(totalColumn(rows, ['A', 'B', 'C'])).toBe(true);
    expect(totalColumn([...rows, vec(1, 1, 7)], ['A', 'B', 'C'])).toBe(false);
    expect(totalColumn([vec(2024, 2023, 2022)], ['2024', '2023', '2022'])).toBe(false);
  });

  it('property: the parts declared for a sum row add up in most of its columns', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -9999, max: 9999 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const total = [0, 1, 2].map((c) => parts.reduce((s, p) => s + p[c]!, 0));
        const values = [...parts.map((p) => vec(...p)), vec(...total)];
        const [d] = declareSums(values, [...parts.map((_, i) => `r${i}`), 'Summa']);
        expect(d?.row).toBe(parts.length);
        const agree = [0, 1, 2].filter((c) => d!.parts.reduce((s, p) => s + Number(values[p]![c]!.value), 0) === total[c]).length;
        expect(agree).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe('a specification of a row', () => {
  it('ties the sum of "Specifikation av X" to the row X it specifies (lika), which differs here in 2024', () => {
    const noter = importText(
      [
        'Resultaträkning',
        'Belopp i tkr Not 2024 2023',
        'Intäkter av avgifter och andra ersättningar 1 62 500 43 477',
        'Noter',
        'NOT 1',
        'Intäkter av avgifter',
        'Specifikation 2024 2023',
        'Avgifter 600 500',
        'Övriga ersättningar 61 900 42 977',
        'Summa 62 500 43 477',
        'Specifikation av övriga ersättningar',
        'Specifikation 2024 2023',
        'Skadestånd 716 1 020',
        'Försäljning 60 521 41 957',
        'Summa 61 237 42 977',
      ].join('\n'),
    ).files.get('noter.yaml')!;
    expect(noter).toMatch(/id: summa, text: Summa, summa: \[skadestand, forsaljning\], lika: not01\.ovriga_ersattningar|id: summa, text: Summa, lika: not01\.ovriga_ersattningar, summa: \[skadestand, forsaljning\]/);
    expect(noter).toMatch(/titel: Specifikation av övriga ersättningar/);
  });
});

describe('finansiella villkor: the kind from the regleringsbrev words the footnote quotes', () => {
  it.each([
    ['Enligt regeringsbeslut får högst 21 miljoner kronor användas för statsbidrag', 'tak'],
    ['får Migrationsverket utbetala ersättning upp till ett belopp om 10 miljoner kronor', 'tak'],
    ['Myndigheten får enligt regeringsbeslut använda 150 miljoner kronor för att utöka', 'tak'],
    ['Minst 5 miljoner kronor ska användas till forskning', 'golv'],
    ['Myndigheten har betalat 1 686 tkr till MSB', 'annat'],
    ['högst 10 och minst 5 miljoner kronor', 'annat'],
  ])('%s → %s', (text, typ) => expect(villkorTyp(text)).toBe(typ));
});

describe('pages of a text', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `rad ${i + 1}`);
  it('form feeds', () => {
    const s = readSource(['a', '\fb', 'c', '\fd'].join('\n'));
    expect([s.pages, s.lines.map((l) => l.page)]).toEqual(['sidbrytningar', [1, 2, 2, 3]]);
  });
  it('"Sida N" lines at the foot of each page', () => {
    const s = readSource([...body(2), 'Sida 1', ...body(2), 'Sida 2', ...body(2), 'Sida 3', 'efter'].join('\n'));
    expect(s.pages).toBe('sidnummer');
    expect(s.lines.map((l) => l.page)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
  });
  it('bare numbers counting up at the head of each page; a figure alone on a line is not one', () => {
    const s = readSource(['7', 'a', '250', '8', 'b', 'c', '9', 'd', 'e', '10', 'f', 'g', '11', 'h'].join('\n'));
    expect(s.pages).toBe('sidnummer');
    expect(s.lines.map((l) => l.page)).toEqual([7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11]);
    // The page numbers are no text: not read as figures.
    expect(s.lines[3]!.text).toBe('');
    // Years alone on lines far apart are no page numbers.
    expect(readSource(['2022', ...body(200), '2023', ...body(200), '2024', ...body(200), '2025', '2026'].join('\n')).pages).toBe('inga');
  });
  it('a first line indented by one space, where no other line is indented', () => {
    const s = readSource([' Rubrik', ...body(30), ' Nästa sida', ...body(30)].join('\n'));
    expect(s.pages).toBe('radindrag');
    expect(s.lines[31]!.page).toBe(2);
  });
  it('none: line numbers only, and no sida in the ledger', () => {
    const s = readSource(['  indenterad', ' en', ...body(5)].join('\n'));
    expect(s.pages).toBe('inga');
    expect(s.lines.every((l) => l.page === 0)).toBe(true);
  });
});
