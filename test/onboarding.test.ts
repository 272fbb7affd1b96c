/**
 * `avstamning init` writes a skeleton that `check` and `reconcile` accept, for every layout
 * version; `avstamning layout` lists every line id of every version.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAYOUT_VERSIONS } from '../src/domain/layouts/index.js';
import { loadLedger } from '../src/ledger/load.js';
import { runCli } from './helpers/cli.js';

const dirs: string[] = [];
const fresh = async () => {
  const d = await mkdtemp(path.join(tmpdir(), 'avstamning-init-'));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe.each([...LAYOUT_VERSIONS.keys()])('init with layout %s', (version) => {
  it('writes every layout line, empty, and check and reconcile accept it', async () => {
    const dir = path.join(await fresh(), 'ny', '2025');
    const init = await runCli(['init', dir, '--myndighet', 'Exempelverket', '--ar', '2025', '--layout', version]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const ledger = await loadLedger(dir);
    expect(ledger).toMatchObject({ agency: 'Exempelverket', year: '2025', layout: version });
    expect(ledger.figures.size).toBe(0);
    for (const layout of LAYOUT_VERSIONS.get(version)!.layouts) {
      const table = ledger.tables.find((t) => t.kind === layout.kind)!;
      expect(table.rows.map((r) => r.id)).toEqual(layout.lines.map((l) => l.id));
    }
    expect((await runCli(['check', dir])).code).toBe(0);
    const reconciled = await runCli(['reconcile', dir, '--no-xlsx', '--quiet']);
    expect(reconciled.code).toBe(0);
    expect(reconciled.stdout).toContain('ej tillämpliga');
  });
});

describe('init', () => {
  it('a skeleton filled in with a real difference is found: the figures are where a user writes them', async () => {
    const dir = path.join(await fresh(), 'x');
    await runCli(['init', dir, '--ar', '2025']);
    const file = path.join(dir, 'resultatrakning.yaml');
    const text = (await readFile(file, 'utf8'))
      .replace('{id: intakter_av_avgifter, text: Intäkter av avgifter och andra ersättningar, v: [–, –]}', '{id: intakter_av_avgifter, text: Intäkter av avgifter och andra ersättningar, v: [100, –]}')
      .replace('{id: summa_intakter, text: Summa verksamhetens intäkter, v: [–, –]}', '{id: summa_intakter, text: Summa verksamhetens intäkter, v: [90, –]}');
    await writeFile(file, text);
    const r = await runCli(['reconcile', dir, '--no-xlsx', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 AVVIKELSE ATT ÅTGÄRDA');
  });

  it('refuses a directory that is not empty, and an unknown layout, with exit 2', async () => {
    const dir = await fresh();
    await writeFile(path.join(dir, 'ledger.yaml'), 'myndighet: x\n');
    const busy = await runCli(['init', dir]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('finns redan och är inte tom');
    const unknown = await runCli(['init', path.join(dir, 'ny'), '--layout', 'ESV-1999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('okänd layoutversion "ESV-1999": förväntade ESV-2024, ESV-2024-utan-anslag');
  });
});

describe('layout', () => {
  it('lists every line id, label and sum of every version', async () => {
    const r = await runCli(['layout']);
    expect(r.code).toBe(0);
    for (const v of LAYOUT_VERSIONS.values()) {
      expect(r.stdout).toContain(`${v.id}: ${v.title}`);
      for (const l of v.layouts.flatMap((x) => x.lines)) expect(r.stdout).toMatch(new RegExp(`\\n    ${l.id} +${l.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    expect(r.stdout).toMatch(/summa_intakter +Summa verksamhetens intäkter = intakter_av_anslag \+ intakter_av_avgifter \+ intakter_av_bidrag \+ finansiella_intakter\n/);
    expect(r.stdout).toMatch(/kostnader_for_personal +Kostnader för personal \(trycks negativ\)\n/);
  });

  it('lists one version when named, and refuses an unknown one with exit 2', async () => {
    const one = await runCli(['layout', 'ESV-2024-utan-anslag']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toBe('');
    expect(one.stdout).toContain('ESV-2024-utan-anslag: ');
    expect(one.stdout).not.toContain('ESV-2024: ');
    expect(one.stdout).toMatch(/\n {4}summa_intakter /);
    expect(one.stdout).not.toMatch(/\n {4}intakter_av_anslag /);
    const unknown = await runCli(['layout', 'ESV-1999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('okänd layoutversion "ESV-1999"');
  });
});
