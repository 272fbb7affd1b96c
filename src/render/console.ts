/** The console report: a summary a person reads in ten seconds, then every discrepancy. */
import type { Ledger } from '../domain/model.js';
import type { Reconciliation } from '../rules/types.js';
import { describeCheck, statusCounts, type Place } from './text.js';
import { plural, render } from '../messages/catalogue.js';

const indent = (s: string, n: number) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

export function renderConsole(ledger: Ledger, r: Reconciliation, outputs: readonly string[] = [], place: Place = (file) => file): string {
  const s = r.summary;
  const discrepancies = r.checks.filter((c) => c.status === 'discrepancy');
  const acknowledged = r.checks.filter((c) => c.status === 'acknowledged');
  const errors = discrepancies.filter((c) => c.severity === 'fel').length;
  const warnings = discrepancies.length - errors;
  const warningText = `${warnings} VARNING${warnings > 1 ? 'AR' : ''}`;
  const verdict = errors
    ? `${errors} AVVIKELSE${errors > 1 ? 'R' : ''} ATT ÅTGÄRDA${warnings ? ` OCH ${warningText}` : ''}`
    : warnings
      ? `${warningText} (underkänner körningen bara med --strict)`
      : 'ALLT STÄMMER' + (acknowledged.length ? ' (med kända avvikelser)' : '');
  const lines = [
    `avstämning · ${r.agency} ${r.year} · layout ${r.layout}`,
    `${verdict}`,
    `  ${statusCounts(s)}`,
    `  täckning: ${r.coverage.covered} av ${plural(r.coverage.figures, 'figur', 'figurer')} läses av minst en kontroll; ${plural(r.coverage.uncovered.length, 'oläst', 'olästa')}, varav ${r.coverage.unjustified.length} utan motivering`,
    ...(s.notApplicable ? [`  ${plural(s.notApplicable, 'ej tillämplig', 'ej tillämpliga')} (raden saknas i layouten eller årsredovisningen)${r.coverage.rulesNotApplicable.length ? `; regler utan kontroll: ${r.coverage.rulesNotApplicable.join(', ')}` : ''}`] : []),
    ...(r.acknowledgementsIgnored ? ['  kända avvikelser ignoreras (--ignore-acknowledgements)'] : []),
    ...(s.stale ? [`  ${plural(s.stale, 'inaktuell känd avvikelse', 'inaktuella kända avvikelser')}`] : []),
    ...outputs.map((o) => `  skrev ${o}`),
  ];
  if (discrepancies.length) {
    lines.push('', 'Avvikelser:');
    for (const c of discrepancies) lines.push(`  ✗ ${c.id} [${c.rule} ${c.severity}]`, indent(describeCheck(ledger, c, place), 4));
  }
  if (acknowledged.length) {
    lines.push('', 'Kända avvikelser:');
    for (const c of acknowledged) lines.push(`  ~ ${c.id}: ${c.subject}`, `      ${c.reason ?? ''}`);
  }
  if (r.coverage.unjustified.length) {
    lines.push('', 'Olästa figurer utan motivering (ingen kontroll läser dem):');
    for (const id of r.coverage.unjustified) {
      const f = ledger.figures.get(id)!;
      lines.push(`  · ${id} ${f.printed} (${place(f.source.file)}:${f.source.line})`);
    }
  }
  if (r.notApplicable.length) {
    lines.push('', 'Ej tillämpliga:');
    for (const n of r.notApplicable) lines.push(`  – ${n.rule} ${n.subject}: ${render(n.reason)}`);
  }
  if (r.stale.length) {
    lines.push('', 'Inaktuella kända avvikelser (matchar ingen avvikelse):');
    for (const a of r.stale) lines.push(`  ? ${a.check} (${place(a.source.file)}:${a.source.line}): ${render(a.why)}`);
  }
  return lines.join('\n') + '\n';
}

