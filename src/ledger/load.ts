/**
 * Loading at the edge: reads a ledger directory, validates every file and builds the
 * model. All input errors of all files are collected and thrown together.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import type { Ledger } from '../domain/model.js';
import { buildLedger, type ParsedFile } from './build.js';
import { LedgerInputError, sortErrors, type InputError } from './errors.js';
import { acknowledgementsSchema, ledgerFileSchema, manifestSchema } from './schema.js';
import { readYaml, type YamlSource } from './yaml-source.js';

export const MANIFEST = 'ledger.yaml';
/** Larger ledger files are refused before parsing. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const TYPE_NAMES: Record<string, string> = {
  string: 'en text',
  array: 'en lista',
  object: 'en mappning (nyckel: värde)',
  null: 'ett tomt värde',
};
const describe = (input: unknown): string =>
  input === undefined ? 'ingenting' : input === null ? 'ett tomt värde' : Array.isArray(input) ? 'en lista' : typeof input === 'object' ? 'en mappning' : `"${String(input)}"`;

/** Validates plain YAML data against a schema; reports issues at their source position. */
export function validate<S extends z.ZodMiniType>(schema: S, src: YamlSource, errors: InputError[]): z.infer<S> | undefined {
  const result = z.safeParse(schema, src.value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const where = issue.path.map(String);
    const field = where.length ? `${where.join('.')}: ` : '';
    const input = (issue as { input?: unknown }).input;
    let message: string;
    switch (issue.code) {
      case 'invalid_type':
        message = input === undefined && where.length
          ? `saknar obligatorisk nyckel "${where[where.length - 1]}"`
          : `${field}förväntade ${TYPE_NAMES[issue.expected] ?? issue.expected}, fick ${describe(input)}`;
        break;
      case 'unrecognized_keys':
        for (const k of issue.keys) {
          errors.push({ ...src.at([...issue.path.map((p) => p as string | number), k, '\u0001key']), message: `${field}okänd nyckel "${k}"` });
        }
        continue;
      case 'invalid_union':
        message = `${field}förväntade en text eller en lista, fick ${describe(input)}`;
        break;
      case 'too_small':
        message = `${field}${issue.message.startsWith('förväntade') ? issue.message : `förväntade minst ${String(issue.minimum)} element`}`;
        break;
      default:
        message = `${field}${issue.message}${input !== undefined && typeof input !== 'object' ? `, fick "${String(input)}"` : ''}`;
    }
    errors.push({ ...src.at(issue.path.map((p) => p as string | number)), message });
  }
  return undefined;
}

/**
 * Resolves a path named in the manifest. It must stay inside the ledger directory, also
 * after following symbolic links.
 */
function insideLedger(realDir: string, name: string): string | { error: string } {
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    return { error: `sökvägen "${name}" pekar utanför huvudboksmappen: förväntade en relativ sökväg inom mappen` };
  }
  const full = path.join(realDir, name);
  let real: string;
  try {
    real = realpathSync(full);
  } catch {
    return { error: `filen "${name}" finns inte` };
  }
  if (real !== realDir && !real.startsWith(realDir + path.sep)) {
    return { error: `sökvägen "${name}" pekar utanför huvudboksmappen (via en symbolisk länk)` };
  }
  const info = statSync(real);
  if (!info.isFile()) return { error: `"${name}" är ingen fil` };
  if (info.size > MAX_FILE_BYTES) return { error: `filen "${name}" är större än ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
  return real;
}

/** Loads and validates a ledger directory; throws LedgerInputError listing every input error. */
export async function loadLedger(dir: string): Promise<Ledger> {
  const errors: InputError[] = [];
  const fail = (): never => {
    throw new LedgerInputError(sortErrors(errors));
  };
  let realDir: string;
  try {
    realDir = realpathSync(dir);
    if (!statSync(realDir).isDirectory()) throw new Error();
  } catch {
    errors.push({ file: dir, line: 1, column: 1, message: 'förväntade en huvudboksmapp som finns' });
    return fail();
  }
  // Synchronous reads: a command-line run has nothing else to do meanwhile.
  const read = (name: string): YamlSource | undefined => {
    const text = readFileSync(path.join(realDir, name), 'utf8');
    return readYaml(text, name, errors);
  };
  // The manifest is confined to the directory like every other file.
  const manifestPath = insideLedger(realDir, MANIFEST);
  if (typeof manifestPath !== 'string') {
    errors.push({ file: MANIFEST, line: 1, column: 1, message: manifestPath.error.startsWith('filen') ? `saknar ${MANIFEST} i ${dir}` : manifestPath.error });
    return fail();
  }
  const manifestText = read(path.relative(realDir, manifestPath)) as YamlSource;
  if (errors.length) return fail();
  if (manifestText.value === null) {
    errors.push({ file: MANIFEST, line: 1, column: 1, message: 'filen är tom' });
    return fail();
  }
  const manifest = validate(manifestSchema, manifestText, errors);
  if (!manifest) return fail();

  const files: ParsedFile[] = [];
  /** Files read so far, by resolved path relative to the ledger directory. */
  const seen = new Set<string>([MANIFEST]);
  const loadOne = <S extends z.ZodMiniType>(name: string, at: [string, number?], schema: S) => {
    const resolved = insideLedger(realDir, name);
    if (typeof resolved !== 'string') {
      errors.push({ ...manifestText.at(at.filter((x) => x !== undefined) as (string | number)[]), message: resolved.error });
      return undefined;
    }
    const relative = path.relative(realDir, resolved);
    if (seen.has(relative)) {
      errors.push({ ...manifestText.at(at.filter((x) => x !== undefined) as (string | number)[]), message: `filen "${name}" finns redan i listan` });
      return undefined;
    }
    seen.add(relative);
    const src = read(relative);
    if (!src || src.value === null) {
      if (src && !errors.some((e) => e.file === src.file)) errors.push({ file: src.file, line: 1, column: 1, message: 'filen är tom' });
      return undefined;
    }
    const data = validate(schema, src, errors);
    return data === undefined ? undefined : { src, data: data as z.infer<S> };
  };
  for (const [i, name] of manifest.filer.entries()) {
    const f = loadOne(name, ['filer', i], ledgerFileSchema);
    if (f) files.push(f);
  }
  const acks = manifest.kanda_avvikelser ? loadOne(manifest.kanda_avvikelser, ['kanda_avvikelser'], acknowledgementsSchema) : undefined;
  if (errors.length) return fail();
  const ledger = buildLedger(dir, { src: manifestText!, data: manifest }, files, acks, errors);
  if (errors.length) return fail();
  return ledger;
}

