/**
 * `mkdir -p`, by hand. Node's own (mkdirSync with `recursive`) never returns under /proc: each
 * mkdir there says ENOENT, and it tries the parent again, forever. The directories made here
 * are the user's to name (--out-dir, --ut, init's directory), so a path like that must fail
 * like any other, not hang the run.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';

/** The calls made: mkdir of one level, and stat to tell an existing directory from a file. */
export interface DirFs {
  mkdirSync(dir: string): unknown;
  statSync(file: string): { isDirectory(): boolean };
}

/** Makes `dir` and its missing parents; an existing directory is fine, an existing file is EEXIST. */
export function makeDirs(dir: string, fs: DirFs = nodeFs as DirFs): void {
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && isDirectory(fs, dir)) return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw e;
    makeDirs(parent, fs);
    fs.mkdirSync(dir);
  }
}

function isDirectory(fs: DirFs, dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
