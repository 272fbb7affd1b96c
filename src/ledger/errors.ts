/** Input errors: a user's mistake in a ledger, reported all at once with its position. */
export interface InputError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class LedgerInputError extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(`${errors.length} fel i huvudboken`);
    this.name = 'LedgerInputError';
  }
}

export function formatInputError(e: InputError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Errors sorted by file, line and column, duplicates removed. */
export function sortErrors(errors: readonly InputError[]): InputError[] {
  const seen = new Set<string>();
  return [...errors]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
    .filter((e) => {
      const k = formatInputError(e);
      return seen.has(k) ? false : (seen.add(k), true);
    });
}
