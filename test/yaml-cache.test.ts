/**
 * The cache of parsed YAML files (src/ledger/yaml-cache.ts): a ledger loaded through it is the
 * ledger loaded without it (values and every source position), an edited file is parsed anew,
 * a file with a syntax error is never kept, and an entry someone else could have written is
 * not read.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LedgerInputError } from '../src/ledger/errors.js';
import { loadLedger } from '../src/ledger/load.js';
import type { CacheDir } from '../src/io/private-cache.js';
import { ROOT } from './helpers/cli.js';
import { removeTempDirs, tempCacheDir, tempDir } from './helpers/tmp.js';

const MINIMAL = path.join(ROOT, 'test/fixtures/minimal');
const BUNDLED = path.join(ROOT, 'ledgers/migrationsverket/2024');

afterAll(removeTempDirs);
const tmp = tempDir('avstamning-yamlcache-');
const freshCache = tempCacheDir;
const entries = (c: CacheDir) => fs.readdirSync(c.dir).filter((f) => /^yaml-.*\.json$/.test(f));
const codes = (e: unknown) => (e instanceof LedgerInputError ? e.errors.map((x) => `${x.code} ${x.file}:${x.line}`) : [String(e)]);

describe('the parsed-YAML cache', { timeout: 60_000 }, () => {
  it('gives the bundled ledger as parsing does, values and positions, when it writes and when it reads', async () => {
    const plain = await loadLedger(BUNDLED, { utanHuvudbok: true, cache: undefined });
    const cache = freshCache();
    const written = await loadLedger(BUNDLED, { utanHuvudbok: true, cache: cache });
    expect(entries(cache).length).toBeGreaterThan(10);
    const read = await loadLedger(BUNDLED, { utanHuvudbok: true, cache: cache });
    expect(written).toEqual(plain);
    expect(read).toEqual(plain);
  });

  it('keeps two installs apart: neither evicts the other\'s entries (each is read, not rewritten, when its install runs again)', async () => {
    const a = freshCache();
    const b: CacheDir = { dir: a.dir, install: 'other', tag: 'other-build' };
    await loadLedger(MINIMAL, { cache: a });
    const ofA = entries(a);
    const stamp = () => new Map(ofA.map((f) => [f, fs.statSync(path.join(a.dir, f)).mtimeMs]));
    const before = stamp();
    await loadLedger(MINIMAL, { cache: b });
    expect(entries(a).length).toBe(2 * ofA.length);
    await loadLedger(MINIMAL, { cache: a });
    expect(stamp()).toEqual(before);
  });

  it('is read when its entry matches the text, and only if this user alone can write it', async () => {
    const dir = path.join(tmp, 'minimal-tampered');
    await cp(MINIMAL, dir, { recursive: true });
    const cache = freshCache();
    const before = await loadLedger(dir, { cache: cache });
    // An entry changed behind the cache's back (its text hash kept) shows that it is what is read.
    const manifest = entries(cache).map((f) => path.join(cache.dir, f)).find((f) => fs.readFileSync(f, 'utf8').includes(`"myndighet":"${before.agency}"`));
    expect(manifest).toBeDefined();
    await writeFile(manifest!, (await readFile(manifest!, 'utf8')).replaceAll(before.agency, 'Annat verket'), { mode: 0o600 });
    expect((await loadLedger(dir, { cache: cache })).agency).toBe('Annat verket');
    if (process.platform !== 'win32') {
      fs.chmodSync(manifest!, 0o620);
      expect((await loadLedger(dir, { cache: cache })).agency).toBe(before.agency);
    }
  });

  it('parses an edited file anew, keeps no entry of a file with an error, and reports the error every time', async () => {
    const dir = path.join(tmp, 'minimal-edited');
    await cp(MINIMAL, dir, { recursive: true });
    const cache = freshCache();
    await loadLedger(dir, { cache: cache });
    const count = entries(cache).length;
    const file = path.join(dir, 'arsredovisning.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}\n  : [\n`);
    const first = await loadLedger(dir, { cache: cache }).catch((e: unknown) => e);
    const second = await loadLedger(dir, { cache: cache }).catch((e: unknown) => e);
    expect(codes(first)[0]).toMatch(/^yaml\.syntax .*arsredovisning\.yaml:\d+$/);
    expect(codes(second)).toEqual(codes(first));
    expect(entries(cache).length).toBe(count);
  });

  it('validates a file again until it is valid: a schema error is reported every time', async () => {
    const dir = path.join(tmp, 'minimal-schema');
    await cp(MINIMAL, dir, { recursive: true });
    const cache = freshCache();
    await loadLedger(dir, { cache: cache });
    const file = path.join(dir, 'ledger.yaml');
    await writeFile(file, `${await readFile(file, 'utf8')}\nokand_nyckel: x\n`);
    const first = await loadLedger(dir, { cache: cache }).catch((e: unknown) => e);
    const second = await loadLedger(dir, { cache: cache }).catch((e: unknown) => e);
    expect(codes(first)[0]).toMatch(/^schema\.okand_nyckel .*ledger\.yaml:\d+$/);
    expect(codes(second)).toEqual(codes(first));
  });

  it('keeps keys and ids that are Object.prototype\'s names as they are', async () => {
    const dir = path.join(tmp, 'minimal-proto');
    await cp(MINIMAL, dir, { recursive: true });
    const file = path.join(dir, 'arsredovisning.yaml');
    const table = [
      '  - id: constructor',
      '    titel: Konstruktion',
      '    typ: tabell',
      '    kolumner:',
      '      - {id: __proto__, rubrik: Proto}',
      '      - {id: constructor, rubrik: Konstruktor}',
      '    kolumnmappning: {__proto__: a, constructor: b}',
      '    rader:',
      '      - {id: __proto__, text: Del 1, v: [1, 2]}',
      '      - {id: hasownproperty, text: Summa, v: [1, 2], summa: [__proto__]}',
      '',
    ].join('\n');
    await writeFile(file, (await readFile(file, 'utf8')).replace('\nanslagsredovisning:', `\n${table}\nanslagsredovisning:`));
    const plain = await loadLedger(dir, { cache: undefined });
    expect(plain.tables.find((t) => t.id === 'constructor')?.rows.map((r) => r.id)).toEqual(['__proto__', 'hasownproperty']);
    const cache = freshCache();
    expect(await loadLedger(dir, { cache: cache }).catch((e: unknown) => codes(e))).toEqual(plain);
    expect(await loadLedger(dir, { cache: cache }).catch((e: unknown) => codes(e))).toEqual(plain);
  });
});

describe('the parsed-YAML cache in a run over many ledgers', { timeout: 120_000 }, () => {
  it('is written and read by the worker threads too (through the launcher, two threads)', async () => {
    const tree = path.join(tmp, 'tree');
    for (const a of ['alfa', 'beta', 'gamma']) {
      const to = path.join(tree, a, '2024');
      await cp(MINIMAL, to, { recursive: true });
      const manifest = path.join(to, 'ledger.yaml');
      await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('myndighet: Testmyndigheten', `myndighet: Verket ${a}`));
    }
    const xdg = path.join(tmp, 'tree-xdg');
    const json = path.join(tmp, 'tree.json');
    const run = () =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/avstamning.cjs'), 'reconcile', tree, '--jobs', '2', '--no-xlsx', '--quiet', '--json', json], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: tmp, XDG_CACHE_HOME: xdg },
      });
    expect(run().status).toBe(0);
    const dir = path.join(xdg, 'avstamning');
    const kept = fs.readdirSync(dir).filter((f) => /^yaml-.*\.json$/.test(f));
    expect(kept).toHaveLength(3 * fs.readdirSync(MINIMAL).length);
    // An entry changed behind the cache's back (its text hash kept) shows that the workers read it.
    const beta = kept.map((f) => path.join(dir, f)).find((f) => fs.readFileSync(f, 'utf8').includes('"myndighet":"Verket beta"'))!;
    fs.writeFileSync(beta, fs.readFileSync(beta, 'utf8').replaceAll('Verket beta', 'Planterade verket'), { mode: 0o600 });
    expect(run().status).toBe(0);
    const agencies = (JSON.parse(await readFile(json, 'utf8')) as { ledgers: { agency: string }[] }).ledgers.map((l) => l.agency);
    expect(agencies).toEqual(['Verket alfa', 'Planterade verket', 'Verket gamma']);
  });
});
