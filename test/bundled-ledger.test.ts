/**
 * Integration test over the bundled Migrationsverket 2024 ledger: it loads completely,
 * every figure stands on its line of the published text, it reconciles with exactly the
 * acknowledged disagreements, and the mutation analysis catches every figure a rule reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import { mutationAnalysis } from '../src/rules/mutation.js';
import { renderJson } from '../src/render/json.js';
import type { Ledger } from '../src/domain/model.js';

const DIR = 'ledgers/migrationsverket/2024';
let ledger: Ledger;
beforeAll(async () => {
  ledger = await loadLedger(DIR);
});

describe('the bundled ledger loads completely', () => {
  it('has more than 1 300 figures in the financial part', () => {
    const performancePart = [...ledger.figures.keys()].filter((id) => id.startsWith('tabell_3_')).length;
    expect(ledger.figures.size - performancePart).toBeGreaterThan(1300);
  });
  it('has every statement, table and note of the financial part', () => {
    const kinds = ledger.tables.map((t) => t.kind);
    for (const k of ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter']) expect(kinds).toContain(k);
    expect(ledger.notes.map((n) => n.number)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    for (const id of ['tabell_3_1', 'tabell_3_2', 'tabell_3_5', 'tabell_3_8', 'tabell_3_9', 'utestaende_ataganden']) expect(ledger.tables.map((t) => t.id)).toContain(id);
    const a = ledger.anslagsredovisning!;
    expect(a.utgiftsomraden.map((u) => u.uo)).toEqual(['7', '8', '13']);
    expect(a.utgiftsomraden.flatMap((u) => u.anslag.flatMap((x) => x.poster)).length).toBe(18);
    expect(a.inkomsttitlar?.titlar.length).toBe(5);
    expect(a.bemyndiganden.length).toBe(2);
    expect(a.finansiellaVillkor.length).toBe(6);
    expect(ledger.regleringsbrev!.anslagsposter.map((p) => p.anslagspost)).toEqual(
      expect.arrayContaining(['uo8.1_1.ap1', 'uo13.1_2.ap1', 'uo13.1_2.ap3', 'uo13.1_2.ap4', 'uo13.1_2.ap5', 'uo13.1_2.ap6', 'uo13.1_2.ap12', 'uo13.1_2.ap15']),
    );
    const br = ledger.tables.find((t) => t.kind === 'balansrakning')!;
    expect(br.rows.map((r) => r.id)).toContain('ovriga_ansvarsforbindelser');
    // Both year columns of every note table with periods.
    for (const t of ledger.tables.filter((x) => x.kind === 'not' && x.columns.some((c) => c.id === '2024') && x.columns.some((c) => c.id === '2023'))) {
      expect(t.rows.some((r) => r.cells['2023'])).toBe(true);
    }
  });
});

describe('transcription: every figure stands on its line of the published text', () => {
  const manifest = readFileSync(path.join(DIR, 'ledger.yaml'), 'utf8');
  const kalla = /^kalla:\s*(\S+)/m.exec(manifest)?.[1];
  const seedPath = kalla ? path.resolve(DIR, kalla) : '';
  const present = kalla !== undefined && existsSync(seedPath);
  if (!present) console.warn(`transcription test skipped: the published text ${seedPath || '(kalla: not set)'} is not on this machine`);
  it.skipIf(!present)('every figure has a seed line, and its printed form stands there, in column order', () => {
    const lines = readFileSync(seedPath, 'utf8').split('\n');
    const norm = (s: string) => s.replace(/[\u00a0\u2009\u202f\t]/g, ' ').replace(/[\u2212\u2013]/g, '-').replace(/- (?=\d)/g, '-').replace(/\s+/g, ' ');
    const problems: string[] = [];
    // Figures of one row (same seed, same YAML line) must appear in order.
    const rows = new Map<string, { id: string; printed: string; seed: readonly [number, number] }[]>();
    for (const f of ledger.figures.values()) {
      if (!f.seed) {
        problems.push(`${f.id}: no seed line`);
        continue;
      }
      const key = `${f.source.file}:${f.source.line}:${f.seed.join('-')}`;
      rows.set(key, [...(rows.get(key) ?? []), { id: f.id, printed: f.printed, seed: f.seed }]);
    }
    for (const figures of rows.values()) {
      const [a, b] = figures[0]!.seed;
      const text = ` ${norm(lines.slice(a - 1, b).join(' '))} `;
      let at = 0;
      for (const f of figures) {
        const needle = norm(f.printed.trim());
        // The printed form, not glued to other digits.
        const re = new RegExp(`(?<![\\d,])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\d]|,\\d)`, 'g');
        re.lastIndex = at;
        const m = re.exec(text);
        if (!m) problems.push(`${f.id}: "${f.printed}" not on line ${a}${b !== a ? `-${b}` : ''} after column ${at}: ${text.trim().slice(0, 160)}`);
        else at = m.index + m[0].length;
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the bundled ledger reconciles', () => {
  it('exits clean: every real disagreement acknowledged, none stale, every unread figure justified', () => {
    const r = reconcile(ledger);
    expect(r.summary.discrepancy).toBe(0);
    expect(r.summary.acknowledged).toBe(ledger.acknowledgements.length);
    expect(r.stale).toEqual([]);
    expect(r.coverage.unjustified).toEqual([]);
  });
  it('without acknowledgements, the discrepancies are exactly the acknowledged ones', () => {
    const r = reconcile(ledger, { ignoreAcknowledgements: true });
    expect(r.checks.filter((c) => c.status === 'discrepancy').map((c) => c.id).sort()).toEqual(ledger.acknowledgements.map((a) => a.check).sort());
  });
  it('reads every figure of the statements and the anslagsredovisning', () => {
    const r = reconcile(ledger);
    const core = r.coverage.uncovered.filter((id) => /^(rr|br|fa|anslag|inkomsttitel|bemyndigande|villkor)\./.test(id));
    expect(core).toEqual([]);
  });
  it('writes byte-identical JSON for the same input', () => {
    expect(renderJson(ledger, reconcile(ledger))).toBe(renderJson(ledger, reconcile(ledger)));
  });
});

describe('mutation analysis', () => {
  it('detects a change to every figure some check reads; the rest are the justified unread figures', () => {
    const m = mutationAnalysis(ledger);
    const r = reconcile(ledger);
    const rate = (100 * m.detected.length) / m.total;
    console.log(`mutation analysis: ${m.detected.length} of ${m.total} figures detected (${rate.toFixed(1)} %); ${m.undetected.length} not, all justified as unread`);
    expect(m.undetected.map((u) => u.id).sort()).toEqual([...r.coverage.uncovered].sort());
    expect(rate).toBeGreaterThan(90);
    // Apart from the regleringsbrev's decision history (decisions superseded during the year,
    // which no limit reads and the report restates nowhere), under 3 % of the figures escape.
    const history = m.undetected.filter((u) => u.id.startsWith('rb.'));
    expect((m.undetected.length - history.length) / m.total).toBeLessThan(0.03);
  });
});
