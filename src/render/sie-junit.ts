/** JUnit XML of `avstamning sie`: a test suite per D-rule, a failure per discrepancy. */
import type { SieRapport } from '../books/rapport.js';
import { SIE_REGLER } from '../books/fynd.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // Characters XML 1.0 cannot carry.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function renderSieJunit(r: SieRapport): string {
  const suites = SIE_REGLER.map((rule) => {
    const checks = r.checks.filter((c) => c.rule === rule.id);
    const cases = checks.map((c) => {
      const where = c.source ? ` (${c.source.file}:${c.source.line})` : '';
      const head = `    <testcase classname="${esc(`${r.file}.${rule.id}`)}" name="${esc(`${c.id}: ${c.message}`)}" time="0"`;
      if (c.status === 'discrepancy') return `${head}>\n      <failure message="${esc(c.message + where)}" type="discrepancy"/>\n    </testcase>`;
      if (c.status === 'skipped') return `${head}>\n      <skipped message="${esc(c.message)}"/>\n    </testcase>`;
      if (c.status === 'warning') return `${head}>\n      <system-out>${esc(`Varning: ${c.message}${where}`)}</system-out>\n    </testcase>`;
      return `${head}/>`;
    });
    const failures = checks.filter((c) => c.status === 'discrepancy').length;
    const skipped = checks.filter((c) => c.status === 'skipped').length;
    return `  <testsuite name="${esc(`${rule.id} ${rule.title}`)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const failures = r.checks.filter((c) => c.status === 'discrepancy').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${esc(`avstämning sie ${r.file}`)}" tests="${r.checks.length}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
