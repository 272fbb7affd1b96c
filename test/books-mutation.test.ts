/**
 * The mutation test extended to the books: moving an amount between two accounts that feed
 * different lines (the voucher still balances) is detected for at least 99 % of the accounts
 * with a balance, both years, naming the lines; the rest are listed with their reason.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../src/domain/model.js';
import { loadLedger } from '../src/ledger/load.js';
import { bokMutationsanalys, type BokMutation } from '../src/rules/books-mutation.js';
import { reconcile } from '../src/rules/engine.js';
import { syntetiskHuvudbok } from '../src/books/syntetisk/index.js';
import { sieText } from '../src/books/syntetisk/sie.js';
import { ROOT } from './helpers/cli.js';
import { withBooks } from './helpers/books.js';
import { ledgerWith, removeLedgers } from './helpers/ledger.js';

afterAll(removeLedgers);

describe('mutation of the books', () => {
  let bundled: Ledger;
  let result: BokMutation;
  beforeAll(async () => {
    bundled = await loadLedger(path.join(ROOT, 'ledgers/migrationsverket/2024'));
    result = bokMutationsanalys(bundled)!;
  }, 60_000);

  it('the bundled ledger has books: every account with a balance, both years', () => {
    const accounts = bundled.huvudbok!.harledning.ar.reduce((n, ar) => n + [...ar.rader.values()].filter((r) => !r.summa).reduce((m, r) => m + r.konton.length, 0), 0);
    expect(result.total).toBe(accounts);
    expect(result.total).toBeGreaterThan(100);
  });

  it('detects a move between lines for at least 99 % of the accounts, naming the lines', () => {
    expect(result.detected.length / result.total).toBeGreaterThanOrEqual(0.99);
    for (const d of result.detected) expect(d.rader.some((r) => r.startsWith('E-1/bok.'))).toBe(true);
    // The few it cannot detect, with the reason.
    for (const u of result.undetected) expect(u.why).toMatch(/\S/);
  });

  it('on the tiny books too, and the move names both lines', async () => {
    const ledger = withBooks((await ledgerWith()).ledger);
    const r = bokMutationsanalys(ledger)!;
    expect(r.undetected).toEqual([]);
    const lokaler = r.detected.find((d) => d.konto === '5011' && d.ar === '2024')!;
    const partner = [...ledger.huvudbok!.harledning.ar[0]!.rader.values()].find((x) => !x.summa && x.konton.some((k) => k.konto === lokaler.mot))!;
    expect(lokaler.rader).toEqual(expect.arrayContaining(['E-1/bok.rr.kostnader_for_lokaler.2024', `E-1/bok.${partner.rad}.2024`]));
  });
});

describe('the bundled books', () => {
  it('agree with the report: every RR and BR figure and every anslagspost is read by an E-check, none fails', async () => {
    const ledger = await loadLedger(path.join(ROOT, 'ledgers/migrationsverket/2024'));
    const r = reconcile(ledger);
    const books = r.checks.filter((c) => /^[DE]-/.test(c.rule));
    expect(books.filter((c) => c.status === 'discrepancy')).toEqual([]);
    const read = new Set(books.flatMap((c) => c.figures));
    const statements = [...ledger.figures.keys()].filter((id) => /^(rr|br)\./.test(id) && !id.includes('ansvarsforbindelser'));
    expect(statements.filter((id) => !read.has(id))).toEqual([]);
    const utgifter = [...ledger.figures.keys()].filter((id) => /^anslag\..*\.ap\d+\.utgifter$/.test(id));
    expect(utgifter.length).toBeGreaterThan(15);
    expect(utgifter.filter((id) => !read.has(id))).toEqual([]);
    expect(r.coverage.konton?.olasta).toEqual([]);
  });

  it('are generated deterministically, and say they are synthetic', async () => {
    const ledger = await loadLedger(path.join(ROOT, 'ledgers/migrationsverket/2024'), { utanHuvudbok: true });
    const upplagg = { dimension: '20', format: '{uo}:{a1}:{a2}:{ap}', forvaltning: 'uo8.1_1.ap1', drift: ['uo8.1_2.ap3', 'uo8.1_6.ap2'], delad: 'uo8.1_8.ap1', statskapital: [{ konto: '2011', namn: 'Statskapital', andel: 1 }], inkomstdimension: '21', inkomstformat: '{titel}:{undertitel}' };
    const a = sieText(syntetiskHuvudbok(ledger, upplagg), '20250215');
    expect(sieText(syntetiskHuvudbok(ledger, upplagg), '20250215')).toBe(a);
    expect(a).toMatch(/^#FLAGGA 0\r\n/);
    expect(a).toContain('syntetisk huvudbok');
    expect(a.match(/^#VER /gm)!.length).toBeGreaterThan(10_000);
  });
});
