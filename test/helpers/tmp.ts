import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CacheDir } from '../../src/io/private-cache.js';

const made: string[] = [];

/** A new directory under the system's temporary directory, removed by `removeTempDirs` (call it in afterAll). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh private cache directory (mode 0700) as the launcher hands it over, removed with the others. */
export function tempCacheDir(): CacheDir {
  const dir = tempDir('avstamning-cache-');
  chmodSync(dir, 0o700);
  return { dir, install: 'test', tag: 'test' };
}
