/**
 * `mkdir -p` by hand (src/io/make-dirs.ts): nested directories are made, an existing one is
 * fine, a file in the way is EEXIST, and a filesystem where every mkdir says ENOENT (as /proc
 * does, where Node's recursive mkdirSync never returns) ends in ENOENT. Through the CLI, a
 * target under /proc is the environment's fault (exit 4), not a hang.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs } from '../src/io/make-dirs.js';
import { runCli } from './helpers/cli.js';
import { removeTempDirs, tempDir } from './helpers/tmp.js';

afterAll(removeTempDirs);

describe('makeDirs', () => {
  it('makes missing parents, accepts an existing directory, refuses a file in the way', () => {
    const root = tempDir('avstamning-mkdirs-');
    const deep = path.join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(fs.statSync(deep).isDirectory()).toBe(true);
    makeDirs(deep);
    fs.writeFileSync(path.join(root, 'fil'), '');
    expect(() => makeDirs(path.join(root, 'fil'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => makeDirs(path.join(root, 'fil', 'x'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it('ends where every mkdir says ENOENT, after at most two calls per level', () => {
    let calls = 0;
    const enoent = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    const proc = {
      mkdirSync: (dir: string) => {
        calls++;
        if (dir === '/' || dir === '/proc') throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
        throw enoent;
      },
      statSync: () => ({ isDirectory: () => true }),
    };
    expect(() => makeDirs('/proc/x/y/z', proc)).toThrow(enoent);
    expect(calls).toBeLessThanOrEqual(2 * 4);
  });
});

describe.runIf(fs.existsSync('/proc/self'))('a target under /proc', { timeout: 60_000 }, () => {
  it('reconcile --out-dir, init and import end with exit 4 and one line, not a hang', async () => {
    const runs = [
      ['reconcile', 'test/fixtures/minimal', '--out-dir', '/proc/avstamning-x', '--quiet'],
      ['init', '/proc/avstamning-x/y', '--myndighet', 'X', '--ar', '2025'],
      ['import', 'test/fixtures/import/exempelverket.txt', '--ut', '/proc/avstamning-x/y'],
    ];
    for (const args of runs) {
      const r = await runCli(args, { timeoutMs: 20_000 });
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toMatch(/^avstamning: kunde inte skriva \/proc\/avstamning-x\S*: .*\(ENOENT\)/);
      expect(r.stderr).not.toContain('internt fel');
    }
  });
});
