/**
 * The general ledger read in a worker thread while the report is parsed
 * (src/ledger/huvudbok-lasning.ts): the result must be exactly that of lasSieFil on the main
 * thread, for clean files, files with every planted fault, and files that cannot be read. The
 * worker is forced on small files with AVSTAMNING_SIE_FORLASNING=0. Reads the built modules
 * (dist/), since the worker runs dist/ledger/huvudbok-arbetare.js: build first.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { FAULTS, generateSie, standardPlan } from '../bench/sie-generate.mjs';
// @ts-expect-error the built module (the worker needs dist/ledger/huvudbok-arbetare.js)
import { borjaLasa } from '../dist/ledger/huvudbok-lasning.js';
// @ts-expect-error the built module
import { lasSieFil } from '../dist/sie/fil.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'avstamning-forlasning-'));
  process.env.AVSTAMNING_SIE_FORLASNING = '0';
});
afterAll(async () => {
  delete process.env.AVSTAMNING_SIE_FORLASNING;
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.AVSTAMNING_SIE_DELNING;
});

describe('the general ledger read in a worker thread', () => {
  it('gives the books, errors and deviations of the main thread\'s reader, for every planted fault', async () => {
    for (const fault of ['', ...Object.keys(FAULTS)]) {
      const file = path.join(dir, `${fault || 'ren'}.se`);
      await writeFile(file, generateSie(standardPlan(), { vouchers: 300, seed: 7, faults: fault ? [fault] : [] }));
      const iArbetare = await borjaLasa(file, 'huvudbok.se').lasning();
      expect(iArbetare, fault).toStrictEqual(await lasSieFil(file, 'huvudbok.se'));
    }
  }, 60_000);

  it('reads a large file in two threads inside the worker too', async () => {
    const file = path.join(dir, 'delad.se');
    await writeFile(file, generateSie(standardPlan(), { vouchers: 600, seed: 3, faults: ['order'] }));
    process.env.AVSTAMNING_SIE_DELNING = '1';
    const { delad, ...iArbetare } = await borjaLasa(file, 'huvudbok.se').lasning();
    delete process.env.AVSTAMNING_SIE_DELNING;
    const ettLas = await lasSieFil(file, 'huvudbok.se');
    expect(delad).toBe(true);
    expect(iArbetare).toStrictEqual(ettLas);
    expect(ettLas.avvikelser.length).toBeGreaterThan(0);
  }, 60_000);

  it('meets a file that cannot be read as the main thread would', async () => {
    const saknas = path.join(dir, 'saknas.se');
    await expect(borjaLasa(saknas, 'saknas.se').lasning()).rejects.toMatchObject({ code: 'ENOENT' });
    // A directory: stat succeeds, the worker's read fails, the main thread's read gives the error.
    await expect(borjaLasa(dir, 'mapp.se').lasning()).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('can be abandoned: a stopped read does not keep the process waiting', async () => {
    const file = path.join(dir, 'avbruten.se');
    await writeFile(file, generateSie(standardPlan(), { vouchers: 300, seed: 1 }));
    const f = borjaLasa(file, 'huvudbok.se');
    f.avbryt();
    // After a stop the reader's result is still the main thread's.
    expect(await f.lasning()).toStrictEqual(await lasSieFil(file, 'huvudbok.se'));
  });
});
