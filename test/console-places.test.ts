/**
 * The console names every figure's file as the user can open it from where they stand:
 * relative to the current directory, like the input errors do.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { removeTempDirs, tempDir } from './helpers/tmp.js';

afterAll(removeTempDirs);

describe('console: places of figures', () => {
  it('names a discrepancy’s figures relative to the current directory', async () => {
    const parent = tempDir('avstamning-places-');
    const dir = path.join(parent, 'verket', '2024');
    cpSync(path.join(ROOT, 'ledgers', 'exempelverket', '2024'), dir, { recursive: true });
    const rr = path.join(dir, 'resultatrakning.yaml');
    const text = readFileSync(rr, 'utf8');
    const changed = text.replace(/(id: summa_intakter, text: Summa, v: \[)(\d)/, (_m, head: string, d: string) => `${head}${(Number(d) + 1) % 10}`);
    expect(changed).not.toBe(text);
    writeFileSync(rr, changed);

    const fromParent = await runCli(['reconcile', path.join('verket', '2024'), '--no-xlsx'], { cwd: parent });
    expect(fromParent.code).toBe(1);
    expect(fromParent.stdout).toMatch(/rr\.summa_intakter\.2024 {2}\(verket\/2024\/resultatrakning\.yaml:\d+:\d+\)/);

    const fromInside = await runCli(['reconcile', '.', '--no-xlsx'], { cwd: dir });
    expect(fromInside.stdout).toMatch(/rr\.summa_intakter\.2024 {2}\(resultatrakning\.yaml:\d+:\d+\)/);
  });
});
