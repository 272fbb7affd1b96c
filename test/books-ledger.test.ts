/**
 * The books through the loader and the command line: a ledger directory naming a tiny SIE 4
 * file (test/helpers/books.ts) for the base ledger, its kontoplan.yaml, and the input errors
 * of both, with file, line and column.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatInputError, LedgerInputError } from '../src/ledger/errors.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import { TINY_HUVUDBOK, tinyKonton, tinySie } from './helpers/books.js';
import { runCli } from './helpers/cli.js';
import { baseSpec, removeLedgers, writeLedger, type LedgerSpec, type PlainMap } from './helpers/ledger.js';

afterAll(removeLedgers);

function withBooks(change: (spec: LedgerSpec) => void = () => {}): LedgerSpec {
  const spec = baseSpec();
  (spec['ledger.yaml'] as PlainMap).huvudbok = structuredClone(TINY_HUVUDBOK);
  spec['huvudbok.se'] = tinySie();
  change(spec);
  return spec;
}

async function inputErrors(spec: LedgerSpec): Promise<string[]> {
  const dir = await writeLedger(spec);
  try {
    await loadLedger(dir);
  } catch (e) {
    if (e instanceof LedgerInputError) return e.errors.map((x) => formatInputError(x).replace(/^.*?(?=[^/]+:\d+)/, ''));
    throw e;
  }
  return [];
}

describe('a ledger with its general ledger', () => {
  it('reads the SIE file and checks the books against the report: exit 0', async () => {
    const dir = await writeLedger(withBooks());
    const ledger = await loadLedger(dir);
    expect(ledger.huvudbok?.bok.konton.size).toBe(Object.keys(tinyKonton()).length);
    const r = reconcile(ledger);
    expect(r.checks.filter((c) => c.rule.startsWith('E-')).length).toBeGreaterThan(80);
    expect(r.checks.filter((c) => c.status === 'discrepancy')).toEqual([]);
    const cli = await runCli(['reconcile', dir, '--no-xlsx']);
    expect(cli.code).toBe(0);
  });

  it('a kontoplan.yaml that maps an account to the wrong line: exit 1, naming the account and the lines', async () => {
    const dir = await writeLedger(withBooks((s) => (s['kontoplan.yaml'] = { rader: [{ rad: 'rr.ovriga_driftkostnader', konton: ['5011'] }] })));
    const cli = await runCli(['reconcile', dir, '--no-xlsx']);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('E-1/bok.rr.kostnader_for_lokaler.2024');
    expect(cli.stdout).toContain('E-1/bok.rr.ovriga_driftkostnader.2024');
    expect(cli.stdout).toMatch(/5011\s+-15 000 000\s+kr\s+Lokalhyror/);
  });

  it('writes the workbook with the Huvudbok sheet', async () => {
    const dir = await writeLedger(withBooks());
    const cli = await runCli(['reconcile', dir, '--out-dir', dir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('.xlsx');
  });
});

describe('input errors of the books', () => {
  it('overlapping ranges in kontoplan.yaml name both places', async () => {
    const errors = await inputErrors(withBooks((s) => (s['kontoplan.yaml'] = 'rader:\n  - rad: rr.kostnader_for_lokaler\n    konton: ["5011-5019"]\n  - rad: rr.ovriga_driftkostnader\n    konton: ["5015"]\n')));
    expect(errors).toEqual(['kontoplan.yaml:3:14: kontointervallet 5011-5019 (rr.kostnader_for_lokaler) överlappar 5015 (rr.ovriga_driftkostnader) i kontoplan.yaml:5:14: ett konto får höra till en enda rad']);
  });

  it('an unknown line, a malformed range and an unknown base are reported all at once', async () => {
    const errors = await inputErrors(withBooks((s) => (s['kontoplan.yaml'] = 'grund: ESV-1999\nrader:\n  - rad: rr.summa_intakter\n    konton: ["30-3012"]\n')));
    expect(errors).toEqual(['kontoplan.yaml:1:8: okänd kontoplan "ESV-1999": förväntade ESV-2024 eller ingen']);
    const more = await inputErrors(withBooks((s) => (s['kontoplan.yaml'] = 'rader:\n  - rad: rr.summa_intakter\n    konton: ["3011"]\n  - rad: rr.intakter_av_anslag\n    konton: ["30-3012", "3013-3011"]\n')));
    expect(more).toEqual([
      'kontoplan.yaml:2:10: okänd rad "rr.summa_intakter": förväntade rr.<rad> eller br.<rad> för en rad utan summa i layouten ESV-2024',
      'kontoplan.yaml:5:14: "30-3012": intervallets gränser måste ha lika många siffror',
      'kontoplan.yaml:5:25: "3013-3011": intervallets övre gräns är lägre än den nedre',
    ]);
  });

  it('a missing SIE file, an unknown object field, and SIE syntax errors: exit 2 with file:line:column', async () => {
    const missing = await inputErrors(withBooks((s) => ((s['ledger.yaml'] as PlainMap).huvudbok = { ...TINY_HUVUDBOK, fil: 'saknas.se', anslag: { dimension: '20', objekt: '{uo}:{anslagspost}' } })));
    expect(missing.join('\n')).toMatch(/ledger\.yaml:\d+:\d+: okänt fält \{anslagspost\}/);
    expect(missing.join('\n')).toMatch(/ledger\.yaml:\d+:\d+: filen "saknas.se" finns inte/);
    const broken = withBooks((s) => (s['huvudbok.se'] = tinySie().replace('#UB 0 1011 10000000.00', '#UB 0 1011 10000000.001')));
    const dir = await writeLedger(broken);
    const cli = await runCli(['reconcile', dir, '--no-xlsx']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/huvudbok\.se:\d+:\d+:/);
  });
});
