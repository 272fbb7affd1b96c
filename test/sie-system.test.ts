/**
 * SIE files as other systems write them (test/fixtures/sie/system/, small files written for
 * these tests in the style of each system's exports): each reads without an input error, with
 * the type, encoding and balances it holds. Build first: `npx tsc -p tsconfig.json`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';
import { lasSieBuffer } from '../src/sie/lasare.js';

const DIR = path.join(ROOT, 'test', 'fixtures', 'sie', 'system');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'avstamning-sie-system-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

interface Rapport {
  summary: { type: string; encoding: string; vouchers: number; transactions: number };
  company: { name: string; orgnr: string | null };
  balances: { account: string; ib: string | null; movement: string | null; ub: string | null; res: string | null }[];
  checks: { rule: string; status: string }[];
}

async function las(fil: string): Promise<{ code: number; stderr: string; json: Rapport }> {
  const json = path.join(tmp, `${fil}.json`);
  const r = await runCli(['sie', path.join(DIR, fil), '--json', json]);
  return { code: r.code, stderr: r.stderr, json: JSON.parse(await readFile(json, 'utf8')) as Rapport };
}

const status = (j: Rapport, rule: string) => j.checks.filter((c) => c.rule === rule).map((c) => c.status);
const saldo = (j: Rapport, konto: string) => j.balances.find((b) => b.account === konto);

describe('SIE files in the style of other systems', () => {
  it('SoftOne: padded columns, { }, a text cut at a fixed width with its closing quote, #KTYP without a type', async () => {
    const { code, stderr, json } = await las('softone.se');
    expect(code, stderr).toBe(0);
    expect(json.summary).toMatchObject({ type: '4E', encoding: 'cp437', vouchers: 1, transactions: 2 });
    expect(json.company).toEqual({ name: 'Myndigheten för prov', orgnr: '202100-0001' });
    expect(saldo(json, '3010')).toMatchObject({ movement: '-6800.00', res: '-6800.00' });
    expect(status(json, 'D-3')).toEqual(['ok']);
  });

  it('BL Administration 4I: #RAR 0 without dates, series "" and #, a backslash that escapes nothing', async () => {
    const { code, stderr, json } = await las('bl-4i.si');
    expect(code, stderr).toBe(0);
    expect(json.summary).toMatchObject({ type: '4I', vouchers: 2, transactions: 4 });
    expect(status(json, 'D-12')).toEqual(['skipped']);
    expect(status(json, 'D-5')).toEqual(['skipped']);
  });

  it('Visma 4I: UTF-8 without BOM, CRLF, an empty #ORGNR, #RAR without #KONTO', async () => {
    const { code, stderr, json } = await las('visma-4i.si');
    expect(code, stderr).toBe(0);
    expect(json.summary).toMatchObject({ type: '4I', encoding: 'utf-8', vouchers: 1 });
    expect(json.company).toEqual({ name: 'Myndigheten för prov', orgnr: null });
    expect(status(json, 'D-1')).toEqual(['ok']);
    expect(saldo(json, '7832')).toMatchObject({ movement: '1500.00' });
  });

  it('Norstedts: TABs between fields, #KSUMMA with the CRC its writer computed', async () => {
    const { code, stderr, json } = await las('norstedts-ksumma.se');
    expect(code, stderr).toBe(0);
    expect(status(json, 'D-13')).toEqual(['ok']);
    expect(saldo(json, '2010')).toMatchObject({ ib: '-500.00', ub: '-500.00' });
  });

  it('optional #TRANS fields empty or given (date, text, quantity, sign), #RTRANS/#BTRANS, a blank line, no last line break', async () => {
    const { code, stderr, json } = await las('valfria-falt.se');
    expect(code, stderr).toBe(0);
    expect(json.summary).toMatchObject({ vouchers: 2, transactions: 4 });
    expect(saldo(json, '4010')).toMatchObject({ movement: '500.00', res: '500.00' });
    expect(json.checks.filter((c) => c.status !== 'ok' && c.status !== 'skipped')).toEqual([]);
  });
});

describe('an open quote', () => {
  const text = (rad: string) => Buffer.from(`#FLAGGA 0\n${rad}\n#KONTO 1930 Bank\n`, 'latin1');
  it('in a free text runs to the line end', () => {
    for (const rad of ['#FNAMN "Myndigheten', '#KONTO 2010 "Eget', '#PROGRAM "Prov 1.0', '#OBJEKT 20 "1:1" "Anslag', '#NYPOST 1 "x']) {
      expect(lasSieBuffer(text(rad), 'p.se').fel, rad).toEqual([]);
    }
    expect(lasSieBuffer(text('#FNAMN "Myndigheten för'), 'p.se').bok.foretag.namn).toBe('Myndigheten för');
  });
  it('anywhere else is an input error at the quote', () => {
    for (const [rad, kolumn] of [['#KONTO "2010 Eget', 8], ['#OBJEKT 20 "1:1 Anslag', 12], ['#IB 0 "1930 100', 7], ['#DIM "20 Anslag', 6]] as const) {
      expect(lasSieBuffer(text(rad), 'p.se').fel.map((f) => [f.code, f.column]), rad).toEqual([['sie.citat_oppet', kolumn]]);
    }
  });
});
