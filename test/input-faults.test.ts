/**
 * Input that is not what it seems, in process (fast): encodings, unreadable files, ids that
 * are JavaScript object keys, and errors as data (codes and parameters). The command
 * line's exact messages for each fault kind are in errors.test.ts.
 */
import { isUtf8 } from 'node:buffer';
import * as nodeFs from 'node:fs';
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, firstInvalidUtf8 } from '../src/ledger/decode.js';
import { formatInputError, LedgerInputError, type InputError } from '../src/ledger/errors.js';
import { loadLedger, type LedgerFs } from '../src/ledger/load.js';
import { MESSAGES, plural, render } from '../src/messages/catalogue.js';
import { reconcile } from '../src/rules/engine.js';
import { ROOT, runCli } from './helpers/cli.js';

const MINIMAL = path.join(ROOT, 'test/fixtures/minimal');
const FILES = ['ledger.yaml', 'arsredovisning.yaml', 'kanda-avvikelser.yaml'];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-input-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A copy of the minimal ledger, each file changed by `change` (text → bytes). */
async function copyOfMinimal(name: string, change: (file: string, text: string) => Buffer | string = (_, t) => t): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(MINIMAL, dir, { recursive: true });
  for (const f of FILES) await writeFile(path.join(dir, f), change(f, await readFile(path.join(dir, f), 'utf8')));
  return dir;
}

/** The input errors loading `dir` throws (fails if it loads). */
async function errorsOf(dir: string, fs?: LedgerFs): Promise<readonly InputError[]> {
  try {
    await loadLedger(dir, fs ? { fs } : {});
  } catch (e) {
    if (e instanceof LedgerInputError) return e.errors;
    throw e;
  }
  throw new Error(`${dir} loaded without errors`);
}

describe('encodings', () => {
  it('a UTF-8 byte order mark is accepted', async () => {
    const dir = await copyOfMinimal('bom', (_, t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]));
    const ledger = await loadLedger(dir);
    expect(ledger.figures.size).toBe(51);
    expect(ledger.agency).toBe('Testmyndigheten');
  });

  it('files in the encoding ledger.yaml declares are decoded: å, ä and ö as written', async () => {
    const dir = await copyOfMinimal('cp1252', (f, t) =>
      iconv.encode(f === 'ledger.yaml' ? t.replace('myndighet: Testmyndigheten', 'kodning: windows-1252\nmyndighet: Ämbetsverket för prövning') : t, 'windows-1252'),
    );
    const ledger = await loadLedger(dir);
    expect(ledger.agency).toBe('Ämbetsverket för prövning');
    expect(ledger.figures.get('rr.intakter_av_avgifter.2024')!.label).toBe('Resultaträkning · Intäkter av avgifter och andra ersättningar · 2024');
    expect(reconcile(ledger).summary.discrepancy).toBe(0);
  });

  it('without the declaration the same files are refused at the first non-UTF-8 byte, never read with replacement characters', async () => {
    const dir = await copyOfMinimal('cp1252-undeclared', (_, t) => iconv.encode(t, 'windows-1252'));
    const errors = await errorsOf(dir);
    // ledger.yaml is ASCII and loads; the first file with a bad byte stops the run.
    expect(errors.map((e) => [path.basename(e.file), e.line, e.column, e.code, e.params])).toEqual([
      ['arsredovisning.yaml', 3, 24, 'kodning.ej_utf8', { byte: 'E4', ansi: 'ä' }],
    ]);
  });

  it('a file with a declared UTF-8 BOM beside windows-1252 files is read as UTF-8', async () => {
    const dir = await copyOfMinimal('mixed', (f, t) =>
      f === 'arsredovisning.yaml' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]) : iconv.encode(f === 'ledger.yaml' ? `kodning: windows-1252\n${t}` : t, 'windows-1252'),
    );
    expect((await loadLedger(dir)).figures.get('rr.intakter_av_anslag.2024')!.label).toContain('Intäkter av anslag');
  });

  it('firstInvalidUtf8 agrees with Node on any bytes, and everything before the offset is valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 20 }), (noise, text) => {
        const bytes = Buffer.concat([Buffer.from(text, 'utf8'), noise]);
        const at = firstInvalidUtf8(bytes);
        expect(at === -1).toBe(isUtf8(bytes));
        if (at >= 0) {
          expect(at).toBeGreaterThanOrEqual(0);
          // The valid prefix may end inside a sequence only if that sequence is the bad one.
          expect(firstInvalidUtf8(bytes.subarray(0, at))).toBe(-1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decode names line and column in characters, after multi-byte letters', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nbå: "ö', 'utf8'), Buffer.from([0xff]), Buffer.from('"\n')]);
    expect(decode(bytes, undefined, undefined)).toEqual({ ok: false, line: 2, column: 7, code: 'kodning.ej_utf8', params: { byte: 'FF', ansi: 'ÿ' } });
  });
});

describe('unreadable files and directories', () => {
  const denied = (target: (p: string) => boolean, call: 'readFileSync' | 'realpathSync'): LedgerFs => {
    const fail = (p: nodeFs.PathOrFileDescriptor) => {
      if (target(String(p))) throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
    };
    return {
      ...nodeFs,
      readFileSync: ((p: nodeFs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (call === 'readFileSync') fail(p);
        return (nodeFs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
      }) as LedgerFs['readFileSync'],
      realpathSync: ((p: nodeFs.PathLike) => {
        if (call === 'realpathSync') fail(String(p));
        return nodeFs.realpathSync(p);
      }) as LedgerFs['realpathSync'],
    };
  };

  it('a file that cannot be read is reported as unreadable (permission), not as missing', async () => {
    const errors = await errorsOf(MINIMAL, denied((p) => p.endsWith('arsredovisning.yaml'), 'readFileSync'));
    expect(errors.map(formatInputError)).toEqual(['test/fixtures/minimal/arsredovisning.yaml: filen "arsredovisning.yaml" kan inte läsas: åtkomst nekad (behörighet saknas)']);
  });

  it('a ledger directory that cannot be read is reported as unreadable', async () => {
    const errors = await errorsOf(MINIMAL, denied((p) => p === MINIMAL, 'realpathSync'));
    expect(errors.map((e) => [e.code, e.params])).toEqual([['mapp.olasbar', { mapp: MINIMAL, orsak: 'åtkomst nekad (behörighet saknas)' }]]);
  });

  it('a subdirectory that cannot be entered: its files are unreadable, not missing', async () => {
    const errors = await errorsOf(MINIMAL, denied((p) => p.endsWith('arsredovisning.yaml'), 'realpathSync'));
    expect(errors.map((e) => [e.code, e.params])).toEqual([['fil.olasbar', { sokvag: 'arsredovisning.yaml', orsak: 'åtkomst nekad (behörighet saknas)' }]]);
  });

  // root reads files whatever their mode; the injected faults above stand in for it there.
  it.skipIf(process.getuid?.() === 0 || process.platform === 'win32')('through the command line, with chmod 000: exit 2, not 3', async () => {
    const dir = await copyOfMinimal('chmod');
    await chmod(path.join(dir, 'arsredovisning.yaml'), 0o000);
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kan inte läsas: åtkomst nekad (behörighet saknas)');
  });
});

describe('ids that are JavaScript object keys', () => {
  /** A table and a tie whose ids, columns and rows are Object.prototype's names. */
  const PROTO_TABLE = [
    '  - id: constructor',
    '    titel: Konstruktion',
    '    typ: tabell',
    '    kolumner:',
    '      - {id: __proto__, rubrik: Proto}',
    '      - {id: constructor, rubrik: Konstruktor}',
    '    rader:',
    '      - {id: __proto__, text: Del 1, v: [1, 2]}',
    '      - {id: valueof, text: Del 2, v: [3, 4]}',
    '      - {id: hasownproperty, text: Summa, v: [4, 6], summa: [__proto__, valueof]}',
    '',
  ].join('\n');
  const PROTO_TIE = [
    'avstamningar:',
    '  - id: __proto__',
    '    titel: Proto',
    '    vanster: [constructor.hasownproperty.__proto__]',
    '    hoger: [constructor.__proto__.__proto__, constructor.valueof.__proto__]',
    '',
  ].join('\n');
  const withProto = (sum: string) => (f: string, t: string) =>
    f === 'arsredovisning.yaml' ? t.replace('\nanslagsredovisning:', `\n${PROTO_TABLE.replace('[4, 6]', sum)}\n${PROTO_TIE}\nanslagsredovisning:`) : t;

  it('work like any other id: every figure is kept and every check is made', async () => {
    const ledger = await loadLedger(await copyOfMinimal('proto', withProto('[4, 6]')));
    for (const id of ['constructor.__proto__.__proto__', 'constructor.__proto__.constructor', 'constructor.hasownproperty.constructor']) {
      expect(ledger.figures.get(id), id).toBeDefined();
    }
    const row = ledger.tables.find((t) => t.id === 'constructor')!.rows[0]!;
    expect(Object.keys(row.cells)).toEqual(['__proto__', 'constructor']);
    const result = reconcile(ledger);
    const ids = result.checks.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['A-19/constructor.hasownproperty.__proto__', 'A-19/constructor.hasownproperty.constructor', 'B-23/__proto__']));
    expect(result.summary.discrepancy).toBe(0);
  });

  it('and a wrong figure under such an id is caught, not lost', async () => {
    const result = reconcile(await loadLedger(await copyOfMinimal('proto-wrong', withProto('[9, 6]'))));
    expect(result.checks.filter((c) => c.status === 'discrepancy').map((c) => c.id).sort()).toEqual(['A-19/constructor.hasownproperty.__proto__', 'B-23/__proto__']);
  });

  it('a reference to toString or __proto__ that no figure has is an unknown figure', async () => {
    const dir = await copyOfMinimal('proto-refs', (f, t) =>
      f === 'arsredovisning.yaml' ? `${t}\navstamningar:\n  - {id: x, titel: X, vanster: [toString], hoger: [__proto__]}\n` : t,
    );
    expect((await errorsOf(dir)).map((e) => [e.code, e.params])).toEqual([
      ['ref.okand_figur', { vad: 'avstämning x', ref: 'toString' }],
      ['ref.okand_figur', { vad: 'avstämning x', ref: '__proto__' }],
    ]);
  });

  it('a YAML key __proto__ is an unknown key like any other, not a prototype', async () => {
    const dir = await copyOfMinimal('proto-key', (f, t) => (f === 'arsredovisning.yaml' ? t.replace('{id: kassa_och_bank,', '{__proto__: x, id: kassa_och_bank,') : t));
    expect((await errorsOf(dir)).map((e) => [e.code, e.params])).toEqual([['schema.okand_nyckel', { plats: 'rad br.kassa_och_bank "Kassa och bank"', nyckel: '__proto__' }]]);
  });
});

describe('the message catalogue', () => {
  it('plural: 1 avvikelse, 2 avvikelser, 0 avvikelser', () => {
    expect([0, 1, 2].map((n) => plural(n, 'avvikelse', 'avvikelser'))).toEqual(['0 avvikelser', '1 avvikelse', '2 avvikelser']);
  });

  it('codes are area.what in lower-case ASCII, and every text is Swedish (no English reason left)', () => {
    for (const code of Object.keys(MESSAGES)) expect(code).toMatch(/^[a-z0-9_]+\.[a-z0-9_]+$/);
    expect(render({ code: 'yaml.syntax', params: { orsak: 'duplicated mapping key (12:3)' } })).toBe('ogiltig YAML: nyckeln finns redan i samma mappning');
  });

  it('every code is documented in docs/errors.md', async () => {
    const doc = await readFile(path.join(ROOT, 'docs/errors.md'), 'utf8');
    for (const code of Object.keys(MESSAGES)) expect(doc, code).toContain(`\`${code}\``);
  });
});
