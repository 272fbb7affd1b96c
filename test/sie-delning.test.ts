/**
 * A large SIE file is read in two threads (src/sie/fil.ts): the result must be exactly that
 * of one reader, for every fault the generator plants, wherever the split falls. The split is
 * forced on small files with AVSTAMNING_SIE_DELNING. Reads the built modules (dist/), since
 * the worker runs dist/sie/arbetare.js: build first (`npx tsc -p tsconfig.json`).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
// @ts-expect-error a plain ES module without types
import { FAULTS, generateSie, standardPlan } from '../bench/sie-generate.mjs';
// @ts-expect-error the built module (the worker needs dist/sie/arbetare.js)
import { lasSieFil } from '../dist/sie/fil.js';

const EN = '999999999999999';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'avstamning-sie-delning-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function bada(file: string) {
  const las = async (grans: string) => {
    process.env.AVSTAMNING_SIE_DELNING = grans;
    try {
      return await lasSieFil(file, 'x.se');
    } finally {
      delete process.env.AVSTAMNING_SIE_DELNING;
    }
  };
  const { delad: _a, ...en } = await las(EN);
  const { delad, ...tva } = await las('1');
  return { en, tva, delad };
}

async function fil(name: string, opts: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, generateSie(standardPlan(), opts));
  return file;
}

describe('a file read in two threads', () => {
  it('gives the books, errors and deviations of one reader, for every planted fault', async () => {
    for (const fault of ['', ...Object.keys(FAULTS)]) {
      const file = await fil(`${fault || 'ren'}.se`, { vouchers: 600, seed: 3, faults: fault ? [fault] : [] });
      const { en, tva, delad } = await bada(file);
      expect(tva, fault).toStrictEqual(en);
      // The worker gives up at a syntax error in its part and where a voucher is left open.
      if (!['quote', 'decimals', 'brace'].includes(fault)) expect(delad, fault).toBe(true);
    }
  }, 60_000);

  it('judges the order of vouchers across the split, wherever it falls', async () => {
    let ordning = 0;
    for (let n = 300; n < 340; n++) {
      const file = await fil(`ordning-${n}.se`, { vouchers: n, seed: n, faults: ['order', 'unbalanced10', 'date'], utf8: n % 2 === 0, ksumma: n % 3 !== 0 });
      const { en, tva, delad } = await bada(file);
      expect(delad).toBe(true);
      expect(tva, String(n)).toStrictEqual(en);
      ordning += en.avvikelser.filter((a: { slag: string }) => a.slag === 'ordning').length;
    }
    expect(ordning).toBeGreaterThan(0);
  }, 60_000);

  it('checks a series\' first voucher after the split against its last before it', async () => {
    // The first voucher fills more than half the file, so the split falls at A 3.
    const rader = (n: number) => Array.from({ length: n }, () => '#TRANS 1930 {} 1.00\n#TRANS 3010 {} -1.00').join('\n');
    const text = ['#FLAGGA 0', '#SIETYP 4', '#RAR 0 20240101 20241231', '#KONTO 1930 "Bank"', '#KONTO 3010 "Intäkt"',
      '#VER A 5 20240105 "Först"', '{', rader(200), '}',
      '#VER A 3 20250106 "Bakåt och efter året"', '{', '#TRANS 1930 {} 2.00', '#TRANS 3010 {} -1.00', '}',
      '#VER B 1 20240107 "Annan serie"', '{', rader(2), '}', ''].join('\n');
    const file = path.join(dir, 'grans.se');
    await writeFile(file, text, 'latin1');
    const { en, tva, delad } = await bada(file);
    expect(delad).toBe(true);
    expect(en.avvikelser.map((a: { slag: string; rad: number }) => `${a.slag}:${a.rad}`)).toEqual(['ordning:409', 'datum:409', 'obalans:409']);
    expect(tva).toStrictEqual(en);
  });

  it('writes the same JSON report and exit code through the command line', async () => {
    for (const fault of ['', 'unbalanced10', 'order', 'ksumma', 'undeclared', 'decimals']) {
      const file = await fil(`cli-${fault || 'ren'}.se`, { vouchers: 800, seed: 5, faults: fault ? [fault] : [] });
      const run = async (grans: string) => {
        const json = path.join(dir, `r-${grans}.json`);
        const r = await runCli(['sie', file, '--json', json], { env: { AVSTAMNING_SIE_DELNING: grans } });
        return { code: r.code, stdout: r.stdout.replace(json, 'R'), json: r.code === 2 ? null : await readFile(json, 'utf8') };
      };
      const en = await run(EN);
      expect(await run('1'), fault).toStrictEqual(en);
    }
  }, 60_000);
});
