/**
 * Input validation through the built command line: every kind of input error is reported
 * as `file:line:column: message` on stderr, all at once, sorted by file and line, with exit
 * code 2, no stack trace and nothing on stdout. The file is named relative to the current
 * directory (the repository root here), so `file:line:column` opens in an editor. Fixtures: test/fixtures/errors/<kind>/, each
 * derived from test/fixtures/minimal/ (a valid ledger) by one kind of mistake.
 *
 * Build first: `npx tsc -p tsconfig.json`.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { ROOT, runCli, type CliResult } from './helpers/cli.js';

const MINIMAL = 'test/fixtures/minimal';
const ERRORS = 'test/fixtures/errors';

/** An expected stderr line (without the two-space indent): exact text, or a pattern for the whole line. */
type Line = string | RegExp;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HELP_HINT = 'Kör "avstamning --help" för hjälp.';

/** file:line:column of one reported error line (line and column 0 when it has none). */
function position(line: string): [string, number, number] {
  const m = /^ {2}(.+?)(?::(\d+):(\d+))?: /.exec(line);
  if (!m) throw new Error(`not an error line: ${JSON.stringify(line)}`);
  return [m[1]!, Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

/**
 * Asserts an input-error run: exit code 2, empty stdout, no stack trace, the count line, and
 * exactly the expected error lines in order (sorted by file, line and column, no duplicates).
 * With `dir`, every line must name a file in it, and the expected lines are given without it.
 * `tolerated` lines (redundant follow-ups of an expected error) may appear in addition.
 */
function expectInputErrors(e: ExpectStatic, r: CliResult, lines: readonly Line[], tolerated: readonly RegExp[] = [], dir?: string): void {
  e(r.stdout, 'stdout').toBe('');
  e(r.stderr, 'stack trace on stderr').not.toContain('    at ');
  e(r.stderr, 'internal error').not.toContain('internt fel');
  e(r.code, `exit code; stderr:\n${r.stderr}`).toBe(2);
  e(r.stderr.endsWith('\n'), 'stderr ends with a newline').toBe(true);
  const got = r.stderr.slice(0, -1).split('\n');
  e(got[0]).toBe(`avstamning: ${got.length - 1} fel i årsredovisningens filer:`);
  let errors = got.slice(1);
  if (dir) {
    for (const l of errors) e(l, 'the file named relative to the current directory').toMatch(new RegExp(`^ {2}${escape(dir)}/`));
    errors = errors.map((l) => `  ${l.slice(dir.length + 3)}`);
  }
  // Sorted by file, then line, then column; no line twice.
  const positions = errors.map(position);
  const sorted = [...positions].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  e(positions, 'errors sorted by file, line and column').toEqual(sorted);
  e(new Set(errors).size, 'no error reported twice').toBe(errors.length);
  const relevant = errors.filter((l) => !tolerated.some((t) => t.test(l)));
  e(relevant).toEqual(lines.map((l) => (typeof l === 'string' ? `  ${l}` : e.stringMatching(l))));
}

interface Case {
  readonly lines: readonly Line[];
  readonly tolerated?: readonly RegExp[];
}

const ALIAS = 'YAML-ankare och alias (&namn, *namn) är inte tillåtna i årsredovisningsfilerna';

/** One fixture per error kind, and the exact lines `check` and `reconcile` must print for it. */
const CASES: Readonly<Record<string, Case>> = {
  'malformed-yaml': {
    // `text: Kassa: och bank` in a flow mapping, line 28; the parser notices at the second colon.
    // The YAML library's English reason is translated.
    lines: ['arsredovisning.yaml:28:41: ogiltig YAML: kommatecken saknas mellan elementen i [ … ] eller { … }'],
  },
  'wrong-type': {
    lines: ['arsredovisning.yaml:28:9: tabell br, rad nr 1: förväntade en mappning (nyckel: värde), fick en lista'],
  },
  'missing-key': {
    lines: [
      'arsredovisning.yaml:6:5: tabell rr: saknar obligatorisk nyckel "titel"',
      'arsredovisning.yaml:78:11: regleringsbrevet, anslagspost uo1.1_1.ap1, beslut nr 1: saknar obligatorisk nyckel "datum"',
    ],
  },
  'unknown-key': {
    // The place is the row's id (table.row), not tabeller.0.rader.1.
    lines: ['arsredovisning.yaml:14:36: rad rr.intakter_av_avgifter: okänd nyckel "txet"'],
  },
  'non-numeric-amount': {
    lines: ['arsredovisning.yaml:31:52: br.statskapital.2024: förväntade ett belopp som "5 611 532", "-1 163 260" eller "–", fick "12a"'],
  },
  'too-many-decimals': {
    lines: ['arsredovisning.yaml:34:64: br.leverantorsskulder.2024: beloppet "1,5" har 1 decimal, enheten tkr tillåter 0'],
  },
  'absurd-number': {
    lines: [
      'arsredovisning.yaml:31:52: br.statskapital.2024: beloppet "1234567890123456789012345678901" har fler än 30 siffror',
      'arsredovisning.yaml:34:67: br.leverantorsskulder.2023: beloppet "1 234 567 890 123 456 789 012 345 678 901" har fler än 30 siffror',
    ],
  },
  'duplicate-id': {
    lines: [
      'arsredovisning.yaml:48:14: dubblett av rad-id "arets_kapitalforandring" i tabell vu',
      'arsredovisning.yaml:60:9: dubblett av tabell-id "not01"',
    ],
    // One mistake, one error: the duplicated row's cells are not reported again as duplicate figure ids.
  },
  'unknown-line': {
    lines: [
      'arsredovisning.yaml:14:14: okänd rad "intakter_av_avgift" i resultaträkning: förväntade en rad i layouten ESV-2024 eller egen: true',
      'arsredovisning.yaml:58:65: summa i not01.summa: okänd rad "uo1_1_2": förväntade en rad i samma tabell (not01)',
      'arsredovisning.yaml:58:89: specificerar i not01.summa: okänd rad "rr.intakter_av_anslagg": förväntade <tabell>.<rad> för en rad som finns',
    ],
  },
  'unknown-anslagspost': {
    lines: ['arsredovisning.yaml:77:20: regleringsbrev: okänd anslagspost "uo99.1_1.ap1": förväntade en anslagspost i anslagsredovisningen, som uo8.1_2.ap2'],
  },
  'unknown-note': {
    lines: ['arsredovisning.yaml:13:65: rr.intakter_av_anslag: okänd not 99: förväntade en not deklarerad under noter: eller en tabell med not: 99'],
  },
  'unknown-figure': {
    lines: [
      'arsredovisning.yaml:85:13: avstämning sparande: okänd figur "anslag.uo1.1_1.ap1.utgaende_overforingsbelop": förväntade ett figur-id som <tabell>.<rad>.<kolumn>',
      'arsredovisning.yaml:85:59: avstämning sparande: okänd figur "rr.nope.2024": förväntade ett figur-id som <tabell>.<rad>.<kolumn>',
    ],
  },
  'missing-statement': {
    lines: ['ledger.yaml:8:3: saknar obligatorisk del: balansräkning (typ: balansrakning)'],
  },
  'unknown-unit': {
    lines: [
      'arsredovisning.yaml:41:12: okänd enhet "Tkr": förväntade kr, tkr, mnkr, antal, procent',
      'ledger.yaml:6:8: okänd enhet "sek": förväntade kr, tkr, mnkr, antal, procent',
    ],
  },
  'unknown-layout': {
    lines: ['ledger.yaml:5:9: okänd layoutversion "ESV-2099": förväntade ESV-2024, ESV-2024-utan-anslag'],
  },
  'alias-bomb': {
    // The first anchor (line 3, `lol0: &lol0 "lol"`) is refused where it stands. Refusing the
    // later anchors too, and the unknown lol keys, is allowed but not required.
    lines: [new RegExp(`^ {2}skratt\\.yaml:3:\\d+: ${escape(ALIAS)}$`)],
    tolerated: [
      new RegExp(`^ {2}skratt\\.yaml:([4-9]|1[0-2]):\\d+: ${escape(ALIAS)}$`),
      /^ {2}skratt\.yaml:([3-9]|1[0-2]):1: okänd nyckel "lol\d"$/,
    ],
  },
  'outside-path': {
    lines: [
      'ledger.yaml:9:5: sökvägen "../../minimal/arsredovisning.yaml" pekar utanför årsredovisningsmappen: förväntade en relativ sökväg inom mappen',
      'ledger.yaml:10:5: sökvägen "/etc/passwd" pekar utanför årsredovisningsmappen: förväntade en relativ sökväg inom mappen',
      'ledger.yaml:11:19: sökvägen "../../minimal/kanda-avvikelser.yaml" pekar utanför årsredovisningsmappen: förväntade en relativ sökväg inom mappen',
    ],
  },
  'missing-file': {
    lines: ['ledger.yaml:9:5: filen "noter/noter-01-13.yaml" finns inte'],
  },
  'several-files': {
    // Errors of four files, found in a different order, reported together and sorted.
    lines: [
      'arsredovisning.yaml:13:65: rr.intakter_av_anslag: okänd not 99: förväntade en not deklarerad under noter: eller en tabell med not: 99',
      'arsredovisning.yaml:31:56: br.statskapital.2023: förväntade ett belopp som "5 611 532", "-1 163 260" eller "–", fick "4 2"',
      'kanda-avvikelser.yaml:3:15: okänd figur "vu.arets_kapitalforandring.2025" i känd avvikelse',
      'ledger.yaml:6:8: okänd enhet "SEK": förväntade kr, tkr, mnkr, antal, procent',
      'regleringsbrev.yaml:5:20: regleringsbrev: okänd anslagspost "uo9.1_1.ap1": förväntade en anslagspost i anslagsredovisningen, som uo8.1_2.ap2',
      'regleringsbrev.yaml:7:61: rb.uo9.1_1.ap1.2023-12-20.tilldelning: beloppet "102,5" har 1 decimal, enheten tkr tillåter 0',
    ],
  },
  'several-files-schema': {
    // Structural errors of three files, reported together and sorted.
    lines: [
      'arsredovisning.yaml:14:36: rad rr.intakter_av_avgifter: okänd nyckel "txet"',
      'arsredovisning.yaml:49:5: tabell not01: saknar obligatorisk nyckel "titel"',
      'kanda-avvikelser.yaml:3:5: känd avvikelse B-2/vu.arets_kapitalforandring.2024: saknar obligatorisk nyckel "orsak"',
      'regleringsbrev.yaml:7:11: regleringsbrevet, anslagspost uo1.1_1.ap1, beslut nr 1: saknar obligatorisk nyckel "datum"',
      'regleringsbrev.yaml:8:11: regleringsbrevet, anslagspost uo1.1_1.ap1, beslut nr 2: förväntade en mappning (nyckel: värde), fick en lista',
    ],
  },
};

/** How to save a file as UTF-8, after every encoding error. */
const UTF8_HINT = 'spara filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8), eller ange filernas kodning i ledger.yaml, t.ex. kodning: windows-1252';
const UNITS_HINT = 'förväntade belopp i kr, tkr eller mnkr, eller samma enhet på båda sidor';

/** Input that is not what it seems, and mistakes only a cross-check reveals. */
const MORE_CASES: Readonly<Record<string, Case>> = {
  'not-utf8': {
    // Saved as Windows-1252: the first "ä" (Intäkter, line 3) is the byte 0xE4.
    lines: [`arsredovisning.yaml:3:24: filen är inte giltig UTF-8 (byte 0xE4, "ä" i Windows-1252): ${UTF8_HINT}`],
  },
  utf16: {
    lines: [`arsredovisning.yaml:1:1: filen är sparad som UTF-16: ${UTF8_HINT}`],
  },
  'unknown-encoding': {
    lines: ['ledger.yaml:7:10: okänd teckenkodning "klingon": förväntade t.ex. utf-8, windows-1252 eller iso-8859-1'],
  },
  'self-tie': {
    lines: [
      'arsredovisning.yaml:19:88: lika i rr.arets_kapitalforandring: raden jämförs med sig själv ("rr.arets_kapitalforandring"): förväntade en annan rad',
      'arsredovisning.yaml:82:5: avstämning samma: vänster och höger sida är samma figurer, så avstämningen prövar ingenting',
    ],
  },
  'sum-cycle': {
    lines: ['arsredovisning.yaml:57:73: summorna i tabell not01 bildar en cirkel: not01.uo1_1_1 → not01.summa → not01.uo1_1_1; en summarad kan inte ingå i sig själv'],
  },
  'unit-mismatch': {
    lines: [
      `arsredovisning.yaml:67:62: lika i personal.anstallda: figurerna har enheter som inte kan jämföras (antal, tkr): ${UNITS_HINT}`,
      `arsredovisning.yaml:70:5: avstämning personal_mot_kostnad: figurerna har enheter som inte kan jämföras (antal, tkr): ${UNITS_HINT}`,
    ],
  },
  'unit-mismatch-rule': {
    // A statement row in antal: the layout's sum cannot add it (found by the rules, not the loader).
    lines: [
      'arsredovisning.yaml:16:86: kontroll A-1/rr.summa_kostnader.2024: figurerna har enheter som inte kan jämföras (rr.summa_kostnader.2024 i tkr, rr.kostnader_for_personal.2024 i antal): rätta enhet: för raden som har fel enhet',
    ],
  },
  'unknown-acknowledgement': {
    lines: [
      'kanda-avvikelser.yaml:2:5: känd avvikelse för okänd kontroll "A-1/rr.summa_intakter.2025": förväntade ett kontroll-id som reconcile skriver ut, t.ex. A-1/rr.summa_intakter.2024',
    ],
  },
  'bad-amount-referenced': {
    // One mistake, one error: the tie and the acknowledgement naming the figure say nothing more.
    lines: ['arsredovisning.yaml:14:91: rr.intakter_av_avgifter.2024: förväntade ett belopp som "5 611 532", "-1 163 260" eller "–", fick "10x"'],
  },
};

const COMMANDS: readonly (readonly string[])[] = [['check'], ['reconcile', '--no-xlsx']];

/** Each test starts node; on a loaded machine that can take seconds. */
const SLOW = { timeout: 60_000 };

describe('a valid ledger', SLOW, () => {
  it('check on test/fixtures/minimal exits 0 and prints the summary', async () => {
    const r = await runCli(['check', MINIMAL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Testmyndigheten 2024: årsredovisningen är giltig (layout ESV-2024, 1 fil)',
        '  rapporter: Resultaträkning (14 figurer), Balansräkning (18 figurer), Sammanställning över väsentliga uppgifter (5 figurer)',
        '  anslagsredovisning: 1 utgiftsområde, 1 anslag, 1 anslagspost (8 figurer), 0 inkomsttitlar (0 figurer), 0 bemyndiganden, 0 finansiella villkor',
        '  regleringsbrev: 1 beslut för 1 anslagspost (2 figurer)',
        '  noter: 1, 1 med sifferuppgifter (1 tabell, 4 figurer)',
        '  övriga tabeller: 0 (0 figurer)',
        '  deklarerade avstämningar: 0, kända avvikelser: 0',
        '  figurer totalt: 51',
        '',
        'Tabeller:',
        '  rr                          14  Resultaträkning',
        '  br                          18  Balansräkning',
        '  vu                           5  Sammanställning över väsentliga uppgifter',
        '  not01                        4  Intäkter av anslag',
        '  anslagsredovisning           8  Anslagsredovisning (anslag, inkomsttitlar, bemyndiganden, finansiella villkor)',
        '  regleringsbrev               2  Regleringsbrevets beslut',
        '',
      ].join('\n'),
    );
  });

  it('reconcile --no-xlsx on test/fixtures/minimal exits 0: every figure ties', async () => {
    const r = await runCli(['reconcile', '--no-xlsx', MINIMAL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ALLT STÄMMER');
    expect(r.stdout).toMatch(/\d+ kontroller: \d+ ok, 0 avrundningar, 0 avvikelser, 0 kända avvikelser/);
  });
});

describe.concurrent.each(COMMANDS.map((c) => [c.join(' '), c] as const))('input errors (%s)', SLOW, (_, command) => {
  const all: Readonly<Record<string, Case>> = { ...CASES, ...MORE_CASES };
  it.for(Object.keys(all))('%s', async (kind, { expect: e }) => {
    const r = await runCli([...command, `${ERRORS}/${kind}`]);
    expectInputErrors(e, r, all[kind]!.lines, all[kind]!.tolerated, `${ERRORS}/${kind}`);
  });
});

it('every fixture in test/fixtures/errors has its expected lines here', async () => {
  const dirs = (await readdir(path.join(ROOT, ERRORS), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(dirs.sort()).toEqual(Object.keys({ ...CASES, ...MORE_CASES }).sort());
});

describe('the ledger directory', SLOW, () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-errors-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('a ledger directory that does not exist', async () => {
    const r = await runCli(['check', `${ERRORS}/finns-inte`]);
    // A directory has no line and column; ":1:1" is accepted but not required.
    expectInputErrors(expect, r, ['test/fixtures/errors/finns-inte: förväntade en årsredovisningsmapp som finns']);
  });

  it('a ledger "directory" that is a file', async () => {
    const r = await runCli(['check', `${MINIMAL}/ledger.yaml`]);
    expectInputErrors(expect, r, ['test/fixtures/minimal/ledger.yaml: förväntade en årsredovisningsmapp, fick en fil']);
  });

  it('a directory without ledger.yaml', async () => {
    const dir = path.join(tmp, 'tom');
    await mkdir(dir);
    const r = await runCli(['check', dir]);
    // Outside the current directory, the path is absolute.
    expectInputErrors(expect, r, [`${dir}: årsredovisningsmappen saknar ledger.yaml`]);
  });
});

describe('symbolic links out of the ledger directory', SLOW, () => {
  let tmp: string;
  let ledger: string;
  beforeAll(async () => {
    // A temporary copy: git does not keep symbolic links reliably across platforms.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-symlink-'));
    const outside = path.join(tmp, 'utanfor');
    await mkdir(path.join(outside, 'noter'), { recursive: true });
    await cp(path.join(ROOT, MINIMAL, 'arsredovisning.yaml'), path.join(outside, 'arsredovisning.yaml'));
    await cp(path.join(ROOT, MINIMAL, 'kanda-avvikelser.yaml'), path.join(outside, 'kanda-avvikelser.yaml'));
    await writeFile(path.join(outside, 'noter', 'extra.yaml'), 'noter:\n  - {not: 2, titel: Extra}\n');
    ledger = path.join(tmp, 'huvudbok');
    await cp(path.join(ROOT, MINIMAL), ledger, { recursive: true });
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it.skipIf(process.platform === 'win32')('a file, a directory and kanda_avvikelser linking outside are refused', async () => {
    const dir = path.join(tmp, 'lankar');
    await cp(ledger, dir, { recursive: true });
    await unlink(path.join(dir, 'arsredovisning.yaml'));
    await symlink(path.join(tmp, 'utanfor', 'arsredovisning.yaml'), path.join(dir, 'arsredovisning.yaml'));
    await unlink(path.join(dir, 'kanda-avvikelser.yaml'));
    await symlink('../utanfor/kanda-avvikelser.yaml', path.join(dir, 'kanda-avvikelser.yaml'));
    await symlink(path.join(tmp, 'utanfor', 'noter'), path.join(dir, 'noter'));
    const manifest = await readFile(path.join(dir, 'ledger.yaml'), 'utf8');
    await writeFile(path.join(dir, 'ledger.yaml'), manifest.replace('  - arsredovisning.yaml\n', '  - arsredovisning.yaml\n  - noter/extra.yaml\n'));
    const r = await runCli(['check', dir]);
    expectInputErrors(expect, r, [
      'ledger.yaml:8:5: sökvägen "arsredovisning.yaml" pekar utanför årsredovisningsmappen (via en symbolisk länk)',
      'ledger.yaml:9:5: sökvägen "noter/extra.yaml" pekar utanför årsredovisningsmappen (via en symbolisk länk)',
      'ledger.yaml:10:19: sökvägen "kanda-avvikelser.yaml" pekar utanför årsredovisningsmappen (via en symbolisk länk)',
    ], [], dir);
  });

  it.skipIf(process.platform === 'win32')('a link that stays inside the directory is followed (control)', async () => {
    const dir = path.join(tmp, 'inuti');
    await cp(ledger, dir, { recursive: true });
    await mkdir(path.join(dir, 'data'));
    await cp(path.join(dir, 'arsredovisning.yaml'), path.join(dir, 'data', 'ar.yaml'));
    await unlink(path.join(dir, 'arsredovisning.yaml'));
    await symlink('data/ar.yaml', path.join(dir, 'arsredovisning.yaml'));
    const r = await runCli(['check', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Testmyndigheten 2024: årsredovisningen är giltig/);
  });
});

describe('YAML alias bombs', SLOW, () => {
  it('a far larger bomb (40 levels of 40 aliases) is refused at once, naming its lines', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-bomb-'));
    try {
      const dir = path.join(tmp, 'huvudbok');
      await cp(path.join(ROOT, MINIMAL), dir, { recursive: true });
      // Expanded, this would be 40^40 nodes. It is placed under a key the format knows.
      const bomb = ['avstamningar:', '  - id: a0', '    titel: &a0 "lol"', '    vanster: [x]', '    hoger: [x]'];
      for (let i = 1; i < 40; i++) bomb.push(`  - {id: a${i}, titel: t, vanster: &a${i} [${Array(40).fill(`*a${i - 1}`).join(', ')}], hoger: [x]}`);
      await writeFile(path.join(dir, 'arsredovisning.yaml'), `${await readFile(path.join(dir, 'arsredovisning.yaml'), 'utf8')}\n${bomb.join('\n')}\n`);
      const started = Date.now();
      const r = await runCli(['check', dir], { timeoutMs: 20_000 });
      const elapsed = Date.now() - started;
      // The minimal file has 79 lines; then an empty line, `avstamningar:` (81), `- id: a0` (82)
      // and the first anchor, `titel: &a0 "lol"`, on line 83. The bomb's lines are 83-124.
      const bombLine = '(8[3-9]|9\\d|1[01]\\d|12[0-4])';
      const laterLine = '(8[4-9]|9\\d|1[01]\\d|12[0-4])';
      expectInputErrors(expect, r, [new RegExp(`^ {2}arsredovisning\\.yaml:83:\\d+: ${escape(ALIAS)}$`)], [
        // Refusing the later anchors too is allowed, and so are follow-ups of a refused value.
        new RegExp(`^ {2}arsredovisning\\.yaml:${laterLine}:\\d+: ${escape(ALIAS)}$`),
        new RegExp(`^ {2}arsredovisning\\.yaml:${bombLine}:\\d+: avstämning a\\d+, (titel|vanster): förväntade .*, fick ett tomt värde$`),
      ], dir);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('usage errors', SLOW, () => {
  const expectUsage = (r: CliResult, message: Line) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('    at ');
    const lines = r.stderr.split('\n');
    expect(lines).toEqual([typeof message === 'string' ? message : expect.stringMatching(message), HELP_HINT, '']);
  };

  /** "Ange ett kommando: check, reconcile eller …." — whatever commands there are. */
  const NO_COMMAND = /^avstamning: Ange ett kommando: check, reconcile( eller [a-z]+|(, [a-z]+)* eller [a-z]+)?\.$/;

  it('no command', async () => {
    expectUsage(await runCli([]), NO_COMMAND);
  });

  it('an option but no command', async () => {
    expectUsage(await runCli(['--foo']), NO_COMMAND);
  });

  it('an unknown option', async () => {
    expectUsage(await runCli(['check', MINIMAL, '--foo']), 'avstamning: Okänt argument: foo');
  });

  it('an unknown option of reconcile', async () => {
    expectUsage(await runCli(['reconcile', MINIMAL, '--no-xlsx', '--bogus=1']), 'avstamning: Okänt argument: bogus');
  });

  it('an unknown command', async () => {
    expectUsage(await runCli(['kolla', MINIMAL]), /^avstamning: Okända argument: kolla, test\/fixtures\/minimal$/);
  });

  it('a command without its ledger directory', async () => {
    // Swedish; naming the missing argument (<årsredovisningsmapp>) would help more (see report).
    expectUsage(await runCli(['check']), /^avstamning: För få argument: fick 0, behöver minst 1/);
  });

  it('an option without its value (yargs-parser\'s own error, not an internal one)', async () => {
    expectUsage(await runCli(['reconcile', MINIMAL, '--json']), 'avstamning: För få argument efter: json');
    expectUsage(await runCli(['sie', 'fil.se', '--junit']), 'avstamning: För få argument efter: junit');
  });
});
