/**
 * The launcher's private cache directory, shared by the caches of a ledger's inputs: parsed
 * YAML files (src/ledger/yaml-cache.ts) and the general ledger's read (src/ledger/bok-cache.ts).
 *
 * The launcher (bin/avstamning.cjs) finds the directory (owned by this user, writable by no one
 * else) and hands it over with the install's id and a tag of the bundle build, so that a
 * rebuild never reads an older entry. Without the launcher (tests, the library), or with
 * AVSTAMNING_NO_CACHE set, there is no cache. Each cache keeps one entry per input file (by
 * the install and the file's real path), holding a hash of the content it was made from: an
 * edited file misses and replaces its entry, so the directory grows with the files read, not
 * with their versions. Anything unsafe or failing means no cache, never a failed run.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';

/** What the launcher hands over: its verified private directory, the install's id and the bundle build's tag. */
export interface CacheDir {
  readonly dir: string;
  /** The install (the bundle's real path, hashed): each install keeps its own entries. */
  readonly install: string;
  readonly tag: string;
}

const LAUNCHER_KEY = Symbol.for('avstamning.cache');

/** The launcher's cache directory, if this process was started by it. */
export function launcherCache(): CacheDir | undefined {
  const c = (globalThis as Record<symbol, unknown>)[LAUNCHER_KEY] as Partial<CacheDir> | undefined;
  return typeof c?.dir === 'string' && typeof c.tag === 'string' && typeof c.install === 'string' ? { dir: c.dir, install: c.install, tag: c.tag } : undefined;
}

/** SHA-256 of the parts, each followed by a NUL byte, as hex. */
export function sha256(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/**
 * The entry file of one input file: named by the cache's kind, the install and the file's
 * real path, so that an edit or a rebuild replaces the entry instead of adding one, and two
 * installs do not evict each other's entries.
 */
export function entryFile(c: CacheDir, kind: string, real: string, ext: string): string {
  return path.join(c.dir, `${kind}-${sha256(c.install, real).slice(0, 24)}.${ext}`);
}

/** The file's bytes, if it is a regular file that this user alone can write. */
export function readTrusted(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes the entry beside, then renames it: a concurrent run reads a whole entry or none. Never throws. */
export function writeEntry(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // A cache that cannot be written costs only speed.
    }
  }
}
