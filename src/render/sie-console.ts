/** The console report of `avstamning sie`: what the file holds, then every finding. */
import type { SieRapport } from '../books/rapport.js';

/** A count with Swedish digit grouping (no-break spaces), without Intl: its locale data costs a cold process some 15 ms, and a Node built with small ICU has no sv-SE. */
const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
const plural = (x: number, en: string, flera: string) => `${n(x)} ${x === 1 ? en : flera}`;
const KODNING: Readonly<Record<string, string>> = { 'cp437': 'CP437 (PC8)', 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (inte PC8 som specifikationen kräver)' };

export function renderSieConsole(r: SieRapport, outputs: readonly string[] = []): string {
  const s = r.summary;
  const fel = r.checks.filter((c) => c.status === 'discrepancy');
  const varningar = r.checks.filter((c) => c.status === 'warning');
  const ej = r.checks.filter((c) => c.status === 'skipped');
  const verdict = fel.length ? `${plural(fel.length, 'AVVIKELSE', 'AVVIKELSER')} I HUVUDBOKEN` : 'HUVUDBOKEN ÄR HEL';
  const lines = [
    `avstämning sie · ${r.file}`,
    `${r.company.name ?? '(inget företagsnamn)'}${r.company.orgnr ? ` (${r.company.orgnr})` : ''}${r.year ? ` · räkenskapsår ${r.year.start}–${r.year.end}` : ''}`,
    `SIE ${s.type}, teckenkodning ${KODNING[s.encoding] ?? s.encoding}${s.declaredFormat ? ` (#FORMAT ${s.declaredFormat})` : ''}${r.program ? ` · ${r.program}` : ''}`,
    `  ${plural(s.vouchers, 'verifikation', 'verifikationer')}, ${plural(s.transactions, 'transaktion', 'transaktioner')} (${n(s.rtrans)} #RTRANS, ${n(s.btrans)} #BTRANS), ${plural(s.accounts, 'konto', 'konton')}`,
    ...(s.series.length ? [`  serier: ${s.series.map((x) => `${x.series || '""'} ${n(x.vouchers)} st (${x.first}–${x.last})`).join(', ')}`] : []),
    ...(Object.keys(s.unknownRecords).length ? [`  okända poster (hoppades över): ${Object.entries(s.unknownRecords).map(([k, v]) => `${k} ${n(v)}`).join(', ')}`] : []),
    '',
    `${'Per kontoklass, år 0 (kr)'.padEnd(50)} ${'IB'.padStart(18)} ${'förändring'.padStart(18)} ${'UB'.padStart(18)} ${'resultat'.padStart(18)}`,
    ...r.classes.map((k) => `  ${`${k.klass} ${k.name}`.padEnd(48)} ${k.ib.padStart(18)} ${k.movement.padStart(18)} ${k.ub.padStart(18)} ${k.res.padStart(18)}`),
    '',
    verdict,
    `  ${plural(r.checks.length, 'kontroll', 'kontroller')}: ${n(r.checks.filter((c) => c.status === 'ok').length)} ok, ${plural(fel.length, 'avvikelse', 'avvikelser')}, ${plural(varningar.length, 'varning', 'varningar')}, ${plural(ej.length, 'ej prövad', 'ej prövade')}`,
    ...outputs.map((o) => `  skrev ${o}`),
  ];
  const where = (c: SieRapport['checks'][number]) => (c.source ? ` (${c.source.file}:${c.source.line})` : '');
  if (fel.length) lines.push('', 'Avvikelser:', ...fel.map((c) => `  ✗ ${c.id}${where(c)}: ${c.message}`));
  if (varningar.length) lines.push('', 'Varningar:', ...varningar.map((c) => `  ! ${c.id}${where(c)}: ${c.message}`));
  if (ej.length) lines.push('', 'Ej prövade:', ...ej.map((c) => `  - ${c.id}: ${c.message}`));
  return lines.join('\n') + '\n';
}
