/**
 * A cache of the general ledger's read (the SIE reader's result), so that a ledger reconciled
 * again with unchanged books does not read them again. Finance staff re-run a reconcile while
 * they correct the report, and the books stay as they are: reading the bundled ledger's
 * 2.6 MB of books costs a cold process some 60–130 ms (the reader's code runs unoptimised, on
 * a worker thread that must first start), while a hit costs a read and a SHA-256 of the file
 * (some 4 ms) and the deserialising of a result of some 30 kB (under a millisecond).
 *
 * Kept in the launcher's private cache directory (src/io/private-cache.ts), one entry per SIE
 * file holding the SHA-256 of the format, the build's tag and the file's bytes (hashed in
 * chunks, so memory does not grow with the file), and the reader's result serialised as a
 * worker thread sends it (v8.serialize). Kept only:
 * - a read without syntax errors (errors name the file as shown; the shown name of the books
 *   is set anew at each hit);
 * - a read of a file that did not change while it was read: its device, inode, size, mtime
 *   and ctime (in nanoseconds) are the same before the hash and after the read;
 * - a file of at most 64 MiB: above that, hashing would add a fifth to a read that misses.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { entryFile, readTrusted, sha256, writeEntry, type CacheDir } from '../io/private-cache.js';
import type { SieLasning } from '../sie/lasare.js';

const FORMAT = 1;
/** Larger files are read every time. */
const STORSTA = 64 * 2 ** 20;

export interface BokCache {
  /** The kept read of exactly these bytes, its books shown as `visas`, if one is kept. */
  hamta(visas: string): SieLasning | undefined;
  /** Keeps the read, if it has no errors and the file did not change while it was read. */
  spara(lasning: SieLasning): void;
}

interface Stored {
  readonly key: string;
  readonly lasning: SieLasning;
}

/** SHA-256 of the file's bytes, read a megabyte at a time: memory stays that of one chunk, whatever the file's size. */
function innehall(real: string): string {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(real, 'r');
  try {
    for (let n: number; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

const stampel = (st: fs.BigIntStats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;

/** The cache slot of the SIE file at `real`; undefined if the file is not to be cached (too large, unreadable). */
export function bokCache(c: CacheDir, real: string): BokCache | undefined {
  let fore: string;
  let key: string;
  try {
    const st = fs.statSync(real, { bigint: true });
    if (!st.isFile() || st.size > STORSTA) return undefined;
    fore = stampel(st);
    key = sha256(String(FORMAT), c.tag, innehall(real));
  } catch {
    return undefined; // the reader reports an unreadable file
  }
  const file = entryFile(c, 'huvudbok', real, 'v8');
  return {
    hamta(visas) {
      const raw = readTrusted(file);
      if (raw === undefined) return undefined;
      try {
        const s = deserialize(raw) as Partial<Stored>;
        if (s.key !== key || !s.lasning?.bok) return undefined;
        return { ...s.lasning, bok: { ...s.lasning.bok, fil: visas } };
      } catch {
        return undefined;
      }
    },
    spara(lasning) {
      if (lasning.felTotalt > 0) return;
      try {
        if (stampel(fs.statSync(real, { bigint: true })) !== fore) return;
      } catch {
        return;
      }
      const { delad: _, ...kept } = lasning;
      writeEntry(file, serialize({ key, lasning: kept } satisfies Stored));
    },
  };
}
