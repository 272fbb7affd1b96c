/**
 * The importer on the published text of the bundled ledger's report: the imported ledger
 * is compared with the hand-made one figure by figure. Skipped where the published text
 * (../shared) is not on the machine, as in CI's clean clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importText } from '../src/import/index.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import type { Ledger } from '../src/domain/model.js';
import { compareLedgers, type PartComparison } from './helpers/compare-ledgers.js';

const DIR = 'ledgers/migrationsverket/2024';
const kalla = /^kalla:\s*(\S+)/m.exec(readFileSync(path.join(DIR, 'ledger.yaml'), 'utf8'))?.[1];
const seedPath = kalla ? path.resolve(DIR, kalla) : '';
const present = kalla !== undefined && existsSync(seedPath);
if (!present) console.warn(`import test on the seed skipped: the published text ${seedPath || '(kalla: not set)'} is not on this machine`);

let hand: Ledger;
let imported: Ledger;
let parts: PartComparison[];
beforeAll(async () => {
  if (!present) return;
  const result = importText(readFileSync(seedPath, 'utf8'));
  const dir = await mkdtemp(path.join(tmpdir(), 'avstamning-import-'));
  for (const [file, content] of result.files) await writeFile(path.join(dir, file), content);
  hand = await loadLedger(DIR);
  imported = await loadLedger(dir);
  parts = compareLedgers(hand, imported);
  for (const p of parts) {
    console.log(`import vs hand-made, ${p.part}: ${p.same} of ${p.total} (${((100 * p.same) / p.total).toFixed(1)} %), ${p.wrong.length} wrong, ${p.missing.length} missing`);
    for (const w of p.wrong) console.log(`  wrong: ${w}`);
  }
});

describe.skipIf(!present)('import of the published text of the bundled report', () => {
  const part = (name: string) => parts.find((p) => p.part === name)!;
  it.each(['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter', 'anslagsredovisning'])('%s: at least 99 %% of the figures, none wrong', (name) => {
    const p = part(name);
    expect(p.wrong).toEqual([]);
    expect(p.same / p.total).toBeGreaterThanOrEqual(0.99);
  });
});
