// Mutation analysis of the bundled ledger: change each figure well above any rounding
// tolerance and see whether the reconciler reports a discrepancy naming it.
// Usage: node scripts/mutation.mjs [ledger-dir]   (after npm run build)
import { loadLedger } from '../dist/ledger/load.js';
import { mutationAnalysis } from '../dist/rules/mutation.js';
import { bokMutationsanalys } from '../dist/rules/books-mutation.js';

const dir = process.argv[2] ?? 'ledgers/migrationsverket/2024';
const ledger = await loadLedger(dir);
const t0 = performance.now();
const r = mutationAnalysis(ledger);
const ms = performance.now() - t0;
console.log(`${r.detected.length} of ${r.total} figures detected (${(100 * r.detected.length / r.total).toFixed(1)} %), ${r.undetected.length} not, in ${ms.toFixed(0)} ms`);
for (const u of r.undetected) console.log(`  ${u.id}  ${u.why}`);

// The books: move a million kr between two accounts that feed different lines.
const t1 = performance.now();
const b = bokMutationsanalys(ledger);
if (b) {
  console.log(`books: ${b.detected.length} of ${b.total} accounts (both years) detected (${(100 * b.detected.length / b.total).toFixed(1)} %), ${b.undetected.length} not, in ${(performance.now() - t1).toFixed(0)} ms`);
  for (const u of b.undetected) console.log(`  ${u.konto} ${u.ar} → ${u.mot}  ${u.why}`);
}
