/**
 * The SIE reader as a parser: arbitrary bytes never crash it (only input errors), quoted
 * fields and amounts read back exactly, encodings are detected, and generated files round-trip
 * to the balances the generator booked.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SieLasare, lasSieBuffer } from '../src/sie/lasare.js';
import { belopp, lasOre } from '../src/sie/tal.js';
import { provaBok, verifikationsFynd } from '../src/books/regler.js';
import { sieRapport } from '../src/books/rapport.js';
import { oreTillKr } from '../src/books/model.js';
// @ts-expect-error a plain ES module without types
import { generateSie, standardPlan } from '../bench/sie-generate.mjs';

const las = (text: string | Buffer) => lasSieBuffer(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, 'p.se');
/** A field written as a writer must: quoted, `"` escaped. */
const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

describe('robustness', () => {
  it('arbitrary bytes: never a crash, only input errors with positions', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const l = lasSieBuffer(Buffer.from(bytes), 'p.se');
        for (const e of l.fel) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
        if (!l.fel.length) sieRapport(l.bok, provaBok(l.bok, verifikationsFynd('p.se', l.avvikelser)));
      }),
      { numRuns: 2000 },
    );
  });

  const token = fc.constantFrom('#VER', '#TRANS', '#RTRANS', '#BTRANS', '#IB', '#UB', '#RES', '#KONTO', '#KSUMMA', '#PSALDO', '#OIB', '#RAR', '#FLAGGA', '{', '}', '{}', '"', '\\"', ' ', '\t', '\r', '\n', '0', '-1', '1930', '20240101', '202401', '12.50', '-0.5', '1.234', '+1', 'A', '"x y"', '{1 "A"}', '{1', '\u0001', 'å', '\x94');
  it('SIE-like token soup: never a crash', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 120 }), (ts) => {
        const l = las(Buffer.from(ts.join(''), 'latin1'));
        if (!l.fel.length) provaBok(l.bok, verifikationsFynd('p.se', l.avvikelser));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the hot path (snabb.ts) reads exactly as the tokenizer alone', () => {
  const utanSnabbvag = <T>(f: () => T): T => {
    SieLasare.snabbvag = false;
    try {
      return f();
    } finally {
      SieLasare.snabbvag = true;
    }
  };
  // Voucher lines of every shape, plain and odd: each result, error and CRC must be the same.
  const konto = fc.constantFrom('1930', '2010', '"1930"', '"19 30"', '"19\\"30"', '""', '3010', '1930{');
  const lista = fc.constantFrom('{}', '{ }', '{1 "A"}', '{1 A}', '{"1" "A"}', '{1 "A}"}', '{1 "A\\"B"}', '{1}', '{1 {2}}', '', '{1 "A"} ', '{20 "1:1" 21 "1:1:1"}');
  const belopp = fc.constantFrom('100.00', '-5', '1.5', '.5', '5.', '-0.00', '1.234', '+1', '"100"', '12345678901234567.00', '9999999999999.99', '-', '1,5', '0', '', '{}');
  const datum = fc.constantFrom('', '20240101', '20250101', '20230101', '20240105', '2024010', '"20240101"', '""', '20240230', '202401011');
  const svans = fc.constantFrom('', ' "text"', ' "t\\"x"', ' "a b" 1.00', ' {}', ' "x', '\t"y"\t', ' \u0001', ' "" 2 "Eva"', '  ');
  const slut = fc.constantFrom('\n', '\r\n', ' \n', '\t\n');
  const etikett = fc.constantFrom('#TRANS ', '#TRANS\t', '#TRANS  ', '#RTRANS ', '#BTRANS ', '#TRANSX ');
  // A few konteringar per file, so that they repeat (the hot path takes only one read before).
  const trans = fc.tuple(etikett, fc.nat(2), belopp, datum, svans, slut);
  const ver = fc.tuple(fc.constantFrom('A', '"B"', '"A B"', '""', '{}'), fc.constantFrom('1', '2', '007', 'x', '""', ''), fc.constantFrom('20240105', '20230101', 'x', '""', ''), fc.constantFrom('', ' "Hyra"', ' "H\\"y"', ' Text', ' "a" 20240106', ' "a" 20240106 "Eva"', ' {}'), slut)
    .map(([s, n, d, t, e]) => `#VER ${s} ${n} ${d}${t}${e}`);
  const voucher = fc.tuple(ver, fc.array(trans, { maxLength: 8 }), fc.constantFrom('{\n', ' { \r\n', '{\n', ''), fc.constantFrom('}\n', '}\r\n', '}\n', ''));
  const fil = fc.tuple(fc.boolean(), fc.array(fc.tuple(konto, lista), { minLength: 3, maxLength: 3 }), fc.array(voucher, { maxLength: 8 })).map(([ks, pool, vs]) => {
    const rad = ([e, k, b, d, s, n]: [string, number, string, string, string, string]) => `${e}${pool[k]![0]} ${pool[k]![1]} ${b}${d ? ` ${d}` : ''}${s}${n}`;
    const text = vs.map(([v, ts, o, c]) => `${v}${o}${ts.map(rad).join('')}${c}`).join('');
    return `#FLAGGA 0\n${ks ? '#KSUMMA\n' : ''}#RAR 0 20240101 20241231\n#KONTO 1930 Bank\n${text}${ks ? '#KSUMMA 1\n' : ''}`;
  });

  it('on random voucher lines: the same books, errors, deviations and CRC', () => {
    fc.assert(
      fc.property(fil, (text) => {
        const buf = Buffer.from(text, 'latin1');
        expect(lasSieBuffer(buf, 'p.se')).toEqual(utanSnabbvag(() => lasSieBuffer(buf, 'p.se')));
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('a kontering or series too long for the CRC tables (crc.ts MAX_SKIFT) is read by bytes, alike', () => {
    const lang = 'x'.repeat(300);
    const ver = (n: number) => `#VER ${lang} ${n} 20240105 "t"\n{\n#TRANS 1930 {20 "${lang}"} 1.00 20240105\n#TRANS 1930 {20 "${lang}"} -1.00\n}\n`;
    const buf = Buffer.from(`#FLAGGA 0\n#KSUMMA\n#RAR 0 20240101 20241231\n${ver(1)}${ver(2)}${ver(3)}#KSUMMA 1\n`, 'latin1');
    const med = lasSieBuffer(buf, 'l.se');
    expect(med).toEqual(utanSnabbvag(() => lasSieBuffer(buf, 'l.se')));
    expect(med.bok.verifikationer.antal).toBe(3);
  });

  it('on a generated file with #KSUMMA: the same books and CRC', () => {
    const buf = generateSie(standardPlan(), { vouchers: 300, seed: 3 });
    const med = lasSieBuffer(buf, 'g.se');
    expect(med).toEqual(utanSnabbvag(() => lasSieBuffer(buf, 'g.se')));
    expect(med.bok.ksumma!.beraknad).toBe(Number(med.bok.ksumma!.varde));
  });
});

describe('fields', () => {
  it('quoted texts with spaces, quotes, braces and å ä ö read back exactly (UTF-8 and CP437)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'ab åäöÅÄÖé"{}#\\\t-1'.split('')), maxLength: 30 }).filter((s) => !s.endsWith('\\'));
    fc.assert(
      fc.property(text, fc.boolean(), (namn, utf8) => {
        const sie = `#FLAGGA 0\n#KONTO 1930 ${quote(namn)}\n#FNAMN ${quote(namn)}\n#OBJEKT 20 ${quote(namn)} x\n`;
        const buf = utf8 ? Buffer.from(`\ufeff${sie}`, 'utf8') : iconv.encode(sie, 'cp437');
        const l = lasSieBuffer(buf, 'p.se');
        expect(l.fel).toEqual([]);
        expect(l.bok.konton.get('1930')!.namn).toBe(namn);
        expect(l.bok.foretag.namn).toBe(namn);
        expect([...l.bok.objekt.get('20')!.keys()]).toEqual([namn]);
      }),
    );
  });

  it('object lists: quoted or bare, spaced or not, {} and { }', () => {
    const l = las('#RAR 0 20240101 20241231\n#VER "" "" 20240101\n{\n#TRANS 1930 {"1" "A B" 20 "x{}"} 1\n#TRANS 1930 {1 "A B"  20   "x{}" } 1\n#TRANS 2010 { } -1\n#TRANS 2010 {} -1\n}\n');
    expect(l.fel).toEqual([]);
    expect(l.bok.objektRorelse.get('1')!.get('A B')!.get('1930')).toBe(200n);
    expect(l.bok.objektRorelse.get('20')!.get('x{}')!.get('1930')).toBe(200n);
    expect(l.avvikelser).toEqual([]);
  });

  it('amounts: any öre amount written as SIE reads back exactly, as safe integer or bigint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.constantFrom(0, 1, 2), (ore, decimals) => {
        const kr = oreTillKr(ore * (decimals === 2 ? 1n : decimals === 1 ? 10n : 100n));
        const text = decimals === 2 ? kr : decimals === 1 ? kr.slice(0, -1) : kr.slice(0, -3);
        const b = Buffer.from(text);
        const n = lasOre(b, 0, b.length);
        expect(['ok', 'stort']).toContain(belopp.status);
        const v = belopp.status === 'stort' ? belopp.stort : BigInt(n);
        expect(v).toBe(ore * (decimals === 2 ? 1n : decimals === 1 ? 10n : 100n));
      }),
    );
  });

  it('a sum beyond 2^53 öre stays exact', () => {
    const big = '45035996273704.96'; // 2^52 öre
    const l = las(`#RAR 0 20240101 20241231\n#VER A 1 20240101\n{\n#TRANS 1930 {} ${big}\n#TRANS 1930 {} ${big}\n#TRANS 1930 {} ${big}\n#TRANS 2010 {} -135107988821114.88\n}\n`);
    expect(l.bok.saldon.get(0)!.get('1930')!.rorelse).toBe(3n * 2n ** 52n);
    expect(l.avvikelser).toEqual([]);
  });
});

describe('encodings', () => {
  it('CP437 unless the file is valid UTF-8 with non-ASCII; a BOM means UTF-8', () => {
    expect(lasSieBuffer(iconv.encode('#FNAMN "Åre kommun"\n', 'cp437'), 'p').bok).toMatchObject({ kodning: 'cp437', foretag: { namn: 'Åre kommun' } });
    expect(lasSieBuffer(Buffer.from('#FORMAT PC8\n#FNAMN "Åre kommun"\n'), 'p').bok).toMatchObject({ kodning: 'utf-8', foretag: { namn: 'Åre kommun' } });
    expect(lasSieBuffer(Buffer.from('\ufeff#FNAMN "Are"\n'), 'p').bok.kodning).toBe('utf-8');
    expect(lasSieBuffer(Buffer.from('#FNAMN "Are"\n'), 'p').bok.kodning).toBe('cp437');
  });
  it('Windows-1252 despite #FORMAT PC8, told apart from CP437 by its å ä ö', () => {
    const text = '#FORMAT PC8\n#FNAMN "Länsstyrelsen i Örebro"\n#KONTO 5611 "Resor, logi och traktamenten"\n#KONTO 4011 "Löner"\n';
    expect(lasSieBuffer(iconv.encode(text, 'windows-1252'), 'p').bok).toMatchObject({ kodning: 'windows-1252', foretag: { namn: 'Länsstyrelsen i Örebro' } });
    expect(lasSieBuffer(iconv.encode(text, 'cp437'), 'p').bok).toMatchObject({ kodning: 'cp437', foretag: { namn: 'Länsstyrelsen i Örebro' } });
  });
  it('CRLF, LF, a missing last line break, blank lines and a DOS end-of-file mark', () => {
    const l = las('#FLAGGA 0\r\n\r\n  #FNAMN "A"  \r\n#KONTO 1930 Bank\n\x1a\n#KONTO 2010 "Kapital"');
    expect(l.fel).toEqual([]);
    expect([...l.bok.konton.keys()]).toEqual(['1930', '2010']);
    expect(l.bok.foretag.namn).toBe('A');
  });
  it('unknown records are skipped and counted, also inside a voucher', () => {
    const l = las('#FLAGGA 0\n#NYPOST 1 2\n#VER A 1 20240101\n{\n#TRANS 1930 {} 1\n#XTRANS 1\n#TRANS 2010 {} -1\n}\n#NYPOST\n');
    expect(l.fel).toEqual([]);
    expect(Object.fromEntries(l.bok.okandaPoster)).toEqual({ '#NYPOST': 2, '#XTRANS': 1 });
  });
});

describe('generated files', () => {
  it('round-trip to the balances the generator booked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 1e6 }), fc.boolean(), (vouchers, seed, utf8) => {
        const plan = standardPlan();
        const buf = generateSie(plan, { vouchers, seed, utf8 });
        const l = lasSieBuffer(buf, 'g.se');
        expect(l.fel).toEqual([]);
        const ar0 = l.bok.saldon.get(0)!;
        for (const [konto, ore] of buf.movements as Map<string, bigint>) expect(ar0.get(konto)!.rorelse).toBe(ore);
        for (const [konto, ore] of Object.entries(plan.opening as Record<string, bigint>)) expect(ar0.get(konto)!.ib).toBe(ore);
        const f = provaBok(l.bok, verifikationsFynd('g.se', l.avvikelser));
        expect(f.filter((x) => x.status !== 'ok' && x.status !== 'skipped')).toEqual([]);
        expect(l.bok.kodning).toBe(utf8 ? 'utf-8' : 'cp437');
      }),
      { numRuns: 25 },
    );
  });

  it('targets: a plan of amounts per account and object comes back as utfall per anslagspost', () => {
    const plan = standardPlan();
    plan.targets.push({ account: '3011', objects: { 20: '1:1', 21: '1:1:1' }, amount: -1234567891n }, { account: '5011', objects: { 21: '1:1:2' }, amount: 700000n });
    const l = lasSieBuffer(generateSie(plan, { vouchers: 0 }), 't.se');
    expect(l.bok.objektRorelse.get('21')!.get('1:1:1')!.get('3011')).toBe(-1234567891n);
    expect(l.bok.objektRorelse.get('21')!.get('1:1:2')!.get('5011')).toBe(700000n);
    expect(l.bok.saldon.get(0)!.get('3011')!.res).toBe(-1234567891n);
  });
});
