/**
 * The D-rules, each on a tiny ledger of its own: the base ledger passes every rule, and one
 * edit of it makes exactly the rule under test fail (with its id, file:line and difference).
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { lasSieBuffer } from '../src/sie/lasare.js';
import { provaBok, verifikationsFynd } from '../src/books/regler.js';
import type { Fynd } from '../src/books/fynd.js';

/** A consistent 4E ledger: balances, two vouchers (one with an #RTRANS/#TRANS pair and a #BTRANS). */
export const BAS = [
  '#FLAGGA 0',
  '#PROGRAM "Test" 1.0',
  '#FORMAT PC8',
  '#GEN 20250115',
  '#SIETYP 4',
  '#FNAMN "Myndigheten för prov"',
  '#RAR 0 20240101 20241231',
  '#RAR -1 20230101 20231231',
  '#KONTO 1930 "Räntekonto"',
  '#KONTO 2010 "Statskapital"',
  '#KONTO 3011 "Intäkter av anslag"',
  '#KONTO 5011 "Lokalhyra"',
  '#DIM 20 "Anslag"',
  '#OBJEKT 20 "1:1" "Förvaltningsanslag"',
  '#IB 0 1930 1000.00',
  '#IB 0 2010 -1000.00',
  '#UB -1 1930 1000.00',
  '#UB -1 2010 -1000',
  '#UB 0 1930 1500.50',
  '#UB 0 2010 -1000.00',
  '#RES 0 3011 -800.50',
  '#RES 0 5011 300',
  '#PSALDO 0 202401 5011 {} 300.00',
  '#PSALDO 0 202401 3011 {} -800.50',
  '#VER A 1 20240105 "Hyra \\"jan\\" {x}"',
  '{',
  '#TRANS 5011 {} 300.00',
  '#TRANS 1930 {} -300.00',
  '}',
  '#VER A 2 20240110 "Anslag"',
  '{',
  '#BTRANS 1930 {20 "1:1"} 5.00',
  '#RTRANS 1930 {20 "1:1"} 800.50',
  '#TRANS 1930 {20 "1:1"} 800.50',
  '#TRANS 3011 {"20" "1:1"} -800.50 20240110 "avräkning"',
  '}',
].join('\r\n');

export const cp437 = (text: string) => iconv.encode(text + '\r\n', 'cp437');

function prova(text: string): Fynd[] {
  const l = lasSieBuffer(cp437(text), 'prov.se');
  expect(l.fel).toEqual([]);
  return provaBok(l.bok, verifikationsFynd('prov.se', l.avvikelser));
}

const failed = (f: Fynd[]) => f.filter((x) => x.status === 'discrepancy' || x.status === 'warning');
const edit = (from: string, to: string) => {
  expect(BAS).toContain(from);
  return BAS.replace(from, to);
};

describe('the base ledger', () => {
  it('passes every rule; D-9 is skipped (no mapping), D-13 skipped (no #KSUMMA)', () => {
    const f = prova(BAS);
    expect(failed(f)).toEqual([]);
    expect(f.filter((x) => x.status === 'skipped').map((x) => x.rule)).toEqual(['D-9', 'D-13']);
    expect(f.filter((x) => x.status === 'ok').map((x) => x.rule)).toEqual(['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-6', 'D-7', 'D-8', 'D-10', 'D-11', 'D-12', 'D-14']);
  });
});

/** [rule, edit of the base, expected failed ids, expected status, expected line, difference] */
const CASES: [string, string, string, string[], Fynd['status'], number | null, string | null][] = [
  ['D-1', '#FLAGGA 0', '#PROSA "först"\r\n#FLAGGA 0', ['D-1/#FLAGGA'], 'discrepancy', 1, null],
  ['D-1', '#FNAMN "Myndigheten för prov"', '', ['D-1/#FNAMN'], 'discrepancy', null, null],
  ['D-1', '#FORMAT PC8', '', ['D-1/#FORMAT'], 'warning', null, null],
  ['D-3', '#TRANS 1930 {} -300.00', '#TRANS 1930 {} -300.01', ['D-3/A/1/25', 'D-6/1930'], 'discrepancy', 25, '-0.01'],
  ['D-4', '#RTRANS 1930 {20 "1:1"} 800.50\r\n#TRANS 1930 {20 "1:1"} 800.50', '#RTRANS 1930 {20 "1:1"} 800.50', ['D-4/A/2/33'], 'discrepancy', 33, null],
  ['D-5', '#KONTO 5011 "Lokalhyra"', '', ['D-5/5011'], 'discrepancy', 22, null],
  ['D-6', '#UB 0 1930 1500.50', '#UB 0 1930 1500.00', ['D-6/1930', 'D-8/UB'], 'discrepancy', 19, '0.50'],
  ['D-7', '#RES 0 5011 300', '#RES 0 5011 301', ['D-7/5011', 'D-8/UB', 'D-10/0/5011'], 'discrepancy', 22, '-1.00'],
  ['D-8', '#IB 0 2010 -1000.00', '#IB 0 2010 -1000.00\r\n#IB 0 2020 -1.00\r\n#UB 0 2020 -1.00\r\n#KONTO 2020 "Balanserad"', ['D-8/IB', 'D-11/2020'], 'discrepancy', null, '-1.00'],
  ['D-10', '#PSALDO 0 202401 5011 {} 300.00', '#PSALDO 0 202401 5011 {} 299.00', ['D-10/0/5011'], 'warning', 23, '-1.00'],
  ['D-11', '#UB -1 1930 1000.00', '#UB -1 1930 999.00', ['D-11/1930'], 'warning', 15, '1.00'],
  ['D-12', '#VER A 2 20240110 "Anslag"', '#VER A 1 20250110 "Anslag"', ['D-12/A/1/30', 'D-12/A/1/30'], 'warning', 30, null],
  ['D-14', '#TRANS 3011 {"20" "1:1"} -800.50', '#TRANS 3011 {"20" "1:1" 30 "X"} -800.50', ['D-14/30', 'D-14/30/X'], 'warning', 35, null],
];

describe.each(CASES)('%s fails when the base is edited', (rule, from, to, ids, status, line, diff) => {
  it(`${from} → ${to.replace(/\r\n/g, ' ⏎ ')}`, () => {
    const f = failed(prova(edit(from, to)));
    expect(f.map((x) => x.id)).toEqual(ids);
    const first = f[0]!;
    expect(first.rule).toBe(rule);
    expect(first.status).toBe(status);
    if (line !== null) expect(first.source).toEqual({ file: 'prov.se', line });
    expect(first.difference).toBe(diff);
    expect(first.message).toMatch(/[a-zåäö]/);
  });
});

describe('D-13 #KSUMMA', () => {
  // The covered bytes of a small file, by hand from the spec's rule (10.14): labels and field
  // contents (spaces inside a quoted field included), no separators, quotes, braces or breaks.
  const body = ['#FLAGGA 0', '#KSUMMA', '#FNAMN "A \\"B\\""', '#VER A 1 20240101', '{', '#TRANS 1930 {1 "2 3"} 1.00', '#TRANS 2010 {} -1.00', '}'].join('\n');
  const covered = '#FNAMNA "B"' + '#VERA120240101' + '#TRANS193012 31.00' + '#TRANS2010-1.00';
  const crc = (s: string) => {
    let c = ~0;
    for (const b of Buffer.from(s, 'latin1')) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (~c >>> 0).toString();
  };
  const d13 = (text: string) => {
    const l = lasSieBuffer(Buffer.from(text, 'latin1'), 'k.se');
    expect(l.fel).toEqual([]);
    return provaBok(l.bok, []).filter((x) => x.rule === 'D-13');
  };
  it('passes with the right CRC, written unsigned or signed', () => {
    expect(d13(`${body}\n#KSUMMA ${crc(covered)}\n`)[0]!.status).toBe('ok');
    expect(d13(`${body}\n#KSUMMA ${Number(crc(covered)) | 0}\n`)[0]!.status).toBe('ok');
  });
  it('fails with a wrong CRC, naming the closing record', () => {
    const f = d13(`${body}\n#KSUMMA ${Number(crc(covered)) ^ 1}\n`);
    expect(f[0]!.status).toBe('discrepancy');
    expect(f[0]!.source).toEqual({ file: 'k.se', line: 9 });
  });
  it('fails when the closing #KSUMMA is missing (truncated file)', () => {
    const f = d13(`${body}\n`);
    expect(f[0]!.status).toBe('discrepancy');
    expect(f[0]!.message).toContain('avkortad');
  });
  it('is skipped without #KSUMMA', () => {
    expect(d13('#FLAGGA 0\n')[0]!.status).toBe('skipped');
  });
});

describe('D-3 with many unbalanced vouchers', () => {
  it('loads and lists every one of them', () => {
    const vouchers = Array.from({ length: 50 }, (_, i) => `#VER B ${i + 1} 20240301 "V${i}"\n{\n#TRANS 5011 {} 10.00\n#TRANS 1930 {} ${i % 10 === 3 ? '-9.99' : '-10.00'}\n}`);
    const l = lasSieBuffer(Buffer.from(`#FLAGGA 0\n#RAR 0 20240101 20241231\n${vouchers.join('\n')}\n`), 'm.se');
    const d3 = verifikationsFynd('m.se', l.avvikelser);
    expect(d3.map((f) => f.id)).toEqual([3, 13, 23, 33, 43].map((i) => `D-3/B/${i + 1}/${3 + i * 5}`));
    expect(d3[0]!.message).toBe('verifikation B 4 20240301 "V3" balanserar inte: summan är 0.01 kr');
  });
});

describe('the CRC-32 of #KSUMMA', () => {
  it('is zlib\'s CRC-32', async () => {
    const { crc32 } = await import('../src/sie/crc.js');
    const zlib = (await import('node:zlib')) as unknown as { crc32?: (d: Uint8Array) => number };
    const fc = (await import('fast-check')).default;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const ours = crc32(bytes);
      if (zlib.crc32) expect(ours).toBe(zlib.crc32(bytes));
      expect(crc32(bytes.subarray(bytes.length >> 1), crc32(bytes.subarray(0, bytes.length >> 1)))).toBe(ours);
    }));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
