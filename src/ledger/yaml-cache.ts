/**
 * A cache of parsed YAML files, so that a ledger read again unchanged is not parsed again:
 * js-yaml parses the bundled ledger's 200 kB in some 60 ms of a cold process (its code runs
 * once, unoptimised), JSON.parse reads the same tree with its positions in a few.
 *
 * The directory is the launcher's private code-cache directory (bin/avstamning.cjs: owned by
 * this user, writable by no one else), handed over with a tag of the bundle build, so that a
 * rebuild (another js-yaml, another format) never reads an older entry. Without the launcher
 * (tests, the library) there is no cache. One entry per ledger file (by its real path), holding
 * the SHA-256 of the format, the build's tag and the text it was parsed from: an edited file
 * (or a rebuild) misses and replaces its entry, so the directory grows with the files read, not
 * with their versions. Only a parse without
 * errors is kept, and beside it the data each schema found valid in it (zod's result), so that
 * an unchanged file is not validated again either. Anything unsafe or failing means no cache,
 * never a failed run.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';

/** What the launcher hands over: its verified private directory, the install's id and the bundle build's tag. */
export interface YamlCacheDir {
  readonly dir: string;
  /** The install (the bundle's real path, hashed): each install keeps its own entries. */
  readonly install: string;
  readonly tag: string;
}

/** One parsed file as plain JSON-able data (yaml-source.ts decides its shape). */
export type Entry = unknown;

const LAUNCHER_KEY = Symbol.for('avstamning.cache');
const FORMAT = 2;

/** The launcher's cache directory, if this process was started by it. */
export function launcherCache(): YamlCacheDir | undefined {
  const c = (globalThis as Record<symbol, unknown>)[LAUNCHER_KEY] as Partial<YamlCacheDir> | undefined;
  return typeof c?.dir === 'string' && typeof c.tag === 'string' && typeof c.install === 'string' ? { dir: c.dir, install: c.install, tag: c.tag } : undefined;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface YamlCache {
  /** The entry parsed from exactly this text, if one is kept. */
  get(): Entry | undefined;
  /** Holds the entry parsed from this text, to be kept with the data a schema finds valid in it. */
  set(entry: Entry): void;
  /** The data a schema (by its name) found valid in this text, if kept. */
  checked(schema: string): unknown;
  /** Keeps the parse and the data `schema` found valid in it (after `set`, or after a `get` that found it). */
  keep(schema: string, data: unknown): void;
}

/** A file of the cache: the hash of the format, the build's tag and the text; its parse, and the data each schema validated in it. */
interface Stored {
  text: string;
  entry: Entry;
  checked: Record<string, unknown>;
}

/** The cache slot of the file at `real` with content `text`. */
export function yamlCache(c: YamlCacheDir, real: string, text: string): YamlCache {
  // Named by the install and the file, so that an edit or a rebuild replaces its entry instead
  // of adding one, and two installs do not evict each other's entries.
  const file = path.join(c.dir, `yaml-${sha(`${c.install}\0${real}`).slice(0, 24)}.json`);
  const textHash = sha(`${FORMAT}\0${c.tag}\0${text}`);
  let stored: Stored | undefined;
  const write = () => {
    const tmp = path.join(c.dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
    try {
      fs.writeFileSync(tmp, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
      fs.renameSync(tmp, file);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // A cache that cannot be written costs only speed.
      }
    }
  };
  return {
    get() {
      const raw = readTrusted(file);
      if (raw === undefined) return undefined;
      try {
        const s = JSON.parse(raw) as Partial<Stored>;
        if (s.text !== textHash || s.entry === undefined || typeof s.checked !== 'object' || s.checked === null) return undefined;
        stored = s as Stored;
        return stored.entry;
      } catch {
        return undefined;
      }
    },
    set(entry) {
      // Written with the schema's valid data (keep): one write per file read anew, and a file
      // that does not validate keeps no entry.
      stored = { text: textHash, entry, checked: {} };
    },
    checked: (schema) => (stored && Object.hasOwn(stored.checked, schema) ? stored.checked[schema] : undefined),
    keep(schema, data) {
      if (!stored) return;
      stored.checked[schema] = data;
      write();
    },
  };
}

/** The file's text, if it is a regular file that this user alone can write. */
function readTrusted(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (!st.isFile() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return undefined;
    return fs.readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
