/**
 * `avstamning sie` through the built command line: every syntax-error kind with its message,
 * position and exit 2; every D-rule passing on a tiny ledger and failing on one edit of it, with
 * its message and exit code; every fault the generator plants with its rule, file:line and exit
 * code; CP437 and UTF-8; the JSON report's shape. Build first: `npx tsc -p tsconfig.json`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { BAS, cp437 } from './sie-rules.test.js';
// @ts-expect-error a plain ES module without types
import { FAULTS, generateSie, standardPlan } from '../bench/sie-generate.mjs';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'avstamning-sie-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function sie(name: string, content: Buffer, ...extra: string[]) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return { file, ...(await runCli(['sie', file, ...extra])) };
}

/** [kind, line of the base replaced (by its text), replacement, expected line:column, message] */
const SYNTAX: [string, string, string, string, string][] = [
  ['unterminated quote', '#KONTO 1930 "Räntekonto"', '#KONTO "1930 Räntekonto', '9:8', 'citattecknet stängs aldrig: fältet efter #KONTO är avkortat'],
  ['unterminated object list', '#TRANS 5011 {} 300.00', '#TRANS 5011 {1 "A" 300.00', '27:13', 'objektlistan stängs aldrig med }'],
  ['stray closing brace', '#TRANS 5011 {} 300.00', '#TRANS 5011 } 300.00', '27:13', 'oväntad } utanför en objektlista'],
  ['control character', '#KONTO 1930 "Räntekonto"', '#KONTO 1930 "Ränte\u0001konto"', '9:19', 'otillåtet styrtecken (ASCII 0–31 eller 127)'],
  ['nested object list', '#TRANS 5011 {} 300.00', '#TRANS 5011 {1 {2}} 300.00', '27:16', 'objektlistor kan inte nästlas'],
  ['missing amount', '#TRANS 5011 {} 300.00', '#TRANS 5011 {}', '27:15', 'beloppet saknas'],
  ['not an amount', '#TRANS 5011 {} 300.00', '#TRANS 5011 {} 300,00', '27:19', 'beloppet ska vara ett belopp med högst två decimaler och punkt som decimaltecken, till exempel -1234.50; fick "300,00"'],
  ['plus sign', '#TRANS 5011 {} 300.00', '#TRANS 5011 {} +300.00', '27:16', 'beloppet får inte ha plustecken; fick "+300.00"'],
  ['three decimals', '#TRANS 5011 {} 300.00', '#TRANS 5011 {} 300.001', '27:22', 'beloppet har fler än två decimaler; fick "300.001"'],
  ['invalid date', '#VER A 1 20240105', '#VER A 1 20240230', '25:10', 'verifikationsdatum ska vara ett datum ÅÅÅÅMMDD; fick "20240230"'],
  ['invalid period', '#PSALDO 0 202401 5011', '#PSALDO 0 202413 5011', '23:11', 'perioden ska vara en period ÅÅÅÅMM; fick "202413"'],
  ['invalid year index', '#RAR -1 20230101', '#RAR x 20230101', '8:6', 'årsnumret ska vara 0, -1, -2 …; fick "x"'],
  ['no object list', '#TRANS 5011 {} 300.00', '#TRANS 5011 300.00', '27:13', 'objektlistan ska vara en objektlista som {1 "100"} eller {}'],
  ['odd object list', '#TRANS 5011 {} 300.00', '#TRANS 5011 {1} 300.00', '27:13', 'objektlistan ska bestå av par: dimension och objekt'],
  ['bad account type', '#KONTO 5011 "Lokalhyra"', '#KONTO 5011 "Lokalhyra"\r\n#KTYP 5011 X', '13:12', 'kontotypen ska vara T, S, K eller I; fick "X"'],
  ['text outside a record', '#SIETYP 4', 'SIETYP 4', '5:1', 'raden ska börja med en post som #VER (eller vara tom)'],
  ['empty account', '#TRANS 5011 {} 300.00', '#TRANS "" {} 300.00', '27:8', 'kontonumret är tomt'],
  ['brace without #VER', '#SIETYP 4', '#SIETYP 4\r\n{', '6:1', '{ ska stå ensam på sin rad, direkt efter #VER'],
];

describe('syntax errors: exit 2 with file:line:column and the message', () => {
  it.each(SYNTAX)('%s', async (_kind, from, to, at, message) => {
    expect(BAS).toContain(from);
    const r = await sie('syntax.se', cp437(BAS.replace(from, to)));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('    at ');
    expect(r.stderr).toContain(`  ${r.file}:${at}: ${message}\n`);
  });

  it('block structure: #VER without {, } without #VER, a record inside a voucher, an open voucher at the end', async () => {
    const text = ['#FLAGGA 0', '#VER A 1 20240101', '#TRANS 1930 {} 1', '}', '#VER A 2 20240101', '{', '#KONTO 1930 x', '#TRANS 1930 {} 0'].join('\n');
    const r = await sie('block.se', Buffer.from(text));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').slice(1)).toEqual([
      `  ${r.file}:2:1: #VER ska följas av { ensam på nästa rad`,
      `  ${r.file}:3:1: #TRANS får bara stå inom en verifikations { }`,
      `  ${r.file}:4:1: } ska stå ensam på sin rad och avsluta en verifikation`,
      `  ${r.file}:5:1: verifikationen på rad 5 avslutas aldrig med }`,
      `  ${r.file}:7:1: #KONTO får inte stå inom en verifikation; saknas en }?`,
    ]);
  });

  it('a UTF-16 file: one error, not one per line', async () => {
    const r = await sie('utf16.se', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('#FLAGGA 0\r\n#FNAMN "A"\r\n', 'utf16le')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${r.file}:1:1: filen är sparad som UTF-16`);
    expect(r.stderr).toContain('1 fel');
  });

  it('a line longer than 8 MiB is reported and skipped, the rest still read', async () => {
    const r = await sie('long.se', Buffer.concat([Buffer.from('#FLAGGA 0\n#FNAMN "'), Buffer.alloc(9 << 20, 0x61), Buffer.from('"\n#TRANS 1930 {} 1\n')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${r.file}:2:1: raden är längre än 8 MiB och läses inte`);
    expect(r.stderr).toContain(`${r.file}:3:1: #TRANS får bara stå inom en verifikations { }`);
  });

  it('reports every error at once, and a missing file as unreadable input', async () => {
    const r = await sie('many.se', Buffer.from('#FLAGGA 0\n#RAR 0 2024 20241231\n#IB 0 1930 1,5\n'));
    expect(r.stderr).toContain(':2:8: startdatum ska vara');
    expect(r.stderr).toContain(':3:13: saldo ska vara ett belopp');
    const missing = await runCli(['sie', path.join(dir, 'finns-inte.se')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('filen kan inte läsas: filen finns inte');
  });
});

/**
 * Each D-rule through the command line, on the tiny base ledger of sie-rules.test.ts: the base
 * passes every rule (exit 0), and one edit fails the rule with its message, file:line and the
 * exit code (1 for fel; 0 for varning, 1 with --strict). D-2 is the syntax errors above; D-9
 * needs a kontoplan (the books commands); D-13 below.
 */
describe('every D-rule: passes on the base, fails on one edit, with its message and exit code', () => {
  it('the base: exit 0, every rule ok but D-9 and D-13 (no mapping, no #KSUMMA)', async () => {
    const json = path.join(dir, 'bas.json');
    const r = await sie('bas.se', cp437(BAS), '--json', json);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const checks = JSON.parse(await readFile(json, 'utf8')).checks as { rule: string; status: string }[];
    expect(checks.map((c) => `${c.rule} ${c.status}`)).toEqual([...Array.from({ length: 14 }, (_, i) => `D-${i + 1} ${i === 8 || i === 12 ? 'skipped' : 'ok'}`)]);
    expect(r.stdout).toContain('  14 kontroller: 12 ok, 0 avvikelser, 0 varningar, 2 ej prövade\n');
  });

  it('counts in the summary agree in number: 1 avvikelse, 1 varning; 2 avvikelser', async () => {
    const one = BAS.replace('#KONTO 5011 "Lokalhyra"', '').replace('#UB -1 1930 1000.00', '#UB -1 1930 999.00');
    const r1 = await sie('en.se', cp437(one));
    expect(r1.stdout).toContain('  14 kontroller: 10 ok, 1 avvikelse, 1 varning, 2 ej prövade\n');
    expect(r1.stdout).toContain('1 AVVIKELSE I HUVUDBOKEN');
    const r2 = await sie('tva.se', cp437(BAS.replace('#TRANS 1930 {} -300.00', '#TRANS 1930 {} -300.01')));
    expect(r2.stdout).toMatch(/^  14 kontroller: \d+ ok, 2 avvikelser, 0 varningar, 2 ej prövade$/m);
  });

  /** [rule, line of the base, its replacement, exit code, the rule's first line on the console (FIL: the file)] */
  const REGLER: [string, string, string, number, string][] = [
    ['D-1', '#FNAMN "Myndigheten för prov"', '', 1, '✗ D-1/#FNAMN: Posten #FNAMN saknas men är obligatorisk för SIE 4E'],
    ['D-3', '#TRANS 1930 {} -300.00', '#TRANS 1930 {} -300.01', 1, '✗ D-3/A/1/25 (FIL:25): verifikation A 1 20240105 "Hyra "jan" {x}" balanserar inte: summan är -0.01 kr'],
    ['D-4', '#RTRANS 1930 {20 "1:1"} 800.50\r\n#TRANS 1930 {20 "1:1"} 800.50', '#RTRANS 1930 {20 "1:1"} 800.50', 1, '✗ D-4/A/2/33 (FIL:33): #RTRANS på konto 1930 i verifikation A 2 20240110 "Anslag" följs inte av en identisk #TRANS'],
    ['D-5', '#KONTO 5011 "Lokalhyra"', '', 1, '✗ D-5/5011 (FIL:22): Konto 5011 används men är inte deklarerat med #KONTO'],
    ['D-6', '#UB 0 1930 1500.50', '#UB 0 1930 1500.00', 1, '✗ D-6/1930 (FIL:19): Konto 1930: #IB 1000.00 + årets transaktioner 500.50 = 1500.50, men #UB är 1500.00'],
    ['D-7', '#RES 0 5011 300', '#RES 0 5011 301', 1, '✗ D-7/5011 (FIL:22): Konto 5011: årets transaktioner 300.00 men #RES är 301.00'],
    ['D-8', '#IB 0 2010 -1000.00', '#IB 0 2010 -1000.00\r\n#IB 0 2020 -1.00\r\n#UB 0 2020 -1.00\r\n#KONTO 2020 "Balanserad"', 1, '✗ D-8/IB: Summan av #IB år 0 är -1.00 kr, inte 0 (och inte heller −Σ #RES år −1)'],
    ['D-10', '#PSALDO 0 202401 5011 {} 300.00', '#PSALDO 0 202401 5011 {} 299.00', 0, '! D-10/0/5011 (FIL:23): Konto 5011 år 0: Σ #PSALDO 299.00 men årets förändring enligt #IB/#UB/#RES är 300.00'],
    ['D-11', '#UB -1 1930 1000.00', '#UB -1 1930 999.00', 0, '! D-11/1930 (FIL:15): Konto 1930: #IB år 0 är 1000.00 men #UB år −1 är 999.00'],
    ['D-12', '#VER A 2 20240110 "Anslag"', '#VER A 1 20250110 "Anslag"', 0, '! D-12/A/1/30 (FIL:30): verifikation A 1 20250110 "Anslag" kommer efter nummer 1 i serien: numren ska vara stigande'],
    ['D-14', '#TRANS 3011 {"20" "1:1"} -800.50', '#TRANS 3011 {"20" "1:1" 30 "X"} -800.50', 0, '! D-14/30 (FIL:35): Dimension 30 används men är inte deklarerad med #DIM'],
  ];
  it.each(REGLER)('%s', async (rule, from, to, code, rad) => {
    expect(BAS).toContain(from);
    const r = await sie(`${rule}.se`, cp437(BAS.replace(from, to)));
    expect(r.code, r.stdout + r.stderr).toBe(code);
    const rader = r.stdout.split('\n').filter((l) => l.includes(` ${rule}/`) || l.includes(` ${rule}:`));
    expect(rader[0]).toBe(`  ${rad.replace('FIL', r.file)}`);
    if (code === 0) expect((await runCli(['sie', r.file, '--strict'])).code).toBe(1);
  });

  it('D-10 counts the account-level #PSALDO rows only: rows per object are not summed in again', async () => {
    const json = path.join(dir, 'psaldo.json');
    const text = BAS.replace('#PSALDO 0 202401 5011 {} 300.00', '#PSALDO 0 202401 5011 {} 300.00\r\n#PSALDO 0 202401 5011 {20 "1:1"} 300.00\r\n#PSALDO 0 202401 5011 {1 "A"} 300.00');
    const r = await sie('psaldo.se', cp437(text), '--json', json);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(await readFile(json, 'utf8')).checks.find((c: { rule: string }) => c.rule === 'D-10').status).toBe('ok');
  });

  it('D-13: the right #KSUMMA passes (exit 0), a wrong one fails at the closing record (exit 1)', async () => {
    const kropp = BAS.replace('#FLAGGA 0', '#FLAGGA 0\r\n#KSUMMA');
    const ratt = await sie('ks.se', cp437(`${kropp}\r\n#KSUMMA 1`));
    const varde = /#KSUMMA är 1 men kontrollsumman \(CRC-32\) över filens poster är (\d+)/.exec(ratt.stdout)?.[1];
    expect(varde, ratt.stdout).toBeDefined();
    expect(ratt.code).toBe(1);
    expect(ratt.stdout).toContain(`✗ D-13 (${ratt.file}:${kropp.split('\r\n').length + 1}): #KSUMMA är 1`);
    const ok = await sie('ks-ok.se', cp437(`${kropp}\r\n#KSUMMA ${varde}`));
    expect(ok.code, ok.stdout).toBe(0);
  });
});

describe('planted faults: the rule, file:line and exit code', () => {
  const EXPECT: Record<string, [RegExp, number]> = {
    unbalanced: [/✗ D-3\/\w+\/\d+\/\d+ \(.*:\d+\): verifikation .* balanserar inte: summan är 0\.01 kr/, 1],
    unbalanced10: [/✗ D-3\//, 1],
    rtrans: [/✗ D-4\/\w+\/\d+\/\d+ \(.*:\d+\): #RTRANS på konto \d+/, 1],
    undeclared: [/✗ D-5\/9999 \(.*:\d+\)/, 1],
    ub: [/✗ D-6\/1110 \(.*:\d+\)/, 1],
    res: [/✗ D-7\/3011 \(.*:\d+\)/, 1],
    trialbalance: [/✗ D-8\/IB/, 1],
    psaldo: [/! D-10\/0\/\d+ \(.*:\d+\)/, 0],
    ib: [/! D-11\/1110 \(.*:\d+\)/, 1],
    date: [/! D-12\/\w+\/\d+\/\d+ \(.*:\d+\): .*utanför räkenskapsåret/, 0],
    order: [/! D-12\/\w+\/1\/\d+ \(.*:\d+\): .*numren ska vara stigande/, 0],
    ksumma: [/✗ D-13 \(.*:\d+\): #KSUMMA är \d+ men kontrollsumman/, 1],
    truncated: [/✗ D-13 \(.*:2\): .*avkortad/, 1],
    object: [/! D-14\/20\/9:9 \(.*:\d+\)/, 0],
    flagga: [/✗ D-1\/#FLAGGA/, 1],
    quote: [/:\d+:\d+: citattecknet stängs aldrig/, 2],
    decimals: [/:\d+:\d+: beloppet har fler än två decimaler/, 2],
    brace: [/:\d+:1: #VER får inte stå inom en verifikation/, 2],
  };
  it('covers every fault kind the generator knows', () => {
    expect(Object.keys(EXPECT).sort()).toEqual(Object.keys(FAULTS).sort());
  });
  it.each(Object.entries(EXPECT))('%s', async (fault, [pattern, code]) => {
    const r = await sie(`${fault}.se`, generateSie(standardPlan(), { vouchers: 300, seed: 3, faults: [fault] }));
    expect(r.code, r.stdout + r.stderr).toBe(code);
    expect(r.stdout + r.stderr).toMatch(pattern);
    expect(r.stderr).not.toContain('internt fel');
    if (code === 0) expect((await runCli(['sie', r.file, '--strict'])).code).toBe(1);
  });
  it('10 % unbalanced: every one listed', async () => {
    const r = await sie('u10.se', generateSie(standardPlan(), { vouchers: 1000, seed: 5, faults: ['unbalanced10'] }), '--json', path.join(dir, 'u10.json'));
    const json = JSON.parse(await readFile(path.join(dir, 'u10.json'), 'utf8'));
    expect(json.checks.filter((c: { rule: string }) => c.rule === 'D-3')).toHaveLength(100);
    expect(r.code).toBe(1);
  });
});

describe('clean files', () => {
  it('the fixture test/fixtures/sie/ok.se: #RTRANS/#BTRANS, an escaped quote and braces in a text, an unknown record', async () => {
    const json = path.join(dir, 'ok.json');
    const r = await runCli(['sie', 'test/fixtures/sie/ok.se', '--json', json]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Myndigheten för test (202100-0000) · räkenskapsår 20240101–20241231');
    expect(r.stdout).toContain('okända poster (hoppades över): #FOO 1');
    const j = JSON.parse(await readFile(json, 'utf8'));
    expect(j.summary).toMatchObject({ vouchers: 2, transactions: 4, rtrans: 1, btrans: 1, accounts: 4, encoding: 'cp437', unknownRecords: { '#FOO': 1 } });
    expect(j.balances).toEqual([
      { account: '1930', name: 'Bank', ib: '1000.00', movement: '500.50', ub: '1500.50', res: null },
      { account: '2010', name: 'Statskapital', ib: '-1000.00', movement: '0.00', ub: '-1000.00', res: null },
      { account: '3011', name: 'Intäkter av anslag', ib: null, movement: '-800.50', ub: null, res: '-800.50' },
      { account: '5010', name: 'Lokalhyra', ib: null, movement: '300.00', ub: null, res: '300.00' },
    ]);
  });

  for (const utf8 of [false, true]) {
    it(`${utf8 ? 'UTF-8' : 'CP437'} with #KSUMMA: exit 0, the encoding detected, JSON as documented`, async () => {
      const json = path.join(dir, `clean-${utf8}.json`);
      const r = await sie(`clean-${utf8}.se`, generateSie(standardPlan(), { vouchers: 500, seed: 9, utf8 }), '--json', json, '--junit', path.join(dir, 'c.xml'));
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Myndigheten för syntetiska böcker');
      const j = JSON.parse(await readFile(json, 'utf8'));
      expect(j.summary).toMatchObject({ vouchers: 500, encoding: utf8 ? 'utf-8' : 'cp437', type: '4E' });
      expect(j.summary.transactions).toBeGreaterThan(1000);
      expect(j.balances.find((b: { account: string }) => b.account === '1110')).toEqual({ account: '1110', name: 'Byggnader, mark och annan fast egendom', ib: '5000000.00', movement: '0.00', ub: '5000000.00', res: null });
      expect(j.checks.map((c: { id: string; status: string }) => `${c.id} ${c.status}`)).toContain('D-13 ok');
      for (const c of j.checks) expect(Object.keys(c)).toEqual(['id', 'rule', 'status', 'difference', 'source', 'message']);
    });
  }
});
