/**
 * `avstamning import`: reads a report (text, or a PDF's text layer), runs the pure
 * importer, checks that the result loads as a ledger, and writes the ledger directory in
 * one step (a temporary directory renamed into place), with the import report beside it.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { importText } from '../import/index.js';
import { renderImportReport } from '../import/report.js';
import { loadLedger } from '../ledger/load.js';
import { LedgerInputError, formatInputError, inputError, type InputError } from '../ledger/errors.js';
import { toOutputError } from '../io/errors.js';
import { writeDiagnostic, writeStd } from '../io/std.js';
import type { MessageCode, MessageParams } from '../messages/catalogue.js';
import { EXIT } from './exit.js';
import { makeDirs } from '../io/make-dirs.js';

export interface ImportArgs {
  readonly source: string;
  readonly ut: string;
  readonly myndighet?: string;
  readonly ar?: string;
  readonly force: boolean;
}

export const REPORT_FILE = 'import-rapport.txt';
export const REPORT_JSON = 'import-rapport.json';

/** The user's input to `import` is wrong: one error, exit 2. */
class ImportInputError extends Error {
  constructor(readonly error: InputError) {
    super(formatInputError(error));
  }
}
const fail = <C extends MessageCode>(file: string, code: C, params: MessageParams<C>): never => {
  throw new ImportInputError(inputError({ file }, code, params));
};

export async function runImport(args: ImportArgs): Promise<number> {
  try {
    return await importTo(args);
  } catch (e) {
    if (e instanceof ImportInputError) {
      writeDiagnostic(`avstamning: ${e.message}\n`);
      return EXIT.input;
    }
    throw e;
  }
}

async function importTo(args: ImportArgs): Promise<number> {
  const { text, pdf } = await readReport(args.source);
  const result = importText(text, { pdf, ...(args.myndighet ? { myndighet: args.myndighet } : {}), ...(args.ar ? { ar: args.ar } : {}) });
  if (!result.report.sections.length) fail(args.source, 'import.ingen_finansiell_del', {});
  // A ledger has a resultaträkning and a balansräkning (src/ledger/build.ts): without them the report cannot become one.
  const lacking = [['resultatrakning.yaml', 'resultaträkning'], ['balansrakning.yaml', 'balansräkning']].filter(([f]) => !result.files.has(f!)).map(([, name]) => name!);
  if (lacking.length) fail(args.source, 'import.saknar_del', { delar: lacking.join(' och ') });
  const target = path.resolve(args.ut);
  prepareTarget(args.ut, args.force);
  const tmp = `${target}.${process.pid}.tmp`;
  const reportText = renderImportReport(result.report, args.ut);
  try {
    makeDirs(tmp);
    for (const [file, content] of result.files) writeFileSync(path.join(tmp, file), content, 'utf8');
    writeFileSync(path.join(tmp, REPORT_FILE), reportText, 'utf8');
    writeFileSync(path.join(tmp, REPORT_JSON), JSON.stringify(result.report, null, 2) + '\n', 'utf8');
    await verify(tmp);
    if (existsSync(target)) await rm(target, { recursive: true });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw toOutputError(e, args.ut);
  }
  // The ledger is in place; a lost standard output is still the environment's fault (exit 4).
  await writeStd('stdout', reportText);
  await writeStd('stdout', `\nÅrsredovisningsfilerna är skrivna till ${args.ut}; importrapporten står i ${path.join(args.ut, REPORT_FILE)}.\n`);
  return EXIT.ok;
}

async function readReport(source: string): Promise<{ text: string; pdf: boolean }> {
  const bytes = readSource(source);
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const { pdfText, PdfError } = await import('../import/pdf.js');
    try {
      return { text: await pdfText(new Uint8Array(bytes)), pdf: true };
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      if (e.kind === 'losenord') fail(source, 'import.pdf_losenord', {});
      if (e.kind === 'ingen_text') fail(source, 'import.pdf_utan_text', {});
      fail(source, 'import.pdf_trasig', { orsak: e.message || 'okänt fel' });
    }
  }
  if (/\.pdf$/i.test(source)) fail(source, 'import.inte_pdf', {});
  if (bytes.includes(0)) fail(source, 'import.inte_text', {});
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), pdf: false };
  } catch {
    // Not UTF-8: the text exports of older tools are Windows-1252.
    return { text: new TextDecoder('windows-1252').decode(bytes), pdf: false };
  }
}

function readSource(source: string): Buffer {
  try {
    if (statSync(source).isDirectory()) fail(source, 'fil.ingen_fil', { sokvag: source });
    return readFileSync(source);
  } catch (e) {
    if (e instanceof ImportInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(source, 'fil.saknas', { sokvag: source });
    return fail(source, 'fil.olasbar', { sokvag: source, orsak: code === 'EACCES' ? 'behörighet saknas' : (code ?? 'okänt fel') });
  }
}

function prepareTarget(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) fail(dir, 'import.mal_ingen_mapp', { mapp: dir });
  if (readdirSync(dir).length && !force) fail(dir, 'import.mal_inte_tom', { mapp: dir });
}

/** The importer must write a ledger that loads; if it does not, that is a bug in avstämning. */
async function verify(dir: string): Promise<void> {
  try {
    await loadLedger(dir);
  } catch (e) {
    if (e instanceof LedgerInputError) {
      throw new Error(`den importerade årsredovisningen klarar inte kontrollen: ${e.errors.slice(0, 10).map(formatInputError).join('; ')}`);
    }
    throw e;
  }
}
