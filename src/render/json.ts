/**
 * The JSON report (schema: docs/json-report.md). Deterministic: the same input gives the
 * same bytes. Amounts are exact decimal strings.
 */
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';

export const JSON_SCHEMA_VERSION = '1';

export function renderJson(ledger: Ledger, r: Reconciliation): string {
  const report = {
    schema: `avstamning/reconciliation@${JSON_SCHEMA_VERSION}`,
    agency: r.agency,
    year: r.year,
    layout: r.layout,
    acknowledgementsIgnored: r.acknowledgementsIgnored,
    summary: r.summary,
    rules: r.rules,
    checks: r.checks.map((c) => ({
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
    })),
    stale: r.stale,
    coverage: r.coverage,
    figures: [...ledger.figures.values()].map((f) => ({
      id: f.id,
      value: f.value!.toString(),
      printed: f.printed,
      unit: f.unit,
      label: f.label,
      source: { file: f.source.file, line: f.source.line, column: f.source.column },
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
