/**
 * The JSON report (schema: docs/json-report.md). Deterministic: the same input gives the
 * same bytes. Amounts are exact decimal strings.
 *
 * The report is produced as a sequence of text chunks, never as one string: a ledger of a
 * million figures makes a report larger than the longest string V8 can hold. The bytes are
 * those of `JSON.stringify(report, null, 2)`.
 */
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';
import { render } from '../messages/catalogue.js';

export const JSON_SCHEMA_VERSION = '1';

/** The report as chunks of text; joined, they are the whole report with a final newline. */
export function* jsonChunks(ledger: Ledger, r: Reconciliation): Generator<string> {
  yield* prettyJson(reportValue(ledger, r), 0);
  yield '\n';
}

/** The report as a value for prettyJson: its checks and figures made one at a time as they are written. */
export function reportValue(ledger: Ledger, r: Reconciliation): Chunked {
  return chunked({
    schema: `avstamning/reconciliation@${JSON_SCHEMA_VERSION}`,
    agency: r.agency,
    year: r.year,
    layout: r.layout,
    acknowledgementsIgnored: r.acknowledgementsIgnored,
    summary: r.summary,
    rules: r.rules,
    checks: lazy(r.checks, r.checks.length, (c) => ({
      id: c.id,
      rule: c.rule,
      title: c.title,
      subject: c.subject,
      severity: c.severity,
      relation: c.relation,
      status: c.status,
      left: c.left,
      right: c.right,
      difference: c.difference,
      tolerance: c.tolerance,
      unit: c.unit,
      leftTerms: c.leftTerms,
      rightTerms: c.rightTerms,
      product: c.product,
      figures: c.figures,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.konton ? { konton: c.konton } : {}),
    })),
    notApplicable: r.notApplicable.map((n) => ({ ...n, reason: render(n.reason), reasonCode: n.reason.code })),
    stale: r.stale.map((a) => ({ ...a, why: render(a.why), whyCode: a.why.code })),
    coverage: r.coverage,
    figures: lazy(ledger.figures.values(), ledger.figures.size, (f) => ({
      id: f.id,
      value: f.value!.toString(),
      printed: f.printed,
      unit: f.unit,
      label: f.label,
      source: { file: f.source.file, line: f.source.line, column: f.source.column },
    })),
  });
}

/** The whole report as one string: for small ledgers and tests. */
export const renderJson = (ledger: Ledger, r: Reconciliation): string => [...jsonChunks(ledger, r)].join('');

/** A list whose items are made one at a time, as they are written. */
export class Lazy<T = unknown, U = unknown> {
  constructor(
    readonly items: Iterable<T>,
    readonly size: number,
    readonly map: (item: T) => U,
  ) {}
}
export const lazy = <T, U>(items: Iterable<T>, size: number, map: (item: T) => U) => new Lazy(items, size, map);

/** An object written key by key (its values may be Lazy lists or Chunked objects). */
export class Chunked {
  constructor(readonly value: Readonly<Record<string, unknown>>) {}
}
export const chunked = (value: Readonly<Record<string, unknown>>) => new Chunked(value);

/**
 * `JSON.stringify(value, null, 2)` at nesting `depth`, in chunks: a Chunked object key by
 * key, a Lazy list a batch of items at a time, anything else as one JSON.stringify.
 */
export function* prettyJson(value: unknown, depth: number): Generator<string> {
  const pad = '  '.repeat(depth);
  if (value instanceof Lazy) {
    if (value.size === 0) return yield '[]';
    let first = true;
    for (const batch of batches(value, BATCH)) {
      // "[\n<pad>  item,\n<pad>  item\n<pad>]" without its brackets.
      yield `${first ? '[' : ','}${stringifyAt(batch, depth).slice(1, -(pad.length + 2))}`;
      first = false;
    }
    return yield `\n${pad}]`;
  }
  if (value instanceof Chunked) {
    const entries = Object.entries(value.value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return yield '{}';
    for (const [i, [k, v]] of entries.entries()) {
      yield `${i ? ',' : '{'}\n${pad}  ${JSON.stringify(k)}: `;
      yield* prettyJson(v, depth + 1);
    }
    return yield `\n${pad}}`;
  }
  yield stringifyAt(value, depth);
}

/**
 * `JSON.stringify(value, null, 2)` with every line after the first indented for nesting
 * `depth`. The value is stringified inside `depth` arrays and cut out of them, so that no
 * second pass over the text re-indents it.
 */
export function stringifyAt(value: unknown, depth: number): string {
  if (depth === 0) return JSON.stringify(value, null, 2) ?? 'null';
  let wrapped: unknown = value === undefined ? null : value;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level opens with "<its indent>[\n" and closes with "\n<its indent>]"; the value's own
  // first line is indented by 2 × depth.
  const open = depth * depth + depth + 2 * depth;
  const close = depth * depth + depth;
  return text.slice(open, text.length - close);
}

/** Items per JSON.stringify call: few calls, and no string near V8's limit. */
const BATCH = 512;

function* batches<T, U>(list: Lazy<T, U>, n: number): Generator<U[]> {
  let batch: U[] = [];
  for (const item of list.items) {
    batch.push(list.map(item));
    if (batch.length === n) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
