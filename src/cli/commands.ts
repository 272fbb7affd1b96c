/** The two commands: I/O and exit codes around the pure core. */
import path from 'node:path';
import { loadLedger, placeIn } from '../ledger/load.js';
import { reconcileChecked } from '../ledger/reconcile-checked.js';
import { EVERY_RULE } from '../rules/listing.js';
import { renderConsole } from '../render/console.js';
import { jsonChunks } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { STDOUT, writeChunks, writeReportSet, type Report } from '../io/report-set.js';
import { writeDiagnostic, writeStd } from '../io/std.js';
import { EXIT } from './exit.js';
import type { Ledger } from '../domain/model.js';
import { plural, render, type Message } from '../messages/catalogue.js';
import type { Reconciliation } from '../rules/types.js';

export async function runCheck(dir: string): Promise<number> {
  const ledger = await loadLedger(dir);
  // The rules run too: an acknowledgement of a check no rule makes is an input error.
  reconcileChecked(dir, ledger);
  await writeStd('stdout', summarize(ledger));
  return EXIT.ok;
}

export function summarize(ledger: Ledger): string {
  const statements = ledger.tables.filter((t) => !['not', 'tabell'].includes(t.kind));
  const a = ledger.anslagsredovisning;
  const posts = a?.utgiftsomraden.flatMap((u) => u.anslag.flatMap((x) => x.poster)) ?? [];
  const count = (prefix: string) => [...ledger.figures.keys()].filter((id) => id.startsWith(prefix)).length;
  const tableFigures = (t: { rows: readonly { cells: Readonly<Record<string, string>> }[] }) => t.rows.reduce((n, r) => n + Object.keys(r.cells).length, 0);
  const figurer = (n: number) => plural(n, 'figur', 'figurer');
  const notTables = ledger.tables.filter((t) => t.kind === 'not');
  const otherTables = ledger.tables.filter((t) => t.kind === 'tabell');
  const rbPosts = ledger.regleringsbrev?.anslagsposter ?? [];
  return [
    `${ledger.agency} ${ledger.year}: årsredovisningen är giltig (layout ${ledger.layout}, ${plural(ledger.files.length, 'fil', 'filer')})`,
    `  rapporter: ${statements.map((t) => `${t.title} (${figurer(tableFigures(t))})`).join(', ')}`,
    `  anslagsredovisning: ${plural(a?.utgiftsomraden.length ?? 0, 'utgiftsområde', 'utgiftsområden')}, ${a?.utgiftsomraden.reduce((n, u) => n + u.anslag.length, 0) ?? 0} anslag, ${plural(posts.length, 'anslagspost', 'anslagsposter')} (${figurer(count('anslag.'))}), ` +
      `${plural(a?.inkomsttitlar?.titlar.length ?? 0, 'inkomsttitel', 'inkomsttitlar')} (${figurer(count('inkomsttitel.'))}), ${plural(a?.bemyndiganden.length ?? 0, 'bemyndigande', 'bemyndiganden')}, ${plural(a?.finansiellaVillkor.length ?? 0, 'finansiellt villkor', 'finansiella villkor')}`,
    `  regleringsbrev: ${rbPosts.reduce((n, p) => n + p.beslut.length, 0)} beslut för ${plural(rbPosts.length, 'anslagspost', 'anslagsposter')} (${figurer(count('rb.'))})`,
    `  noter: ${ledger.notes.length}, ${ledger.notes.filter((n) => n.tables.length).length} med sifferuppgifter (${plural(notTables.length, 'tabell', 'tabeller')}, ${figurer(notTables.reduce((n, t) => n + tableFigures(t), 0))})`,
    `  övriga tabeller: ${otherTables.length} (${figurer(otherTables.reduce((n, t) => n + tableFigures(t), 0))})`,
    `  deklarerade avstämningar: ${ledger.ties.length}, kända avvikelser: ${ledger.acknowledgements.length}`,
    `  figurer totalt: ${ledger.figures.size}`,
    '',
    'Tabeller:',
    ...ledger.tables.map((t) => `  ${t.id.padEnd(24)} ${String(tableFigures(t)).padStart(5)}  ${t.title}`),
    ...(a ? [`  ${'anslagsredovisning'.padEnd(24)} ${String(count('anslag.') + count('inkomsttitel.') + count('bemyndigande.') + count('villkor.')).padStart(5)}  Anslagsredovisning (anslag, inkomsttitlar, bemyndiganden, finansiella villkor)`] : []),
    ...(ledger.regleringsbrev ? [`  ${'regleringsbrev'.padEnd(24)} ${String(count('rb.')).padStart(5)}  Regleringsbrevets beslut`] : []),
  ].join('\n') + '\n';
}

/** The report options `reconcile` takes for one ledger and for a tree of them. */
export interface ReportOptions {
  readonly outDir: string;
  readonly xlsx?: string;
  readonly noXlsx: boolean;
  readonly json?: string;
  readonly junit?: string;
  readonly ignoreAcknowledgements: boolean;
  readonly quiet: boolean;
  /** Warnings (severity varning) fail the run too. */
  readonly strict?: boolean;
}

export interface ReconcileArgs extends ReportOptions {
  readonly dir: string;
}

/** Whether the run fails: an unacknowledged discrepancy of severity fel, or of any severity with --strict. */
export const failsRun = (r: Reconciliation, strict = false) => r.checks.some((c) => c.status === 'discrepancy' && (strict || c.severity === 'fel'));

/** File-name form of an agency name: lower case ASCII, dashes. */
export const slug = (s: string) =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runReconcile(args: ReconcileArgs): Promise<number> {
  const ledger = await loadLedger(args.dir);
  const result = reconcileChecked(args.dir, ledger, { ignoreAcknowledgements: args.ignoreAcknowledgements });
  const reports: Report[] = [];
  const warnings: Message[] = [];
  if (args.json) reports.push({ target: args.json, write: (out) => writeChunks(out, jsonChunks(ledger, result)) });
  if (args.junit) reports.push({ target: args.junit, write: (out) => void out.write(renderJunit(ledger, result)) });
  if (!args.noXlsx) {
    const target = args.xlsx ?? path.join(args.outDir, `${slug(ledger.agency)}-${ledger.year}.xlsx`);
    // exceljs is heavy: load it only when a workbook is written.
    const { writeWorkbook } = await import('../render/excel.js');
    reports.push({ target, write: async (out) => void warnings.push(...(await writeWorkbook(ledger, result, out))) });
  }
  const clash = targetClash(reports.map((r) => r.target));
  if (clash) {
    writeDiagnostic(`avstamning: ${clash}\n`);
    return EXIT.input;
  }
  await writeReportSet(reports);
  for (const w of warnings) writeDiagnostic(`avstamning: ${render(w)}\n`);
  const text = renderConsole(ledger, result, reports.map((r) => r.target).filter((t) => t !== STDOUT), placeIn(ledger.dir));
  // A report on standard output keeps it machine-readable: the summary goes to standard error.
  const summaryTo = reports.some((r) => r.target === STDOUT) ? 'stderr' : 'stdout';
  await writeStd(summaryTo, args.quiet ? text.split('\n\n')[0] + '\n' : text);
  return failsRun(result, args.strict) ? EXIT.discrepancy : EXIT.ok;
}

/** Two reports for standard output, or two for one file: a usage error's message. */
export function targetClash(targets: readonly string[]): string | undefined {
  if (targets.filter((t) => t === STDOUT).length > 1) return render({ code: 'anvandning.standard_ut_tva', params: {} });
  const seen = new Map<string, string>();
  for (const t of targets.filter((x) => x !== STDOUT)) {
    const first = seen.get(path.resolve(t));
    if (first !== undefined) return render({ code: 'anvandning.samma_fil', params: { forsta: first, andra: t } });
    seen.set(path.resolve(t), t);
  }
  return undefined;
}

export async function runRules(): Promise<number> {
  await writeStd('stdout', EVERY_RULE.map((r) => `${r.id.padEnd(5)} ${r.severity.padEnd(7)} ${r.title}\n      källa: ${r.source}\n      läser: ${r.reads}\n`).join(''));
  return EXIT.ok;
}
