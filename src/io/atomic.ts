/**
 * Atomic output: every report is written to a temporary file beside its target and
 * renamed into place only when complete, so a failed run leaves no half-written file and
 * keeps the previous good one.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Runs `write` against a temporary path, then renames it to `target`. */
export async function writeAtomically(target: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

// One synchronous write: a command-line run has nothing else to do meanwhile, and the
// promise-based writeFile cuts a large report into many chunks.
export const writeTextAtomically = (target: string, text: string) => writeAtomically(target, async (tmp) => writeFileSync(tmp, text, 'utf8'));

/**
 * Writes a text given as chunks (a report too large for one string), gathered into writes
 * of about a megabyte; synchronous for the same reason as above.
 */
export const writeChunksAtomically = (target: string, chunks: Iterable<string>) =>
  writeAtomically(target, async (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      let buffer = '';
      const flush = () => {
        const bytes = Buffer.from(buffer, 'utf8');
        // A write may take fewer bytes than offered: go on until all are written.
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
        buffer = '';
      };
      for (const chunk of chunks) {
        buffer += chunk;
        if (buffer.length >= 1 << 20) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
  });
