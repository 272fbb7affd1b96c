/**
 * Loading at the edge: reads a ledger directory, validates every file and builds the
 * model. All input errors of all files are collected and thrown together, each as a code
 * of the message catalogue with its parameters, at a path relative to the current directory.
 */
import * as nodeFs from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import sv from 'zod/v4/locales/sv.js';
import type { Ledger } from '../domain/model.js';
import { describeValue, isFormat, itemName, typeName, type MessageCode, type MessageParams } from '../messages/catalogue.js';
import { buildLedger, type ParsedFile } from './build.js';
import { decode, declaredEncoding, isUtf8Name, type Decoder } from './decode.js';
import { inputError, LedgerInputError, sortErrors, type InputError, type Place } from './errors.js';
import { describePlace } from './location.js';
import { acknowledgementsSchema, ledgerFileSchema, manifestSchema } from './schema.js';
import { kontoplanSchema, lasHuvudbok } from './huvudbok.js';
import { readYaml, type Path, type YamlSource } from './yaml-source.js';
import { launcherCache, type CacheDir } from '../io/private-cache.js';
import { yamlCache, type YamlCache } from './yaml-cache.js';
import { borjaLasa, type Forlasning } from './huvudbok-lasning.js';

// Messages zod makes itself (none of the schema's own checks) are in Swedish.
z.config(sv());

export const MANIFEST = 'ledger.yaml';
/** Larger ledger files are refused before parsing. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The file-system calls loading makes; tests replace them to simulate faults. */
export type LedgerFs = Pick<typeof nodeFs, 'readFileSync' | 'realpathSync' | 'statSync'>;

/** One zod issue as an input error at its source position, its place named in words. */
function issueError(issue: z.core.$ZodIssue, src: YamlSource): InputError[] {
  const at = issue.path.map((p) => p as string | number);
  const input = (issue as { input?: unknown }).input;
  const place = (p: Path) => {
    const plats = describePlace(src.value, p);
    return plats ? { plats } : {};
  };
  const error = <C extends MessageCode>(code: C, params: MessageParams<C>) => [inputError(src.at(at), code, params)];
  // The schema's own checks name a format of the catalogue as their message.
  if (isFormat(issue.message)) return error('schema.format', { ...place(at), format: issue.message, fick: describeValue(input) });
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined && at.length) return error('schema.nyckel_saknas', { ...place(at.slice(0, -1)), nyckel: String(at.at(-1)) });
      return error('schema.typ', { ...place(at), forvantat: typeName(issue.expected), fick: describeValue(input) });
    case 'unrecognized_keys':
      return issue.keys.map((k) => inputError(src.at([...at, k, '\u0001key']), 'schema.okand_nyckel', { ...place(at), nyckel: k }));
    case 'invalid_union':
      return error('schema.typ', { ...place(at), forvantat: 'en text eller en lista', fick: describeValue(input) });
    case 'invalid_value':
      return error('schema.val', { ...place(at), varden: issue.values.map(String), fick: describeValue(input) });
    case 'too_small':
      return error('schema.for_fa', { ...place(at), minst: Number(issue.minimum), vad: itemName(String(at.at(-1))) });
    default:
      return error('schema.annat', { ...place(at), text: issue.message });
  }
}

/** Validates plain YAML data against a schema; reports issues at their source position. */
export function validate<S extends z.ZodMiniType>(schema: S, src: YamlSource, errors: InputError[]): z.infer<S> | undefined {
  const result = z.safeParse(schema, src.value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) errors.push(...issueError(issue, src));
  return undefined;
}

/** The schemas whose valid data the YAML cache keeps, by a name (a rebuild changes the cache's tag). */
const CACHED_SCHEMAS = new Map<z.ZodMiniType, string>([
  [manifestSchema, 'manifest'],
  [ledgerFileSchema, 'fil'],
  [acknowledgementsSchema, 'kanda_avvikelser'],
  [kontoplanSchema, 'kontoplan'],
]);

/** `validate`, or the data the same schema found valid in the same text before (yaml-cache.ts). */
function validateCached<S extends z.ZodMiniType>(schema: S, src: YamlSource, errors: InputError[], cache: YamlCache | undefined): z.infer<S> | undefined {
  const name = CACHED_SCHEMAS.get(schema);
  const kept = name === undefined ? undefined : cache?.checked(name);
  if (kept !== undefined) return kept as z.infer<S>;
  const data = validate(schema, src, errors);
  if (data !== undefined && name !== undefined) cache?.keep(name, data);
  return data;
}

/** An fs error's cause in words. */
const cause = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'åtkomst nekad (behörighet saknas)' : code === 'ELOOP' ? 'för många symboliska länkar' : code ? `systemfel ${code}` : String(e);
};
const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

type Resolved = { ok: true; real: string } | { ok: false; error: (at: Place) => InputError };

/**
 * Resolves a path named in the manifest. It must stay inside the ledger directory, also
 * after following symbolic links.
 */
function insideLedger(fs: LedgerFs, realDir: string, name: string, maxBytes = MAX_FILE_BYTES): Resolved {
  const fail = (f: (at: Place) => InputError): Resolved => ({ ok: false, error: f });
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) return fail((at) => inputError(at, 'fil.utanfor', { sokvag: name }));
  let real: string;
  try {
    real = fs.realpathSync(path.join(realDir, name));
  } catch (e) {
    return fail((at) => (isMissing(e) ? inputError(at, 'fil.saknas', { sokvag: name }) : inputError(at, 'fil.olasbar', { sokvag: name, orsak: cause(e) })));
  }
  if (real !== realDir && !real.startsWith(realDir + path.sep)) return fail((at) => inputError(at, 'fil.utanfor_lank', { sokvag: name }));
  let info: nodeFs.Stats;
  try {
    info = fs.statSync(real);
  } catch (e) {
    return fail((at) => inputError(at, 'fil.olasbar', { sokvag: name, orsak: cause(e) }));
  }
  if (!info.isFile()) return fail((at) => inputError(at, 'fil.ingen_fil', { sokvag: name }));
  if (info.size > maxBytes) return fail((at) => inputError(at, 'fil.for_stor', { sokvag: name, mib: maxBytes / 1024 / 1024 }));
  return { ok: true, real };
}

/** A path as the user can open it: relative to the current directory, unless it is outside it. */
export function displayPath(p: string): string {
  const abs = path.resolve(p);
  const rel = path.relative(process.cwd(), abs);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

/** Names a file of the ledger in `dir` (given relative to it) as the user can open it. */
export const placeIn = (dir: string) => (file: string) => displayPath(path.join(dir, file));

/** The errors of the ledger in `dir`, sorted, each at a path the user can open. */
export function ledgerInputError(dir: string, errors: readonly InputError[]): LedgerInputError {
  return new LedgerInputError(sortErrors(errors.map((e) => ({ ...e, file: displayPath(path.join(dir, e.file)) }))));
}

export interface LoadOptions {
  readonly fs?: LedgerFs;
  /** Load the report only, not the general ledger ledger.yaml may name (the generator of synthetic books). */
  readonly utanHuvudbok?: boolean;
  /** Where parsed YAML files and read books are kept between runs; by default the launcher's cache, if any (src/io/private-cache.ts). */
  readonly cache?: CacheDir;
}

/** Loads and validates a ledger directory; throws LedgerInputError listing every input error. */
export async function loadLedger(dir: string, options: LoadOptions = {}): Promise<Ledger> {
  const fs = options.fs ?? nodeFs;
  const cacheDir = 'cache' in options ? options.cache : launcherCache();
  const errors: InputError[] = [];
  let forlasning: Forlasning | undefined;
  const fail = (): never => {
    forlasning?.avbryt();
    throw ledgerInputError(dir, errors);
  };
  let realDir: string;
  let isDirectory: boolean;
  try {
    realDir = fs.realpathSync(dir);
    isDirectory = fs.statSync(realDir).isDirectory();
  } catch (e) {
    errors.push(isMissing(e) ? inputError({ file: '.' }, 'mapp.saknas', { mapp: dir }) : inputError({ file: '.' }, 'mapp.olasbar', { mapp: dir, orsak: cause(e) }));
    return fail();
  }
  if (!isDirectory) {
    errors.push(inputError({ file: '.' }, 'mapp.ingen_mapp', { mapp: dir }));
    return fail();
  }
  let encoding: string | undefined;
  let decoder: Decoder | undefined;
  const readBytes = (name: string, real: string): Buffer | undefined => {
    try {
      return fs.readFileSync(real);
    } catch (e) {
      errors.push(inputError({ file: name }, 'fil.olasbar', { sokvag: name, orsak: cause(e) }));
      return undefined;
    }
  };
  /** The cache slot of each file read, for its validation. */
  const slots = new Map<YamlSource, YamlCache>();
  /** Reads, decodes and parses one file; undefined (with errors) if it cannot be. */
  const read = (name: string, real: string, bytes = readBytes(name, real)): YamlSource | undefined => {
    if (!bytes) return undefined;
    const text = decode(bytes, encoding, decoder);
    if (!text.ok) {
      errors.push(inputError({ file: name, ...(text.line ? { line: text.line, column: text.column } : {}) }, text.code, text.params as never));
      return undefined;
    }
    const slot = cacheDir && yamlCache(cacheDir, real, text.text);
    const src = readYaml(text.text, name, errors, slot);
    if (slot) slots.set(src, slot);
    return src;
  };
  const check = <S extends z.ZodMiniType>(schema: S, src: YamlSource) => validateCached(schema, src, errors, slots.get(src));

  // The manifest is confined to the directory like every other file.
  const manifestPath = insideLedger(fs, realDir, MANIFEST);
  if (!manifestPath.ok) {
    const missing = manifestPath.error({ file: MANIFEST });
    errors.push(missing.code === 'fil.saknas' ? inputError({ file: '.' }, 'manifest.saknas', { fil: MANIFEST }) : missing);
    return fail();
  }
  const manifestBytes = readBytes(MANIFEST, manifestPath.real);
  if (!manifestBytes) return fail();
  encoding = declaredEncoding(manifestBytes);
  if (encoding) decoder = await loadDecoder(encoding);
  const manifestText = read(MANIFEST, manifestPath.real, manifestBytes);
  if (!manifestText || errors.length) return fail();
  if (manifestText.value === null) {
    errors.push(inputError({ file: MANIFEST, line: 1, column: 1 }, 'fil.tom', {}));
    return fail();
  }
  const manifest = check(manifestSchema, manifestText);
  if (!manifest) return fail();
  if (encoding && !isUtf8Name(encoding) && !decoder) {
    errors.push(inputError(manifestText.at(['kodning']), 'kodning.okand', { kodning: encoding }));
    return fail();
  }

  // The general ledger is read (in a worker) while the report's files are parsed.
  const bok = manifest.huvudbok && !options.utanHuvudbok ? insideLedger(fs, realDir, manifest.huvudbok.fil, Number.POSITIVE_INFINITY) : undefined;
  if (bok?.ok) forlasning = borjaLasa(bok.real, manifest.huvudbok!.fil, cacheDir);

  const files: ParsedFile[] = [];
  /** Files read so far, by resolved path relative to the ledger directory. */
  const seen = new Set<string>([MANIFEST]);
  const loadOne = <S extends z.ZodMiniType>(name: string, at: (string | number)[], schema: S) => {
    const resolved = insideLedger(fs, realDir, name);
    if (!resolved.ok) {
      errors.push(resolved.error(manifestText.at(at)));
      return undefined;
    }
    const relative = path.relative(realDir, resolved.real);
    if (seen.has(relative)) {
      errors.push(inputError(manifestText.at(at), 'fil.dubblett', { sokvag: name }));
      return undefined;
    }
    seen.add(relative);
    const src = read(relative, resolved.real);
    if (!src) return undefined;
    if (src.value === null) {
      if (!errors.some((e) => e.file === src.file)) errors.push(inputError({ file: src.file, line: 1, column: 1 }, 'fil.tom', {}));
      return undefined;
    }
    const data = check(schema, src);
    return data === undefined ? undefined : { src, data: data as z.infer<S> };
  };
  for (const [i, name] of manifest.filer.entries()) {
    const f = loadOne(name, ['filer', i], ledgerFileSchema);
    if (f) files.push(f);
  }
  const acks = manifest.kanda_avvikelser ? loadOne(manifest.kanda_avvikelser, ['kanda_avvikelser'], acknowledgementsSchema) : undefined;
  if (errors.length) return fail();
  const ledger = buildLedger(dir, { src: manifestText, data: manifest }, files, acks, errors);
  if (errors.length) return fail();
  if (!manifest.huvudbok || options.utanHuvudbok) return ledger;
  // The general ledger: streamed from any size (no MAX_FILE_BYTES), with its kontoplan.
  const huvudbok = await lasHuvudbok(ledger, manifest.huvudbok, manifestText, {
    resolve: (name, at) => {
      const r = insideLedger(fs, realDir, name, Number.POSITIVE_INFINITY);
      if (r.ok) return r.real;
      errors.push(r.error(manifestText.at(at)));
      return undefined;
    },
    exists: (name) => insideLedger(fs, realDir, name).ok,
    loadKontoplan: (name, at) => loadOne(name, [...at], kontoplanSchema),
    lasSie: (real, visas) => (forlasning?.sokvag === real ? forlasning : borjaLasa(real, visas, cacheDir)).lasning(),
  }, errors);
  if (errors.length || !huvudbok) return fail();
  return { ...ledger, huvudbok };
}

/** iconv-lite, loaded only for a ledger that declares an encoding; undefined if it does not know it. */
async function loadDecoder(encoding: string): Promise<Decoder | undefined> {
  if (isUtf8Name(encoding)) return undefined;
  const iconv = (await import('iconv-lite')).default;
  return iconv.encodingExists(encoding) ? { decode: (bytes, enc) => iconv.decode(Buffer.from(bytes), enc) } : undefined;
}

