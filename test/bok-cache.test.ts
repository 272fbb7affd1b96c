/**
 * The cache of read books (src/ledger/bok-cache.ts): a ledger loaded through it is the ledger
 * loaded without it; a kept read is what a hit returns (shown under the name asked for); an
 * edited file, a read with errors, a file changed while it was read and an entry someone else
 * could have written are never taken. Through the CLI: the second run is the first one's
 * output, and AVSTAMNING_NO_CACHE=1 keeps nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { generateSie, standardPlan } from '../bench/sie-generate.mjs';
import type { CacheDir } from '../src/io/private-cache.js';
import { bokCache } from '../src/ledger/bok-cache.js';
import { borjaLasa } from '../src/ledger/huvudbok-lasning.js';
import { loadLedger } from '../src/ledger/load.js';
import { lasSieFil } from '../src/sie/fil.js';
import { ROOT } from './helpers/cli.js';
import { removeTempDirs, tempCacheDir, tempDir } from './helpers/tmp.js';

const BUNDLED = path.join(ROOT, 'ledgers/migrationsverket/2024');

afterAll(removeTempDirs);
const tmp = tempDir('avstamning-bokcache-');
const freshCache = tempCacheDir;
const entries = (c: CacheDir) => fs.readdirSync(c.dir).filter((f) => f.startsWith('huvudbok-')).map((f) => path.join(c.dir, f));

/** A small SIE file of its own. */
async function sieFile(name: string, faults: string[] = []): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, generateSie(standardPlan(), { vouchers: 200, seed: 11, faults }));
  return file;
}

describe('the cache of read books', { timeout: 60_000 }, () => {
  it('gives the bundled ledger\'s books as reading them does, when it writes and when it reads', async () => {
    const plain = await loadLedger(BUNDLED, { cache: undefined });
    const cache = freshCache();
    const written = await loadLedger(BUNDLED, { cache });
    expect(entries(cache)).toHaveLength(1);
    const read = await loadLedger(BUNDLED, { cache });
    expect(written.huvudbok).toEqual(plain.huvudbok);
    expect(read.huvudbok).toEqual(plain.huvudbok);
  });

  it('returns what it keeps, under the name asked for, and only from an entry this user alone can write', async () => {
    const file = await sieFile('kept.se');
    const cache = freshCache();
    const first = await borjaLasa(file, 'a.se', cache).lasning();
    expect(first).toStrictEqual(await lasSieFil(file, 'a.se'));
    // An entry changed behind the cache's back (its key kept) shows that it is what is read.
    const [entry] = entries(cache);
    const stored = deserialize(fs.readFileSync(entry!)) as { key: string; lasning: { bok: { foretag: { namn: string | null } } } };
    stored.lasning.bok.foretag.namn = 'Planterat verket';
    fs.writeFileSync(entry!, serialize(stored), { mode: 0o600 });
    const hit = await borjaLasa(file, 'b.se', cache).lasning();
    expect(hit.bok.foretag.namn).toBe('Planterat verket');
    expect(hit.bok.fil).toBe('b.se');
    if (process.platform !== 'win32') {
      fs.chmodSync(entry!, 0o620);
      expect((await borjaLasa(file, 'b.se', cache).lasning()).bok.foretag.namn).toBe(first.bok.foretag.namn);
    }
  });

  it('reads an edited file anew and replaces its entry', async () => {
    const file = await sieFile('edited.se');
    const cache = freshCache();
    await borjaLasa(file, 'h.se', cache).lasning();
    const before = fs.readFileSync(entries(cache)[0]!);
    await writeFile(file, generateSie(standardPlan(), { vouchers: 201, seed: 11, faults: [] }));
    const again = await borjaLasa(file, 'h.se', cache).lasning();
    expect(again).toStrictEqual(await lasSieFil(file, 'h.se'));
    expect(again.bok.verifikationer.antal).toBe(201);
    expect(entries(cache)).toHaveLength(1);
    expect(fs.readFileSync(entries(cache)[0]!).equals(before)).toBe(false);
  });

  it('keeps no read with syntax errors, and none of a file changed while it was read', async () => {
    const broken = path.join(tmp, 'broken.se');
    await writeFile(broken, `${generateSie(standardPlan(), { vouchers: 20, seed: 2, faults: [] })}#TRANS 1930 {} inte-ett-belopp\n`);
    const cache = freshCache();
    const read = await borjaLasa(broken, 'h.se', cache).lasning();
    expect(read.felTotalt).toBeGreaterThan(0);
    expect(entries(cache)).toEqual([]);

    const file = await sieFile('changing.se');
    const slot = bokCache(cache, file)!;
    const lasning = await lasSieFil(file, 'h.se');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    slot.spara(lasning);
    expect(entries(cache)).toEqual([]);
    bokCache(cache, file)!.spara(lasning);
    expect(entries(cache)).toHaveLength(1);
  });

  it('through the CLI: the second reconcile says what the first said; AVSTAMNING_NO_CACHE=1 keeps nothing', async () => {
    const dir = path.join(tmp, 'cli-ledger');
    await cp(BUNDLED, dir, { recursive: true });
    const run = (xdg: string, extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/avstamning.cjs'), 'reconcile', dir, '--no-xlsx'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CACHE_HOME: xdg, ...extra },
      });
    const xdg = path.join(tmp, 'xdg');
    const first = run(xdg);
    expect(first.status, first.stderr).toBe(0);
    const kept = fs.readdirSync(path.join(xdg, 'avstamning')).filter((f) => f.startsWith('huvudbok-'));
    expect(kept).toHaveLength(1);
    const second = run(xdg);
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(0);
    const none = path.join(tmp, 'xdg-none');
    expect(run(none, { AVSTAMNING_NO_CACHE: '1' }).stdout).toBe(first.stdout);
    expect(fs.existsSync(path.join(none, 'avstamning'))).toBe(false);
  });
});
