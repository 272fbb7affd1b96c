/** JUnit XML: one test case per check, a failure per unacknowledged discrepancy. */
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';
import { describeCheck } from './text.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // Characters XML 1.0 cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function renderJunit(ledger: Ledger, r: Reconciliation): string {
  const byRule = new Map<string, Reconciliation['checks'][number][]>();
  for (const c of r.checks) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
  const suites = [...byRule.entries()].map(([rule, checks]) => {
    const failures = checks.filter((c) => c.status === 'discrepancy').length;
    const title = r.rules.find((x) => x.id === rule)?.title ?? rule;
    const cases = checks.map((c) => {
      const head = `    <testcase classname="${esc(`${r.agency} ${r.year}.${rule}`)}" name="${esc(`${c.id}: ${c.subject}`)}" time="0"`;
      if (c.status === 'discrepancy') {
        return `${head}>\n      <failure message="${esc(`Avvikelse ${c.difference} (tolerans ${c.tolerance})`)}" type="discrepancy">${esc(describeCheck(ledger, c))}</failure>\n    </testcase>`;
      }
      if (c.status === 'acknowledged') {
        return `${head}>\n      <system-out>${esc(`Känd avvikelse: ${c.reason ?? ''}\n${describeCheck(ledger, c)}`)}</system-out>\n    </testcase>`;
      }
      return `${head}/>`;
    });
    return `  <testsuite name="${esc(`${rule} ${title}`)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failures = r.checks.filter((c) => c.status === 'discrepancy').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(`avstämning ${r.agency} ${r.year}`)}" tests="${r.checks.length}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
