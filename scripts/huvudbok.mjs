// Writes the synthetic general ledger of the bundled agency, ledgers/migrationsverket/2024/huvudbok.se
// (SIE 4E, CP437), from the published report in the same directory. Deterministic: the same
// report gives the same bytes. Run by `npm run build`; the file is not committed.
// The books are synthetic (made up to fit); the report is real.
// Usage: node scripts/huvudbok.mjs [ledger-dir]   (after tsc)
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { loadLedger } from '../dist/ledger/load.js';
import { syntetiskHuvudbok } from '../dist/books/syntetisk/index.js';
import { sieText } from '../dist/books/syntetisk/sie.js';

/** Migrationsverket's flows: which anslagsposter are charged to which accounts. */
const UPPLAGG = {
  dimension: '20',
  format: '{uo}:{a1}:{a2}:{ap}',
  forvaltning: 'uo8.1_1.ap1',
  drift: ['uo8.1_2.ap3', 'uo8.1_6.ap2'],
  delad: 'uo8.1_8.ap1',
  // Not 1, fotnot 1: semesterlöneskuld före 2009 942 tkr, förvarsplatser i Flen 51 570 tkr, SSC2 3 184 tkr.
  statskapital: [
    { konto: '2013', namn: 'Statskapital, semesterlöneskuld intjänad före 2009', andel: 942 },
    { konto: '2011', namn: 'Statskapital, anslagsfinansierade anläggningstillgångar', andel: 51570 },
    { konto: '2012', namn: 'Statskapital, anslagsfinansierade anläggningstillgångar SSC2', andel: 3184 },
  ],
  inkomstdimension: '21',
  inkomstformat: '{titel}:{undertitel}',
};

export async function writeHuvudbok(dir) {
  const ledger = await loadLedger(dir, { utanHuvudbok: true });
  const bok = syntetiskHuvudbok(ledger, UPPLAGG);
  const target = path.join(dir, 'huvudbok.se');
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, iconv.encode(sieText(bok, `${bok.ar + 1}0215`), 'cp437'));
  renameSync(tmp, target);
  return { target, vouchers: bok.verifikationer.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { target, vouchers } = await writeHuvudbok(process.argv[2] ?? 'ledgers/migrationsverket/2024');
  process.stdout.write(`skrev ${target} (${vouchers} verifikationer, syntetisk huvudbok)\n`);
}
