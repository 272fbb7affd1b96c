// npm run bench: wall time of full reconciles next to bare `node -e 0` start-up, measured
// in one run on this machine. Medians of repeated runs of the built CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSyntheticLedger, writeSyntheticTree } from './synthetic.mjs';
import { benchSie, printSie } from './sie-bench.mjs';
import { benchBooks, printBooks } from './books-bench.mjs';

const CLI = path.resolve('bin/avstamning.cjs');
const work = mkdtempSync(path.join(tmpdir(), 'avstamning-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The CLI's caches (code, parsed YAML, read books) in a directory of the bench's own, so that
// a row can empty one of them and the user's are left alone.
const cacheHome = path.join(work, 'cache');
const ENV = { ...process.env, XDG_CACHE_HOME: cacheHome };
/** Removes the kept reads of general ledgers: the next run reads its books as after a change. */
const forgetBooks = () => {
  const dir = path.join(cacheHome, 'avstamning');
  for (const f of readdirSync(dir)) if (f.startsWith('huvudbok-')) rmSync(path.join(dir, f));
};

/** Median wall time of `runs` runs, after three unmeasured ones (code cache, disk cache); `before` runs untimed before each. */
function time(args, runs, { env = ENV, before = () => {} } = {}) {
  for (let i = 0; i < 3; i++) {
    before();
    spawnSync(process.execPath, args, { env });
  }
  const ms = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    ms.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(ms);
}

const reconcile = (dir, extra) => [CLI, 'reconcile', dir, '--quiet', '--json', path.join(work, 'r.json'), '--junit', path.join(work, 'r.xml'), ...extra];
const rows = [];
const bare = time(['-e', '0'], 21);
rows.push(['node -e 0 (bare start-up)', bare]);
const bundled = 'ledgers/migrationsverket/2024';
rows.push(['bundled: check (load + validate)', time([CLI, 'check', bundled], 7)]);
const noXlsx = time(reconcile(bundled, ['--no-xlsx']), 15);
rows.push(['bundled: reconcile + JSON + JUnit', noXlsx]);
// After the books changed: the report's parse is kept, the books are read.
rows.push(['bundled: the same, books read (changed)', time(reconcile(bundled, ['--no-xlsx']), 11, { before: forgetBooks })]);
// A first run (or one after every change): no code cache, no YAML cache, no books cache.
rows.push(['bundled: the same, no cache (first run)', time(reconcile(bundled, ['--no-xlsx']), 7, { env: { ...ENV, AVSTAMNING_NO_CACHE: '1' } })]);
const withXlsx = time(reconcile(bundled, ['--xlsx', path.join(work, 'b.xlsx')]), 15);
rows.push(['bundled: reconcile + JSON + JUnit + workbook', withXlsx]);
for (const factor of [10, 100]) {
  const dir = path.join(work, `synthetic-${factor}x`);
  writeSyntheticLedger(dir, factor);
  const runs = factor === 100 ? 3 : 5;
  rows.push([`synthetic ${factor}x: reconcile + JSON + JUnit`, time(reconcile(dir, ['--no-xlsx']), runs)]);
  rows.push([`synthetic ${factor}x: reconcile + JSON + JUnit + workbook`, time(reconcile(dir, ['--xlsx', path.join(work, `s${factor}.xlsx`)]), runs)]);
}
// Many ledgers in one run: 20 agencies × 5 years, tied year over year, one thread and all cores.
const tree = path.join(work, 'tree');
writeSyntheticTree(tree, { agencies: 20, years: 5 });
rows.push(['20 agencies × 5 years: reconcile + JSON + JUnit, 1 thread', time(reconcile(tree, ['--no-xlsx', '--jobs', '1']), 3)]);
rows.push(['20 agencies × 5 years: reconcile + JSON + JUnit, all cores', time(reconcile(tree, ['--no-xlsx']), 3)]);
rmSync(work, { recursive: true, force: true });
const sieRows = benchSie();
const bookRows = benchBooks();

console.log(`avstämning benchmark · node ${process.version} · medians`);
for (const [name, ms] of rows) console.log(`  ${name.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms  ${(ms / bare).toFixed(1).padStart(6)} × start-up`);
console.log(`  workbook adds ${(withXlsx - noXlsx).toFixed(0)} ms = ${((withXlsx - noXlsx) / bare).toFixed(1)} × start-up to the bundled reconcile`);
printSie(sieRows);
printBooks(bookRows, bare);
