/**
 * A sheet that would pass Excel's rows goes on in continuation sheets ("Avstämningar (2)", …)
 * with a warning. Tested with the limit lowered through planWorkbook's `maxRows` (a sheet of
 * a million rows has no place in a test): the builder's addresses and ranges, the bundled
 * ledger's workbook split into parts of 60 rows (every reference lands on a cell that
 * exists), and that workbook recalculated by LibreOffice to the engine's results.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLedger } from '../src/ledger/load.js';
import { render } from '../src/messages/catalogue.js';
import { planWorkbook, writePlan } from '../src/render/excel.js';
import { num, SheetBuilder, SheetNames, text, type WorkbookPlan } from '../src/render/excel/plan.js';
import { S } from '../src/render/excel/styles.js';
import { reconcile } from '../src/rules/engine.js';
import type { Reconciliation } from '../src/rules/types.js';
import { findSoffice, recalculate } from './helpers/libreoffice.js';

const BUNDLED = 'ledgers/migrationsverket/2024';
const MAX = 60;

let tmp: string;
let result: Reconciliation;
let plan: WorkbookPlan;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'avstamning-split-'));
  const ledger = await loadLedger(BUNDLED);
  result = reconcile(ledger);
  plan = planWorkbook(ledger, result, { maxRows: MAX });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a sheet split into continuation sheets', () => {
  function figurer(names = new SheetNames()) {
    const b = new SheetBuilder('Figurer', { maxRows: 10, names });
    for (let i = 1; i <= 25; i++) b.add([text(`rad ${i}`), num(i, S.text)]);
    b.frozen = { rows: 3, columns: 1 };
    b.printTitles = '1:3';
    b.autoFilter = 'A3:B25';
    b.conditional.push({ ref: 'A4:B25', formula: '$B4>1', style: 'ok' }, { ref: 'A12:B25', formula: '$B12>1', style: 'discrepancy' });
    return b;
  }

  it('places each row on its part, at its row there, and names each part as Excel allows', () => {
    const names = new SheetNames();
    names.reserve('Figurer (2)'); // taken by a table titled so
    const b = figurer(names);
    expect(b.address(10, 2)).toEqual({ sheet: 'Figurer', row: 10, col: 2 });
    expect(b.address(11, 2)).toEqual({ sheet: 'Figurer (2.1)', row: 1, col: 2 });
    expect(b.address(25, 1)).toEqual({ sheet: 'Figurer (3)', row: 5, col: 1 });
    expect(b.columnRanges(4, 25, 2)).toEqual(["'Figurer'!$B$4:$B$10", "'Figurer (2.1)'!$B$1:$B$10", "'Figurer (3)'!$B$1:$B$5"]);
    expect(b.columnRanges(12, 14, 2)).toEqual(["'Figurer (2.1)'!$B$2:$B$4"]);
  });

  it('builds the first part with the header, filter and fills cut to its rows, then the continuations', () => {
    const { continuations, ...first } = figurer().build();
    expect(first.rows.map((r) => (r.cells[0] as { text: string }).text)).toEqual(Array.from({ length: 10 }, (_, i) => `rad ${i + 1}`));
    expect(first).toMatchObject({ name: 'Figurer', frozen: { rows: 3, columns: 1 }, printTitles: '1:3', autoFilter: 'A3:B10', printArea: 'A$1:B$10' });
    // A fill whose range starts below the first part's rows is left to the cells' own styles.
    expect(first.conditional).toEqual([{ ref: 'A4:B10', formula: '$B4>1', style: 'ok' }]);
    expect(continuations!.map((c) => [c.name, c.rows.length, c.frozen, c.printArea, c.autoFilter, c.conditional])).toEqual([
      ['Figurer (2)', 10, { rows: 0, columns: 1 }, 'A$1:B$10', undefined, undefined],
      ['Figurer (3)', 5, { rows: 0, columns: 1 }, 'A$1:B$5', undefined, undefined],
    ]);
    expect(continuations!.flatMap((c) => c.rows).map((r) => (r.cells[1] as { value: number }).value)).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
  });

  it('is one sheet however long without sheet names to give the parts', () => {
    const b = new SheetBuilder('Figurer', { maxRows: 10 });
    for (let i = 1; i <= 25; i++) b.add([text(`rad ${i}`)]);
    expect(b.address(25, 1)).toEqual({ sheet: 'Figurer', row: 25, col: 1 });
    const p = b.build();
    expect(p.rows).toHaveLength(25);
    expect(p.continuations).toBeUndefined();
  });
});

describe(`the bundled ledger's workbook with sheets of at most ${MAX} rows`, () => {
  it('splits the long sheets, each part after the sheet it continues, and warns about each', () => {
    const names = plan.sheets.map((s) => s.name);
    const split = plan.warnings.filter((w) => w.code === 'arbetsbok.delat_blad');
    expect(split.map((w) => w.params.blad)).toContain('Avstämningar');
    for (const w of split) {
      if (w.code !== 'arbetsbok.delat_blad') continue;
      const at = names.indexOf(w.params.blad);
      expect(names.slice(at + 1, at + 1 + w.params.fortsattning.length)).toEqual(w.params.fortsattning);
      expect(w.params.fortsattning[0]).toBe(`${w.params.blad} (2)`);
      expect(w.params.antal).toBe([w.params.blad, ...w.params.fortsattning].reduce((n, s) => n + plan.sheets.find((x) => x.name === s)!.rows.length, 0));
    }
    const checks = split.find((w) => w.params.blad === 'Avstämningar')!;
    expect(render(checks)).toMatch(new RegExp(`^varning: bladet Avstämningar skulle få [\\d ]+ rader, Excel rymmer ${MAX}: raderna efter rad ${MAX} står på bladen "Avstämningar \\(2\\)", .* och "Avstämningar \\(\\d+\\)"\\.$`));
    // The general ledger's sheet sums ranges of its own rows: it is never split.
    for (const s of plan.sheets) if (s.name !== 'Huvudbok') expect(s.rows.length, s.name).toBeLessThanOrEqual(MAX);
  });

  it('has every reference of every formula and link on a sheet and row that exist', () => {
    const rows = new Map(plan.sheets.map((s) => [s.name, s.rows.length]));
    let refs = 0;
    for (const s of plan.sheets) {
      for (const row of s.rows) {
        for (const c of row.cells) {
          const text = c?.kind === 'formula' ? c.formula : c?.kind === 'text' && c.link ? c.link : undefined;
          if (!text) continue;
          // 'Sheet'!$A$1 or 'Sheet'!$A$1:$A$9 (quotes doubled inside), or A1 on the formula's own sheet.
          for (const m of text.matchAll(/(?:'((?:[^']|'')+)'!)?\$?[A-Z]{1,3}\$?(\d+)(?::\$?[A-Z]{1,3}\$?(\d+))?(?![\d(])/g)) {
            const sheet = m[1] ? m[1].replace(/''/g, "'") : s.name;
            expect(rows.has(sheet), `${s.name}: ${text}`).toBe(true);
            expect(Math.max(Number(m[2]), Number(m[3] ?? 0)), `${s.name}: ${text}`).toBeLessThanOrEqual(rows.get(sheet)!);
            refs++;
          }
        }
      }
    }
    expect(refs).toBeGreaterThan(result.checks.length * 2);
  });
});

const soffice = findSoffice();
describe.skipIf(!soffice && !process.env.CI)('the split workbook recalculated by LibreOffice headless', () => {
  it('gives every formula the engine\'s result, and the summary the engine\'s counts', async () => {
    if (!soffice) throw new Error('LibreOffice (soffice or libreoffice) is required in CI: apt-get install -y libreoffice-calc-nogui');
    const file = path.join(tmp, 'delad.xlsx');
    await writePlan(plan, file);
    const [recalculatedFile] = await recalculate(soffice, [file], path.join(tmp, 'recalculated'));
    const [original, recalculated] = await Promise.all([file, recalculatedFile!].map(async (f) => new ExcelJS.Workbook().xlsx.readFile(f)));
    let formulas = 0;
    for (const ws of original.worksheets) {
      const other = recalculated.getWorksheet(ws.name)!;
      expect(other, ws.name).toBeDefined();
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const again = other.getCell(cell.address).result;
          const where = `${ws.name}!${cell.address} ${cell.formula}`;
          if (typeof cell.result === 'number') expect(again as number, where).toBeCloseTo(cell.result, 6);
          else expect(again, where).toEqual(cell.result);
          formulas++;
        }),
      );
    }
    expect(formulas).toBeGreaterThan(result.checks.length * 4);
    const summary = recalculated.getWorksheet('Sammanfattning')!;
    const counts = new Map<string, unknown>();
    summary.eachRow((row) => counts.set(String(row.getCell(1).value), row.getCell(2).result ?? row.getCell(2).value));
    expect([counts.get('ok'), counts.get('avvikelse'), counts.get('känd avvikelse')]).toEqual([result.summary.ok, result.summary.discrepancy, result.summary.acknowledged]);
  }, 180_000);
});
