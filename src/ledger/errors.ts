/**
 * Input errors: a user's mistake in a ledger, reported all at once with its position. An
 * error is data, a code of the message catalogue with its parameters; the Swedish text is
 * made from it when it is printed.
 */
import { render, type Message, type MessageCode, type MessageParams } from '../messages/catalogue.js';

/** Where an error is: a file, and its line and column when the error has a place in it. */
export interface Place {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export type InputError = Place & Message;

/** An input error at a place: `inputError(src.at(path), 'belopp.ogiltigt', { figur, text })`. */
export function inputError<C extends MessageCode>(at: Place, code: C, params: MessageParams<C>): InputError {
  const place: Place = at.line === undefined ? { file: at.file } : { file: at.file, line: at.line, column: at.column ?? 1 };
  return { ...place, code, params } as InputError;
}

export class LedgerInputError extends Error {
  constructor(readonly errors: readonly InputError[]) {
    super(`${errors.length} fel i årsredovisningens filer`);
    this.name = 'LedgerInputError';
  }
}

/** `file:line:column: message`, or `file: message` for an error without a place in the file. */
export function formatInputError(e: InputError): string {
  return `${e.file}${e.line === undefined ? '' : `:${e.line}:${e.column ?? 1}`}: ${render(e)}`;
}

/** Errors sorted by file, line and column, duplicates removed. */
export function sortErrors(errors: readonly InputError[]): InputError[] {
  const seen = new Set<string>();
  return [...errors]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)))
    .filter((e) => {
      const k = formatInputError(e);
      return seen.has(k) ? false : (seen.add(k), true);
    });
}
