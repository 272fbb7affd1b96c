/**
 * A run over a directory of many ledgers, through the built command line: the summary,
 * the JSON report (each ledger's entry holds the result a single-ledger run gives), JUnit
 * with a suite per ledger, the overview workbook, the worst exit code, output that does not
 * depend on the number of threads, and shards that merge into the same report as one run.
 *
 * Build first: `npx tsc -p tsconfig.json`.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

const SLOW = { timeout: 120_000 };
const MINIMAL = path.join(ROOT, 'test/fixtures/minimal');
const AGENCIES = ['alfa', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];

let work: string;
let tree: string;

/** A tree of eight agencies (copies of the minimal ledger under their own names), one of them with a discrepancy. */
async function makeTree(dir: string): Promise<void> {
  for (const a of AGENCIES) {
    const to = path.join(dir, a, '2024');
    await cp(MINIMAL, to, { recursive: true });
    const manifest = await readFile(path.join(to, 'ledger.yaml'), 'utf8');
    await writeFile(path.join(to, 'ledger.yaml'), manifest.replace('myndighet: Testmyndigheten', `myndighet: Myndigheten ${a}`));
  }
  // gamma: one figure changed, so its sum no longer ties.
  const file = path.join(dir, 'gamma', '2024', 'arsredovisning.yaml');
  const text = await readFile(file, 'utf8');
  const changed = text.replace(/v: \[(\d[\d ]*),/, (_, n: string) => `v: [${Number(n.replace(/ /g, '')) + 7},`);
  expect(changed).not.toBe(text);
  await writeFile(file, changed);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'avstamning-batch-'));
  tree = path.join(work, 'ledgers');
  await makeTree(tree);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const reconcileTree = (name: string, ...extra: string[]) =>
  runCli(['reconcile', tree, '--no-xlsx', '--json', path.join(work, `${name}.json`), '--junit', path.join(work, `${name}.xml`), ...extra]);

describe('reconcile <dir> with many ledgers', SLOW, () => {
  it('prints one summary table, then the discrepancies, and exits with the worst code', async () => {
    const r = await reconcileTree('all');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [head, table, ...details] = r.stdout.split('\n\n');
    expect(head).toContain('avstämning · 8 årsredovisningar');
    expect(head).toContain('1 ÅRSREDOVISNING MED AVVIKELSER');
    // The counts over all ledgers, each noun in number.
    expect(head).toMatch(/\n {2}\d+ kontroller: \d+ ok, 0 avrundningar, 2 avvikelser, 0 kända avvikelser$/m);
    const rows = table!.split('\n').slice(1);
    expect(rows.map((l) => l.split(/\s{2,}/)[0])).toEqual([...AGENCIES].sort().map((a) => `Myndigheten ${a}`));
    expect(rows.find((l) => l.startsWith('Myndigheten gamma'))).toMatch(/avvikelse/);
    expect(details.join('\n\n')).toContain('avstämning · Myndigheten gamma 2024');
    expect(details.join('\n\n')).not.toContain('Myndigheten alfa');
  });

  it('holds in each JSON entry the same result a single-ledger run gives', async () => {
    const batch = JSON.parse(await readFile(path.join(work, 'all.json'), 'utf8'));
    expect(batch.schema).toBe('avstamning/batch@1');
    expect(batch.ledgers.map((l: { path: string }) => l.path)).toEqual([...AGENCIES].sort().map((a) => `${a}/2024`));
    const single = path.join(work, 'single.json');
    const r = await runCli(['reconcile', path.join(tree, 'gamma', '2024'), '--no-xlsx', '--json', single]);
    expect(r.code).toBe(1);
    const gamma = batch.ledgers.find((l: { path: string }) => l.path === 'gamma/2024');
    expect(gamma).toMatchObject({ agency: 'Myndigheten gamma', year: '2024', exit: 1 });
    expect(gamma.result).toEqual(JSON.parse(await readFile(single, 'utf8')));
    const discrepancies = batch.ledgers.reduce((n: number, l: { result: { summary: { discrepancy: number } } }) => n + l.result.summary.discrepancy, 0);
    expect(batch.summary).toMatchObject({ ledgers: 8, passed: 7, failed: 1, invalid: 0, discrepancy: discrepancies, exit: 1 });
  });

  it('writes JUnit with one test suite per ledger', async () => {
    const xml = await readFile(path.join(work, 'all.xml'), 'utf8');
    expect(xml.match(/<testsuite /g)).toHaveLength(8);
    expect(xml).toContain('<testsuite name="Myndigheten gamma 2024"');
  });

  it('writes the same bytes with one thread as with several', async () => {
    const r = await reconcileTree('one', '--jobs', '1');
    expect(r.code).toBe(1);
    expect(await readFile(path.join(work, 'one.json'), 'utf8')).toBe(await readFile(path.join(work, 'all.json'), 'utf8'));
    expect(await readFile(path.join(work, 'one.xml'), 'utf8')).toBe(await readFile(path.join(work, 'all.xml'), 'utf8'));
  });

  it('shards 1/4 … 4/4, merged, give the same report and exit code as one run, from any working directory', async () => {
    // The tree with one invalid ledger too: its errors name files, relative to the tree.
    const dir = path.join(work, 'sharded');
    await cp(tree, dir, { recursive: true });
    await writeFile(path.join(dir, 'beta', '2024', 'ledger.yaml'), 'myndighet: Trasig\n');
    const whole = path.join(work, 'sharded.json');
    expect((await runCli(['reconcile', dir, '--no-xlsx', '--json', whole])).code).toBe(2);
    const parts = [1, 2, 3, 4].map((i) => path.join(work, `shard-${i}.json`));
    const codes = [];
    // Each shard from another working directory (CI jobs need not agree on one), with the tree
    // named relative to it.
    const dirs = [ROOT, work, dir, path.join(dir, 'beta')];
    for (const [i, part] of parts.entries()) {
      const shard = await runCli(['reconcile', path.relative(dirs[i]!, dir) || '.', '--no-xlsx', '--shard', `${i + 1}/4`, '--json', part], { cwd: dirs[i]! });
      codes.push(shard.code);
    }
    expect(Math.max(...codes)).toBe(2);
    const merged = path.join(work, 'merged.json');
    const m = await runCli(['merge', ...parts, '--json', merged]);
    expect(m.code).toBe(2);
    expect(await readFile(merged, 'utf8')).toBe(await readFile(whole, 'utf8'));
    // Every ledger is in exactly one shard.
    const counts = await Promise.all(parts.map(async (p) => JSON.parse(await readFile(p, 'utf8')).ledgers.length as number));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('refuses to merge a report twice', async () => {
    const part = path.join(work, 'shard-1.json');
    const m = await runCli(['merge', part, path.join(work, 'all.json')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/finns redan i en annan rapport/);
  });

  it('reports an invalid ledger with its errors, goes on with the others and exits 2', async () => {
    const dir = path.join(work, 'with-broken');
    await cp(tree, dir, { recursive: true });
    await writeFile(path.join(dir, 'beta', '2024', 'ledger.yaml'), 'myndighet: Trasig\n');
    const out = path.join(work, 'broken.json');
    const r = await runCli(['reconcile', dir, '--no-xlsx', '--json', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/\n {2}\S*with-broken\/beta\/2024\/ledger\.yaml:1:1: saknar obligatorisk nyckel "ar"\n/);
    expect(r.stdout).not.toMatch(/beta\/2024\/\S*beta\/2024/);
    const batch = JSON.parse(await readFile(out, 'utf8'));
    expect(batch.summary).toMatchObject({ ledgers: 8, invalid: 1, failed: 1, exit: 2 });
    // In JSON each input error is data: place, code, parameters and the Swedish text.
    const broken = (batch.ledgers as { exit: number; errors?: unknown[] }[]).find((l) => l.exit === 2)!;
    expect(broken.errors).toContainEqual({
      file: 'beta/2024/ledger.yaml',
      line: 1,
      column: 1,
      code: 'schema.nyckel_saknas',
      params: { nyckel: 'ar' },
      text: 'saknar obligatorisk nyckel "ar"',
    });
  });

  it('writes each ledger\'s workbook and an overview that links to each', async () => {
    const out = path.join(work, 'books');
    const r = await runCli(['reconcile', tree, '--out-dir', out]);
    expect(r.code).toBe(1);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'oversikt.xlsx'));
    const sheet = wb.getWorksheet('Översikt')!;
    const links: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => {
      const f = (c.value as { formula?: string } | null)?.formula;
      if (f?.startsWith('HYPERLINK(')) links.push(f);
    }));
    expect(links).toHaveLength(8);
    for (const a of AGENCIES) {
      expect(links).toContain(`HYPERLINK("myndigheten-${a}-2024.xlsx","myndigheten-${a}-2024.xlsx")`);
      await expect(readFile(path.join(out, `myndigheten-${a}-2024.xlsx`))).resolves.toBeTruthy();
    }
  });
});

describe('reconcile <dir> year over year', SLOW, () => {
  it('finds every planted chain break and acknowledges every planted restatement, workbooks included', async () => {
    const root = path.join(work, 'years');
    const { writeSyntheticTree } = (await import(path.join(ROOT, 'bench', 'synthetic.mjs'))) as {
      writeSyntheticTree(root: string, o: { agencies: number; years: number; plant: (k: number, y: number) => object }): { path: string; kind: string; figure: string }[];
    };
    const planted = writeSyntheticTree(root, { agencies: 3, years: 3, plant: (k, y) => ({ restatement: k === 2, break: k === 3 && y === 2024 }) });
    expect(planted.filter((p) => p.kind === 'break')).toHaveLength(1);
    expect(planted.filter((p) => p.kind === 'restatement')).toHaveLength(4);
    const out = path.join(work, 'years.json');
    const r = await runCli(['reconcile', root, '--json', out, '--out-dir', path.join(work, 'years-books')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const batch = JSON.parse(await readFile(out, 'utf8'));
    const checksOf = (p: string) => batch.ledgers.find((l: { path: string }) => l.path === p).result.checks as { id: string; status: string; figures: string[] }[];
    for (const p of planted) {
      const found = checksOf(p.path).filter((c) => c.figures.includes(p.figure));
      const yoy = found.filter((c) => c.figures.some((f) => f.startsWith('fg:')));
      expect(yoy.map((c) => c.status), `${p.path} ${p.figure}`).toEqual([p.kind === 'break' ? 'discrepancy' : 'acknowledged']);
    }
    // Nothing else: the only discrepancies are the breaks.
    const discrepancies = batch.ledgers.flatMap((l: { path: string; result: { checks: { id: string; status: string }[] } }) => l.result.checks.filter((c) => c.status === 'discrepancy').map((c) => `${l.path} ${c.id}`));
    expect(discrepancies.every((d: string) => d.startsWith('myndighet-003/2024 B-20/'))).toBe(true);
  });
});

describe('usage and input errors of a run over many ledgers', SLOW, () => {
  it('a shard that is not i/n, or a thread count below one, is a usage error', async () => {
    for (const [flag, value, text] of [['--shard', '5/4', '--shard 5/4: förväntade i/n med 1 ≤ i ≤ n, t.ex. 2/4'], ['--jobs', '0', '--jobs 0: förväntade ett heltal ≥ 1']] as const) {
      const r = await runCli(['reconcile', tree, '--no-xlsx', flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`avstamning: ${text}\n`);
      expect(r.stdout).toBe('');
    }
  });

  it('a directory without any ledger.yaml under it is an input error', async () => {
    const empty = path.join(work, 'empty');
    await cp(MINIMAL, path.join(empty, 'not-a-ledger'), { recursive: true, filter: (f) => !f.endsWith('ledger.yaml') });
    const r = await runCli(['reconcile', empty, '--no-xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`avstamning: ${empty}: saknar ledger.yaml: förväntade en årsredovisningsmapp eller en mapp med <myndighet>/<år>/ledger.yaml\n`);
  });

  it('merge of a file that is not such a report names it and exits 2', async () => {
    const single = path.join(work, 'single.json');
    await runCli(['reconcile', path.join(tree, 'alfa', '2024'), '--no-xlsx', '--json', single]);
    const r = await runCli(['merge', single, '--json', path.join(work, 'never.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`avstamning: ${single}:2:1: schema är inte avstamning/batch@1: förväntade en JSON-rapport från reconcile <mapp> --json\n`);
    await expect(readFile(path.join(work, 'never.json'))).rejects.toThrow();
  });
});
