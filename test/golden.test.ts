/**
 * Golden outputs of the bundled ledger: the console summary, the JSON report and JUnit XML
 * of `reconcile ledgers/migrationsverket/2024`, through the built command line, compared
 * byte for byte with test/golden/. Volatile parts (the temporary directory the reports are
 * written to) are replaced by placeholders; the outputs have no timestamps or durations.
 *
 * A change to a rule, a renderer or the ledger changes these files on purpose: review the
 * diff, then `npx vitest run -u test/golden.test.ts` and say so in the commit message.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const LEDGER = 'ledgers/migrationsverket/2024';
const SLOW = { timeout: 120_000 };

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-golden-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const stable = (s: string) => s.split(tmp).join('<tmp>');

describe('golden outputs of the bundled ledger', SLOW, () => {
  it('reconcile --json --junit: console, JSON and JUnit as recorded (exit 0)', async () => {
    const r = await runCli(['reconcile', LEDGER, '--no-xlsx', '--json', path.join(tmp, 'r.json'), '--junit', path.join(tmp, 'r.xml')], { timeoutMs: 100_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(stable(r.stdout)).toMatchFileSnapshot('golden/migrationsverket-2024.console.txt');
    await expect(stable(await readFile(path.join(tmp, 'r.json'), 'utf8'))).toMatchFileSnapshot('golden/migrationsverket-2024.json');
    await expect(stable(await readFile(path.join(tmp, 'r.xml'), 'utf8'))).toMatchFileSnapshot('golden/migrationsverket-2024.junit.xml');
  });

  it('reconcile --ignore-acknowledgements: every known difference as a discrepancy (exit 1)', async () => {
    const r = await runCli(['reconcile', LEDGER, '--no-xlsx', '--ignore-acknowledgements'], { timeoutMs: 100_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    await expect(stable(r.stdout)).toMatchFileSnapshot('golden/migrationsverket-2024.ignore-acknowledgements.console.txt');
  });

  it('check: the summary of the ledger (exit 0)', async () => {
    const r = await runCli(['check', LEDGER]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('golden/migrationsverket-2024.check.txt');
  });
});
