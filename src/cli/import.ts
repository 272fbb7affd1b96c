/**
 * `avstamning import`: reads a report (text, or a PDF's text layer), runs the pure
 * importer, checks that the result loads as a ledger, and writes the ledger directory in
 * one step (a temporary directory renamed into place), with the import report beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { importText } from '../import/index.js';
import { renderImportReport } from '../import/report.js';
import { loadLedger } from '../ledger/load.js';
import { LedgerInputError, formatInputError, type InputError } from '../ledger/errors.js';
import { EXIT } from './exit.js';

export interface ImportArgs {
  readonly source: string;
  readonly ut: string;
  readonly myndighet?: string;
  readonly ar?: string;
  readonly force: boolean;
}

export const REPORT_FILE = 'import-rapport.txt';

/** A user's mistake with the command's input: exit 2 with the message. */
class ImportInputError extends Error {}

export async function runImport(args: ImportArgs): Promise<number> {
  try {
    return await importTo(args);
  } catch (e) {
    if (e instanceof ImportInputError) {
      process.stderr.write(`avstamning: ${e.message}\n`);
      return EXIT.input;
    }
    throw e;
  }
}

async function importTo(args: ImportArgs): Promise<number> {
  const text = await readReport(args.source);
  const result = importText(text, { ...(args.myndighet ? { myndighet: args.myndighet } : {}), ...(args.ar ? { ar: args.ar } : {}) });
  if (!result.report.sections.length) {
    throw new ImportInputError(`${args.source}: hittade ingen finansiell del (rubrikerna Resultaträkning, Balansräkning, Anslagsredovisning, Finansieringsanalys, Noter saknas). Är det en årsredovisning?`);
  }
  const target = path.resolve(args.ut);
  prepareTarget(target, args.force);
  const tmp = `${target}.${process.pid}.tmp`;
  const reportText = renderImportReport(result.report, args.ut);
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [file, content] of result.files) writeFileSync(path.join(tmp, file), content, 'utf8');
    writeFileSync(path.join(tmp, REPORT_FILE), reportText, 'utf8');
    writeFileSync(path.join(tmp, 'import-rapport.json'), JSON.stringify(result.report, null, 2) + '\n', 'utf8');
    await verify(tmp);
    if (existsSync(target)) await rm(target, { recursive: true });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  process.stdout.write(reportText);
  process.stdout.write(`\nHuvudboken är skriven till ${args.ut}; importrapporten står i ${path.join(args.ut, REPORT_FILE)}.\n`);
  return EXIT.ok;
}

async function readReport(source: string): Promise<string> {
  let bytes: Buffer;
  try {
    if (statSync(source).isDirectory()) throw new ImportInputError(`${source}: är en mapp; förväntade en årsredovisning som .pdf eller .txt`);
    bytes = readFileSync(source);
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportInputError(`${source}: ${code === 'ENOENT' ? 'filen finns inte' : code === 'EACCES' ? 'saknar läsbehörighet' : `kan inte läsas (${code ?? 'okänt fel'})`}`);
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const { pdfText, PdfError } = await import('../import/pdf.js');
    try {
      return await pdfText(new Uint8Array(bytes));
    } catch (e) {
      if (e instanceof PdfError) throw new ImportInputError(`${source}: ${e.message}`);
      throw e;
    }
  }
  if (/\.pdf$/i.test(source)) throw new ImportInputError(`${source}: filen heter .pdf men är ingen PDF (den börjar inte med %PDF-)`);
  if (bytes.includes(0)) throw new ImportInputError(`${source}: är ingen textfil (innehåller nollbytes); förväntade en .pdf eller en .txt i UTF-8`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the text exports of older tools are Windows-1252.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function prepareTarget(target: string, force: boolean): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new ImportInputError(`${target}: finns redan och är ingen mapp`);
  if (readdirSync(target).length && !force) {
    throw new ImportInputError(`${target}: mappen finns redan och är inte tom; välj en ny mapp eller ange --skriv-over`);
  }
}

/** The importer must write a ledger that loads; if it does not, that is a bug in avstämning. */
async function verify(dir: string): Promise<void> {
  try {
    await loadLedger(dir);
  } catch (e) {
    if (e instanceof LedgerInputError) {
      const list = e.errors.slice(0, 10).map((x: InputError) => formatInputError(x)).join('; ');
      throw new Error(`den importerade huvudboken klarar inte kontrollen: ${list}`);
    }
    throw e;
  }
}
