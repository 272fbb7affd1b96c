/** `avstamning init` and `avstamning layout`: a new agency's first steps. */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LAYOUT_VERSIONS } from '../domain/layouts/index.js';
import { formatInputError, LedgerInputError } from '../ledger/errors.js';
import { loadLedger } from '../ledger/load.js';
import { skeleton } from '../ledger/skeleton.js';
import { renderLayout } from '../render/layout.js';
import { writeStd } from '../io/std.js';
import { EXIT } from './exit.js';
import { makeDirs } from '../io/make-dirs.js';
import { toOutputError } from '../io/errors.js';

export interface InitArgs {
  readonly dir: string;
  readonly myndighet: string;
  readonly ar: string;
  readonly layout: string;
}

const usage = (message: string) => {
  process.stderr.write(`avstamning: ${message}\n`);
  return EXIT.input;
};
const versions = () => [...LAYOUT_VERSIONS.keys()].join(', ');

/** Writes the skeleton into a new or empty directory, in one step (a temporary directory renamed). */
export async function runInit(args: InitArgs): Promise<number> {
  const version = LAYOUT_VERSIONS.get(args.layout);
  if (!version) return usage(`okänd layoutversion "${args.layout}": förväntade ${versions()}`);
  if (!/^\d{4}$/.test(args.ar)) return usage(`--ar: förväntade ett årtal som 2025, fick "${args.ar}"`);
  const target = path.resolve(args.dir);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length)) {
    return usage(`${args.dir}: finns redan och är ${statSync(target).isDirectory() ? 'inte tom' : 'ingen mapp'}; välj en ny eller tom mapp`);
  }
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    makeDirs(tmp);
    for (const [file, text] of skeleton({ myndighet: args.myndighet, ar: Number(args.ar), version })) writeFileSync(path.join(tmp, file), text, 'utf8');
    // The skeleton must load: if it does not, that is a bug in avstämning (exit 3).
    await loadLedger(tmp).catch((e: unknown) => {
      throw e instanceof LedgerInputError ? new Error(`den nya årsredovisningsmappen klarar inte kontrollen: ${e.errors.slice(0, 5).map(formatInputError).join('; ')}`) : e;
    });
    if (existsSync(target)) await rm(target, { recursive: true });
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    // A directory that cannot be made or written is the environment (exit 4), as for import.
    throw toOutputError(e, args.dir);
  }
  await writeStd('stdout', `Skrev en tom årsredovisningsmapp för ${args.myndighet} ${args.ar} (layout ${version.id}) till ${args.dir}.\nFyll i beloppen och kör: avstamning check ${args.dir}\n`);
  return EXIT.ok;
}

/** Prints one layout version, or all of them. */
export async function runLayout(id: string | undefined): Promise<number> {
  const chosen = id === undefined ? [...LAYOUT_VERSIONS.values()] : [LAYOUT_VERSIONS.get(id)].filter((v) => v !== undefined);
  if (!chosen.length) return usage(`okänd layoutversion "${id}": förväntade ${versions()}`);
  await writeStd('stdout', chosen.map(renderLayout).join('\n'));
  return EXIT.ok;
}
