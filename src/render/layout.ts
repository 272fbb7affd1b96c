/** `avstamning layout`: a layout version's lines, labels and sums, as text. */
import type { LayoutVersion } from '../domain/model.js';

export function renderLayout(v: LayoutVersion): string {
  const out = [`${v.id}: ${v.title}`];
  for (const layout of v.layouts) {
    out.push('', `  ${layout.title} (${layout.source})`);
    const width = Math.max(...layout.lines.map((l) => l.id.length));
    for (const l of layout.lines) {
      const sum = l.sum ? ` = ${l.sum.map((s, i) => (s.startsWith('-') ? `− ${s.slice(1)}` : i ? `+ ${s}` : s)).join(' ')}` : '';
      const marks = [l.negativ ? 'trycks negativ' : '', l.unit ? `enhet ${l.unit}` : ''].filter(Boolean);
      out.push(`    ${l.id.padEnd(width)}  ${l.label}${marks.length ? ` (${marks.join(', ')})` : ''}${sum}`);
    }
    for (const e of layout.equal ?? []) out.push(`    lika: ${e.left} = ${e.right}`);
    for (const o of layout.opening ?? []) out.push(`    ingående = föregående års utgående: ${o.opening} = ${o.closing}`);
  }
  return out.join('\n') + '\n';
}
