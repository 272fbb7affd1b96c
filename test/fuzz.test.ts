/**
 * Fuzzing the loader: random mutations of a small valid ledger (test/fixtures/minimal):
 * byte flips, deleted, duplicated and swapped lines, swapped values, injected YAML syntax.
 * Whatever the mutation, loading, reconciling and rendering either succeed or end in input
 * errors (LedgerInputError: exit 2) whose every line names a file and reads as Swedish
 * text; never another exception (exit 3) or a stack trace. A few mutated ledgers also go
 * through the built command line.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInputError, LedgerInputError } from '../src/ledger/errors.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcileChecked } from '../src/ledger/reconcile-checked.js';
import { renderConsole } from '../src/render/console.js';
import { renderJson } from '../src/render/json.js';
import { renderJunit } from '../src/render/junit.js';
import { ROOT, runCli } from './helpers/cli.js';

const MINIMAL = path.join(ROOT, 'test/fixtures/minimal');
const FILES = ['ledger.yaml', 'arsredovisning.yaml', 'kanda-avvikelser.yaml'] as const;
type FileName = (typeof FILES)[number];

/** YAML and ledger syntax that trips parsers and validators. */
const INJECTIONS = [
  '&a ', '*a', '{', '}', '[', ']', ': ', '- ', '"', "'", '\t', '|', '>', '#', '? ', '!!str ', '!x ', '%YAML 1.2\n', '---\n', '...\n',
  '\u0000', '\uFEFF', '\u2028', '__proto__: x', 'constructor: 1', '<<: {a: 1}', '0x1F', '1e400', '–', '−5', '9'.repeat(40), ',5', 'ä',
  '- {id: __proto__, text: P, v: [1, 2]}', 'summa: [summa]', 'lika: rr.summa_intakter', 'enhet: antal', 'kodning: windows-1252\n',
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'delete' | 'duplicate'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'swap-values'; a: number; b: number }
  | { kind: 'inject'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('swap-values' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 4 })) }),
);

/** The value after the first `: ` of a line, or the line. */
const valueSpan = (line: string): [number, number] => {
  const i = line.indexOf(': ');
  return i < 0 ? [0, line.length] : [i + 2, line.length];
};

function apply(bytes: Buffer, m: Mutation): Buffer {
  if (m.kind === 'flip') {
    if (!bytes.length) return bytes;
    const out = Buffer.from(bytes);
    out[m.at % out.length] = m.byte;
    return out;
  }
  if (m.kind === 'inject') {
    const at = m.at % (bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text, 'utf8'), bytes.subarray(at)]);
  }
  const lines = bytes.toString('latin1').split('\n');
  const n = lines.length;
  if (m.kind === 'delete') lines.splice(m.line % n, 1);
  else if (m.kind === 'duplicate') lines.splice(m.line % n, 0, lines[m.line % n]!);
  else {
    const a = m.a % n;
    const b = m.b % n;
    if (m.kind === 'swap-lines') [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    else {
      const [sa, ea] = valueSpan(lines[a]!);
      const [sb, eb] = valueSpan(lines[b]!);
      const va = lines[a]!.slice(sa, ea);
      const vb = lines[b]!.slice(sb, eb);
      lines[a] = lines[a]!.slice(0, sa) + vb;
      lines[b] = lines[b]!.slice(0, sb) + va;
    }
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

const mutated = fc.record({ file: fc.constantFrom<FileName>(...FILES), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

let tmp: string;
let originals: Map<FileName, Buffer>;
let counter = 0;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-fuzz-'));
  originals = new Map(await Promise.all(FILES.map(async (f) => [f, await readFile(path.join(MINIMAL, f))] as const)));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A copy of the minimal ledger with one file mutated; returns its directory. */
async function write(c: { file: FileName; mutations: readonly Mutation[] }): Promise<string> {
  const dir = path.join(tmp, `l${counter++}`);
  await cp(MINIMAL, dir, { recursive: true });
  await writeFile(path.join(dir, c.file), c.mutations.reduce(apply, originals.get(c.file)!));
  return dir;
}

/** Loads, reconciles and renders; returns the input errors' lines ([] if the ledger is valid). */
async function run(dir: string): Promise<string[]> {
  try {
    const ledger = await loadLedger(dir);
    const result = reconcileChecked(dir, ledger);
    renderConsole(ledger, result);
    renderJson(ledger, result);
    renderJunit(ledger, result);
    return [];
  } catch (e) {
    if (e instanceof LedgerInputError) return e.errors.map(formatInputError);
    throw e;
  }
}

describe('fuzzing the ledger files', () => {
  it('any mutation ends in success or input errors, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (c) => {
        const dir = await write(c);
        const lines = await run(dir);
        for (const line of lines) {
          // file(:line:column): text, with a text that has no gaps.
          expect(line).toMatch(/^\S.*?(:\d+:\d+)?: \S/);
          expect(line).not.toMatch(/undefined|NaN|\[object Object\]/);
        }
        await rm(dir, { recursive: true, force: true });
      }),
      // A fixed seed keeps CI reproducible; FUZZ_RUNS and FUZZ_SEED explore further by hand.
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? 20261206) },
    );
  }, 60_000);

  it('through the command line: exit 0, 1 or 2, no stack trace, no internal error', async () => {
    const cases = fc.sample(mutated, { numRuns: 6, seed: 8 });
    for (const c of cases) {
      const dir = await write(c);
      const r = await runCli(['check', dir]);
      expect([0, 1, 2], r.stderr).toContain(r.code);
      expect(r.stderr).not.toContain('    at ');
      expect(r.stderr).not.toContain('internt fel');
    }
  }, 60_000);
});
