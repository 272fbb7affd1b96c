// Mutation analysis of the bundled ledger: change each figure well above any rounding
// tolerance and see whether the reconciler reports a discrepancy naming it.
// Usage: node scripts/mutation.mjs [ledger-dir]   (after npm run build)
import { loadLedger } from '../dist/ledger/load.js';
import { mutationAnalysis } from '../dist/rules/mutation.js';

const dir = process.argv[2] ?? 'ledgers/migrationsverket/2024';
const ledger = await loadLedger(dir);
const t0 = performance.now();
const r = mutationAnalysis(ledger);
const ms = performance.now() - t0;
console.log(`${r.detected.length} of ${r.total} figures detected (${(100 * r.detected.length / r.total).toFixed(1)} %), ${r.undetected.length} not, in ${ms.toFixed(0)} ms`);
for (const u of r.undetected) console.log(`  ${u.id}  ${u.why}`);
