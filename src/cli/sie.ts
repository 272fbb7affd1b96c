/** `avstamning sie <fil>`: read an SIE 4 file, run the D-rules, write the reports. */
import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { SieLasning } from '../sie/lasare.js';
import { lasSieFil } from '../sie/fil.js';
import { provaBok, verifikationsFynd } from '../books/regler.js';
import { sieRapport } from '../books/rapport.js';
import { renderSieConsole } from '../render/sie-console.js';
import { renderSieJson } from '../render/sie-json.js';
import { renderSieJunit } from '../render/sie-junit.js';
import { LedgerInputError, inputError, type InputError } from '../ledger/errors.js';
import { STDOUT, writeReportSet, type Report } from '../io/report-set.js';
import { writeDiagnostic, writeStd } from '../io/std.js';
import { targetClash } from './commands.js';
import { EXIT } from './exit.js';

export interface SieArgs {
  readonly file: string;
  readonly json?: string;
  readonly junit?: string;
  /** Warnings (D-10, D-11, D-12, D-14) fail the run too. */
  readonly strict: boolean;
}

/** Files above this size show a progress bar on a terminal. */
const PROGRESS_BYTES = 8 << 20;
const MIB = 1 << 20;

export async function runSie(args: SieArgs): Promise<number> {
  const lasning = await read(args.file);
  if (lasning.fel.length) throw new LedgerInputError(withRest(lasning));
  const { bok, avvikelser } = lasning;
  const rapport = sieRapport(bok, provaBok(bok, verifikationsFynd(bok.fil, avvikelser)));
  const reports: Report[] = [];
  if (args.json) reports.push({ target: args.json, write: (out) => void out.write(renderSieJson(rapport)) });
  if (args.junit) reports.push({ target: args.junit, write: (out) => void out.write(renderSieJunit(rapport)) });
  const clash = targetClash(reports.map((r) => r.target));
  if (clash) {
    writeDiagnostic(`avstamning: ${clash}\n`);
    return EXIT.input;
  }
  await writeReportSet(reports);
  const text = renderSieConsole(rapport, reports.map((r) => r.target).filter((t) => t !== STDOUT));
  await writeStd(reports.some((r) => r.target === STDOUT) ? 'stderr' : 'stdout', text);
  const s = rapport.summary;
  return s.discrepancies > 0 || (args.strict && s.warnings > 0) ? EXIT.discrepancy : EXIT.ok;
}

async function read(file: string): Promise<SieLasning> {
  let size: number;
  try {
    const st = statSync(file);
    // A pipe is fine (`avstamning sie <(gunzip -c bok.se.gz)`): it is read as it comes.
    if (st.isDirectory()) throw Object.assign(new Error('en mapp'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new LedgerInputError([inputError({ file }, 'sie.olasbar', { orsak: orsak(e) })]);
  }
  const bar = size > PROGRESS_BYTES && process.stderr.isTTY && !process.env.CI ? progressBar(size) : null;
  try {
    return await lasSieFil(file, file, bar ? (las) => bar.update(Math.floor(las / MIB)) : undefined);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code) throw new LedgerInputError([inputError({ file }, 'sie.olasbar', { orsak: orsak(e) })]);
    throw e;
  } finally {
    bar?.stop();
  }
}

function progressBar(total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'läser {bar} {percentage} % · {value}/{total} MiB · {eta} s kvar', hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.ceil(total / MIB), 0);
  return bar;
}

const ORSAK: Readonly<Record<string, string>> = {
  ENOENT: 'filen finns inte',
  EACCES: 'läsrättighet saknas',
  EPERM: 'läsrättighet saknas',
  EISDIR: 'det är en mapp, inte en fil',
  EIO: 'läsfel på disken',
};
const orsak = (e: unknown) => ORSAK[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;

/** The listed errors, and one line for those left out. */
function withRest(l: SieLasning): InputError[] {
  if (l.felTotalt <= l.fel.length) return l.fel;
  const last = l.fel[l.fel.length - 1]!;
  return [...l.fel, inputError(last, 'sie.fler_fel', { antal: l.felTotalt - l.fel.length, visade: l.fel.length })];
}
