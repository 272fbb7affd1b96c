/**
 * One unit of a run over many ledgers: the years of one agency, reconciled in order so that
 * each year can be tied to the year before while at most two ledgers are in memory. Runs in
 * a worker thread or in the main one; returns each ledger's reports as text, which the main
 * thread writes in a fixed order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import type { Ledger, PreviousYear } from '../domain/model.js';
import { writeReportSet } from '../io/report-set.js';
import { writeDiagnostic } from '../io/std.js';
import { render, type Message } from '../messages/catalogue.js';
import { formatInputError, LedgerInputError } from '../ledger/errors.js';
import { reconcileChecked } from '../ledger/reconcile-checked.js';
import { loadLedger, MANIFEST, placeIn } from '../ledger/load.js';
import { renderConsole } from '../render/console.js';
import { chunked, prettyJson, reportValue } from '../render/json.js';
import { renderJunitInvalidSuite, renderJunitLedgerSuite } from '../render/junit.js';
import type { Summary } from '../rules/types.js';
import { ledgerOrder } from './order.js';
import { EXIT } from './exit.js';
import { failsRun, slug } from './commands.js';

export interface UnitTask {
  readonly root: string;
  /** Ledger directories of one agency, relative to `root`, with `/` between parts. */
  readonly paths: readonly string[];
  readonly json: boolean;
  readonly junit: boolean;
  /** Where each ledger's workbook goes; none without it. */
  readonly outDir?: string;
  readonly ignoreAcknowledgements: boolean;
  /** Warnings fail a ledger too. */
  readonly strict: boolean;
}

/** One ledger's result, as plain data a worker can send. */
export interface LedgerOutcome {
  readonly path: string;
  readonly agency: string;
  readonly year: string;
  /** 0 ok, 1 discrepancy, 2 invalid input. */
  readonly exit: number;
  readonly summary?: Summary;
  /** Input errors, formatted as file:line:column: message. */
  readonly errors?: readonly string[];
  /** The ledger's entry of the JSON report's `ledgers`, indented for its place there, as UTF-8. */
  readonly json?: readonly Uint8Array[];
  /** The ledger's JUnit test suite. */
  readonly junit?: string;
  /** What the console shows of this ledger below the summary table ('' for nothing). */
  readonly details: string;
  readonly workbook?: string;
}

/** Depth of an entry of `ledgers` in the JSON report. */
const ENTRY_DEPTH = 2;

export async function reconcileUnit(task: UnitTask): Promise<LedgerOutcome[]> {
  const out: LedgerOutcome[] = [];
  // At most two ledgers in memory: this year's and last year's.
  let previous: PreviousYear | undefined;
  for (const { rel, year } of byYear(task)) {
    const loaded = await loadOrError(task, rel);
    if (!('figures' in loaded)) {
      out.push(loaded);
      previous = undefined;
      continue;
    }
    const ledger = previous && previous.ledger.year === String(Number(year) - 1) ? { ...loaded, previousYear: previous } : loaded;
    try {
      out.push(await reconcileOne(task, rel, ledger));
      previous = { ledger: loaded, path: rel };
    } catch (e) {
      // The input errors only the rules reveal (an unknown acknowledged check, units).
      if (!(e instanceof LedgerInputError)) throw e;
      out.push(invalidOutcome(task, rel, e));
      previous = undefined;
    }
  }
  return out.sort((a, b) => ledgerOrder(a.path, b.path));
}

/** The unit's ledgers in the order of their years (from each manifest; unreadable ones last). */
function byYear(task: UnitTask): { rel: string; year: string }[] {
  return task.paths
    .map((rel) => ({ rel, year: manifestField(task.root, rel, 'ar') ?? '9999' }))
    .sort((a, b) => (a.year < b.year ? -1 : a.year > b.year ? 1 : a.rel < b.rel ? -1 : 1));
}

/** A field of a ledger's manifest, read without validating it; undefined where unreadable. */
function manifestField(root: string, rel: string, key: 'ar' | 'myndighet'): string | undefined {
  try {
    const v = (jsyaml.load(readFileSync(path.join(root, rel, MANIFEST), 'utf8'), { schema: jsyaml.FAILSAFE_SCHEMA }) as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

async function loadOrError(task: UnitTask, rel: string): Promise<Ledger | LedgerOutcome> {
  try {
    return await loadLedger(path.join(task.root, rel));
  } catch (e) {
    if (!(e instanceof LedgerInputError)) throw e;
    return invalidOutcome(task, rel, e);
  }
}

function invalidOutcome(task: UnitTask, rel: string, e: LedgerInputError): LedgerOutcome {
  const parts = rel.split('/');
  const agency = manifestField(task.root, rel, 'myndighet') ?? parts[parts.length - 2] ?? rel;
  const year = manifestField(task.root, rel, 'ar') ?? parts[parts.length - 1] ?? '';
  // Each error names its file as a single-ledger run does (relative to the working directory).
  const errors = e.errors.map(formatInputError);
  // In JSON each error is data: its place (relative to the tree, so that the report does
  // not depend on the working directory), code and parameters, and the Swedish text.
  const data = e.errors.map((x) => ({ file: inTree(task.root, x.file), ...(x.line === undefined ? {} : { line: x.line, column: x.column }), code: x.code, params: x.params, text: render(x) }));
  const entry = { agency, year, path: rel, exit: EXIT.input, errors: data };
  return {
    agency,
    year,
    path: rel,
    exit: EXIT.input,
    errors,
    ...(task.json ? { json: gather(prettyJson(entry, ENTRY_DEPTH)) } : {}),
    ...(task.junit ? { junit: renderJunitInvalidSuite(`${agency} ${year}`, errors) } : {}),
    details: `avstämning · ${agency} ${year} · ${rel}\nOGILTIG ÅRSREDOVISNING: ${errors.length} fel\n${errors.map((x) => `  ${x}`).join('\n')}\n`,
  };
}

/** A file named as the user can open it, relative to the tree's root instead, with `/`. */
const inTree = (root: string, file: string) => path.relative(path.resolve(root), path.resolve(file)).split(path.sep).join('/') || '.';

/** `ledger` has its previousYear where the run has last year's report (rules/year-over-year.ts). */
async function reconcileOne(task: UnitTask, rel: string, ledger: Ledger): Promise<LedgerOutcome> {
  const result = reconcileChecked(path.join(task.root, rel), ledger, { ignoreAcknowledgements: task.ignoreAcknowledgements });
  const exit = failsRun(result, task.strict) ? EXIT.discrepancy : EXIT.ok;
  let workbook: string | undefined;
  if (task.outDir !== undefined) {
    workbook = path.join(task.outDir, `${slug(ledger.agency)}-${ledger.year}.xlsx`);
    const { writeWorkbook } = await import('../render/excel.js');
    // Cells cut to fit Excel's limits are marked in the workbook and named on stderr.
    const warnings: Message[] = [];
    await writeReportSet([{ target: workbook, write: async (out) => void warnings.push(...(await writeWorkbook(ledger, result, out))) }]);
    for (const w of warnings) writeDiagnostic(`avstamning: ${workbook}: ${render(w)}\n`);
  }
  const entry = chunked({ agency: ledger.agency, year: ledger.year, path: rel, exit, result: reportValue(ledger, result) });
  return {
    agency: ledger.agency,
    year: ledger.year,
    path: rel,
    exit,
    summary: result.summary,
    ...(task.json ? { json: gather(prettyJson(entry, ENTRY_DEPTH)) } : {}),
    ...(task.junit ? { junit: renderJunitLedgerSuite(ledger, result) } : {}),
    details: result.summary.discrepancy === 0 ? '' : renderConsole(ledger, result, workbook ? [workbook] : [], placeIn(ledger.dir)),
    ...(workbook ? { workbook } : {}),
  };
}

/**
 * Chunks encoded as UTF-8 into buffers of about a megabyte, each with its own memory: a
 * worker hands them to the main thread without a copy (transferred, not cloned), and the
 * main thread writes them without encoding them again.
 */
export function gather(chunks: Iterable<string>): Uint8Array[] {
  const out: Uint8Array[] = [];
  let buffer = Buffer.allocUnsafeSlow(PIECE);
  let used = 0;
  for (const c of chunks) {
    // A UTF-16 code unit is at most three bytes of UTF-8: the chunk fits whole or goes to a new buffer.
    if (used + 3 * c.length > buffer.length) {
      if (used) out.push(trim(buffer, used));
      buffer = Buffer.allocUnsafeSlow(Math.max(PIECE, 3 * c.length));
      used = 0;
    }
    used += buffer.write(c, used);
  }
  if (used) out.push(trim(buffer, used));
  return out;
}

/** The first `used` bytes of `buffer`; a copy of its own where most of the buffer would go unused. */
function trim(buffer: Buffer, used: number): Uint8Array {
  if (used >= buffer.length / 2) return buffer.subarray(0, used);
  const copy = Buffer.allocUnsafeSlow(used);
  buffer.copy(copy, 0, 0, used);
  return copy;
}

const PIECE = 1 << 20;
