/**
 * How a run that threw ends: the one Swedish message and the exit code for each kind of
 * failure. Input errors (and a workbook beyond Excel's limits) exit 2, the user's environment (an OutputError) 4, anything else is
 * a bug in avstämning and exits 3.
 */
import { LedgerInputError, formatInputError } from '../ledger/errors.js';
import { OutputError, formatOutputError } from '../io/errors.js';
import { STD_NAMES, writeDiagnostic } from '../io/std.js';
import { render } from '../messages/catalogue.js';
import { WorkbookLimitError } from '../render/excel/limits.js';
import { EXIT } from './exit.js';

export function reportFailure(e: unknown): number {
  if (e instanceof LedgerInputError) {
    writeDiagnostic(`avstamning: ${e.errors.length} fel i årsredovisningens filer:\n${e.errors.map((x) => `  ${formatInputError(x)}`).join('\n')}\n`);
    return EXIT.input;
  }
  if (e instanceof WorkbookLimitError) {
    writeDiagnostic(`avstamning: ${render({ code: e.code, params: e.params })}\n`);
    return EXIT.input;
  }
  if (e instanceof OutputError) {
    // Standard error itself failing leaves nothing to print the message on.
    if (e.params.sokvag !== STD_NAMES.stderr) writeDiagnostic(`avstamning: ${formatOutputError(e)}\n`);
    return EXIT.environment;
  }
  const detail = process.env.AVSTAMNING_DEBUG ? `\n${(e as Error).stack ?? ''}` : '';
  writeDiagnostic(`avstamning: internt fel (en bugg i avstämning, inte i indata): ${(e as Error).message ?? String(e)}${detail}\nSätt AVSTAMNING_DEBUG=1 för en stackspårning.\n`);
  return EXIT.internal;
}

/**
 * SIGINT and SIGTERM: remove the temporary files of a report set being written (the
 * previous reports stay as they were) and exit 130 or 143.
 */
export function onInterrupt(removeTemporaryFiles: () => void): void {
  for (const [signal, code] of [['SIGINT', EXIT.sigint], ['SIGTERM', EXIT.sigterm]] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      writeDiagnostic(`avstamning: ${render({ code: 'avbrott.signal', params: { signal } })}\n`);
      process.exit(code);
    });
  }
}
