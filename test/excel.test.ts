/**
 * The auditors' workbook: its sheets and formatting (read back with exceljs and from the
 * xlsx's XML), its formulas (evaluated here with exact decimals, and recalculated by
 * LibreOffice headless, the oracle), and its safety against formula injection.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/amount.js';
import { figureById, type Ledger } from '../src/domain/model.js';
import { loadLedger } from '../src/ledger/load.js';
import { writeWorkbook } from '../src/render/excel.js';
import { reconcile } from '../src/rules/engine.js';
import type { Reconciliation } from '../src/rules/types.js';
import { findSoffice, recalculate, sheetAsShown } from './helpers/libreoffice.js';

const BUNDLED = 'ledgers/migrationsverket/2024';
/** The invented ledger whose resultaträkning prints costs without minus (`tecken`). */
const SIGNED = 'ledgers/exempelverket/2024';
const INJECTION = 'test/fixtures/injection';
const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)'];

interface Generated {
  ledger: Ledger;
  result: Reconciliation;
  file: string;
  wb: ExcelJS.Workbook;
}

let tmp: string;
let bundled: Generated;
/** The bundled ledger with its acknowledgements ignored: the published disagreements are discrepancies. */
let unacknowledged: Generated;
let injection: Generated;
/** The bundled ledger through exceljs's public API only (the fallback of stream-fixes.ts). */
let fallback: Generated;
/** The ledger with a sign convention: negated figures. */
let signed: Generated;

async function generate(dir: string, name: string, ignoreAcknowledgements = false, fastPath = true): Promise<Generated> {
  const ledger = await loadLedger(dir);
  const result = reconcile(ledger, { ignoreAcknowledgements });
  const file = path.join(tmp, name);
  await writeWorkbook(ledger, result, file, { fastPath });
  return { ledger, result, file, wb: await read(file) };
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'avstamning-xlsx-'));
  bundled = await generate(BUNDLED, 'migrationsverket-2024.xlsx');
  unacknowledged = await generate(BUNDLED, 'unacknowledged.xlsx', true);
  injection = await generate(INJECTION, 'injection.xlsx');
  fallback = await generate(BUNDLED, 'fallback.xlsx', false, false);
  signed = await generate(SIGNED, 'exempelverket-2024.xlsx');
}, 60_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers: the xlsx's XML (exceljs does not read links without a relationship), cell lookup.

/** Every entry of a zip file, by name (without a leading slash). */
function unzip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const entries = new Map<string, Buffer>();
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, '');
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return entries;
}

const unescapeXml = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The XML of each sheet, by sheet name. */
function sheetXml(file: string): Map<string, string> {
  const zip = unzip(file);
  const workbook = zip.get('xl/workbook.xml')!.toString('utf8');
  const rels = zip.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = targets.get(m[2]!)!.replace(/^\//, '');
    out.set(unescapeXml(m[1]!), zip.get(target.startsWith('xl/') ? target : `xl/${target}`)!.toString('utf8'));
  }
  return out;
}

/** Internal links of a sheet: cell → location. */
function internalLinks(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)"([^>]*)\/>/g)].flatMap((m) => {
    const loc = /location="([^"]*)"/.exec(m[2]!);
    return loc ? [[m[1]!, unescapeXml(loc[1]!)] as [string, string]] : [];
  }));
}

/** Internal links of every sheet, either path: `<hyperlink location>` or a HYPERLINK formula. */
function allLinks(file: string, wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const [sheet, xml] of sheetXml(file)) for (const [cell, loc] of internalLinks(xml)) out.set(`${sheet}!${cell}`, loc);
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const m = cell.type === ExcelJS.ValueType.Formula ? /^HYPERLINK\("#((?:[^"]|"")*)",/.exec(cell.formula) : null;
        if (m) out.set(`${ws.name}!${cell.address}`, m[1]!.replace(/""/g, '"'));
      }),
    );
  return out;
}

/** The value a cell shows: a formula's result, a hyperlink's text, or the value. */
function shown(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (cell.type === ExcelJS.ValueType.Formula) return cell.result;
  if (v && typeof v === 'object' && 'text' in v && 'hyperlink' in v) return (v as ExcelJS.CellHyperlinkValue).text;
  return v;
}

/** The column of a header text in a given row. */
function column(ws: ExcelJS.Worksheet, headerRow: number, header: string): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((c, col) => {
    if (shown(c) === header && !found) found = col;
  });
  if (!found) throw new Error(`no column "${header}" on ${ws.name}`);
  return found;
}

/** The row on a statement sheet whose Rad-id is `rowId`. */
function statementRow(ws: ExcelJS.Worksheet, rowId: string): number {
  const idCol = column(ws, 3, 'Rad-id');
  for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, idCol).value === rowId) return r;
  throw new Error(`no row ${rowId} on ${ws.name}`);
}

const parseRef = (ref: string) => {
  const m = /^'((?:[^']|'')+)'!([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  return { sheet: m[1]!.replace(/''/g, "'"), address: `${m[2]}${m[3]}` };
};

/**
 * Evaluates a side formula the way the workbook writes them (signed references, optionally
 * scaled, a product of two bracketed sides, or 0), exactly, from the cells' values.
 */
function evaluateSide(wb: ExcelJS.Workbook, rounded: string): Decimal {
  const formula = rounded.replace(/^ROUND\((.*),\d+\)$/, '$1');
  if (formula === '0') return new Decimal(0);
  const product = /^\((.+)\)\*(?:\((.+)\)|0)$/.exec(formula);
  if (product) return product[2] ? evaluateSide(wb, product[1]!).times(evaluateSide(wb, product[2])) : new Decimal(0);
  const term = /([+-]?)('(?:[^']|'')+'![A-Z]+\d+)(?:([*/])(\d+))?/gy;
  let sum = new Decimal(0);
  let at = 0;
  for (let m = term.exec(formula); m; m = term.exec(formula)) {
    const { sheet, address } = parseRef(m[2]!);
    const raw = wb.getWorksheet(sheet)!.getCell(address).value;
    // A derived figure (the Huvudbok sheet) is a formula: its cached result (exceljs reads a cached 0 as none).
    const v = raw && typeof raw === 'object' && 'formula' in raw ? ((raw as { result?: unknown }).result ?? 0) : raw;
    if (typeof v !== 'number') throw new Error(`${m[2]} is not a number: ${JSON.stringify(v)}`);
    let x = new Decimal(v);
    if (m[3] === '*') x = x.times(m[4]!);
    if (m[3] === '/') x = x.div(m[4]!);
    sum = m[1] === '-' ? sum.minus(x) : sum.plus(x);
    at = term.lastIndex;
  }
  if (at !== formula.length) throw new Error(`unexpected formula: ${formula}`);
  return sum;
}

const CHECK_FIRST_ROW = 4;
const C = { id: 1, left: 7, right: 8, difference: 9, tolerance: 10, unit: 11, status: 12, reason: 13, figures: 14, sources: 15 };
const STATUS = { ok: 'ok', rounding: 'avrundning', discrepancy: 'avvikelse', acknowledged: 'känd avvikelse' } as const;

// ---------------------------------------------------------------------------------------

describe('the workbook of the bundled ledger', () => {
  it('has the sheets, in reading order, with Swedish names', () => {
    const names = bundled.wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 8)).toEqual(['Sammanfattning', 'Avstämningar', 'Resultaträkning', 'Balansräkning', 'Anslagsredovisning', 'Finansieringsanalys', 'Väsentliga uppgifter', 'Noter']);
    // The notes are on the Noter sheet, one after another: no sheet per note.
    expect(names.filter((n) => /^Not \d/.test(n))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['Tabell 3.1', 'Tabell 3.2', 'Tabell 3.5', 'Tabell 3.8', 'Tabell 3.9', 'Täckning']));
    // Every figure has its place in the report's own sheets: no safety-net sheet.
    expect(names).not.toContain('Övriga figurer');
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('has fixed document properties', () => {
    const wb = bundled.wb;
    expect(wb.title).toBe('Avstämning Migrationsverket 2024');
    expect(wb.creator).toBe('avstämning');
    expect(wb.subject).toContain('Migrationsverket');
    expect(wb.keywords).toContain('årsredovisning');
    expect(wb.created.toISOString()).toBe('2024-12-31T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });

  it('writes figures as numbers in the number format of an annual report', () => {
    const rr = bundled.wb.getWorksheet('Resultaträkning')!;
    const cell = rr.getCell(statementRow(rr, 'intakter_av_anslag'), column(rr, 3, '2024'));
    expect(cell.value).toBe(5611532);
    expect(cell.numFmt).toBe('#,##0;-#,##0');
    const negative = rr.getCell(statementRow(rr, 'kostnader_for_personal'), column(rr, 3, '2024'));
    expect(negative.value).toBeLessThan(0);
    expect(negative.numFmt).toBe('#,##0;-#,##0');
  });

  it('reads like an annual report: unit header, bold totals, note links, frozen headers, print setup', () => {
    const rr = bundled.wb.getWorksheet('Resultaträkning')!;
    expect(rr.getCell('A3').value).toBe('Belopp i tkr');
    expect(rr.getCell('B3').value).toBe('Not');
    const total = statementRow(rr, 'summa_intakter');
    expect(rr.getCell(total, 1).font?.bold).toBe(true);
    expect(rr.getCell(total, 3).font?.bold).toBe(true);
    expect(rr.getCell(statementRow(rr, 'intakter_av_anslag'), 1).font?.bold).toBeFalsy();
    expect(rr.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
    expect(rr.pageSetup.fitToWidth).toBe(1);
    expect(rr.pageSetup.fitToHeight).toBe(0);
    expect(rr.pageSetup.printTitlesRow).toBe('1:3');
    const ws = bundled.wb.getWorksheet('Avstämningar')!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });

    const xml = sheetXml(bundled.file);
    const links = internalLinks(xml.get('Resultaträkning')!);
    const noteCell = `B${statementRow(rr, 'intakter_av_anslag')}`;
    expect(rr.getCell(noteCell).value).toBe('1');
    // A note with tables: the link goes to its heading on the Noter sheet.
    const notes = bundled.wb.getWorksheet('Noter')!;
    const heading = (n: number) => {
      for (let r = 1; r <= notes.rowCount; r++) if (notes.getCell(r, 1).value === `Not ${n} ${bundled.ledger.notes.find((x) => x.number === n)!.title}` && notes.getCell(r, 1).font?.bold) return r;
      throw new Error(`Not ${n} saknas på Noter`);
    };
    expect(links.get(noteCell)).toBe(`'Noter'!A${heading(1)}`);
    // Notes without a table link to their line on the Noter index.
    const indexRow = (link: string | undefined) => Number(/^'Noter'!A(\d+)$/.exec(link ?? '')?.[1]);
    const row = indexRow(links.get(`B${statementRow(rr, 'ovriga_driftkostnader')}`));
    expect(row).toBeGreaterThanOrEqual(4);
    expect(row).toBeLessThan(4 + bundled.ledger.notes.length);
    // The index links every note that has tables to its heading below.
    const noter = internalLinks(xml.get('Noter')!);
    for (const n of bundled.ledger.notes.filter((n) => n.tables.length)) expect([...noter.values()]).toContain(`'Noter'!A${heading(n.number)}`);
  });

  it('writes internal links as locations, after the conditional formatting (valid OOXML)', () => {
    const xml = sheetXml(bundled.file).get('Avstämningar')!;
    expect(xml).not.toMatch(/<hyperlink [^>]*r:id=/);
    const order = ['</sheetData>', '<autoFilter', '<conditionalFormatting', '<hyperlinks>', '<pageMargins', '<pageSetup'].map((tag) => xml.indexOf(tag));
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('has one row per check with formulas over the figure cells and the engine results cached', () => {
    const ws = bundled.wb.getWorksheet('Avstämningar')!;
    const xml = sheetXml(bundled.file).get('Avstämningar')!;
    const links = internalLinks(xml);
    const { checks } = bundled.result;
    expect(checks.length).toBeGreaterThan(700);
    checks.forEach((c, i) => {
      const r = CHECK_FIRST_ROW + i;
      const cell = (col: number) => ws.getCell(r, col);
      expect(cell(C.id).value).toBe(c.id);
      const left = cell(C.left);
      const right = cell(C.right);
      // Cached results: the engine's exact values.
      expect(left.result).toBe(Number(c.left));
      expect(right.result).toBe(Number(c.right));
      // Amounts with decimals (kr from the books) are rounded to their decimals.
      const d = Math.max(
        ...[c.left, c.right, c.difference].map((x) => (x.includes('.') ? x.length - x.indexOf('.') - 1 : 0)),
        ...c.figures.map((id) => (c.product ? 0 : figureById(bundled.ledger, id)!.decimals)),
      );
      expect(cell(C.difference).formula).toBe(d > 0 ? `ROUND(G${r}-H${r},${d})` : `G${r}-H${r}`);
      expect(cell(C.difference).result).toBe(Number(c.difference));
      expect(cell(C.tolerance).value).toBe(Number(c.tolerance));
      expect(cell(C.status).result).toBe(STATUS[c.status]);
      expect(cell(C.unit).value).toBe(c.unit);
      // The formulas, evaluated exactly over the cells they reference, give the engine's sides.
      expect(evaluateSide(bundled.wb, left.formula).toString()).toBe(new Decimal(c.left).toString());
      expect(evaluateSide(bundled.wb, right.formula).toString()).toBe(new Decimal(c.right).toString());
      // Navigable: the id links to the first figure; all figure ids and sources are listed.
      const target = parseRef(links.get(`A${r}`)!);
      expect(ws.name).toBe('Avstämningar');
      expect([left.formula, right.formula].join()).toContain(`'${target.sheet.replace(/'/g, "''")}'!${target.address}`);
      expect(String(cell(C.figures).value).split(', ')).toEqual(c.figures);
      expect(String(cell(C.sources).value)).toMatch(/\.(yaml|se):\d+/);
      if (c.status === 'acknowledged') expect(cell(C.reason).value).toBe(c.reason);
    });
    expect(ws.getCell(CHECK_FIRST_ROW + checks.length, C.id).value).toBeNull();
  });

  it('scales figures of another unit and multiplies product checks', () => {
    const ws = bundled.wb.getWorksheet('Avstämningar')!;
    const { checks } = bundled.result;
    const formulaOf = (id: string, col: number) => (ws.getCell(CHECK_FIRST_ROW + checks.findIndex((c) => c.id === id), col).value as ExcelJS.CellFormulaValue).formula;
    const mnkr = checks.find((c) => c.unit === 'tkr' && c.figures.some((f) => bundled.ledger.figures.get(f)!.unit === 'mnkr'))!;
    expect(`${formulaOf(mnkr.id, C.left)}|${formulaOf(mnkr.id, C.right)}`).toContain('*1000');
    const product = checks.find((c) => c.product)!;
    expect(formulaOf(product.id, C.left)).toMatch(/^\('[^']+'![A-Z]+\d+\)\*\('[^']+'![A-Z]+\d+\)$/);
  });

  it('colours the status: red discrepancies, amber acknowledged with reason, light yellow rounding, no fill ok', () => {
    const ws = bundled.wb.getWorksheet('Avstämningar')!;
    const fill = (status: string) => {
      const i = bundled.result.checks.findIndex((c) => c.status === status);
      expect(i).toBeGreaterThanOrEqual(0);
      const f = ws.getCell(CHECK_FIRST_ROW + i, C.status).fill as ExcelJS.FillPattern | undefined;
      return f?.pattern === 'solid' ? f.fgColor?.argb : undefined;
    };
    expect(fill('acknowledged')).toBe('FFFFD9A0');
    expect(fill('rounding')).toBe('FFFFF9D0');
    expect(fill('ok')).toBeUndefined();
  });

  it('makes discrepancies stand out: red, bold dark red "avvikelse", listed and linked on the summary', () => {
    const ws = unacknowledged.wb.getWorksheet('Avstämningar')!;
    const discrepancies = unacknowledged.result.checks.filter((c) => c.status === 'discrepancy');
    expect(discrepancies.length).toBe(bundled.result.summary.acknowledged);
    for (const c of discrepancies) {
      const r = CHECK_FIRST_ROW + unacknowledged.result.checks.indexOf(c);
      const status = ws.getCell(r, C.status);
      expect(status.result).toBe('avvikelse');
      expect((status.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
      expect(status.font).toMatchObject({ bold: true, color: { argb: 'FF9C0006' } });
      expect(((ws.getCell(r, C.id).fill as ExcelJS.FillPattern).fgColor?.argb)).toBe('FFFFC7CE');
      expect(ws.getCell(r, C.reason).value).toBeNull();
    }
    const summary = unacknowledged.wb.getWorksheet('Sammanfattning')!;
    let verdict: unknown;
    summary.eachRow((row) => {
      if (row.getCell(1).value === 'Resultat') verdict = shown(row.getCell(2));
    });
    expect(verdict).toBe(`${discrepancies.length} AVVIKELSER ATT ÅTGÄRDA`);
    const links = [...internalLinks(sheetXml(unacknowledged.file).get('Sammanfattning')!).values()];
    for (const c of discrepancies) expect(links).toContain(`'Avstämningar'!A${CHECK_FIRST_ROW + unacknowledged.result.checks.indexOf(c)}`);
  });

  it('summarises: verdict, counts per status as formulas, acknowledged differences linked to their rows', () => {
    const ws = bundled.wb.getWorksheet('Sammanfattning')!;
    const values = new Map<string, unknown>();
    ws.eachRow((row) => values.set(String(shown(row.getCell(1))).trim(), shown(row.getCell(2))));
    const s = bundled.result.summary;
    expect(values.get('Resultat')).toBe(s.discrepancy ? expect.stringContaining('AVVIKELSE') : 'ALLT STÄMMER (med kända avvikelser)');
    expect(values.get('ok')).toBe(s.ok);
    expect(values.get('avrundning')).toBe(s.rounding);
    expect(values.get('avvikelse')).toBe(s.discrepancy);
    expect(values.get('känd avvikelse')).toBe(s.acknowledged);
    const links = [...internalLinks(sheetXml(bundled.file).get('Sammanfattning')!).values()];
    for (const c of bundled.result.checks.filter((c) => c.status !== 'ok' && c.status !== 'rounding')) {
      const row = CHECK_FIRST_ROW + bundled.result.checks.indexOf(c);
      expect(links).toContain(`'Avstämningar'!A${row}`);
    }
  });

  it('lists the figures no check reads on Täckning', () => {
    const ws = bundled.wb.getWorksheet('Täckning')!;
    const ids: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 3) ids.push(row.getCell(1).value);
    });
    expect(ids).toEqual(bundled.result.coverage.uncovered);
  });

  it('is deterministic: the same input gives the same content', async () => {
    const again = path.join(tmp, 'again.xlsx');
    await writeWorkbook(bundled.ledger, bundled.result, again);
    const a = unzip(bundled.file);
    const b = unzip(again);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, content] of a) expect(b.get(name)!.equals(content), name).toBe(true);
  });
});

describe('the public-API fallback (exceljs internals not as expected)', () => {
  it('the fast path is the one in use with the pinned exceljs (links as locations, not formulas)', () => {
    const links = allLinks(bundled.file, bundled.wb);
    expect(links.size).toBeGreaterThan(100);
    expect([...sheetXml(bundled.file).values()].some((x) => x.includes('HYPERLINK('))).toBe(false);
  });

  it('gives the same sheets, values, formatting and conditional formatting as the fast path', () => {
    expect(fallback.wb.worksheets.map((w) => w.name)).toEqual(bundled.wb.worksheets.map((w) => w.name));
    let cells = 0;
    const differ: string[] = [];
    for (const ws of bundled.wb.worksheets) {
      const other = fallback.wb.getWorksheet(ws.name)!;
      // (The fast path writes a trailing empty row as <row/>, the public API leaves it out.)
      expect(other.actualRowCount, ws.name).toBe(ws.actualRowCount);
      expect(other.columns.map((c) => c.width), ws.name).toEqual(ws.columns.map((c) => c.width));
      expect(other.views, ws.name).toEqual(ws.views);
      expect(other.conditionalFormattings, ws.name).toEqual(ws.conditionalFormattings);
      for (let r = 1; r <= Math.max(ws.rowCount, other.rowCount); r++)
        for (let c = 1; c <= Math.max(ws.columnCount, other.columnCount); c++) {
          const [a, b] = [ws.getCell(r, c), other.getCell(r, c)];
          const [x, y] = [JSON.stringify([shown(a), a.style]), JSON.stringify([shown(b), b.style])];
          if (x !== y) differ.push(`${ws.name}!${a.address}: ${x} ≠ ${y}`);
          if (a.value !== null) cells++;
        }
    }
    expect(differ.slice(0, 10)).toEqual([]);
    expect(cells).toBeGreaterThan(10_000);
    expect(bundled.wb.getWorksheet('Avstämningar')!.conditionalFormattings.length).toBeGreaterThan(0);
  }, 60_000);

  it('links every cell the fast path links, to the same place', () => {
    expect(allLinks(fallback.file, fallback.wb)).toEqual(allLinks(bundled.file, bundled.wb));
  });
});

describe('formula injection', () => {
  it('writes every input text that starts with = + - @ as a string, never a formula', () => {
    const found = new Set<string>();
    let strings = 0;
    for (const ws of injection.wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            // Only our own formulas: references, arithmetic, IF/ABS/COUNTIF.
            const own = cell.formula.replace(/'(?:[^']|'')+'!/g, ''); // quoted sheet names aside
            for (const h of HOSTILE) expect(own).not.toContain(h);
            expect(own).not.toMatch(/HYPERLINK|SUM\(/);
            return;
          }
          if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) {
            strings++;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.formula).toBeUndefined();
            found.add(cell.value);
          }
        }),
      );
    for (const h of HOSTILE) expect(found).toContain(h);
    expect(found).toContain('=HYPERLINK("http://evil","klicka")');
    expect(found).toContain('=2+2 (en orsak som ser ut som en formel)');
    expect(found).toContain('@inaktuell');
    expect(strings).toBeGreaterThan(8);
  });

  it('stores those texts as shared strings in the XML', () => {
    const xml = sheetXml(injection.file);
    for (const content of xml.values()) {
      for (const m of content.matchAll(/<c [^>]*>(.*?)<\/c>/g)) if (m[1]!.includes('<f>')) expect(m[1]).not.toMatch(/HYPERLINK|SUM\(A1\)|1\+1|2\+3/);
    }
    const shared = unzip(injection.file).get('xl/sharedStrings.xml')!.toString('utf8');
    expect(shared).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
  });

  it('derives safe sheet names from hostile titles', () => {
    const names = injection.wb.worksheets.map((w) => w.name);
    expect(names).toContain('SUM(1) x y');
    for (const n of names) expect(n).not.toMatch(/^[=+\-@]|[[\]:*?/\\']/);
  });
});

// ---------------------------------------------------------------------------------------

const soffice = findSoffice();
if (!soffice && !process.env.CI) console.warn('excel.test.ts: LibreOffice (soffice) not found; skipping the recalculation tests. Install: apt-get install -y libreoffice-calc-nogui');

describe.skipIf(!soffice && !process.env.CI)('recalculated by LibreOffice headless', () => {
  const EDITED = 'rr.intakter_av_anslag.2024';
  let recalculated: ExcelJS.Workbook;
  let edited: ExcelJS.Workbook;
  let injected: ExcelJS.Workbook;
  let unacknowledgedRecalculated: ExcelJS.Workbook;
  let fallbackRecalculated: ExcelJS.Workbook;
  let recalculatedFiles: string[];
  let signedRecalculated: ExcelJS.Workbook;
  /** The recalculated Resultaträkning of `signed` as LibreOffice shows it (sv-SE). */
  let signedShown: string[][];
  let zeroShown: { wb: ExcelJS.Workbook; rows: string[][] };

  beforeAll(async () => {
    if (!soffice) throw new Error('LibreOffice (soffice or libreoffice) is required in CI to verify the workbook: apt-get install -y libreoffice-calc-nogui');
    // A copy with one figure edited by hand, as an auditor would.
    const copy = await read(bundled.file);
    const rr = copy.getWorksheet('Resultaträkning')!;
    const cell = rr.getCell(statementRow(rr, 'intakter_av_anslag'), column(rr, 3, '2024'));
    expect(cell.value).toBe(Number(bundled.ledger.figures.get(EDITED)!.value!.toString()));
    cell.value = (cell.value as number) + 1000;
    const editedFile = path.join(tmp, 'edited.xlsx');
    await copy.xlsx.writeFile(editedFile);

    const files = await recalculate(soffice, [bundled.file, editedFile, injection.file, unacknowledged.file, fallback.file, signed.file], path.join(tmp, 'recalculated'));
    [recalculated, edited, injected, unacknowledgedRecalculated, fallbackRecalculated, signedRecalculated] = await Promise.all(files.map(read));
    recalculatedFiles = files;
    const sheet = signedRecalculated.worksheets.findIndex((ws) => ws.name === 'Resultaträkning') + 1;
    expect(sheet).toBeGreaterThan(0);
    signedShown = await sheetAsShown(soffice, files[5]!, sheet, path.join(tmp, 'shown'));
    // The same ledger with one cost printed as 0 (normalised to −0): shown as 0, not "-0".
    const zeroDir = path.join(tmp, 'exempelverket-noll');
    await cp(SIGNED, zeroDir, { recursive: true });
    const rrFile = path.join(zeroDir, 'resultatrakning.yaml');
    const yaml = await readFile(rrFile, 'utf8');
    const zeroed = yaml.replace(/(id: finansiella_kostnader,[^\n]*v: \[)[^,\]]+/, (_, head: string) => `${head}0`);
    expect(zeroed).not.toBe(yaml);
    await writeFile(rrFile, zeroed, 'utf8');
    const zero = await generate(zeroDir, 'exempelverket-noll.xlsx');
    expect(zero.ledger.figures.get('rr.finansiella_kostnader.2024')).toMatchObject({ printed: '0', negated: true });
    zeroShown = { wb: zero.wb, rows: await sheetAsShown(soffice, zero.file, sheet, path.join(tmp, 'shown-zero')) };
  }, 180_000);

  /** Every formula cell of `original`, with its cached result and the recalculated one. */
  function pairs(original: ExcelJS.Workbook, other: ExcelJS.Workbook) {
    const out: { where: string; cached: unknown; recalculated: unknown }[] = [];
    for (const ws of original.worksheets) {
      const ws2 = other.getWorksheet(ws.name);
      expect(ws2, ws.name).toBeDefined();
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          const c2 = ws2!.getCell(cell.address);
          expect(c2.type, `${ws.name}!${cell.address} is still a formula`).toBe(ExcelJS.ValueType.Formula);
          out.push({ where: `${ws.name}!${cell.address} ${cell.formula}`, cached: cell.result, recalculated: c2.result });
        }),
      );
    }
    return out;
  }

  function errors(wb: ExcelJS.Workbook): string[] {
    const out: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = shown(cell);
          if ((v && typeof v === 'object' && 'error' in v) || (typeof v === 'string' && /^(#(VALUE!|REF!|NAME\?|DIV\/0!|N\/A|NUM!|NULL!)|Err:)/.test(v)))
            out.push(`${ws.name}!${cell.address}: ${JSON.stringify(v)}`);
        }),
      );
    return out;
  }

  it('gives every formula the value avstämning cached (numbers exactly, strings equal)', () => {
    const all = pairs(bundled.wb, recalculated);
    expect(all.length).toBeGreaterThan(4 * bundled.result.checks.length);
    const differ = all.filter((p) => p.cached !== p.recalculated);
    expect(differ.slice(0, 20)).toEqual([]);
    // Also with the discrepancies unacknowledged (the "avvikelse" branch of every formula).
    expect(pairs(unacknowledged.wb, unacknowledgedRecalculated).filter((p) => p.cached !== p.recalculated)).toEqual([]);
  });

  it('shows a table printed without minus as printed, holding the normalised values, and its sums recalculate', () => {
    const ws = signedRecalculated.getWorksheet('Resultaträkning')!;
    const negated = [...signed.ledger.figures.values()].filter((f) => f.negated && f.id.startsWith('rr.'));
    expect(negated.map((f) => f.id)).toContain('rr.kostnader_for_personal.2024');
    const spaces = (t: string) => t.replace(/[\s\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');
    for (const f of negated) {
      const [, rowId, col] = /^rr\.(.+)\.([^.]+)$/.exec(f.id)!;
      const r = statementRow(ws, rowId!);
      const c = column(ws, 3, col!);
      // (a) The cell holds the normalised value, negative for a cost printed without minus.
      expect(f.value!.isNegative(), f.id).toBe(true);
      expect(shown(ws.getCell(r, c)), f.id).toBe(Number(f.value!.toString()));
      // (b) What the auditor sees is the figure as printed in the ledger.
      expect(spaces(signedShown[r - 1]?.[c - 1] ?? ''), f.id).toBe(spaces(f.printed));
    }
    // A figure without the convention shows as printed too (the column lookup is right).
    const income = signed.ledger.figures.get('rr.intakter_av_anslag.2024')!;
    expect(income.negated).toBeFalsy();
    expect(spaces(signedShown[statementRow(ws, 'intakter_av_anslag') - 1]![column(ws, 3, '2024') - 1]!)).toBe(spaces(income.printed));
    // (c) The checks over those lines recalculate to their cached values, and tie.
    const ids = new Set(negated.map((f) => f.id));
    const checks = signed.result.checks.map((c, i) => ({ c, r: CHECK_FIRST_ROW + i })).filter(({ c }) => c.figures.some((id) => ids.has(id)));
    expect(checks.map(({ c }) => c.figures).flat()).toContain('rr.summa_kostnader.2024');
    const before = signed.wb.getWorksheet('Avstämningar')!;
    const after = signedRecalculated.getWorksheet('Avstämningar')!;
    for (const { c, r } of checks) {
      for (const col of [C.left, C.right, C.difference, C.status]) {
        expect(after.getCell(r, col).type, `${c.id} ${col}`).toBe(ExcelJS.ValueType.Formula);
        expect(after.getCell(r, col).result, `${c.id} ${col}`).toBe(before.getCell(r, col).result);
      }
      expect(after.getCell(r, C.status).result, c.id).toBe(STATUS[c.status]);
    }
    expect(pairs(signed.wb, signedRecalculated).filter((p) => p.cached !== p.recalculated)).toEqual([]);
    expect(errors(signedRecalculated)).toEqual([]);
  });

  it('shows a zero printed without minus as 0, not "-0"', () => {
    const ws = zeroShown.wb.getWorksheet('Resultaträkning')!;
    const r = statementRow(ws, 'finansiella_kostnader');
    const c = column(ws, 3, '2024');
    expect(Math.abs(Number(shown(ws.getCell(r, c))))).toBe(0);
    expect(zeroShown.rows[r - 1]![c - 1]).toBe('0');
    // The other column of that line still shows as printed, without minus.
    expect(zeroShown.rows[r - 1]![column(ws, 3, '2023') - 1]).toBe('90');
  });

  it('has no error values', () => {
    expect(errors(recalculated)).toEqual([]);
    expect(errors(injected)).toEqual([]);
    expect(errors(unacknowledgedRecalculated)).toEqual([]);
  });

  it('turns the checks that read a hand-edited figure into avvikelse, and only those', () => {
    const ws = edited.getWorksheet('Avstämningar')!;
    const { checks } = bundled.result;
    const reading = checks.filter((c) => c.figures.includes(EDITED));
    expect(reading.length).toBeGreaterThan(0);
    checks.forEach((c, i) => {
      const status = ws.getCell(CHECK_FIRST_ROW + i, C.status).result;
      if (!c.figures.includes(EDITED)) expect(status, c.id).toBe(STATUS[c.status]);
      else if (c.relation === 'eq') expect(status, c.id).toBe('avvikelse');
    });
    // The summary's counts and verdict follow.
    const summary = edited.getWorksheet('Sammanfattning')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(shown(row.getCell(1))).trim(), shown(row.getCell(2))));
    const discrepancies = checks.filter((_, i) => ws.getCell(CHECK_FIRST_ROW + i, C.status).result === 'avvikelse').length;
    expect(discrepancies).toBeGreaterThanOrEqual(reading.filter((c) => c.relation === 'eq').length);
    expect(values.get('avvikelse')).toBe(discrepancies);
    expect(values.get('Resultat')).toBe(`${discrepancies} ${discrepancies > 1 ? 'AVVIKELSER' : 'AVVIKELSE'} ATT ÅTGÄRDA`);
  });

  it('recalculates the public-API fallback to its cached values, links included, without error values', () => {
    const all = pairs(fallback.wb, fallbackRecalculated);
    expect(all.filter((p) => p.where.includes('HYPERLINK(')).length).toBeGreaterThan(100);
    expect(all.filter((p) => p.cached !== p.recalculated).slice(0, 20)).toEqual([]);
    expect(errors(fallbackRecalculated)).toEqual([]);
  });

  it('keeps the links and the conditional formatting of both paths through LibreOffice', () => {
    const links = allLinks(bundled.file, bundled.wb);
    expect(allLinks(recalculatedFiles[0]!, recalculated)).toEqual(links);
    expect(allLinks(recalculatedFiles[4]!, fallbackRecalculated)).toEqual(links);
    for (const wb of [recalculated, fallbackRecalculated]) {
      const cf = wb.getWorksheet('Avstämningar')!.conditionalFormattings;
      expect(cf.map((c) => c.rules[0]!.type)).toEqual(bundled.wb.getWorksheet('Avstämningar')!.conditionalFormattings.map((c) => c.rules[0]!.type));
    }
    // Bold totals and the number format survive too.
    for (const wb of [recalculated, fallbackRecalculated]) {
      const rr = wb.getWorksheet('Resultaträkning')!;
      const total = rr.getCell(statementRow(rr, 'summa_intakter'), 3);
      expect(total.font?.bold).toBe(true);
      expect(total.numFmt).toMatch(/#,##0/);
    }
  });

  it('keeps hostile texts as text after recalculation, and the injection workbook computes as cached', () => {
    const differ = pairs(injection.wb, injected).filter((p) => p.cached !== p.recalculated);
    expect(differ).toEqual([]);
    const found = new Set<string>();
    for (const ws of injected.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && HOSTILE.includes(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found.add(cell.value);
          }
        }),
      );
    expect([...found].sort()).toEqual([...HOSTILE].sort());
  });
});

// Keep the file referenced by the docs in sync with what the test reads.
it('documents the workbook', async () => {
  const doc = await readFile('docs/workbook.md', 'utf8');
  for (const sheet of ['Sammanfattning', 'Avstämningar', 'Täckning', 'Noter', 'LibreOffice']) expect(doc).toContain(sheet);
});
