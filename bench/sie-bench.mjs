// The SIE part of `npm run bench` (also runnable alone: node bench/sie-bench.mjs [vouchers]):
// `avstamning sie` (read + every D-check) over a generated 4E file of a million vouchers
// (≈ 170 MB) and of ≈ 10 MB, next to ledger-cli's `balance` over the same postings in its
// journal format, in the same run, alternating. Wall-time medians, MB/s and peak RSS.
// The files are generated once into the temp directory (never into the repository) and
// reused while the generator is unchanged. ledger-cli (Debian package `ledger`) is optional.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { standardPlan, writeLedgerJournal, writeSie } from './sie-generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(here, '..', 'bin', 'avstamning.cjs');
const MAXRSS = path.join(here, 'maxrss.cjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** The generated files for `vouchers`, cached by the generator's own hash. */
export function files(vouchers) {
  const gen = createHash('sha1').update(readFileSync(path.join(here, 'sie-generate.mjs'))).digest('hex').slice(0, 10);
  const dir = path.join(tmpdir(), `avstamning-sie-bench-${gen}`);
  mkdirSync(dir, { recursive: true });
  const sie = path.join(dir, `${vouchers}.se`);
  const journal = path.join(dir, `${vouchers}.ledger`);
  if (!existsSync(sie)) writeSie(`${sie}.tmp`, standardPlan(), { vouchers, seed: 1 }), spawnSync('mv', [`${sie}.tmp`, sie]);
  if (!existsSync(journal)) writeLedgerJournal(`${journal}.tmp`, standardPlan(), { vouchers, seed: 1 }), spawnSync('mv', [`${journal}.tmp`, journal]);
  return { sie, journal };
}

/** One run: wall ms and peak RSS in MiB (ours from the process itself, ledger's from time -f %M). */
function run(cmd, args, rssFile) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, AVSTAMNING_MAXRSS: rssFile ?? '' } });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = rssFile ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rss };
}

/** `avstamning sie` and ledger-cli, alternating, `runs` times each after one warm-up. */
export function benchSie(vouchers = 1_000_000, runs = 3) {
  const ledger = has('ledger') && has('/usr/bin/time') ? ['/usr/bin/time', ['-f', '%M', 'ledger', '-f']] : null;
  const rows = [];
  const rssFile = path.join(tmpdir(), `avstamning-maxrss-${process.pid}`);
  for (const n of [vouchers, Math.round(vouchers * 0.06)]) {
    const f = files(n);
    const mb = statSync(f.sie).size / 1e6;
    const ours = [];
    const theirs = [];
    run(process.execPath, ['--require', MAXRSS, CLI, 'sie', f.sie], rssFile);
    for (let i = 0; i < runs; i++) {
      ours.push(run(process.execPath, ['--require', MAXRSS, CLI, 'sie', f.sie], rssFile));
      if (ledger && n === vouchers) theirs.push(run(ledger[0], [...ledger[1], f.journal, 'balance']));
    }
    const ms = median(ours.map((r) => r.ms));
    rows.push({ name: `sie: ${n} vouchers, ${mb.toFixed(0)} MB, read + D-1…D-14`, ms, mbs: mb / (ms / 1000), rss: Math.max(...ours.map((r) => r.rss)) });
    if (theirs.length) {
      const lms = median(theirs.map((r) => r.ms));
      rows.push({ name: `ledger-cli balance, same postings (${(statSync(f.journal).size / 1e6).toFixed(0)} MB journal)`, ms: lms, mbs: null, rss: Math.max(...theirs.map((r) => r.rss)), ratio: lms / ms });
    }
  }
  rmSync(rssFile, { force: true });
  if (!ledger) rows.push({ name: 'ledger-cli not installed (apt-get install ledger): comparison skipped', ms: null });
  return rows;
}

export function printSie(rows) {
  console.log('SIE 4 reader · medians of wall time · peak RSS of the largest run');
  for (const r of rows) {
    if (r.ms === null) {
      console.log(`  ${r.name}`);
      continue;
    }
    const extra = [r.mbs ? `${r.mbs.toFixed(0)} MB/s` : '', Number.isFinite(r.rss) ? `peak RSS ${r.rss.toFixed(0)} MiB` : '', r.ratio ? `${r.ratio.toFixed(1)} × the time of avstämning sie` : ''].filter(Boolean).join(' · ');
    console.log(`  ${r.name.padEnd(62)} ${r.ms.toFixed(0).padStart(7)} ms  ${extra}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printSie(benchSie(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 3)));
}
