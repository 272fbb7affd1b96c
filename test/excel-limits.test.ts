/**
 * Excel's limits: a text longer than a cell holds is cut visibly and warned about, a
 * formula longer than Excel allows becomes its value, a sheet beyond Excel's rows or
 * columns stops the run with a clear message (exit 2), and sheet names are safe and
 * unique whatever the titles. Build first for the command-line tests.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../src/cli/failure.js';
import { cutMarker, EXCEL, fitToExcel, WorkbookLimitError } from '../src/render/excel/limits.js';
import { formula, num, SheetNames, text, type RowPlan, type SheetPlan } from '../src/render/excel/plan.js';
import { S } from '../src/render/excel/styles.js';
import { ROOT, runCli } from './helpers/cli.js';
import { findSoffice, recalculate } from './helpers/libreoffice.js';

const sheet = (rows: RowPlan[], name = 'Blad'): SheetPlan => ({ name, rows, widths: [10], frozen: { rows: 0, columns: 0 }, landscape: false, printArea: 'A$1:A$1' });

describe('fitting a planned workbook to Excel', () => {
  it('leaves a text of exactly 32 767 characters as it is', () => {
    const t = 'x'.repeat(EXCEL.textLength);
    const plan = [sheet([{ cells: [text(t)] }])];
    const { sheets, warnings } = fitToExcel(plan);
    expect(sheets[0]).toBe(plan[0]);
    expect(warnings).toEqual([]);
  });

  it('cuts a longer text visibly, to exactly the limit, never inside a surrogate pair, and warns', () => {
    const marker = cutMarker(40_000);
    const keep = EXCEL.textLength - marker.length;
    // An astral character (two UTF-16 units) straddling the cut.
    const t = 'a'.repeat(keep - 1) + '𝔄' + 'b'.repeat(40_000 - keep - 1);
    expect(t.length).toBe(40_000);
    const first: RowPlan = { cells: [undefined, text('kort')] };
    const { sheets, warnings } = fitToExcel([sheet([first, { cells: [undefined, text(t)] }], 'Noter')]);
    const cut = sheets[0]!.rows[1]!.cells[1]!;
    expect(cut.kind === 'text' && cut.text).toBe('a'.repeat(keep - 1) + marker);
    expect((cut as { text: string }).text.length).toBeLessThanOrEqual(EXCEL.textLength);
    expect(marker).toBe(' … [avkortad: texten har 40 000 tecken, en Excel-cell rymmer 32 767]');
    expect(warnings).toEqual([{ code: 'arbetsbok.text_avkortad', params: { cell: 'Noter!B2', langd: 40_000, max: EXCEL.textLength } }]);
    // A row that fits is kept as it is (the same object).
    expect(sheets[0]!.rows[0]).toBe(first);
  });

  it('writes a formula longer than Excel allows as its value, and warns', () => {
    const long = Array.from({ length: 1000 }, (_, i) => `'Noter'!C${i + 5}`).join('+');
    expect(long.length).toBeGreaterThan(EXCEL.formulaLength);
    const { sheets, warnings } = fitToExcel([sheet([{ cells: [formula(long, 1234, S.text), formula('A1+1', 2, S.text)] }], 'Avstämningar')]);
    expect(sheets[0]!.rows[0]!.cells).toEqual([num(1234, S.text), formula('A1+1', 2, S.text)]);
    expect(warnings).toEqual([{ code: 'arbetsbok.formel_for_lang', params: { cell: 'Avstämningar!A1', langd: long.length, max: EXCEL.formulaLength } }]);
  });

  it('stops at more rows or columns than a sheet holds', () => {
    const rows: RowPlan[] = new Array(EXCEL.rows + 1).fill({ cells: [] });
    expect(() => fitToExcel([sheet(rows, 'Avstämningar')])).toThrow(WorkbookLimitError);
    expect(() => fitToExcel([sheet(rows.slice(1), 'Avstämningar')])).not.toThrow();
    const wide = [{ cells: new Array(EXCEL.columns + 1).fill(undefined) }];
    expect(() => fitToExcel([sheet(wide)])).toThrow(expect.objectContaining({ code: 'arbetsbok.for_manga_kolumner', params: { blad: 'Blad', antal: EXCEL.columns + 1, max: EXCEL.columns } }));
  });

  it('the CLI words a workbook beyond the limits as a usage error (exit 2), naming the sheet and --no-xlsx', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(reportFailure(new WorkbookLimitError('arbetsbok.for_manga_rader', { blad: 'Avstämningar', antal: 1_200_000, max: EXCEL.rows }))).toBe(2);
      expect(String(spy.mock.calls[0]![0])).toBe(
        'avstamning: arbetsboken kan inte skrivas: bladet Avstämningar skulle få 1 200 000 rader, Excel rymmer 1 048 576. ' +
          'Skriv rapporterna med --no-xlsx (JSON och JUnit har ingen sådan gräns). Inga rapporter har skrivits.\n',
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe('sheet names from titles', () => {
  const ok = (n: string) => n.length <= 31 && !/[[\]:*?/\\']/.test(n) && !/^\s|\s$/.test(n) && n.toLowerCase() !== 'history';

  it('are at most 31 UTF-16 units, never a broken surrogate pair, without []:*?/\\ or quotes', () => {
    const names = new SheetNames();
    for (const title of ['Tabell [1]: *Kostnader*? / per \\ enhet', "'citat'", '𝔄'.repeat(40), 'a'.repeat(30) + '𝔄𝔄', 'History', '   ', '=SUMMA(A1)']) {
      const n = names.fromText(title, 'Tabell');
      expect(ok(n), JSON.stringify(n)).toBe(true);
      expect(n).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('are unique ignoring case, deterministically, however many titles collide', () => {
    const make = () => {
      const names = new SheetNames();
      names.reserve('Noter');
      return Array.from({ length: 150 }, (_, i) => names.fromText(i % 2 ? 'NOTER' : 'En mycket lång tabellrubrik som inte får plats', 'Tabell'));
    };
    const a = make();
    expect(new Set(a.map((n) => n.toLowerCase())).size).toBe(a.length);
    for (const n of a) expect(ok(n), n).toBe(true);
    expect(make()).toEqual(a);
  });
});

describe('a ledger with a text longer than a cell holds, through the command line', { timeout: 240_000 }, () => {
  let tmp: string;
  const LABEL = 'Kostnader för personal ' + 'lång rubrik '.repeat(4000);
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'avstamning-limits-'));
    cpSync(path.join(ROOT, 'test/fixtures/minimal'), path.join(tmp, 'ledger'), { recursive: true });
    const file = path.join(tmp, 'ledger', 'arsredovisning.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('text: Kostnader för personal,', `text: "${LABEL}",`));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes the workbook with the text cut and marked, warns once per cell, exits as usual', async () => {
    const xlsx = path.join(tmp, 'out', 'r.xlsx');
    const r = await runCli(['reconcile', path.join(tmp, 'ledger'), '--quiet', '--xlsx', xlsx]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.trimEnd().split('\n');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^avstamning: varning: texten i .+![A-Z]+\d+ har 48 023 tecken, en Excel-cell rymmer 32 767: i arbetsboken är den avkortad och slutar med "\[avkortad …\]"\.$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && c.value.startsWith('Kostnader för personal lång') && cells.push(c.value)))));
    expect(cells.length).toBe(warnings.length);
    for (const c of cells) {
      expect(c.length).toBeLessThanOrEqual(EXCEL.textLength);
      expect(c.endsWith(cutMarker(LABEL.length))).toBe(true);
    }
    const soffice = findSoffice();
    if (soffice) {
      // LibreOffice opens it and keeps the cut text: the file is not corrupt.
      const [copy] = await recalculate(soffice, [xlsx], path.join(tmp, 'lo'));
      const again = new ExcelJS.Workbook();
      await again.xlsx.readFile(copy!);
      expect(again.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
    }
  });
});
