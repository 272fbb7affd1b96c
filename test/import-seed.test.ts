/**
 * The importer on the published text of the bundled ledger's report: the imported ledger
 * is compared with the hand-made one figure by figure. Skipped where the published text
 * (../shared) is not on the machine, as in CI's clean clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importText } from '../src/import/index.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import type { Ledger } from '../src/domain/model.js';
import { compareLedgers, figureKey, partOf, type PartComparison } from './helpers/compare-ledgers.js';
import { removeTempDirs, tempDir } from './helpers/tmp.js';

afterAll(removeTempDirs);

/** The parts the import reads: the financial part's statements, anslagsredovisning and notes. */
const IMPORTED_PARTS = ['vasentliga_uppgifter', 'resultatrakning', 'balansrakning', 'finansieringsanalys', 'anslagsredovisning', 'noter'];
/**
 * A tie a person declared row by row (B-23: "utgående = ingående + förändring", "Summa =
 * the other columns") is, in the imported ledger, the table's total column (A-21), which
 * the import declares where the columns show it.
 */
const SAME_CHECK: Readonly<Record<string, readonly string[]>> = { 'B-23': ['B-23', 'A-21'] };

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
  const dir = tempDir('avstamning-import-');
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
  it('notes: no wrong value, and at least 90 % of the figures (by note, line and column)', () => {
    const p = part('noter');
    expect(p.wrong).toEqual([]);
    expect(p.same / p.total).toBeGreaterThanOrEqual(0.9);
  });
  it('finansiella villkor: the kind read from the footnotes is the hand-made one, or annat (to set by hand)', () => {
    const seed = (l: Ledger, id: string) => `${[...l.figures.values()].find((f) => f.id.startsWith(`villkor.${id}.`))?.seed?.[0]}`;
    const handTyp = new Map(hand.anslagsredovisning!.finansiellaVillkor.map((v) => [seed(hand, v.id), v.typ]));
    const got = imported.anslagsredovisning!.finansiellaVillkor.map((v) => ({ seed: seed(imported, v.id), typ: v.typ }));
    expect(got.length).toBe(handTyp.size);
    for (const v of got) expect([handTyp.get(v.seed), 'annat'], v.seed).toContain(v.typ);
    expect(got.filter((v) => v.typ !== 'annat').length).toBeGreaterThanOrEqual(got.length - 1);
  });
  it("reconcile of the imported ledger finds each disagreement the hand-made one acknowledges, by rule and place", () => {
    const handChecks = new Map(reconcile(hand, { ignoreAcknowledgements: true }).checks.map((c) => [c.id, c]));
    const found = reconcile(imported, { ignoreAcknowledgements: true }).checks.filter((c) => c.status === 'discrepancy');
    const places = (l: Ledger, ids: readonly string[]) => new Set(ids.map((id) => figureKey(l, id) ?? id));
    let compared = 0;
    for (const a of hand.acknowledgements) {
      const want = handChecks.get(a.check);
      expect(want?.status, a.check).toBe('discrepancy');
      // Tables outside the financial part (the performance part's tables) are not imported.
      if (want!.figures.some((id) => !IMPORTED_PARTS.includes(partOf(hand, id)))) continue;
      compared++;
      const wanted = [...places(hand, want!.figures)].sort();
      const rules = SAME_CHECK[want!.rule] ?? [want!.rule];
      const match = found.find((c) => rules.includes(c.rule) && [...places(imported, c.figures)].sort().join() === wanted.join());
      expect(match?.id, `${a.check}: no ${rules.join('/')} discrepancy on ${wanted.join(', ')}`).toBeDefined();
    }
    expect(compared).toBeGreaterThanOrEqual(9);
    console.log(`reconcile of the imported ledger: ${found.length} discrepancies: ${found.map((c) => c.id).join(', ')}`);
  });
});
