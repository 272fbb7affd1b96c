/**
 * `reconcile <dir>` over a directory of many ledgers: every `<agency>/<year>/ledger.yaml`
 * under it. Finds the ledgers, groups them by agency (the years of one agency are one unit,
 * so that each year is tied to the one before), runs the units on worker threads, and writes
 * the reports in the order of the ledgers' paths: the same bytes whatever the thread count.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { STDOUT, writeChunks, writeReportSet, type Report } from '../io/report-set.js';
import { Spool } from '../io/spool.js';
import { writeDiagnostic, writeStd } from '../io/std.js';
import { render } from '../messages/catalogue.js';
import { MANIFEST } from '../ledger/load.js';
import { batchJsonEnd, batchJsonStart, batchSummary, renderBatchConsole, type BatchRow } from '../render/batch.js';
import { junitBatchStart } from '../render/junit.js';
import type { LedgerOutcome, UnitTask } from './batch-unit.js';
import { targetClash, type ReportOptions } from './commands.js';
import { EXIT } from './exit.js';
import { agencyOf, ledgerOrder } from './order.js';
import { runUnits } from './pool.js';

/** `xlsx` is the overview workbook here (default <outDir>/oversikt.xlsx); `strict` fails a ledger on warnings too. */
export interface BatchArgs extends ReportOptions {
  readonly root: string;
  readonly strict: boolean;
  /** Worker threads; default one per core. */
  readonly jobs?: number;
  /** This run's part of the tree: shard `index` (1-based) of `count`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** The file that started this process (workers run it again). */
  readonly script: string;
}

/** True when `dir` is one ledger (has a manifest) rather than a directory of many. */
export const isLedgerDir = (dir: string) => existsSync(path.join(dir, MANIFEST));

/**
 * Ledger directories under `root`, relative to it with `/` between parts, grouped by the
 * directory above them (the agency), groups and members sorted by path. Hidden directories
 * and node_modules are skipped; a ledger's own subdirectories are not searched.
 */
export function findLedgers(root: string): string[][] {
  const found: string[] = [];
  const walk = (rel: string) => {
    const names = readdirSync(path.join(root, rel), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules')
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      if (existsSync(path.join(root, child, MANIFEST))) found.push(child);
      else walk(child);
    }
  };
  walk('');
  const groups = new Map<string, string[]>();
  for (const rel of found.sort(ledgerOrder)) {
    const agency = agencyOf(rel);
    const list = groups.get(agency);
    if (list) list.push(rel);
    else groups.set(agency, [rel]);
  }
  return [...groups.values()];
}

/** The stable shard (0-based) of an agency group: by a hash of its path, the same on every machine. */
export function shardOf(group: readonly string[], count: number): number {
  return createHash('sha256').update(agencyOf(group[0]!)).digest().readUInt32BE(0) % count;
}

export async function runBatch(args: BatchArgs): Promise<number> {
  if (!existsSync(args.root) || !statSync(args.root).isDirectory()) {
    writeDiagnostic(`avstamning: ${render({ code: 'samling.ingen_mapp', params: { mapp: args.root } })}\n`);
    return EXIT.input;
  }
  const all = findLedgers(args.root);
  if (!all.length) {
    writeDiagnostic(`avstamning: ${render({ code: 'samling.inga_huvudbocker', params: { mapp: args.root } })}\n`);
    return EXIT.input;
  }
  const groups = args.shard ? all.filter((g) => shardOf(g, args.shard!.count) === args.shard!.index - 1) : all;
  const tasks: UnitTask[] = groups.map((paths) => ({
    root: args.root,
    paths,
    json: !!args.json,
    junit: !!args.junit,
    ...(args.noXlsx ? {} : { outDir: args.outDir }),
    ignoreAcknowledgements: args.ignoreAcknowledgements,
    strict: args.strict,
  }));
  const batch = new Batch(tasks, args);
  try {
    const reports = batch.reports();
    const clash = targetClash(reports.map((r) => r.target));
    if (clash) {
      writeDiagnostic(`avstamning: ${clash}\n`);
      return EXIT.input;
    }
    // A JSON report in a file drives the run (see Batch.reports); otherwise it runs first.
    if (!args.json || args.json === STDOUT) await batch.run();
    await writeReportSet(reports);
    const text = renderBatchConsole(batch.rows, args.quiet ? [] : batch.details, reports.map((r) => r.target).filter((t) => t !== STDOUT), args.shard);
    await writeStd(reports.some((r) => r.target === STDOUT) ? 'stderr' : 'stdout', text);
    return batchSummary(batch.rows).exit;
  } finally {
    batch.dispose();
  }
}

/** A run over many ledgers and its reports: the JSON and JUnit reports, and the overview workbook. */
class Batch {
  readonly rows: BatchRow[] = [];
  readonly details: string[] = [];
  /** The JSON entries' text, when the run was not written straight into the JSON report. */
  private readonly jsonEntries: (string | Uint8Array)[] = [];
  private entries = 0;
  /** JUnit's test suites, before the root element whose totals are known only at the end. */
  private readonly junitBody: Spool | undefined;
  private failures = 0;
  private errors = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly tasks: readonly UnitTask[],
    private readonly args: BatchArgs,
  ) {
    this.junitBody = args.junit ? new Spool() : undefined;
  }

  reports(): Report[] {
    const { args } = this;
    const reports: Report[] = [];
    // The JSON report is staged first: its entries are written as the ledgers come. Where it
    // is not (standard output, a device), the run keeps them for it.
    if (args.json) reports.push({ target: args.json, write: async (out) => (this.running ? (await this.running, this.writeJson(out)) : this.run(out)) });
    if (args.junit) reports.push({ target: args.junit, write: async (out) => (await this.run(), this.writeJunit(out)) });
    if (!args.noXlsx) {
      const target = args.xlsx ?? path.join(args.outDir, 'oversikt.xlsx');
      reports.push({
        target,
        write: async (out) => {
          await this.run();
          const { writeOverview } = await import('../render/excel.js');
          await writeOverview(this.rows, path.dirname(path.resolve(target)), out);
        },
      });
    }
    return reports;
  }

  /** Reconciles every unit, once: writing the JSON report into `json` as the ledgers come, or keeping its entries. */
  run(json?: Writable): Promise<void> {
    this.running ??= this.reconcileAll(json);
    return this.running;
  }

  private async reconcileAll(json: Writable | undefined): Promise<void> {
    const write = (texts: readonly (string | Uint8Array)[]) => (json ? writeChunks(json, texts) : void this.jsonEntries.push(...texts));
    if (json) await write([batchJsonStart()]);
    await runUnits(this.tasks, this.args.jobs ?? availableParallelism(), this.args.script, async (outcomes) => {
      for (const o of outcomes) {
        this.add(o);
        if (this.args.json && o.json) await write([this.entries++ ? ',\n    ' : '\n    ', ...o.json]);
      }
    });
    if (json) await write([batchJsonEnd(this.entries, batchSummary(this.rows))]);
  }

  private async writeJson(out: Writable): Promise<void> {
    await writeChunks(out, [batchJsonStart(), ...this.jsonEntries, batchJsonEnd(this.entries, batchSummary(this.rows))]);
  }

  private add(o: LedgerOutcome): void {
    this.rows.push({ path: o.path, agency: o.agency, year: o.year, exit: o.exit, ...(o.summary ? { summary: o.summary } : {}), ...(o.errors ? { errors: o.errors.length } : {}), ...(o.workbook ? { workbook: o.workbook } : {}) });
    if (o.details) this.details.push(o.details);
    if (this.junitBody && o.junit) {
      this.junitBody.write(`${o.junit}\n`);
      this.failures += o.summary?.discrepancy ?? 0;
      this.errors += o.errors ? 1 : 0;
    }
  }

  private async writeJunit(out: Writable): Promise<void> {
    const tests = this.rows.reduce((n, r) => n + (r.summary?.checks ?? 1), 0);
    await writeChunks(out, [junitBatchStart(tests, this.failures, this.errors)]);
    await this.junitBody!.copyTo(out);
    await writeChunks(out, ['</testsuites>\n']);
  }

  dispose(): void {
    this.junitBody?.dispose();
  }
}
