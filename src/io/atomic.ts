/**
 * Atomic output: every report is written to a temporary file beside its target and
 * renamed into place only when complete, so a failed run leaves no half-written file and
 * keeps the previous good one.
 */
import { writeFileSync } from 'node:fs';
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
