/**
 * The reports of a run over many ledgers: the console's summary table and the frame of the
 * JSON report around each ledger's own report. Renders only; the CLI decides the exit code
 * from `batchSummary(...).exit`, the worst over the ledgers.
 */
import type { Summary } from '../rules/types.js';
import { plural } from '../messages/catalogue.js';
import { statusCounts } from './text.js';

/** One ledger's line in the summary. */
export interface BatchRow {
  readonly path: string;
  readonly agency: string;
  readonly year: string;
  /** 0 ok, 1 discrepancy, 2 invalid input. */
  readonly exit: number;
  readonly summary?: Summary;
  /** Number of input errors of a ledger that could not be read. */
  readonly errors?: number;
  readonly workbook?: string;
}

/** The totals over the ledgers: their checks counted as one run's summary counts them. */
export interface BatchSummary extends Omit<Summary, 'notApplicable'> {
  readonly ledgers: number;
  /** Ledgers by verdict: everything ties (or is acknowledged), a discrepancy, invalid input. */
  readonly passed: number;
  readonly failed: number;
  readonly invalid: number;
  /** The worst exit code over the ledgers. */
  readonly exit: number;
}

export const BATCH_SCHEMA = 'avstamning/batch@1';

export function batchSummary(rows: readonly BatchRow[]): BatchSummary {
  const sum = (k: keyof Summary) => rows.reduce((n, r) => n + (r.summary?.[k] ?? 0), 0);
  return {
    ledgers: rows.length,
    passed: rows.filter((r) => r.exit === 0).length,
    failed: rows.filter((r) => r.exit === 1).length,
    invalid: rows.filter((r) => r.exit === 2).length,
    checks: sum('checks'),
    ok: sum('ok'),
    rounding: sum('rounding'),
    discrepancy: sum('discrepancy'),
    acknowledged: sum('acknowledged'),
    stale: sum('stale'),
    exit: rows.reduce((n, r) => Math.max(n, r.exit), 0),
  };
}

/** The JSON report up to its first ledger; each ledger follows at depth 2, after ",\n    ". */
export const batchJsonStart = () => `{\n  "schema": "${BATCH_SCHEMA}",\n  "ledgers": [`;

/** The rest of the JSON report after `entries` ledgers: the summary. */
export function batchJsonEnd(entries: number, summary: BatchSummary): string {
  return `${entries ? '\n  ]' : ']'},\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')}\n}\n`;
}


/** A ledger's verdict in a word or three. */
function verdict(r: BatchRow): string {
  if (r.exit === 2) return `ogiltig (${plural(r.errors ?? 0, 'fel', 'fel')})`;
  const s = r.summary!;
  if (r.exit === 1) return plural(s.discrepancy, 'avvikelse', 'avvikelser');
  // Discrepancies that do not fail the run: warnings without --strict.
  if (s.discrepancy) return `stämmer (${plural(s.discrepancy, 'varning', 'varningar')})`;
  return s.acknowledged ? 'stämmer (kända avvikelser)' : 'stämmer';
}

/** The summary table, then each ledger's discrepancies or input errors. */
export function renderBatchConsole(rows: readonly BatchRow[], details: readonly string[], outputs: readonly string[], shard?: { index: number; count: number }): string {
  const s = batchSummary(rows);
  const head = ['Myndighet', 'År', 'Kontroller', 'Ok', 'Avrundning', 'Avvikelse', 'Känd avvikelse', 'Resultat'];
  const cells = rows.map((r) => {
    const n = (k: keyof Summary) => (r.summary ? String(r.summary[k]) : '–');
    return [r.agency, r.year, n('checks'), n('ok'), n('rounding'), n('discrepancy'), n('acknowledged'), verdict(r)];
  });
  const widths = head.map((h, i) => cells.reduce((w, c) => Math.max(w, c[i]!.length), h.length));
  const line = (c: readonly string[]) => c.map((x, i) => (i >= 2 && i <= 6 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  const title = s.failed || s.invalid
    ? [s.failed ? plural(s.failed, 'ÅRSREDOVISNING MED AVVIKELSER', 'ÅRSREDOVISNINGAR MED AVVIKELSER') : '', s.invalid ? plural(s.invalid, 'OGILTIG ÅRSREDOVISNING', 'OGILTIGA ÅRSREDOVISNINGAR') : ''].filter(Boolean).join(', ')
    : 'ALLT STÄMMER';
  const lines = [
    `avstämning · ${plural(s.ledgers, 'årsredovisning', 'årsredovisningar')}${shard ? ` (del ${shard.index} av ${shard.count})` : ''}`,
    title,
    `  ${statusCounts(s)}`,
    ...outputs.map((o) => `  skrev ${o}`),
    '',
    line(head),
    ...cells.map(line),
  ];
  return [lines.join('\n'), ...details.map((d) => d.trimEnd())].join('\n\n') + '\n';
}
