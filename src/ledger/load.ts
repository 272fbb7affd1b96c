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
import { acknowledgementsSchema, ledgerFileSchema, manifestSchema, type AcknowledgementsInput, type ManifestInput } from './schema.js';
import { kontoplanSchema, lasHuvudbok, type HuvudbokInput, type HuvudbokIo } from './huvudbok.js';
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
  const reader = new LedgerReader(dir, options);
  reader.resolveDirectory();
  const manifest = await reader.readManifest();
  const huvudbok = options.utanHuvudbok ? undefined : manifest.data.huvudbok;
  if (huvudbok) reader.startHuvudbok(huvudbok.fil);
  const ledger = reader.build(manifest, reader.readReportFiles(manifest));
  return huvudbok ? reader.readHuvudbok(ledger, huvudbok, manifest.src) : ledger;
}

/** ledger.yaml, parsed and valid. */
interface Manifest {
  readonly src: YamlSource;
  readonly data: ManifestInput;
}

/** The report's files named in ledger.yaml, parsed and valid (those that are). */
interface ReportFiles {
  readonly files: ParsedFile[];
  readonly acks: { src: YamlSource; data: AcknowledgementsInput } | undefined;
}

/**
 * The loading of one ledger directory, one method per step (loadLedger calls them in
 * order), and the state the steps share. Every step adds the input errors it finds to
 * `errors`; a step after which loading cannot go on throws them all (`fail`).
 */
class LedgerReader {
  private readonly fs: LedgerFs;
  private readonly cacheDir: CacheDir | undefined;
  private readonly errors: InputError[] = [];
  /** The real path of the ledger directory, set by the first step (resolveDirectory). */
  private realDir = '';
  /** The encoding ledger.yaml declares, and iconv-lite's decoder if it is not UTF-8. */
  private encoding: string | undefined;
  private decoder: Decoder | undefined;
  /** The cache slot of each file read, for its validation. */
  private readonly slots = new Map<YamlSource, YamlCache>();
  /** Files read so far, by resolved path relative to the ledger directory. */
  private readonly seen = new Set<string>([MANIFEST]);
  /** The general ledger's read, started while the report's files are parsed. */
  private forlasning: Forlasning | undefined;

  constructor(
    private readonly dir: string,
    options: LoadOptions,
  ) {
    this.fs = options.fs ?? nodeFs;
    this.cacheDir = 'cache' in options ? options.cache : launcherCache();
  }

  /** Stops loading: aborts the general ledger's read, if started, and throws every error found. */
  private fail(): never {
    this.forlasning?.avbryt();
    throw ledgerInputError(this.dir, this.errors);
  }

  /** Step 1: the ledger directory must exist and be a directory. */
  resolveDirectory(): void {
    let isDirectory: boolean;
    try {
      this.realDir = this.fs.realpathSync(this.dir);
      isDirectory = this.fs.statSync(this.realDir).isDirectory();
    } catch (e) {
      this.errors.push(isMissing(e) ? inputError({ file: '.' }, 'mapp.saknas', { mapp: this.dir }) : inputError({ file: '.' }, 'mapp.olasbar', { mapp: this.dir, orsak: cause(e) }));
      return this.fail();
    }
    if (!isDirectory) {
      this.errors.push(inputError({ file: '.' }, 'mapp.ingen_mapp', { mapp: this.dir }));
      return this.fail();
    }
  }

  /** Step 2: reads ledger.yaml, in the encoding it declares, and validates it. */
  async readManifest(): Promise<Manifest> {
    // The manifest is confined to the directory like every other file.
    const manifestPath = insideLedger(this.fs, this.realDir, MANIFEST);
    if (!manifestPath.ok) {
      const missing = manifestPath.error({ file: MANIFEST });
      this.errors.push(missing.code === 'fil.saknas' ? inputError({ file: '.' }, 'manifest.saknas', { fil: MANIFEST }) : missing);
      return this.fail();
    }
    const bytes = this.readBytes(MANIFEST, manifestPath.real);
    if (!bytes) return this.fail();
    this.encoding = declaredEncoding(bytes);
    if (this.encoding) this.decoder = await loadDecoder(this.encoding);
    const src = this.read(MANIFEST, manifestPath.real, bytes);
    if (!src || this.errors.length) return this.fail();
    if (src.value === null) {
      this.errors.push(inputError({ file: MANIFEST, line: 1, column: 1 }, 'fil.tom', {}));
      return this.fail();
    }
    const data = this.check(manifestSchema, src);
    if (!data) return this.fail();
    if (this.encoding && !isUtf8Name(this.encoding) && !this.decoder) {
      this.errors.push(inputError(src.at(['kodning']), 'kodning.okand', { kodning: this.encoding }));
      return this.fail();
    }
    return { src, data };
  }

  /**
   * Step 3: starts reading the general ledger (in a worker) while the report's files are
   * parsed. A path that does not resolve is reported when the books are read (readHuvudbok).
   */
  startHuvudbok(fil: string): void {
    const bok = insideLedger(this.fs, this.realDir, fil, Number.POSITIVE_INFINITY);
    if (bok.ok) this.forlasning = borjaLasa(bok.real, fil, this.cacheDir);
  }

  /** Step 4: reads the report's files ledger.yaml names (`filer`, `kanda_avvikelser`). */
  readReportFiles(manifest: Manifest): ReportFiles {
    const files: ParsedFile[] = [];
    for (const [i, name] of manifest.data.filer.entries()) {
      const f = this.loadOne(manifest.src, name, ['filer', i], ledgerFileSchema);
      if (f) files.push(f);
    }
    const ack = manifest.data.kanda_avvikelser;
    const acks = ack ? this.loadOne(manifest.src, ack, ['kanda_avvikelser'], acknowledgementsSchema) : undefined;
    if (this.errors.length) return this.fail();
    return { files, acks };
  }

  /** Step 5: builds the ledger's model from its valid files. */
  build(manifest: Manifest, { files, acks }: ReportFiles): Ledger {
    const ledger = buildLedger(this.dir, manifest, files, acks, this.errors);
    if (this.errors.length) return this.fail();
    return ledger;
  }

  /** Step 6: reads the general ledger and its kontoplan into the ledger. */
  async readHuvudbok(ledger: Ledger, input: HuvudbokInput, manifest: YamlSource): Promise<Ledger> {
    const huvudbok = await lasHuvudbok(ledger, input, manifest, this.huvudbokIo(manifest), this.errors);
    if (this.errors.length || !huvudbok) return this.fail();
    return { ...ledger, huvudbok };
  }

  /** The file access of reading the general ledger: streamed from any size (no MAX_FILE_BYTES), with its kontoplan. */
  private huvudbokIo(manifest: YamlSource): HuvudbokIo {
    return {
      resolve: (name, at) => {
        const r = insideLedger(this.fs, this.realDir, name, Number.POSITIVE_INFINITY);
        if (r.ok) return r.real;
        this.errors.push(r.error(manifest.at(at)));
        return undefined;
      },
      exists: (name) => insideLedger(this.fs, this.realDir, name).ok,
      loadKontoplan: (name, at) => this.loadOne(manifest, name, [...at], kontoplanSchema),
      lasSie: (real, visas) => (this.forlasning?.sokvag === real ? this.forlasning : borjaLasa(real, visas, this.cacheDir)).lasning(),
    };
  }

  /**
   * Reads and validates one file ledger.yaml names at `at`: confined to the directory, read
   * once, not empty. Undefined (with errors) if it cannot be read or is invalid.
   */
  private loadOne<S extends z.ZodMiniType>(manifest: YamlSource, name: string, at: (string | number)[], schema: S) {
    const resolved = insideLedger(this.fs, this.realDir, name);
    if (!resolved.ok) {
      this.errors.push(resolved.error(manifest.at(at)));
      return undefined;
    }
    const relative = path.relative(this.realDir, resolved.real);
    if (this.seen.has(relative)) {
      this.errors.push(inputError(manifest.at(at), 'fil.dubblett', { sokvag: name }));
      return undefined;
    }
    this.seen.add(relative);
    const src = this.read(relative, resolved.real);
    if (!src) return undefined;
    if (src.value === null) {
      if (!this.errors.some((e) => e.file === src.file)) this.errors.push(inputError({ file: src.file, line: 1, column: 1 }, 'fil.tom', {}));
      return undefined;
    }
    const data = this.check(schema, src);
    return data === undefined ? undefined : { src, data: data as z.infer<S> };
  }

  /** A file's bytes; undefined (with the error) if it cannot be read. */
  private readBytes(name: string, real: string): Buffer | undefined {
    try {
      return this.fs.readFileSync(real);
    } catch (e) {
      this.errors.push(inputError({ file: name }, 'fil.olasbar', { sokvag: name, orsak: cause(e) }));
      return undefined;
    }
  }

  /** Reads, decodes and parses one file; undefined (with errors) if it cannot be. */
  private read(name: string, real: string, bytes = this.readBytes(name, real)): YamlSource | undefined {
    if (!bytes) return undefined;
    const text = decode(bytes, this.encoding, this.decoder);
    if (!text.ok) {
      this.errors.push(inputError({ file: name, ...(text.line ? { line: text.line, column: text.column } : {}) }, text.code, text.params as never));
      return undefined;
    }
    const slot = this.cacheDir && yamlCache(this.cacheDir, real, text.text);
    const src = readYaml(text.text, name, this.errors, slot);
    if (slot) this.slots.set(src, slot);
    return src;
  }

  /** Validates a parsed file against a schema, through the YAML cache (validateCached). */
  private check<S extends z.ZodMiniType>(schema: S, src: YamlSource): z.infer<S> | undefined {
    return validateCached(schema, src, this.errors, this.slots.get(src));
  }
}

/** iconv-lite, loaded only for a ledger that declares an encoding; undefined if it does not know it. */
async function loadDecoder(encoding: string): Promise<Decoder | undefined> {
  if (isUtf8Name(encoding)) return undefined;
  const iconv = (await import('iconv-lite')).default;
  return iconv.encodingExists(encoding) ? { decode: (bytes, enc) => iconv.decode(Buffer.from(bytes), enc) } : undefined;
}

