// The books part of `npm run bench` (also alone: node bench/books-bench.mjs [vouchers]): the
// bundled report reconciled against a generated general ledger of a million vouchers
// (≈ 170 MB, bench/sie-generate.mjs): read, derive RR/BR and utfall per anslag, E-checks.
// The generated books do not agree with the report (exit 1): the time is what counts.
import { spawnSync } from 'node:child_process';
import { cpSync, linkSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { files } from './sie-bench.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '..', 'bin', 'avstamning.cjs');
const BUNDLED = path.resolve(here, '..', 'ledgers', 'migrationsverket', '2024');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A copy of the bundled report whose ledger.yaml names the generated books. */
function ledgerDir(sie) {
  const dir = mkdtempSync(path.join(tmpdir(), 'avstamning-books-bench-'));
  cpSync(BUNDLED, dir, { recursive: true, filter: (src) => !src.endsWith('huvudbok.se') });
  const target = path.join(dir, 'huvudbok.se');
  try {
    linkSync(sie, target);
  } catch {
    copyFileSync(sie, target);
  }
  const manifest = readFileSync(path.join(dir, 'ledger.yaml'), 'utf8').replace(/\nhuvudbok:[\s\S]*$/, '\n').replace(/^kalla:.*$/m, '');
  writeFileSync(path.join(dir, 'ledger.yaml'), `${manifest}huvudbok:\n  fil: huvudbok.se\n  anslag: {dimension: 20, objekt: "{a1}:{a2}"}\n`);
  return dir;
}

export function benchBooks(vouchers = 1_000_000, runs = 3) {
  const dir = ledgerDir(files(vouchers).sie);
  const args = [CLI, 'reconcile', dir, '--quiet', '--no-xlsx'];
  spawnSync(process.execPath, args);
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    ms.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`reconcile exited ${r.status}: ${r.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
  return [{ name: `books: bundled report vs ${vouchers} vouchers (SIE read, derive, E-checks)`, ms: median(ms) }];
}

export function printBooks(rows, bare) {
  for (const r of rows) console.log(`  ${r.name.padEnd(52)} ${r.ms.toFixed(0).padStart(7)} ms  ${(r.ms / bare).toFixed(1).padStart(6)} × start-up`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bare = median(Array.from({ length: 7 }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t0;
  }));
  printBooks(benchBooks(Number(process.argv[2] ?? 1_000_000)), bare);
}
