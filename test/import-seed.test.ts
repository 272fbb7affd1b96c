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
  it('notes: no wrong value, and at least 85 % of the figures (by note, line and column)', () => {
    const p = part('noter');
    expect(p.wrong).toEqual([]);
    expect(p.same / p.total).toBeGreaterThanOrEqual(0.85);
  });
  it("reconcile finds the report's acknowledged disagreements in the statements and the five-year table", () => {
    const found = new Set(reconcile(imported, { ignoreAcknowledgements: true }).checks.filter((c) => c.status === 'discrepancy').map((c) => c.id));
    // The acknowledgements about statement figures; those about note tables rest on sums and ties a person declared.
    const statementLevel = hand.acknowledgements.filter((a) => /^[A-Z]-\d+\/(vu|rr|br|fa)\./.test(a.check)).map((a) => a.check);
    expect(statementLevel.length).toBeGreaterThanOrEqual(3);
    for (const id of statementLevel) expect(found, id).toContain(id);
    console.log(`reconcile of the imported ledger: ${found.size} discrepancies: ${[...found].join(', ')}; hand-made acknowledges ${hand.acknowledgements.map((a) => a.check).join(', ')}`);
  });
});
