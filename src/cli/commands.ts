/** The two commands: I/O and exit codes around the pure core. */
import path from 'node:path';
import { loadLedger } from '../ledger/load.js';
import { reconcile } from '../rules/engine.js';
import { RULES } from '../rules/catalogue.js';
import { renderConsole } from '../render/console.js';
import { jsonChunks } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { writeAtomically, writeChunksAtomically, writeTextAtomically } from '../io/atomic.js';
import { EXIT } from './exit.js';
import type { Ledger } from '../domain/model.js';

export async function runCheck(dir: string): Promise<number> {
  const ledger = await loadLedger(dir);
  process.stdout.write(summarize(ledger));
  return EXIT.ok;
}

export function summarize(ledger: Ledger): string {
  const statements = ledger.tables.filter((t) => !['not', 'tabell'].includes(t.kind));
  const a = ledger.anslagsredovisning;
  const posts = a?.utgiftsomraden.flatMap((u) => u.anslag.flatMap((x) => x.poster)) ?? [];
  const count = (prefix: string) => [...ledger.figures.keys()].filter((id) => id.startsWith(prefix)).length;
  const tableFigures = (t: { rows: readonly { cells: Readonly<Record<string, string>> }[] }) => t.rows.reduce((n, r) => n + Object.keys(r.cells).length, 0);
  return [
    `${ledger.agency} ${ledger.year}: huvudboken är giltig (layout ${ledger.layout}, ${ledger.files.length} filer)`,
    `  rapporter: ${statements.map((t) => `${t.title} (${tableFigures(t)} figurer)`).join(', ')}`,
    `  anslagsredovisning: ${a?.utgiftsomraden.length ?? 0} utgiftsområden, ${a?.utgiftsomraden.reduce((n, u) => n + u.anslag.length, 0) ?? 0} anslag, ${posts.length} anslagsposter (${count('anslag.')} figurer), ` +
      `${a?.inkomsttitlar?.titlar.length ?? 0} inkomsttitlar (${count('inkomsttitel.')} figurer), ${a?.bemyndiganden.length ?? 0} bemyndiganden, ${a?.finansiellaVillkor.length ?? 0} finansiella villkor`,
    `  regleringsbrev: ${ledger.regleringsbrev?.anslagsposter.reduce((n, p) => n + p.beslut.length, 0) ?? 0} beslut för ${ledger.regleringsbrev?.anslagsposter.length ?? 0} anslagsposter (${count('rb.')} figurer)`,
    `  noter: ${ledger.notes.length}, ${ledger.notes.filter((n) => n.tables.length).length} med sifferuppgifter (${ledger.tables.filter((t) => t.kind === 'not').length} tabeller, ${ledger.tables.filter((t) => t.kind === 'not').reduce((n, t) => n + tableFigures(t), 0)} figurer)`,
    `  övriga tabeller: ${ledger.tables.filter((t) => t.kind === 'tabell').length} (${ledger.tables.filter((t) => t.kind === 'tabell').reduce((n, t) => n + tableFigures(t), 0)} figurer)`,
    `  deklarerade avstämningar: ${ledger.ties.length}, kända avvikelser: ${ledger.acknowledgements.length}`,
    `  figurer totalt: ${ledger.figures.size}`,
    '',
    'Tabeller:',
    ...ledger.tables.map((t) => `  ${t.id.padEnd(24)} ${String(tableFigures(t)).padStart(5)}  ${t.title}`),
    ...(a ? [`  ${'anslagsredovisning'.padEnd(24)} ${String(count('anslag.') + count('inkomsttitel.') + count('bemyndigande.') + count('villkor.')).padStart(5)}  Anslagsredovisning (anslag, inkomsttitlar, bemyndiganden, finansiella villkor)`] : []),
    ...(ledger.regleringsbrev ? [`  ${'regleringsbrev'.padEnd(24)} ${String(count('rb.')).padStart(5)}  Regleringsbrevets beslut`] : []),
  ].join('\n') + '\n';
}

export interface ReconcileArgs {
  readonly dir: string;
  readonly outDir: string;
  readonly xlsx?: string;
  readonly noXlsx: boolean;
  readonly json?: string;
  readonly junit?: string;
  readonly ignoreAcknowledgements: boolean;
  readonly quiet: boolean;
}

/** File-name form of an agency name: lower case ASCII, dashes. */
export const slug = (s: string) =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runReconcile(args: ReconcileArgs): Promise<number> {
  const ledger = await loadLedger(args.dir);
  const result = reconcile(ledger, { ignoreAcknowledgements: args.ignoreAcknowledgements });
  const written: string[] = [];
  if (args.json) {
    await writeChunksAtomically(args.json, jsonChunks(ledger, result));
    written.push(args.json);
  }
  if (args.junit) {
    await writeTextAtomically(args.junit, renderJunit(ledger, result));
    written.push(args.junit);
  }
  if (!args.noXlsx) {
    const target = args.xlsx ?? path.join(args.outDir, `${slug(ledger.agency)}-${ledger.year}.xlsx`);
    // exceljs is heavy: load it only when a workbook is written.
    const { writeWorkbook } = await import('../render/excel.js');
    await writeAtomically(target, (tmp) => writeWorkbook(ledger, result, tmp));
    written.push(target);
  }
  const text = renderConsole(ledger, result, written);
  process.stdout.write(args.quiet ? text.split('\n\n')[0] + '\n' : text);
  return result.summary.discrepancy > 0 ? EXIT.discrepancy : EXIT.ok;
}

export function runRules(): number {
  for (const r of RULES) process.stdout.write(`${r.id.padEnd(5)} ${r.severity.padEnd(7)} ${r.title}\n      källa: ${r.source}\n      läser: ${r.reads}\n`);
  return EXIT.ok;
}
