/**
 * Year-over-year rules (src/rules/year-over-year.ts): a passing and a failing test each, on
 * a pair of small synthetic ledgers of one agency (bench/synthetic.mjs), 2023 and 2024,
 * whose comparatives agree; each failing test changes one figure of last year's report.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/amount.js';
import type { Ledger } from '../src/domain/model.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import type { Reconciliation } from '../src/rules/types.js';
import { ROOT } from './helpers/cli.js';

interface Synthetic {
  writeSyntheticLedger(dir: string, factor: number, options?: { agency?: string; year?: number; restatement?: boolean; break?: boolean }): { restated: string[]; broken: string[] };
}

let work: string;
let y2023: Ledger;
let y2024: Ledger;
let restated2024: Ledger;
let broken2024: Ledger;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'avstamning-yoy-'));
  const { writeSyntheticLedger } = (await import(path.join(ROOT, 'bench', 'synthetic.mjs'))) as Synthetic;
  const write = async (name: string, year: number, options = {}) => {
    writeSyntheticLedger(path.join(work, name), 1, { agency: 'Testverket', year, ...options });
    return loadLedger(path.join(work, name));
  };
  y2023 = await write('2023', 2023);
  y2024 = await write('2024', 2024);
  restated2024 = await write('2024-restated', 2024, { restatement: true });
  broken2024 = await write('2024-broken', 2024, { break: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Last year's ledger with one figure changed by `delta`. */
function changed(l: Ledger, id: string, delta = 1000): Ledger {
  const f = l.figures.get(id);
  expect(f, id).toBeDefined();
  const figures = new Map(l.figures);
  figures.set(id, { ...f!, value: f!.value!.plus(delta) });
  return { ...l, figures };
}

const yoy = (now: Ledger, before: Ledger, options = {}): Reconciliation => reconcile({ ...now, previousYear: { ledger: before, path: 'testverket/2023' } }, options);
const status = (r: Reconciliation, id: string) => r.checks.find((c) => c.id === id)?.status;
const ofRule = (r: Reconciliation, rule: string) => r.checks.filter((c) => c.rule === rule);

describe('year over year', () => {
  it('makes no year-over-year check without last year\'s report', () => {
    const r = reconcile(y2024);
    expect(r.rules.map((x) => x.id)).not.toContain('B-18');
    expect(r.checks.some((c) => c.figures.some((f) => f.startsWith('fg:')))).toBe(false);
  });

  it.each(['B-18', 'B-8', 'B-20', 'F-6'])('%s: every comparative ties to last year\'s report', (rule) => {
    const r = yoy(y2024, y2023);
    expect(ofRule(r, rule).length).toBeGreaterThan(0);
    expect(ofRule(r, rule).filter((c) => c.status !== 'ok')).toEqual([]);
  });

  it('B-18: a changed comparative of the balansräkning is a discrepancy', () => {
    const r = yoy(y2024, changed(y2023, 'br.kassa_och_bank.2023'));
    expect(status(r, 'B-18/br.kassa_och_bank.2023')).toBe('discrepancy');
    expect(ofRule(r, 'B-18').filter((c) => c.status === 'discrepancy')).toHaveLength(1);
  });

  it('B-18: the five-year table\'s columns are tied shifted by one year', () => {
    const ok = yoy(y2024, y2023);
    expect(['2023', '2022', '2021', '2020'].map((y) => status(ok, `B-18/vu.arets_kapitalforandring.${y}`))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(status(ok, 'B-18/vu.arets_kapitalforandring.2019')).toBeUndefined();
    const r = yoy(y2024, changed(y2023, 'vu.arets_kapitalforandring.2021'));
    expect(status(r, 'B-18/vu.arets_kapitalforandring.2021')).toBe('discrepancy');
  });

  it('B-8: a changed comparative in a note is a discrepancy', () => {
    const r = yoy(y2024, changed(y2023, 'not2.rad3.2023'));
    expect(status(r, 'B-8/not2.rad3.2023')).toBe('discrepancy');
  });

  it('B-8: an opening balance that is not last year\'s closing balance is a discrepancy', () => {
    const r = yoy(y2024, changed(y2023, 'balans.utgaende.2023'));
    expect(status(r, 'B-8/balans.ingaende.2024')).toBe('discrepancy');
  });

  it('B-20: ingående överföringsbelopp that is not last year\'s utgående is a discrepancy, per anslagspost and in the sums', () => {
    const r = yoy(broken2024, y2023);
    expect(status(r, 'B-20/anslag.uo1.1_1.ap1.ingaende_overforingsbelopp')).toBe('discrepancy');
    expect(status(r, 'B-20/anslag.uo1.1_1.ap2.ingaende_overforingsbelopp')).toBe('ok');
    expect(status(r, 'B-20/anslag.summa.ingaende_overforingsbelopp')).toBe('discrepancy');
    // The break is consistent inside this year's report: only the chain finds it.
    expect(r.checks.filter((c) => c.status === 'discrepancy').every((c) => c.rule === 'B-20')).toBe(true);
  });

  it('F-6: ingående åtaganden that are not last year\'s utgående are a discrepancy', () => {
    const r = yoy(y2024, changed(y2023, 'bemyndigande.uo1.1_1.ap1.utgaende_ataganden'));
    expect(status(r, 'F-6/bemyndigande.uo1.1_1.ap1.ingaende_ataganden')).toBe('discrepancy');
  });

  it('a restated comparative is acknowledged with the reason the ledger gives', () => {
    const r = yoy(restated2024, y2023);
    const c = r.checks.find((x) => x.id === 'B-8/not1.rad1.2023')!;
    expect(c.status).toBe('acknowledged');
    expect(c.reason).toBe('Omräknad jämförelsesiffra: Syntetisk omräkning: jämförelsesiffrorna i not 1 har räknats om');
    expect(r.summary.discrepancy).toBe(0);
    expect(r.stale).toEqual([]);
    // Without acknowledgements the restatement is a discrepancy again.
    expect(status(yoy(restated2024, y2023, { ignoreAcknowledgements: true }), 'B-8/not1.rad1.2023')).toBe('discrepancy');
  });

  it('a restatement of a comparative that did not change is stale', () => {
    const r = yoy(restated2024, changed(y2023, 'not1.rad1.2023', 500));
    expect(status(r, 'B-8/not1.rad1.2023')).toBe('ok');
    expect(r.stale).toEqual([expect.objectContaining({ check: 'omräknad jämförelsesiffra', figures: ['not1.rad1.2023'] })]);
  });

  it('names last year\'s figures with their report and path', () => {
    const r = yoy(broken2024, y2023);
    const c = r.checks.find((x) => x.id === 'B-20/anslag.uo1.1_1.ap1.ingaende_overforingsbelopp')!;
    expect(c.rightTerms).toEqual([{ sign: 1, figure: 'fg:anslag.uo1.1_1.ap1.utgaende_overforingsbelopp' }]);
    expect(new Decimal(c.difference).toString()).toBe('1000');
  });
});
