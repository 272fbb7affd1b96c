/**
 * D-15 (src/rules/year-over-year.ts): each balance account's #IB in this year's general
 * ledger = its #UB in last year's. Two tiny ledgers of one agency, 2023 and 2024, each with
 * a tiny SIE file (test/helpers/books.ts) whose balances carry over, or do not.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figureById, type Ledger } from '../src/domain/model.js';
import { loadLedger } from '../src/ledger/load.js';
import { render } from '../src/messages/catalogue.js';
import { reconcile } from '../src/rules/engine.js';
import { TINY_HUVUDBOK, tinyKonton, tinySie, type Kontotabell } from './helpers/books.js';
import { runCli } from './helpers/cli.js';
import { baseSpec, removeLedgers, writeLedger, type LedgerSpec, type PlainMap } from './helpers/ledger.js';

const work: string[] = [];
afterAll(async () => {
  await removeLedgers();
  await Promise.all(work.map((d) => rm(d, { recursive: true, force: true })));
});

/** Last year's books: this year's opening balances (the 2023 column) as their closing ones. */
function lastYearsKonton(change: (k: Kontotabell) => void = () => {}): Kontotabell {
  const k = Object.fromEntries(Object.entries(tinyKonton()).map(([nr, [namn, , y1]]) => [nr, [namn, y1, y1]])) as Kontotabell;
  change(k);
  return k;
}

function spec(year: string, sie: string | null): LedgerSpec {
  const s = baseSpec();
  const manifest = s['ledger.yaml'] as PlainMap;
  manifest.ar = year;
  if (sie !== null) {
    manifest.huvudbok = structuredClone(TINY_HUVUDBOK);
    s['huvudbok.se'] = sie;
  }
  return s;
}

const PATH_2023 = 'testverket/2023';

/** The two years' ledgers, each with the SIE text given (null: no books). */
async function pair(sie2023: string | null, sie2024: string | null = tinySie()): Promise<{ now: Ledger; dirs: [string, string] }> {
  const dirs: [string, string] = [await writeLedger(spec('2023', sie2023)), await writeLedger(spec('2024', sie2024))];
  const [before, now] = await Promise.all(dirs.map((d) => loadLedger(d)));
  return { now: { ...now!, previousYear: { ledger: before!, path: PATH_2023 } }, dirs };
}

const lineOf = (text: string, record: string) => text.split('\n').findIndex((l) => l.startsWith(record)) + 1;

describe('D-15: opening balances in the books = last year\'s closing balances', () => {
  it('ties every balance account when last year\'s #UB is this year\'s #IB; the closed result differs, a warning', async () => {
    const { now } = await pair(tinySie(lastYearsKonton()));
    const checks = reconcile(now).checks.filter((c) => c.rule === 'D-15');
    // The tiny books close last year's result to 2099 (Årets kapitalförändring) in this year's opening balance.
    const balanceAccounts = [...Object.keys(tinyKonton()).filter((k) => Number(k[0]) <= 2), '2099'].sort();
    expect(checks.map((c) => c.id)).toEqual(balanceAccounts.map((k) => `D-15/bok.konto.${k}.ib`));
    expect(checks.filter((c) => c.status !== 'ok').map((c) => [c.id, c.severity, c.right])).toEqual([['D-15/bok.konto.2099.ib', 'varning', '0']]);
    expect(checks.find((c) => c.id === 'D-15/bok.konto.1510.ib')!.right).toBe('900000');
  });

  it('finds an account whose balance did not carry over, naming the account and both files with their lines', async () => {
    const sie2023 = tinySie(lastYearsKonton((k) => (k['1510']![1] = '900 100')));
    const { now } = await pair(sie2023);
    const r = reconcile(now);
    const bad = r.checks.filter((c) => c.rule === 'D-15' && c.status !== 'ok' && c.id !== 'D-15/bok.konto.2099.ib');
    expect(bad.map((c) => [c.id, c.status, c.difference, c.severity])).toEqual([['D-15/bok.konto.1510.ib', 'discrepancy', '-100', 'varning']]);
    expect(bad[0]!.subject).toBe(`Konto 1510 Kundfordringar: ingående balans 2024 (huvudbok.se) = utgående balans 2023 (${PATH_2023}/huvudbok.se)`);
    const [ib, ub] = bad[0]!.figures.map((id) => figureById(now, id)!);
    expect(ib!.source).toEqual({ file: 'huvudbok.se', line: lineOf(tinySie(), '#IB 0 1510'), column: 1 });
    expect(ub!.source).toEqual({ file: `${PATH_2023}/huvudbok.se`, line: lineOf(sie2023, '#UB 0 1510'), column: 1 });
  });

  it('is not applicable, with the reason, unless both years have books', async () => {
    const reasons = async (sie2023: string | null, sie2024: string | null) => {
      const r = reconcile((await pair(sie2023, sie2024)).now);
      expect(r.checks.filter((c) => c.rule === 'D-15')).toEqual([]);
      return r.notApplicable.filter((n) => n.rule === 'D-15').map((n) => render(n.reason));
    };
    expect(await reasons(null, tinySie())).toEqual(['årsredovisningen 2023 har ingen huvudbok (huvudbok: i ledger.yaml)']);
    expect(await reasons(tinySie(lastYearsKonton()), null)).toEqual(['årsredovisningen 2024 har ingen huvudbok (huvudbok: i ledger.yaml)']);
    expect(await reasons(null, null)).toEqual(['årsredovisningarna 2024 och 2023 har ingen huvudbok (huvudbok: i ledger.yaml)']);
  });

  it('reconcile <dir> reports the break on the console with both files, and writes the workbooks', { timeout: 60_000 }, async () => {
    const { dirs } = await pair(tinySie(lastYearsKonton((k) => (k['2441']![1] = '-3 000 001'))));
    const tree = await mkdtemp(path.join(os.tmpdir(), 'avstamning-d15-'));
    work.push(tree);
    await cp(dirs[0], path.join(tree, PATH_2023), { recursive: true });
    await cp(dirs[1], path.join(tree, 'testverket/2024'), { recursive: true });
    const out = path.join(tree, 'r.json');
    const r = await runCli(['reconcile', tree, '--out-dir', path.join(tree, 'ut'), '--json', out]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`skrev ${path.join(tree, 'ut', 'oversikt.xlsx')}`);
    expect(r.stdout).toContain(`Konto 2441 Leverantörsskulder: ingående balans 2024 (huvudbok.se) = utgående balans 2023 (${PATH_2023}/huvudbok.se)`);
    const report = JSON.parse(await readFile(out, 'utf8'));
    const d15 = report.ledgers[1].result.checks.filter((c: { rule: string; status: string }) => c.rule === 'D-15' && c.status === 'discrepancy');
    expect(d15.map((c: { id: string }) => c.id)).toEqual(['D-15/bok.konto.2099.ib', 'D-15/bok.konto.2441.ib']);
  });
});
