/**
 * A cache of parsed YAML files, so that a ledger read again unchanged is not parsed again:
 * js-yaml parses the bundled ledger's 200 kB in some 60 ms of a cold process (its code runs
 * once, unoptimised), JSON.parse reads the same tree with its positions in a few.
 *
 * Kept in the launcher's private cache directory (src/io/private-cache.ts), one entry per
 * ledger file holding the SHA-256 of the format, the build's tag and the text it was parsed
 * from. Only a parse without errors is kept, and beside it the data each schema found valid
 * in it (zod's result), so that an unchanged file is not validated again either.
 */
import { entryFile, readTrusted, sha256, writeEntry, type CacheDir } from '../io/private-cache.js';

/** One parsed file as plain JSON-able data (yaml-source.ts decides its shape). */
export type Entry = unknown;

const FORMAT = 2;

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
export function yamlCache(c: CacheDir, real: string, text: string): YamlCache {
  const file = entryFile(c, 'yaml', real, 'json');
  const textHash = sha256(String(FORMAT), c.tag, text);
  let stored: Stored | undefined;
  return {
    get() {
      const raw = readTrusted(file);
      if (raw === undefined) return undefined;
      try {
        const s = JSON.parse(raw.toString('utf8')) as Partial<Stored>;
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
      writeEntry(file, JSON.stringify(stored));
    },
  };
}
