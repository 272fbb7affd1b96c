/**
 * The launcher's V8 code cache (bin/avstamning.cjs): a private per-user directory, verified
 * before use; a cache that is unsafe or rejected by V8 is never trusted; a second install on
 * the same machine neither evicts nor poisons the first one's cache. Needs `npm run build`
 * (dist/bin/). AVSTAMNING_DEBUG_CACHE=1 makes the launcher say what it did, per file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const LAUNCHER = path.join(ROOT, 'bin', 'avstamning.cjs');
const isPosix = process.platform !== 'win32';
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avstamning-launcher-'));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh environment: its own XDG cache, home and temp directories. */
function fresh() {
  const base = path.join(tmp, `env${++n}`);
  const env = { xdg: path.join(base, 'xdg'), home: path.join(base, 'home'), tmpdir: path.join(base, 'tmp') };
  for (const d of Object.values(env)) fs.mkdirSync(d, { recursive: true });
  return { ...env, cache: path.join(env.xdg, 'avstamning') };
}

/** Runs `avstamning rules`; returns the launcher's cache report, one line per bundle file. */
function run(e: ReturnType<typeof fresh>, launcher = LAUNCHER): string[] {
  const r = spawnSync(process.execPath, [launcher, 'rules'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: e.xdg, HOME: e.home, TMPDIR: e.tmpdir, AVSTAMNING_DEBUG_CACHE: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^A-1 /);
  return r.stderr.trimEnd().split('\n');
}

const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')).sort() : []);

describe('the launcher\'s code cache', { timeout: 60_000 }, () => {
  it('lives in $XDG_CACHE_HOME/avstamning, mode 0700, files 0600; the second run uses it', () => {
    const e = fresh();
    expect(run(e)).toContain('v8cache: main.cjs miss');
    expect(run(e)).toContain('v8cache: main.cjs hit');
    const files = cacheFiles(e.cache);
    expect(files.length).toBeGreaterThan(0);
    if (isPosix) {
      expect(fs.statSync(e.cache).mode & 0o777).toBe(0o700);
      for (const f of files) expect(fs.statSync(path.join(e.cache, f)).mode & 0o777).toBe(0o600);
    }
    // Nothing under predictable names in the shared temporary directory.
    expect(fs.readdirSync(e.tmpdir)).toEqual([]);
  });

  it('a cache V8 rejects (a planted or damaged file) is not used, and is rewritten', () => {
    const e = fresh();
    run(e);
    for (const f of cacheFiles(e.cache)) fs.writeFileSync(path.join(e.cache, f), 'not a code cache');
    expect(run(e)).toContain('v8cache: main.cjs rejected');
    expect(run(e)).toContain('v8cache: main.cjs hit');
  });

  it.skipIf(!isPosix)('a directory others can write is not used (the next private place is)', () => {
    const e = fresh();
    fs.mkdirSync(e.cache, { mode: 0o777 });
    fs.chmodSync(e.cache, 0o777);
    const report = run(e);
    expect(report).toContain(`v8cache: unsafe ${e.cache} (not a private directory of this user)`);
    expect(cacheFiles(e.cache)).toEqual([]);
    expect(cacheFiles(path.join(e.home, '.cache', 'avstamning')).length).toBeGreaterThan(0);
  });

  it.skipIf(!isPosix)('a symbolic link in place of the directory is not followed', () => {
    const e = fresh();
    const elsewhere = path.join(e.home, 'planted');
    fs.mkdirSync(elsewhere, { mode: 0o700 });
    fs.symlinkSync(elsewhere, e.cache);
    expect(run(e)).toContain(`v8cache: unsafe ${e.cache} (not a private directory of this user)`);
    expect(cacheFiles(elsewhere)).toEqual([]);
  });

  it.skipIf(!isPosix || process.getuid?.() !== 0)('a directory or cache file owned by another user is not used (chown: needs root)', () => {
    const e = fresh();
    fs.mkdirSync(e.cache, { mode: 0o700 });
    fs.chownSync(e.cache, 65534, 65534);
    expect(run(e)).toContain(`v8cache: unsafe ${e.cache} (not a private directory of this user)`);
    expect(cacheFiles(e.cache)).toEqual([]);
    // A private directory, but a cache file of another user in it.
    const f = fresh();
    run(f);
    const planted = cacheFiles(f.cache).find((x) => x.includes('main.cjs'))!;
    fs.chownSync(path.join(f.cache, planted), 65534, 65534);
    expect(run(f)).toContain(`v8cache: unsafe ${path.join(f.cache, planted)}`);
  });

  it('a second install neither evicts nor overwrites the first one\'s cache', () => {
    const e = fresh();
    const second = path.join(tmp, 'second-install');
    fs.cpSync(path.join(ROOT, 'bin'), path.join(second, 'bin'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'dist', 'bin'), path.join(second, 'dist', 'bin'), { recursive: true });
    run(e);
    const first = cacheFiles(e.cache);
    expect(run(e, path.join(second, 'bin', 'avstamning.cjs'))).toContain('v8cache: main.cjs miss');
    const both = cacheFiles(e.cache);
    expect(both).toEqual(expect.arrayContaining(first));
    expect(both.length).toBe(2 * first.length);
    expect(run(e)).toContain('v8cache: main.cjs hit');
    expect(run(e, path.join(second, 'bin', 'avstamning.cjs'))).toContain('v8cache: main.cjs hit');
  });

  it.runIf(fs.existsSync('/proc/self'))('an XDG_CACHE_HOME where no directory can be made (/proc) is passed over, not waited on', () => {
    // Node's recursive mkdirSync never returns there; the launcher makes the directory itself.
    const e = fresh();
    const r = spawnSync(process.execPath, [LAUNCHER, 'rules'], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: '/proc/self', HOME: e.home, TMPDIR: e.tmpdir },
    });
    expect(r.error).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^A-1 /);
    expect(cacheFiles(path.join(e.home, '.cache', 'avstamning')).length).toBeGreaterThan(0);
  });
});
