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
import { naText } from './helpers/not-applicable.js';
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
    // The tiny accounts, and 2099 and 8999 of last year's closing entry.
    expect(ledger.huvudbok?.bok.konton.size).toBe(Object.keys(tinyKonton()).length + 2);
    const r = reconcile(ledger);
    expect(r.checks.filter((c) => c.rule.startsWith('E-')).length).toBeGreaterThan(80);
    expect(r.checks.filter((c) => c.status === 'discrepancy')).toEqual([]);
    // The books' integrity too: one check of zero deviations per D-rule, D-10 and D-13 not applicable.
    const d = r.checks.filter((c) => /^D-(?!9$)/.test(c.rule));
    expect(d.map((c) => `${c.id} ${c.status}`)).toEqual(['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-6', 'D-7', 'D-8', 'D-11', 'D-12', 'D-14'].map((id) => `${id} ok`));
    expect(naText(r).filter((n) => n.rule === 'D-10' || n.rule === 'D-13').map((n) => n.reason)).toEqual(['filen har ingen #PSALDO', 'filen har ingen #KSUMMA']);
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

  it('reports the books\' integrity (D-rules) with the SIE file\'s line: an unbalanced voucher exit 1, a late one a warning', async () => {
    const sie = tinySie();
    const unbalanced = sie.replace(/(#TRANS 1911 \{\} )57000000\.00/, '$156999999.00');
    expect(unbalanced).not.toBe(sie);
    const dir = await writeLedger(withBooks((s) => (s['huvudbok.se'] = unbalanced)));
    const cli = await runCli(['reconcile', dir, '--no-xlsx']);
    expect(cli.code).toBe(1);
    const line = unbalanced.split('\n').findIndex((l) => l.startsWith('#VER A 1 ')) + 1;
    expect(cli.stdout).toContain(`✗ D-3/A/1/${line} [D-3 fel]`);
    expect(cli.stdout).toContain('verifikation A 1 20241231 "8:1:1:1" balanserar inte: summan är -1.00 kr');
    expect(cli.stdout).toMatch(new RegExp(`bok\\.D-3/A/1/${line}\\s+\\(.*huvudbok\\.se:${line}:1\\)`));
    // D-6 names 1911, whose movement no longer reaches its #UB; E-1 does not see 1 kr in tkr.
    expect(cli.stdout).toContain('✗ D-6/1911');
    const late = withBooks((s) => (s['huvudbok.se'] = sie.replace(/#VER A 2 20241231/, '#VER A 2 20250105')));
    const warned = await runCli(['reconcile', await writeLedger(late), '--no-xlsx']);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/D-12\/A\/2\/\d+ \[D-12 varning\]/);
    expect((await runCli(['reconcile', await writeLedger(late), '--no-xlsx', '--strict'])).code).toBe(1);
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
