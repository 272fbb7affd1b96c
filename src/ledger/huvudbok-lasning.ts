/**
 * The general ledger read while the report is parsed. Parsing the report's YAML files and
 * reading the books are independent until the statements are derived, so the loader starts
 * the SIE read first (`borjaLasa`), in a worker thread, parses the report on the main thread
 * meanwhile, and then takes the reader's result (`lasning`). A large file is itself read in
 * two threads (src/sie/fil.ts). The result is always that of `lasSieFil` on the main thread:
 * without a free second core (the machine's load average is at its number of cores, where a
 * worker's start costs more than it saves), in a thread that is itself a worker (a run over
 * many ledgers keeps every core busy already), for a small file, or if the worker fails, the
 * main thread reads the file itself. Books read before and unchanged since are taken from
 * the cache (bok-cache.ts), with no reader at all.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker } from 'node:worker_threads';
import type { CacheDir } from '../io/private-cache.js';
import type { SieLasning } from '../sie/lasare.js';
import { bokCache, type BokCache } from './bok-cache.js';

/** Files of at least this many bytes are read in a worker; AVSTAMNING_SIE_FORLASNING overrides it (tests), whatever the load. */
const FORLASNINGSGRANS = 1 << 20;

export interface Forlasning {
  /** The real path being read. */
  readonly sokvag: string;
  /** The reader's result (awaits the worker, or reads now). */
  readonly lasning: () => Promise<SieLasning>;
  /** The result is not wanted (the report has errors): stop the worker. */
  readonly avbryt: () => void;
}

/** Tag of the worker's data, so that the worker knows its task. */
export const FORLASNING = 'avstamningHuvudbok';

/** Starts reading `sokvag` (shown as `visas`): taken from `cache` if kept there, else read, in a worker thread if that can win. */
export function borjaLasa(sokvag: string, visas: string, cache?: CacheDir): Forlasning {
  const slot = cache && bokCache(cache, sokvag);
  const kept = slot?.hamta(visas);
  if (kept) return { sokvag, lasning: () => Promise.resolve(kept), avbryt: () => {} };
  const f = borjaLasaFil(sokvag, visas);
  return slot ? { ...f, lasning: () => f.lasning().then((l) => sparad(slot, l)) } : f;
}

function sparad(slot: BokCache, l: SieLasning): SieLasning {
  slot.spara(l);
  return l;
}

function borjaLasaFil(sokvag: string, visas: string): Forlasning {
  const inline = (): Forlasning => ({ sokvag, lasning: () => lasHar(sokvag, visas), avbryt: () => {} });
  const arbetare = arbetarstart();
  if (!arbetare || !isMainThread || !ledigKarna()) return inline();
  let storlek: number;
  try {
    storlek = statSync(sokvag).size;
  } catch {
    return inline(); // the main thread's read reports it
  }
  if (storlek < forlasningsgrans()) return inline();
  let worker: Worker;
  try {
    worker = new Worker(arbetare.fil, { workerData: { ...arbetare.data, [FORLASNING]: { sokvag, visas } }, argv: ['huvudbok'] });
  } catch {
    return inline();
  }
  // Not waited for until asked: a run that fails before it does not wait for the books.
  worker.unref();
  const svar = new Promise<SieLasning | null>((resolve) => {
    worker.once('message', (m: SieLasning | null) => resolve(m));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return {
    sokvag,
    // The worker ends by itself once it has answered (and written its code cache).
    lasning: async () => {
      worker.ref();
      return (await svar) ?? lasHar(sokvag, visas);
    },
    avbryt: () => void worker.terminate(),
  };
}

/** Reads on this thread (the reader is loaded only for a ledger with books). */
async function lasHar(sokvag: string, visas: string): Promise<SieLasning> {
  const { lasSieFil } = await import('../sie/fil.js');
  return lasSieFil(sokvag, visas);
}

/** A second core to read on: AVSTAMNING_SIE_FORLASNING (tests) asks for the worker regardless of load. */
function ledigKarna(): boolean {
  const karnor = availableParallelism();
  return karnor >= 2 && (!!process.env.AVSTAMNING_SIE_FORLASNING || (loadavg()[0] ?? 0) < karnor);
}

function forlasningsgrans(): number {
  const v = Number(process.env.AVSTAMNING_SIE_FORLASNING);
  return process.env.AVSTAMNING_SIE_FORLASNING && Number.isSafeInteger(v) && v >= 0 ? v : FORLASNINGSGRANS;
}

/**
 * The worker's entry. In the bundle, the launcher bin/avstamning.cjs, which runs the bundle's
 * huvudbok-arbetare.cjs (rolldown.config.mjs) through V8's code cache, or that file itself
 * where there is no launcher; else huvudbok-arbetare.ts compiled (dist/ledger/). None for the
 * TypeScript sources the tests run: then the main thread reads.
 */
function arbetarstart(): { fil: string; data: Record<string, string> } | undefined {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const fil = path.join(path.dirname(__filename), 'huvudbok-arbetare.cjs');
    const launcher = path.join(path.dirname(__filename), '..', '..', 'bin', 'avstamning.cjs');
    if (existsSync(launcher)) return { fil: launcher, data: { avstamningStart: path.basename(fil) } };
    return existsSync(fil) ? { fil, data: {} } : undefined;
  }
  const fil = fileURLToPath(new URL('./huvudbok-arbetare.js', import.meta.url));
  return existsSync(fil) ? { fil, data: {} } : undefined;
}
