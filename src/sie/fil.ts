/**
 * Reading an SIE file from disk, in chunks of whole lines. A large file is read in two parts
 * at once: the main thread reads from the start to a `#VER` line near the middle, a worker
 * thread reads the vouchers from there, and the main thread merges what the worker found
 * (lasare.ts, slaIhop) and reads on from where the worker stopped (the records after the
 * vouchers). Whatever the worker cannot judge alone (a syntax error, a record other than a
 * voucher's inside a voucher), or a first part that ends in another state than the worker
 * assumed, makes the main thread read the second part itself: the result is always that of
 * one reader of the whole file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Worker, parentPort } from 'node:worker_threads';
import { SieLasare, MAX_RAD, type Delningslage, type Delresultat, type SieLasning } from './lasare.js';

/** Files of at least this many bytes are read in two threads; AVSTAMNING_SIE_DELNING overrides it (tests). */
const DELNINGSGRANS = 32 << 20;

const CHUNK = 1 << 22;

/**
 * The worker starts reading some 0.1 s after the main thread (a thread of its own to start,
 * its code to load): the main thread's part is this much longer than half, so that both are
 * done at about the same time (at most a sixteenth of the file, for small files).
 */
const FORSPRANG = 8 << 20;

export interface Uppdrag {
  sokvag: string;
  /** Where the first #VER line starts: the records before it are the header. */
  huvud: number;
  /** Where the worker's part starts: a #VER line. */
  mitt: number;
}

/** Read a file in chunks of whole lines; `onProgress` after each chunk. */
export async function lasSieFil(sokvag: string, visas: string, onProgress?: (las: number, totalt: number) => void): Promise<SieLasning> {
  const fd = openSync(sokvag, 'r');
  try {
    const st = fstatSync(fd);
    const totalt = st.size;
    const lasare = new SieLasare(visas);
    // One chunk buffer for every read of this thread: memory stays that of one chunk.
    const buf = Buffer.allocUnsafe(CHUNK);
    const delning = st.isFile() && totalt >= delningsgrans() ? hittaDelning(fd, sokvag, totalt, buf) : null;
    if (!delning) {
      await lasDel(fd, lasare, buf, null, onProgress && ((las) => onProgress(las, totalt)));
      return lasare.avsluta();
    }
    const arbete = startaArbetare(delning);
    await lasDel(fd, lasare, buf, 0, onProgress && ((las) => onProgress(Math.floor((las * totalt) / delning.mitt), totalt)), delning.mitt);
    const res = await arbete;
    const delad = !!res?.del && lasare.slaIhop(res.del, res.lage);
    const fran = delad ? res!.del!.stopp : delning.mitt;
    await lasDel(fd, lasare, buf, fran, onProgress && ((las) => onProgress(fran + las, totalt)));
    return { ...lasare.avsluta(), delad };
  } finally {
    closeSync(fd);
  }
}

function delningsgrans(): number {
  const v = Number(process.env.AVSTAMNING_SIE_DELNING);
  return process.env.AVSTAMNING_SIE_DELNING && Number.isSafeInteger(v) && v >= 0 ? v : DELNINGSGRANS;
}

/**
 * Read the lines from byte `fran` (null: from where the file stands, for pipes) up to `till`
 * (a line's start) or the end into the reader. Returns the byte where the reader stopped
 * (a worker's reader stops before the first record after the vouchers), else where it ended.
 */
async function lasDel(fd: number, lasare: SieLasare, chunk: Buffer, fran: number | null, progress?: (las: number) => void, till = Infinity): Promise<number> {
  let buf = chunk;
  let fylld = 0;
  let las = 0;
  let bas = fran ?? 0; // the file offset of buf[0]
  let hoppar = false;
  for (;;) {
    if (fylld === buf.length) buf = Buffer.concat([buf, Buffer.alloc(buf.length)]);
    const vill = Math.min(buf.length - fylld, till - (fran ?? 0) - las);
    const n = vill > 0 ? readSync(fd, buf, fylld, vill, fran === null ? null : fran + las) : 0;
    if (n === 0) break;
    fylld += n;
    las += n;
    if (hoppar) {
      // The rest of a line too long to be read: skip to its end.
      const nl = buf.subarray(0, fylld).indexOf(10);
      if (nl < 0) {
        [bas, fylld] = [bas + fylld, 0];
        continue;
      }
      buf.copy(buf, 0, nl + 1, fylld);
      [bas, fylld] = [bas + nl + 1, fylld - nl - 1];
      hoppar = false;
    }
    const slut = buf.lastIndexOf(10, fylld - 1) + 1;
    if (slut === 0) {
      if (fylld >= MAX_RAD) [hoppar, bas, fylld] = [lasare.forLangRad(), bas + fylld, 0];
      continue;
    }
    const stopp = lasare.mata(buf, 0, slut);
    if (stopp < slut) return bas + stopp;
    buf.copy(buf, 0, slut, fylld);
    [bas, fylld] = [bas + slut, fylld - slut];
    if (progress) {
      progress(las);
      await new Promise((res) => setImmediate(res));
    }
  }
  if (fylld) {
    // The last line has no LF: give it one (the tokenizer stops at LF).
    if (fylld === buf.length) buf = Buffer.concat([buf, Buffer.alloc(1)]);
    buf[fylld] = 10;
    const stopp = lasare.mata(buf, 0, fylld + 1);
    if (stopp < fylld + 1) return bas + stopp;
  }
  return bas + fylld;
}

/** The header's end and a #VER line a little after the middle (FORSPRANG), both at a line's start; null when there is none. */
function hittaDelning(fd: number, sokvag: string, totalt: number, chunk: Buffer): Uppdrag | null {
  const ver = (fran: number, langd: number): number => {
    const n = readSync(fd, chunk, 0, Math.min(langd, totalt - fran, chunk.length), fran);
    const buf = chunk.subarray(0, n);
    for (let i = buf.indexOf('\n#VER'); i >= 0 && i < n; i = buf.indexOf('\n#VER', i + 1)) {
      if (buf[i + 5] === 32 || buf[i + 5] === 9) return fran + i + 1;
    }
    return -1;
  };
  const huvud = ver(0, CHUNK);
  const mitt = ver(Math.floor(totalt / 2) + Math.min(FORSPRANG, totalt >> 4), 1 << 20);
  return huvud > 0 && mitt > huvud ? { sokvag, huvud, mitt } : null;
}

/** The worker's result; null when it gave up or could not run (then the main thread reads its part). */
function startaArbetare(uppdrag: Uppdrag): Promise<{ lage: Delningslage; del: Delresultat | null } | null> {
  return new Promise((resolve) => {
    try {
      const w = new Worker(arbetarfil(), { workerData: { avstamningSie: uppdrag } });
      w.once('message', resolve);
      w.once('error', () => resolve(null));
      w.once('exit', () => resolve(null));
    } catch {
      resolve(null);
    }
  });
}

/**
 * The worker's entry: arbetare.ts compiled (dist/sie/arbetare.js), or in the bundle its own
 * file dist/bin/sie-arbetare.cjs (rolldown.config.mjs), which does not start the CLI.
 */
function arbetarfil(): string {
  return typeof __filename === 'string' && __filename.endsWith('.cjs') ? path.join(path.dirname(__filename), 'sie-arbetare.cjs') : fileURLToPath(new URL('./arbetare.js', import.meta.url));
}

/** In the worker: read the header for #RAR 0 and the CRC's state, then the vouchers from `mitt`. */
export async function arbeta({ sokvag, huvud, mitt }: Uppdrag): Promise<void> {
  let svar: { lage: Delningslage; del: Delresultat | null } | null = null;
  const fd = openSync(sokvag, 'r');
  try {
    // The header ends within the first chunk (hittaDelning): one buffer for it and the part.
    const buf = Buffer.allocUnsafe(CHUNK);
    readSync(fd, buf, 0, huvud, 0);
    const forst = new SieLasare('');
    forst.mata(buf, 0, huvud);
    const lage = forst.delningslage();
    const lasare = new SieLasare('');
    lasare.blivArbetare(lage);
    const stopp = await lasDel(fd, lasare, buf, mitt);
    svar = { lage, del: lasare.delresultat(stopp) };
  } catch {
    svar = null; // AVBRYT, or anything else: the main thread reads this part itself
  } finally {
    closeSync(fd);
  }
  parentPort!.postMessage(svar);
}

