/**
 * Output faults as data. A report that cannot be written, or a closed or full standard
 * stream, is the user's environment, not a bug: an `OutputError` carries a stable code and
 * its parameters (src/messages/catalogue.ts, `utdata.*`), and the CLI renders it as one
 * Swedish line (exit 4).
 */
import { render, type MessageCode, type Utdata } from '../messages/catalogue.js';

export type OutputCode = Extract<MessageCode, `utdata.${string}`>;

export class OutputError extends Error {
  constructor(
    readonly code: OutputCode,
    readonly params: Utdata,
  ) {
    super(`${code}: ${params.sokvag}${params.felkod ? ` (${params.felkod})` : ''}`);
    this.name = 'OutputError';
  }
}

/** One line: `kunde inte skriva reports/x.xlsx: disken är full (ENOSPC). Inga tidigare ...` */
export const formatOutputError = (e: OutputError): string => render({ code: e.code, params: e.params });

const BY_ERRNO: Readonly<Record<string, OutputCode>> = {
  ENOSPC: 'utdata.disken_full',
  EDQUOT: 'utdata.disken_full',
  EFBIG: 'utdata.disken_full',
  EACCES: 'utdata.behorighet',
  EPERM: 'utdata.behorighet',
  EROFS: 'utdata.skrivskyddad',
  EBUSY: 'utdata.last',
  ETXTBSY: 'utdata.last',
  EISDIR: 'utdata.ar_mapp',
  ENOTDIR: 'utdata.inte_mapp',
  EEXIST: 'utdata.inte_mapp',
  ENOENT: 'utdata.mapp_saknas',
  ENAMETOOLONG: 'utdata.for_langt_namn',
  ELOOP: 'utdata.lankslinga',
  EPIPE: 'utdata.strom_stangd',
  ECONNRESET: 'utdata.strom_stangd',
  EBADF: 'utdata.strom_stangd',
  ERR_STREAM_DESTROYED: 'utdata.strom_stangd',
  ERR_STREAM_WRITE_AFTER_END: 'utdata.strom_stangd',
  EAGAIN: 'utdata.strom_full',
  EWOULDBLOCK: 'utdata.strom_full',
};

/** Whether `e` is an error from the operating system (it has a string `code`). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/**
 * The OutputError for a system error met while writing `sokvag`; anything else (a bug) is
 * returned unchanged, to end as an internal error.
 */
export function toOutputError(e: unknown, sokvag: string, ersatt: Utdata['ersatt'] = 'inget'): unknown {
  if (e instanceof OutputError || !isSystemError(e)) return e;
  const errno = e.code!;
  const code = BY_ERRNO[errno] ?? (/^E[A-Z0-9]+$/.test(errno) ? 'utdata.io' : undefined);
  // Node's own ERR_ codes other than a destroyed stream are misuse: a bug, not the environment.
  if (!code) return e;
  return new OutputError(code, { sokvag, ...(errno.startsWith('ERR_') ? {} : { felkod: errno }), ersatt });
}
