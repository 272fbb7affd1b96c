/**
 * Renders the imported ledger as YAML files in the hand-written style of
 * docs/ledger-format.md: one flow mapping per row. Only renders; decides nothing.
 */
import type { ImportedRow, ImportedTable } from './model.js';

/** A scalar, plain where YAML reads it back as the same text (failsafe schema), else quoted. */
export function scalar(s: string): string {
  const plain = /^[\p{L}\p{N}_–(][\p{L}\p{N}_ .()/–§'-]*$/u.test(s) && !/\s$/.test(s) && !/ #|: /.test(s);
  const negative = /^-\d[\d ]*(,\d+)?$/.test(s);
  return plain || negative ? s : JSON.stringify(s);
}

const list = (xs: readonly string[]) => `[${xs.map(scalar).join(', ')}]`;

export function rowYaml(r: ImportedRow): string {
  const parts = [`id: ${r.id}`, `text: ${scalar(r.text)}`];
  if (r.rad) parts.push(`rad: ${r.rad}`);
  if (r.anslagspost) parts.push(`anslagspost: ${r.anslagspost}`);
  if (r.egen) parts.push('egen: true');
  if (r.enhet) parts.push(`enhet: ${r.enhet}`);
  if (r.not !== undefined) parts.push(`not: ${r.not}`);
  if (r.specificerar) parts.push(`specificerar: ${scalar(r.specificerar)}`);
  if (r.lika) parts.push(`lika: ${scalar(r.lika)}`);
  if (r.summa) parts.push(`summa: ${list(r.summa)}`);
  if (r.v) parts.push(`v: ${list(r.v)}`);
  if (r.seed) parts.push(`seed: ${r.seed}`);
  if (r.sida !== undefined) parts.push(`sida: ${r.sida}`);
  return `      - {${parts.join(', ')}}`;
}

export function tablesYaml(tables: readonly ImportedTable[], comment: string): string {
  const out = [`# ${comment}`, 'tabeller:'];
  for (const t of tables) {
    out.push(`  - id: ${t.id}`, `    titel: ${scalar(t.titel)}`, `    typ: ${t.typ}`);
    if (t.not !== undefined) out.push(`    not: ${t.not}`);
    out.push(`    enhet: ${t.enhet}`, '    kolumner:');
    for (const c of t.kolumner) out.push(`      - {id: ${scalar(c.id)}, rubrik: ${scalar(c.rubrik)}}`);
    if (t.kolumnsummor?.length) out.push('    kolumnsummor:', ...t.kolumnsummor.map((k) => `      - {kolumn: ${scalar(k.kolumn)}, summa: ${list(k.summa)}}`));
    out.push(t.rader.length ? '    rader:' : '    rader: []');
    for (const r of t.rader) out.push(rowYaml(r));
  }
  return out.join('\n') + '\n';
}
