/**
 * The report set, all or nothing (docs/architecture.md, "Output").
 *
 * Every report bound for a regular file (or for a path that does not exist yet) is staged
 * in a temporary file beside its target, in the same directory so that the rename is
 * atomic. Only when every report of the set is complete (and flushed to disk) are the
 * temporary files renamed into place, one after another in one synchronous step that no
 * signal handler can interrupt. If any report fails, no previous report is replaced and
 * every temporary file is removed; on SIGINT/SIGTERM the CLI calls
 * `removeTemporaryFiles`.
 *
 * A target that is not a regular file (a device such as /dev/null, a FIFO, a socket, or a
 * symbolic link to one) is opened and written, never replaced. A symbolic link to a regular
 * file is written through: the file it points at is replaced, the link is kept. `-` is
 * standard output. Directs and standard output are written after every file is staged and
 * before any is renamed, so a closed pipe also leaves the previous files untouched.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { OutputError, toOutputError } from './errors.js';
import { STD_NAMES } from './std.js';
import { makeDirs } from './make-dirs.js';

/** The file-system calls made here: a seam through which tests inject faults. */
export interface FileSystem {
  openSync(file: string, flags: string, mode?: number): number;
  open(file: string, flags: string, cb: (e: NodeJS.ErrnoException | null, fd: number) => void): void;
  write(fd: number, data: Uint8Array, offset: number, length: number, position: null, cb: (e: NodeJS.ErrnoException | null, written: number) => void): void;
  fsyncSync(fd: number): void;
  fchmodSync(fd: number, mode: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  mkdirSync(dir: string): unknown;
  statSync(file: string): nodeFs.Stats;
  lstatSync(file: string): nodeFs.Stats;
  readlinkSync(file: string): string;
}

export const NODE_FS: FileSystem = nodeFs as unknown as FileSystem;

/** The target name of standard output. */
export const STDOUT = '-';

export interface Report {
  /** A path, or `-` for standard output. */
  readonly target: string;
  /** Writes the report into `out`; may end it. */
  readonly write: (out: Writable) => Promise<void> | void;
}

export interface ReportSetOptions {
  readonly fs?: FileSystem;
  readonly stdout?: NodeJS.WritableStream;
}

type Placement =
  | { readonly kind: 'stdout'; readonly report: Report }
  | { readonly kind: 'direct'; readonly report: Report; readonly file: string }
  | { readonly kind: 'staged'; readonly report: Report; readonly file: string; readonly mode?: number };

/** Temporary files that exist right now, for the signal handlers. */
const TEMPORARY = new Set<string>();

/** Removes every temporary file of a report set being written. Synchronous: safe in a signal handler. */
export function removeTemporaryFiles(fs: FileSystem = NODE_FS): void {
  for (const tmp of TEMPORARY) forget(tmp, fs);
}

/** Writes every report, or (on any failure) none: see the module comment. */
export async function writeReportSet(reports: readonly Report[], options: ReportSetOptions = {}): Promise<void> {
  const fs = options.fs ?? NODE_FS;
  const stdout = options.stdout ?? process.stdout;
  const placed = reports.map((r) => place(r, fs));
  const staged: { tmp: string; file: string; target: string }[] = [];
  try {
    for (const p of placed) if (p.kind === 'staged') staged.push({ tmp: await stage(p, fs), file: p.file, target: p.report.target });
    for (const p of placed) {
      if (p.kind === 'direct') await writeDirect(p, fs);
      else if (p.kind === 'stdout') await guarded(STD_NAMES.stdout, 'inget', () => produce(p.report, forwardTo(stdout)));
    }
    commit(staged, fs);
  } finally {
    for (const { tmp } of staged) forget(tmp, fs);
  }
}

/** Where a report goes: standard output, a direct write, or staged beside its (link-resolved) target. */
function place(report: Report, fs: FileSystem): Placement {
  if (report.target === STDOUT) return { kind: 'stdout', report };
  const file = guardedSync(report.target, () => followLinks(path.resolve(report.target), fs));
  let st: nodeFs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'staged', report, file };
    throw notADirectory(e, path.dirname(file), fs) ?? toOutputError(e, report.target);
  }
  if (st.isDirectory()) throw new OutputError('utdata.ar_mapp', { sokvag: report.target, ersatt: 'inget' });
  if (!st.isFile()) return { kind: 'direct', report, file };
  return { kind: 'staged', report, file, mode: st.mode & 0o777 };
}

/** The path a chain of symbolic links ends at (which may not exist yet). */
function followLinks(file: string, fs: FileSystem): string {
  let p = file;
  for (let hops = 0; hops < 40; hops++) {
    let st: nodeFs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch (e) {
      // Not there (or below a file): nothing to follow; `place` tells which.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return p;
      throw e;
    }
    if (!st.isSymbolicLink()) return p;
    p = path.resolve(path.dirname(p), fs.readlinkSync(p));
  }
  throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
}

/** For a path below a regular file (`out.txt/r.json`): the error naming that file. */
function notADirectory(e: unknown, dir: string, fs: FileSystem): OutputError | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'ENOTDIR' && code !== 'EEXIST') return undefined;
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    try {
      if (!fs.statSync(d).isDirectory()) return new OutputError('utdata.inte_mapp', { sokvag: display(d), felkod: 'ENOTDIR', ersatt: 'inget' });
    } catch {
      // does not exist: look further up
    }
  }
  return undefined;
}

/** A path as the user can type it: relative to the working directory when below it. */
function display(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** Writes a report to a temporary file beside its target; returns the temporary path. */
async function stage(p: Extract<Placement, { kind: 'staged' }>, fs: FileSystem): Promise<string> {
  const dir = path.dirname(p.file);
  guardedSync(p.report.target, () => {
    try {
      makeDirs(dir, fs);
    } catch (e) {
      throw notADirectory(e, dir, fs) ?? e;
    }
  });
  // Short enough beside any target whose own name fits (255 bytes): at most 100 characters of it.
  const tmp = path.join(dir, `.${path.basename(p.file).slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = guardedSync(p.report.target, () => fs.openSync(tmp, 'wx', 0o666));
  TEMPORARY.add(tmp);
  try {
    await guarded(p.report.target, 'inget', async () => {
      try {
        // A replaced report keeps the permissions of the one it replaces.
        if (p.mode !== undefined) fs.fchmodSync(fd, p.mode);
        await produce(p.report, fdSink(fd, fs));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    });
  } catch (e) {
    forget(tmp, fs);
    throw e;
  }
  return tmp;
}

/** A device, FIFO or socket: opened (asynchronously: a FIFO waits for its reader) and written. */
async function writeDirect(p: Extract<Placement, { kind: 'direct' }>, fs: FileSystem): Promise<void> {
  await guarded(p.report.target, 'inget', async () => {
    const fd = await new Promise<number>((resolve, reject) => fs.open(p.file, 'w', (e, fd) => (e ? reject(e) : resolve(fd))));
    try {
      await produce(p.report, fdSink(fd, fs));
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Renames every staged file into place, synchronously so that no signal lands in between. */
function commit(staged: readonly { tmp: string; file: string; target: string }[], fs: FileSystem): void {
  staged.forEach(({ tmp, file, target }, i) => {
    try {
      fs.renameSync(tmp, file);
    } catch (e) {
      throw toOutputError(e, target, i === 0 ? 'inget' : 'delvis');
    }
    TEMPORARY.delete(tmp);
  });
}

function forget(tmp: string, fs: FileSystem): void {
  if (!TEMPORARY.has(tmp)) return;
  try {
    fs.unlinkSync(tmp);
  } catch {
    // already gone
  }
  TEMPORARY.delete(tmp);
}

/**
 * Runs the report's writer into `sink` and waits until everything is written. A failing
 * sink ends the wait at once: a writer whose output stalls (exceljs's zip stream when its
 * destination failed) must not leave the run waiting for ever.
 */
async function produce(report: Report, sink: Writable): Promise<void> {
  const done = finished(sink);
  done.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
  try {
    // The writer's own promise may never settle once its destination failed: race it.
    await Promise.race([Promise.resolve(report.write(sink)), done]);
  } catch (e) {
    sink.destroy();
    throw e;
  }
  if (!sink.writableEnded) sink.end();
  await done;
}

/**
 * Writes a text given as chunks (a report too large for one string) into `out`, gathered
 * into writes of about a megabyte, waiting whenever `out` asks for it.
 */
export async function writeChunks(out: Writable, chunks: Iterable<string | Uint8Array>): Promise<void> {
  let buffer = '';
  const put = async (data: string | Uint8Array) => {
    if (!out.write(data)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  const flush = async () => {
    if (buffer) await put(buffer);
    buffer = '';
  };
  for (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      // Bytes already encoded (a worker's): written as they are, after the text before them.
      await flush();
      await put(chunk);
      continue;
    }
    buffer += chunk;
    if (buffer.length >= 1 << 20) await flush();
  }
  await flush();
}

/** A stream writing each chunk to `fd` in full. */
function fdSink(fd: number, fs: FileSystem): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const next = (offset: number): void => {
        if (offset >= chunk.length) return done();
        fs.write(fd, chunk, offset, chunk.length - offset, null, (e, n) => (e ? done(e) : next(offset + n)));
      };
      next(0);
    },
  });
}

/** A stream forwarding to `target` (standard output) without ever ending it. */
function forwardTo(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      target.write(chunk, (e?: Error | null) => done(e ?? undefined));
    },
  });
}

async function guarded<T>(target: string, replaced: 'inget' | 'allt', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toOutputError(e, target, replaced);
  }
}

function guardedSync<T>(target: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw toOutputError(e, target);
  }
}
