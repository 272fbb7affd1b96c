/** The import report, in Swedish: what became figures and what did not. Renders only. */
import { plural } from '../messages/catalogue.js';
import type { ImportReport } from './index.js';


const PART_NAMES: Readonly<Record<string, string>> = {
  vu: 'Väsentliga uppgifter',
  rr: 'Resultaträkning',
  br: 'Balansräkning',
  fa: 'Finansieringsanalys',
  anslagsredovisning: 'Anslagsredovisning',
  utestaende_ataganden: 'Utestående åtaganden',
  noter: 'Noter',
};

const SECTION_NAMES: Readonly<Record<string, string>> = {
  vasentliga_uppgifter: 'Sammanställning över väsentliga uppgifter',
  resultatrakning: 'Resultaträkning',
  balansrakning: 'Balansräkning',
  anslag: 'Redovisning mot anslag',
  finansieringsanalys: 'Finansieringsanalys',
  noter: 'Noter',
};

const PAGES: Readonly<Record<ImportReport['sidor'], string>> = {
  sidbrytningar: 'Sidor: efter sidbrytningarna (form feed) i texten.',
  sidnummer: 'Sidor: efter raderna med sidnummer i texten.',
  radindrag: 'Sidor: efter textens radindrag (en sidas första rad börjar med ett mellanslag).',
  inga: 'Sidor: texten visar inga sidbrytningar eller sidnummer; figurerna anger bara rad (seed), inte sida.',
};

export function renderImportReport(r: ImportReport, ledgerDir: string): string {
  const total = Object.values(r.figures).reduce((a, b) => a + b, 0);
  const missing = Object.entries(r.missing).flatMap(([t, ids]) => ids.map((id) => `${t}.${id}`));
  const out = [
    `Import av ${r.myndighet} ${r.ar} till ${ledgerDir}: ${plural(total, 'figur', 'figurer')}.`,
    ...Object.entries(r.figures).map(([part, n]) => `  ${(PART_NAMES[part] ?? part).padEnd(28)} ${String(n).padStart(5)}`),
    '',
  ];
  out.push(PAGES[r.sidor], '');
  if (r.missingSections.length) out.push(`Rubriker som inte hittades: ${r.missingSections.map((s) => SECTION_NAMES[s] ?? s).join(', ')}.`, '');
  out.push(`Rader med tal som inte blev figurer: ${r.skipped.length}.`);
  for (const s of r.skipped) out.push(`  rad ${s.nr}${s.page ? ` (s. ${s.page})` : ''}: ${s.reason}`, `      ${s.text.length > 150 ? s.text.slice(0, 150) + ' …' : s.text}`);
  out.push('', `Uppställningens rader som inte finns i rapporten: ${missing.length} (rader utan belopp utelämnas ofta i rapporten).`);
  for (const [t, ids] of Object.entries(r.missing)) if (ids.length) out.push(`  ${t}: ${ids.join(', ')}`);
  out.push('', 'Granska figurerna mot rapporten innan årsredovisningsfilerna används; ett finansiellt villkor vars typ (tak, golv) inte framgår av fotnotens ordalydelse har typ "annat", som anges för hand.');
  return out.join('\n') + '\n';
}
