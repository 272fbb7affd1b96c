// Writes the rule table at the end of docs/rules.md from every rule (src/rules/listing.ts).
// Usage: node scripts/rules-md.mjs   (after npm run build). test/rules.test.ts checks that the
// table is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { EVERY_RULE } from '../dist/rules/listing.js';

export const HEADING = '## The rules\n';
const cell = (s) => s.replace(/\|/g, '\\|');
export const ruleTable = (rules) =>
  ['| id | title | severity | source | reads |', '| --- | --- | --- | --- | --- |', ...rules.map((r) => `| ${[r.id, r.title, r.severity, r.source, r.reads].map(cell).join(' | ')} |`)].join('\n') + '\n';

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = 'docs/rules.md';
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `${text.slice(0, text.indexOf(HEADING) + HEADING.length)}\n${ruleTable(EVERY_RULE)}`);
}
