/**
 * The importer on an invented report (test/fixtures/import/exempelverket.txt: another
 * agency's shape, with the text layer's habits: no-break and thin spaces, footnote digits
 * glued to labels, words hyphenated over lines, a page break with "Fortsättning", a spaced
 * minus, "–" in the note column, prose with figures), as text and as PDF, and the command's
 * input errors.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importText } from '../src/import/index.js';
import { pdfText } from '../src/import/pdf.js';
import { loadLedger } from '../src/ledger/load.js';
import { reconcile } from '../src/rules/engine.js';
import type { Ledger } from '../src/domain/model.js';
import { runCli } from './helpers/cli.js';
import { makePdf } from './helpers/pdf.js';
import { removeTempDirs, tempDir } from './helpers/tmp.js';

afterAll(removeTempDirs);

const FIXTURE = 'test/fixtures/import/exempelverket.txt';
const text = readFileSync(FIXTURE, 'utf8');

async function imported(source: string): Promise<{ ledger: Ledger; dir: string; result: ReturnType<typeof importText> }> {
  const result = importText(source);
  const dir = tempDir('avstamning-import-');
  for (const [file, content] of result.files) writeFileSync(path.join(dir, file), content);
  return { ledger: await loadLedger(dir), dir, result };
}

/** Figures as printed in the fixture, by the ids the layout prescribes. */
const EXPECTED: Readonly<Record<string, string>> = {
  'vu.laneram_beviljad.2025': '12000',
  'vu.laneram_utnyttjad.2023': '6900',
  'vu.arsarbetskrafter.2024': '104',
  'vu.medelantal_anstallda.2025': '121',
  'vu.balanserad_kapitalforandring.2023': '-1161',
  'rr.intakter_av_anslag.2025': '120500',
  'rr.intakter_av_anslag.2024': '110200',
  'rr.finansiella_intakter.2024': '9',
  'rr.ovriga_driftkostnader.2025': '-30100',
  'rr.summa_intakter.2025': '124825',
  'rr.summa_kostnader.2024': '-114240',
  'rr.uppbord_skatteintakter.2025': '56000',
  'rr.uppbord_medel_till_statens_budget.2024': '-54000',
  'rr.saldo_uppbord.2025': '0',
  'br.mat_maskiner.2025': '8120',
  'br.mat_pagaende.2024': '0',
  'br.rantekonto.2025': '12400',
  'br.balanserad_kapitalforandring.2025': '-1200',
  'br.fonder.2024': '2000',
  'br.ovriga_kortfristiga_skulder.2025': '2120',
  'br.summa_kapital_och_skulder.2024': '20540',
  'fa.drift_kostnader.2025': '-122725',
  'fa.drift_forandring_fordringar.2024': '-120',
  'fa.kassaflode_drift.2024': '1029',
  'anslag.uo22.1_5.ap1.indragning': '-2100',
  'anslag.uo22.1_5.ap1.utgaende_overforingsbelopp': '1100',
  'anslag.uo22.1_6.ap1.omdisponerat': '50',
  'anslag.uo22.1_6.ap2.inkomster': '12',
  'anslag.uo22.1_6.summa.totalt_disponibelt': '2950',
  'anslag.uo22.summa.utgaende_overforingsbelopp': '1342',
  'inkomsttitel.9455.001.inkomster': '56000',
  'inkomsttitel.summa.beraknat_belopp': '55000',
};

describe('import of an invented report (text)', () => {
  it('reads every statement figure under its layout line, with the printed value', async () => {
    const { ledger } = await imported(text);
    const got = Object.fromEntries(Object.keys(EXPECTED).map((id) => [id, ledger.figures.get(id)?.value?.toString()]));
    expect(got).toEqual(EXPECTED);
    expect(ledger.agency).toBe('Exempelverket');
    expect(ledger.year).toBe('2025');
  });

  it('records where every figure stood: its printed form is on its line', async () => {
    const { ledger } = await imported(text);
    const lines = text.split('\n');
    const norm = (s: string) => s.replace(/[\u00a0\u2009]/g, ' ').replace(/- (?=\d)/g, '-');
    const misplaced = [...ledger.figures.values()].filter((f) => !f.seed || !norm(lines[f.seed[0] - 1]!).includes(norm(f.printed)));
    expect(misplaced.map((f) => f.id)).toEqual([]);
    expect(ledger.figures.size).toBeGreaterThan(150);
  });

  it('records the page in every row (sida)', () => {
    const { files } = importText(text);
    const rows = [...files.values()].join('\n').split('\n').filter((l) => /\bseed: \d+/.test(l));
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((l) => !/\bsida: \d+/.test(l))).toEqual([]);
    expect(files.get('balansrakning.yaml')).toMatch(/id: statskapital,.*sida: 5\}/);
  });

  it('reconciles without a discrepancy: the invented report ties', async () => {
    const { ledger } = await imported(text);
    const r = reconcile(ledger);
    expect(r.checks.filter((c) => c.status === 'discrepancy').map((c) => c.id)).toEqual([]);
  });

  it("ties a note's row to the statement line it specifies, by the note reference", () => {
    const noter = importText(text).files.get('noter.yaml')!;
    expect(noter).toMatch(/\{id: summa, text: Summa, specificerar: rr\.intakter_av_avgifter, summa: \[[a-z_, ]+\], v: \[4 310, 3 980\]/);
    expect(noter).toMatch(/\{id: behallning, text: Behållning, specificerar: br\.rantekonto,/);
    // Note 1's sum (119 620) is not the resultaträkning's 120 500: no row is guessed.
    expect(noter).not.toMatch(/specificerar: rr\.intakter_av_anslag/);
  });

  it('reports every line with figures it did not import, and the layout lines it did not find', () => {
    const { report } = importText(text);
    expect(report.skipped.map((s) => s.nr).sort((a, b) => a - b)).toEqual([28, 167, 186]);
    expect(report.skipped.every((s) => s.reason.length > 0 && s.page > 0)).toBe(true);
    expect(report.missing.rr).toContain('intakter_av_bidrag');
    expect(report.missing.rr).not.toContain('intakter_av_anslag');
  });

  it('finds the tables past a table of contents that names the headings without page numbers', () => {
    const toc = text.replace('Innehåll\n', 'Innehåll\nResultaträkning\nBalansräkning\nNoter\n');
    const { report } = importText(toc);
    const plain = importText(text).report;
    expect(report.figures).toEqual(plain.figures);
    expect(report.skipped.length).toBe(plain.skipped.length);
  });

  it('leaves out a row that no reading fits, and reports it', () => {
    // One figure more than the columns, in a statement and in a note: never guessed.
    const odd = text.replace('Kundfordringar 310 280', 'Kundfordringar 310 280 5').replace('Behållning 12 400 10 950', 'Behållning 12 400 10 950 7');
    const { report, files } = importText(odd);
    expect(files.get('balansrakning.yaml')).not.toMatch(/id: kundfordringar/);
    expect(files.get('noter.yaml')).not.toMatch(/id: behallning/);
    expect(report.skipped.filter((s) => /^(Kundfordringar|Behållning) /.test(s.text))).toHaveLength(2);
  });
});

describe('import of a PDF', () => {
  it('reads the same figures from the PDF text layer, page by page', async () => {
    // Each printed line as one text run: PDF.js gives back the same lines.
    const pages = text.split('\n \n').length > 1 ? [] : splitPages(text);
    const pdf = makePdf(pages.map((p) => p.map((line, i) => ({ x: 40, y: 800 - 12 * i, text: line }))));
    const fromPdf = await pdfText(new Uint8Array(pdf));
    expect(fromPdf.split('\f').length).toBe(pages.length);
    const { ledger } = await imported(fromPdf);
    const got = Object.fromEntries(Object.keys(EXPECTED).map((id) => [id, ledger.figures.get(id)?.value?.toString()]));
    expect(got).toEqual(EXPECTED);
  });

  it('reads table columns by their position: one space inside a number, a wide gap between columns', async () => {
    const row = (y: number, label: string, ...cells: string[]) => [
      { x: 40, y, text: label },
      ...cells.map((c, i) => ({ x: [330, 420, 520][i]! - c.length * 5, y, text: c })),
    ];
    const page = [
      { x: 40, y: 800, text: 'Resultaträkning' },
      ...row(780, 'Belopp i tkr', 'Not', '2025', '2024'),
      ...row(760, 'Intäkter av anslag', '1', '120 500', '110 200'),
      ...row(745, 'Intäkter av avgifter och andra ersättningar', '', '1 310', '980'),
      ...row(730, 'Summa', '', '121 810', '111 180'),
    ];
    const t = await pdfText(new Uint8Array(makePdf([page])));
    expect(t.split('\n')[2]).toBe('Intäkter av anslag  1  120 500  110 200');
    const rr = importText(t, { pdf: true }).files.get('resultatrakning.yaml')!;
    expect(rr).toContain('{id: intakter_av_anslag, text: Intäkter av anslag, v: [120 500, 110 200], seed: 3, sida: 1}');
    expect(rr).toContain('{id: intakter_av_avgifter, text: Intäkter av avgifter och andra ersättningar, v: [1 310, 980], seed: 4, sida: 1}');
  });
});

/** The fixture's pages: a line starting with one space begins a page (the seeds' convention). */
function splitPages(t: string): string[][] {
  const pages: string[][] = [[]];
  t.split('\n').forEach((line, i) => {
    if (i > 0 && /^ \S/.test(line)) pages.push([]);
    pages[pages.length - 1]!.push(line.trimStart());
  });
  return pages;
}

describe('avstamning import: the command', () => {
  const tmp = () => tempDir('avstamning-import-cli-');

  it('writes the ledger and the import report, and check accepts the ledger', async () => {
    const out = path.join(tmp(), 'exempel');
    const r = await runCli(['import', FIXTURE, '--ut', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rader med tal som inte blev figurer: 3.');
    expect(readFileSync(path.join(out, 'import-rapport.txt'), 'utf8')).toContain('rad 167 (s. 8)');
    expect((await runCli(['check', out])).code).toBe(0);
  });

  it.each([
    ['a file that does not exist', ['saknas.txt'], 'saknas.txt: filen "saknas.txt" finns inte'],
    ['a .pdf that is no PDF', ['README.md.pdf'], 'ingen PDF'],
    ['a text without a financial part', ['README.md'], 'hittade ingen finansiell del'],
    ['a report without a balansräkning', ['test/fixtures/import/utan-balansrakning.txt'], 'rapporten saknar balansräkning'],
  ])('%s: exit 2 with the reason', async (_name, args, message) => {
    const dir = tmp();
    if (args[0] === 'README.md.pdf') writeFileSync(path.join(dir, 'README.md.pdf'), 'ingen pdf');
    const source = args[0] === 'README.md' ? path.resolve('README.md') : args[0] === 'README.md.pdf' ? path.join(dir, 'README.md.pdf') : args[0]!;
    const out = path.join(dir, 'ut');
    const r = await runCli(['import', source, '--ut', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a directory that is not empty, and leaves it as it was', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'x'));
    writeFileSync(path.join(out, 'x', 'a.txt'), 'kvar');
    const r = await runCli(['import', FIXTURE, '--ut', path.join(out, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('finns redan och är inte tom');
    expect(readFileSync(path.join(out, 'x', 'a.txt'), 'utf8')).toBe('kvar');
    const again = await runCli(['import', FIXTURE, '--ut', path.join(out, 'x'), '--skriv-over']);
    expect(again.code).toBe(0);
    expect(existsSync(path.join(out, 'x', 'a.txt'))).toBe(false);
  });
});
