/**
 * `avstamning merge <json>... --json <file>`: joins the JSON reports of the shards of a run
 * over many ledgers (`reconcile <dir> --shard i/n --json`) into the report one run would
 * have written: the same ledgers in the same order, byte for byte, the same summary and
 * exit code. The reports are read line by line (their layout is ours: one entry of
 * `ledgers` starts at a line `    {`), so no whole report is ever held in memory.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { STDOUT, writeChunks, writeReportSet } from '../io/report-set.js';
import { writeDiagnostic, writeStd } from '../io/std.js';
import { render } from '../messages/catalogue.js';
import { BATCH_SCHEMA, batchJsonEnd, batchJsonStart, batchSummary, renderBatchConsole, type BatchRow } from '../render/batch.js';
import type { Summary } from '../rules/types.js';
import { EXIT } from './exit.js';
import { ledgerOrder } from './order.js';

export interface MergeArgs {
  readonly inputs: readonly string[];
  readonly out?: string;
  readonly quiet: boolean;
}

/** One entry of `ledgers`: its lines as written, and what the summary needs of it. */
interface Entry {
  readonly lines: string[];
  readonly row: BatchRow;
}

class NotAReport extends Error {}

export async function runMerge(args: MergeArgs): Promise<number> {
  for (const f of args.inputs) {
    if (!existsSync(f)) {
      writeDiagnostic(`avstamning: ${render({ code: 'samling.ingen_rapport', params: { plats: `${f}:1:1`, vad: 'filen finns inte' } })}\n`);
      return EXIT.input;
    }
  }
  const rows: BatchRow[] = [];
  try {
    if (args.out) await writeReportSet([{ target: args.out, write: (out) => merge(args.inputs, rows, out) }]);
    else await merge(args.inputs, rows, undefined);
  } catch (e) {
    if (!(e instanceof NotAReport)) throw e;
    writeDiagnostic(`avstamning: ${e.message}\n`);
    return EXIT.input;
  }
  const toStdout = args.out === STDOUT;
  await writeStd(toStdout ? 'stderr' : 'stdout', renderBatchConsole(rows, [], args.out && !toStdout ? [args.out] : []));
  return batchSummary(rows).exit;
}

/** Merges the reports' entries in ledger order into `out` (when given); collects their rows. */
async function merge(inputs: readonly string[], rows: BatchRow[], out: Writable | undefined): Promise<void> {
  const write = (texts: readonly string[]) => (out ? writeChunks(out, texts) : Promise.resolve());
  await write([batchJsonStart()]);
  const readers = inputs.map((f) => entries(f)[Symbol.asyncIterator]());
  const heads = await Promise.all(readers.map((r) => r.next()));
  const seen = new Set<string>();
  for (;;) {
    // The smallest head next: each report is in ledger order already.
    let k = -1;
    heads.forEach((h, i) => {
      if (!h.done && (k < 0 || ledgerOrder(h.value.row.path, (heads[k]!.value as Entry).row.path) < 0)) k = i;
    });
    if (k < 0) break;
    const entry = heads[k]!.value as Entry;
    if (seen.has(entry.row.path)) throw new NotAReport(render({ code: 'samling.dubblett', params: { fil: inputs[k]!, huvudbok: entry.row.path } }));
    seen.add(entry.row.path);
    await write([`${rows.length ? ',' : ''}\n`, entry.lines.join('\n')]);
    rows.push(entry.row);
    heads[k] = await readers[k]!.next();
  }
  await write([batchJsonEnd(rows.length, batchSummary(rows))]);
}

/** The entries of one report's `ledgers`, in order, each with its summary row. */
async function* entries(file: string): AsyncGenerator<Entry> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let state: 'head' | 'schema' | 'ledgers' | 'entry' | 'tail' = 'head';
  let current: string[] = [];
  const bad = (vad: string) => new NotAReport(render({ code: 'samling.ingen_rapport', params: { plats: `${file}:${n}:1`, vad } }));
  for await (const line of lines) {
    n++;
    switch (state) {
      case 'head':
        if (line !== '{') throw bad('ingen JSON-rapport');
        state = 'schema';
        break;
      case 'schema':
        if (line !== `  "schema": "${BATCH_SCHEMA}",`) throw bad(`schema är inte ${BATCH_SCHEMA}`);
        state = 'ledgers';
        break;
      case 'ledgers':
        if (line === '  "ledgers": [],') state = 'tail';
        else if (line !== '  "ledgers": [') throw bad('saknar "ledgers"');
        else state = 'entry';
        break;
      case 'entry':
        if (line === '  ],') state = 'tail';
        else if (line === '    {') current = [line];
        else if (line === '    }' || line === '    },') {
          current.push('    }');
          yield { lines: current, row: rowOf(current, file, n) };
          current = [];
        } else if (current.length) current.push(line);
        else throw bad('oväntad rad');
        break;
      case 'tail':
        break;
    }
  }
  if (state !== 'tail') throw bad('rapporten är ofullständig');
}

/** What the summary needs of an entry, from its lines at their known indentation. */
function rowOf(lines: readonly string[], file: string, n: number): BatchRow {
  const field = (key: string) => {
    const prefix = `      "${key}": `;
    const line = lines.find((l) => l.startsWith(prefix));
    return line === undefined ? undefined : (JSON.parse(line.slice(prefix.length).replace(/,$/, '')) as unknown);
  };
  const path = field('path');
  const exit = field('exit');
  if (typeof path !== 'string' || typeof exit !== 'number') throw new NotAReport(render({ code: 'samling.ingen_rapport', params: { plats: `${file}:${n}:1`, vad: 'en årsredovisning utan "path" eller "exit"' } }));
  const start = lines.indexOf('        "summary": {');
  const summary = start < 0 ? undefined : (JSON.parse(`{${lines.slice(start + 1, lines.indexOf('        },', start)).join('')}}`) as Summary);
  const errorsAt = lines.indexOf('      "errors": [');
  const errors = errorsAt < 0 ? 0 : lines.indexOf('      ]', errorsAt) - errorsAt - 1;
  return {
    path,
    agency: String(field('agency') ?? ''),
    year: String(field('year') ?? ''),
    exit,
    ...(summary ? { summary } : {}),
    ...(errorsAt >= 0 ? { errors } : {}),
  };
}
