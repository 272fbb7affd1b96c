/**
 * Output faults as data. A report that cannot be written, or a closed or full standard
 * stream, is the user's environment, not a bug: an `OutputError` carries a stable code and
 * its parameters, and the CLI renders it as one Swedish line (exit 4).
 *
 * The Swedish texts are kept in one table (`MESSAGES`) so that they can move into the
 * project's message catalogue unchanged.
 */

export type OutputErrorCode =
  | 'output/disk-full'
  | 'output/permission'
  | 'output/read-only'
  | 'output/busy'
  | 'output/is-directory'
  | 'output/not-directory'
  | 'output/missing'
  | 'output/name-too-long'
  | 'output/link-loop'
  | 'output/stream-closed'
  | 'output/stream-blocked'
  | 'output/io';

export interface OutputErrorParams {
  /** The path as the user named it, or `standard ut` / `standard fel`. */
  readonly path: string;
  /** The system's error code (ENOSPC, EACCES, ...), when there is one. */
  readonly errno?: string;
  /**
   * What had happened to the report set: `none` (nothing replaced), `partly` (a rename
   * failed after others succeeded), `all` (the files are in place; a stream failed after).
   */
  readonly replaced: 'none' | 'partly' | 'all';
}

export class OutputError extends Error {
  constructor(
    readonly code: OutputErrorCode,
    readonly params: OutputErrorParams,
  ) {
    super(`${code}: ${params.path}${params.errno ? ` (${params.errno})` : ''}`);
    this.name = 'OutputError';
  }
}

/** The Swedish cause of each code: what is wrong, in the user's terms. */
const MESSAGES: Readonly<Record<OutputErrorCode, string>> = {
  'output/disk-full': 'disken är full',
  'output/permission': 'åtkomst nekad (behörighet saknas)',
  'output/read-only': 'filsystemet är skrivskyddat',
  'output/busy': 'filen är låst eller används av ett annat program',
  'output/is-directory': 'det är en mapp, inte en fil',
  'output/not-directory': 'det är en fil, inte en mapp',
  'output/missing': 'mappen finns inte (längre)',
  'output/name-too-long': 'sökvägen eller filnamnet är för långt',
  'output/link-loop': 'symboliska länkar bildar en slinga',
  'output/stream-closed': 'mottagaren har stängt strömmen',
  'output/stream-blocked': 'strömmen tar inte emot mer data',
  'output/io': 'skrivfel i operativsystemet',
};

/** Misuse of the output options: exit 2, like any usage error. */
export const USAGE_MESSAGES = {
  'usage/stdout-twice': () => 'högst en rapport kan skrivas till standard ut (-).',
  'usage/same-target': (first: string, second: string) =>
    first === second ? `två rapporter ska skrivas till ${first}: ange olika filer.` : `${first} och ${second} är samma fil: ange olika filer.`,
} as const;

const REPLACED: Readonly<Record<OutputErrorParams['replaced'], string>> = {
  none: ' Inga tidigare rapporter har ersatts.',
  partly: ' Rapportuppsättningen kan vara blandad: kör om.',
  all: '',
};

/** One line: `kunde inte skriva reports/x.xlsx: disken är full (ENOSPC). Inga tidigare ...` */
export function formatOutputError(e: OutputError): string {
  const { path, errno, replaced } = e.params;
  return `kunde inte skriva ${path}: ${MESSAGES[e.code]}${errno ? ` (${errno})` : ''}.${REPLACED[replaced]}`;
}

const BY_ERRNO: Readonly<Record<string, OutputErrorCode>> = {
  ENOSPC: 'output/disk-full',
  EDQUOT: 'output/disk-full',
  EFBIG: 'output/disk-full',
  EACCES: 'output/permission',
  EPERM: 'output/permission',
  EROFS: 'output/read-only',
  EBUSY: 'output/busy',
  ETXTBSY: 'output/busy',
  EISDIR: 'output/is-directory',
  ENOTDIR: 'output/not-directory',
  EEXIST: 'output/not-directory',
  ENOENT: 'output/missing',
  ENAMETOOLONG: 'output/name-too-long',
  ELOOP: 'output/link-loop',
  EPIPE: 'output/stream-closed',
  ECONNRESET: 'output/stream-closed',
  EBADF: 'output/stream-closed',
  ERR_STREAM_DESTROYED: 'output/stream-closed',
  ERR_STREAM_WRITE_AFTER_END: 'output/stream-closed',
  EAGAIN: 'output/stream-blocked',
  EWOULDBLOCK: 'output/stream-blocked',
};

/** Whether `e` is an error from the operating system (it has a string `code`). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/**
 * The OutputError for a system error met while writing `path`; anything else (a bug) is
 * returned unchanged, to end as an internal error.
 */
export function toOutputError(e: unknown, path: string, replaced: OutputErrorParams['replaced'] = 'none'): unknown {
  if (e instanceof OutputError || !isSystemError(e)) return e;
  const errno = e.code!;
  const code = BY_ERRNO[errno] ?? (/^E[A-Z0-9]+$/.test(errno) ? 'output/io' : undefined);
  // Node's own ERR_ codes other than a destroyed stream are misuse: a bug, not the environment.
  if (!code) return e;
  return new OutputError(code, { path, ...(errno.startsWith('ERR_') ? {} : { errno }), replaced });
}
