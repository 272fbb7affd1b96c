/** JUnit XML: one test case per check, a failure per unacknowledged discrepancy. */
import type { Ledger } from '../domain/model.js';
import type { CheckResult, Reconciliation } from '../rules/types.js';
import { describeCheck } from './text.js';

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // Characters XML 1.0 cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function testcase(ledger: Ledger, r: Reconciliation, c: CheckResult): string {
  const head = `    <testcase classname="${esc(`${r.agency} ${r.year}.${c.rule}`)}" name="${esc(`${c.id}: ${c.subject}`)}" time="0"`;
  if (c.status === 'discrepancy') {
    return `${head}>\n      <failure message="${esc(`Avvikelse ${c.difference} (tolerans ${c.tolerance})`)}" type="discrepancy">${esc(describeCheck(ledger, c))}</failure>\n    </testcase>`;
  }
  if (c.status === 'acknowledged') {
    return `${head}>\n      <system-out>${esc(`Känd avvikelse: ${c.reason ?? ''}\n${describeCheck(ledger, c)}`)}</system-out>\n    </testcase>`;
  }
  return `${head}/>`;
}

const suite = (name: string, cases: readonly string[], failures: number, errors = 0) =>
  `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;

export function renderJunit(ledger: Ledger, r: Reconciliation): string {
  const byRule = new Map<string, CheckResult[]>();
  for (const c of r.checks) {
    const list = byRule.get(c.rule);
    if (list) list.push(c);
    else byRule.set(c.rule, [c]);
  }
  const titles = new Map(r.rules.map((x) => [x.id, x.title]));
  const suites = [...byRule.entries()].map(([rule, checks]) =>
    suite(`${rule} ${titles.get(rule) ?? rule}`, checks.map((c) => testcase(ledger, r, c)), checks.filter((c) => c.status === 'discrepancy').length),
  );
  const failures = r.checks.filter((c) => c.status === 'discrepancy').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(`avstämning ${r.agency} ${r.year}`)}" tests="${r.checks.length}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** One ledger of a run over many as one test suite: a test case per check. */
export function renderJunitLedgerSuite(ledger: Ledger, r: Reconciliation): string {
  return suite(`${r.agency} ${r.year}`, r.checks.map((c) => testcase(ledger, r, c)), r.summary.discrepancy);
}

/** A ledger that could not be read: one test case in error, naming every input error. */
export function renderJunitInvalidSuite(name: string, errors: readonly string[]): string {
  const c = `    <testcase classname="${esc(name)}" name="${esc(`${name}: årsredovisningen kan inte läsas`)}" time="0">\n      <error message="${esc(`${errors.length} fel i årsredovisningens filer`)}" type="input">${esc(errors.join('\n'))}</error>\n    </testcase>`;
  return suite(name, [c], 0, 1);
}

/** The start of the XML of a run over many ledgers, with its totals; `</testsuites>` closes it. */
export function junitBatchStart(tests: number, failures: number, errors: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="avstämning" tests="${tests}" failures="${failures}" errors="${errors}">\n`;
}
