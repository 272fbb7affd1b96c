/**
 * Reports of other agencies, invented in their styles (test/fixtures/import/*.txt, each
 * with `<name>.forvantat.yaml`, every figure as a person transcribes it): the import may
 * leave a figure out (it is then in the import report) but never writes a wrong one, and
 * puts every statement row under its layout line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importText } from '../src/import/index.js';
import { loadLedger } from '../src/ledger/load.js';
import type { Ledger } from '../src/domain/model.js';
import { removeTempDirs, tempDir } from './helpers/tmp.js';

afterAll(removeTempDirs);

const DIR = 'test/fixtures/import';

interface Expected {
  readonly rader: Readonly<Record<string, readonly (string | number)[]>>;
  readonly layoutrader: Readonly<Record<string, number>>;
}

/** A figure's column: its position among its table's (or the anslag table's) columns. */
function columnOf(l: Ledger, id: string): number {
  const [table, ...rest] = id.split('.');
  const col = rest[rest.length - 1]!;
  const t = l.tables.find((x) => x.id === table);
  if (t) return t.columns.findIndex((c) => c.id === col);
  if (table === 'anslag') return l.anslagsredovisning!.columns.indexOf(col as never);
  return -1;
}

/** The imported rows: figures grouped by row (id without its column), with their line. */
function rowsOf(l: Ledger): Map<string, { line: number; v: string[] }> {
  const rows = new Map<string, { line: number; v: string[] }>();
  for (const f of l.figures.values()) {
    const row = f.id.slice(0, f.id.lastIndexOf('.'));
    const r = rows.get(row) ?? { line: f.seed?.[0] ?? 0, v: [] };
    const at = columnOf(l, f.id);
    r.v[at < 0 ? r.v.length : at] = f.value === null ? '–' : f.printed.replace(/\s/g, ' ').replace(/^- /, '-');
    rows.set(row, r);
  }
  for (const r of rows.values()) r.v = Array.from(r.v, (x) => x ?? '–');
  return rows;
}

/** The same figure in every column where either has one. */
const sameCells = (a: readonly string[], b: readonly string[]) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i] ?? '–', b[i] ?? '–']).every(([x, y]) => x === y);
const norm = (xs: readonly (string | number)[]) => xs.map((x) => String(x).replace(/\u2212/g, '-'));

async function importFixture(name: string) {
  const result = importText(readFileSync(path.join(DIR, `${name}.txt`), 'utf8'));
  const dir = tempDir('avstamning-import-');
  for (const [file, content] of result.files) writeFileSync(path.join(dir, file), content);
  return { ledger: await loadLedger(dir), result, expected: parse(readFileSync(path.join(DIR, `${name}.forvantat.yaml`), 'utf8')) as Expected };
}

describe.each([
  ['provverket', 0.9],
  ['fjallverket', 0.9],
  ['angsverket', 0.9],
])('the invented report %s', (name, coverage) => {
  it('no wrong value: every imported row has the figures the report prints on its line', async () => {
    const { ledger, expected } = await importFixture(name);
    const wrong: string[] = [];
    let total = 0;
    const placed = new Set<number>();
    for (const [row, r] of rowsOf(ledger)) {
      const want = expected.rader[String(r.line)];
      if (!want || !sameCells(norm(want), r.v)) wrong.push(`${row} (rad ${r.line}): ${r.v.join(', ')}; väntat ${want ? norm(want).join(', ') : 'inga tal'}`);
      else placed.add(r.line);
    }
    for (const v of Object.values(expected.rader)) total += v.filter((x) => x !== '–').length;
    const got = Object.entries(expected.rader).filter(([line]) => placed.has(Number(line))).reduce((n, [, v]) => n + v.filter((x) => x !== '–').length, 0);
    console.log(`${name}: ${got} of ${total} figures imported (${((100 * got) / total).toFixed(1)} %), ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(got / total).toBeGreaterThanOrEqual(coverage);
  });

  it('every statement row under its layout line, and what was left out is in the import report', async () => {
    const { ledger, result, expected } = await importFixture(name);
    const rows = rowsOf(ledger);
    const misplaced = Object.entries(expected.layoutrader).filter(([id, line]) => rows.get(id)?.line !== line);
    expect(misplaced, JSON.stringify(misplaced)).toEqual([]);
    const imported = new Set([...rows.values()].map((r) => r.line));
    const reported = new Set(result.report.skipped.map((s) => s.nr));
    expect(Object.keys(expected.rader).map(Number).filter((l) => !imported.has(l) && !reported.has(l))).toEqual([]);
  });
});

describe('the invented report angsverket: what else it shows', () => {
  it('finansiella villkor: högst is a ceiling, minst a floor; the text has no pages', async () => {
    const { ledger, result } = await importFixture('angsverket');
    expect(ledger.anslagsredovisning!.finansiellaVillkor.map((v) => v.typ)).toEqual(['tak', 'golv']);
    expect(result.report.sidor).toBe('inga');
    expect([...result.files.values()].some((f) => /\bsida: /.test(f))).toBe(false);
  });
});
