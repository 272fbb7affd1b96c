#!/usr/bin/env node
/**
 * The avstamning command line. The only place that decides exit codes:
 *   0 everything ties or is acknowledged · 1 an unacknowledged discrepancy ·
 *   2 invalid input or usage · 3 an internal error (a bug in avstämning) ·
 *   4 a report or standard stream could not be written (the environment) ·
 *   130 / 143 interrupted by SIGINT / SIGTERM.
 */
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import yargs, { type ArgumentsCamelCase, type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCheck, runReconcile, runRules } from './commands.js';
import { isLedgerDir, runBatch } from './batch.js';
import { runMerge } from './merge.js';
import { isUnitWorker, serveUnits } from './pool.js';
import { render } from '../messages/catalogue.js';
import { runInit, runLayout } from './onboarding.js';
import { EXIT } from './exit.js';
import { onInterrupt, reportFailure } from './failure.js';
import { removeTemporaryFiles } from '../io/report-set.js';
import { guardStdStreams } from '../io/std.js';

/** Parses the command line and runs its command; returns the exit code. */
async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const exit: Exit = (c) => {
    code = c;
  };
  let parser = usage(yargs(argv));
  // The commands, in the order --help lists them.
  parser = checkCommand(parser, exit);
  parser = reconcileCommand(parser, exit);
  parser = importCommand(parser, exit);
  parser = sieCommand(parser, exit);
  parser = mergeCommand(parser, exit);
  parser = initCommand(parser, exit);
  parser = layoutCommand(parser, exit);
  parser = rulesCommand(parser, exit);
  parser = conventions(parser, exit);
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) return EXIT.input;
    throw e;
  }
  return code;
}

/** How a command's handler hands main its exit code. */
type Exit = (code: number) => void;

/** The parsed arguments of a command whose positionals and options `builder` declares. */
type ArgsOf<B> = B extends (y: Argv) => Argv<infer U> ? ArgumentsCamelCase<U> : never;

/** The program's name and usage line, and yargs's own strings in Swedish. */
function usage(parser: Argv): Argv {
  return parser
    .scriptName('avstamning')
    .wrap(null)
    .updateStrings(SWEDISH as unknown as Record<string, string>)
    .usage('$0 <kommando> <årsredovisningsmapp> [flaggor]\n\nAvstämning av statliga myndigheters årsredovisningar.');
}

/**
 * What holds for every command: one is required, unknown options are errors, --help and
 * --version, the exit codes in the epilog, and a usage error exits 2 (UsageError).
 */
function conventions(parser: Argv, exit: Exit): Argv {
  return parser
    .demandCommand(1, 'Ange ett kommando: check, reconcile, merge, import, sie, init, layout eller rules.')
    .strict()
    .parserConfiguration({ 'boolean-negation': false })
    .help()
    .alias('h', 'help')
    .version(version())
    .epilog(
      'Slutkoder: 0 allt stämmer eller är kända avvikelser, 1 avvikelse (en varning bara med --strict), 2 ogiltig indata eller användning (även en arbetsbok över Excels gränser), 3 internt fel (en bugg), ' +
        '4 kunde inte skriva en rapport eller till standard ut/fel (miljön: full disk, behörighet, stängt rör), 130/143 avbruten (SIGINT/SIGTERM).\n' +
        'Rapporten "-" skrivs till standard ut; sammanfattningen går då till standard fel.',
    )
    .fail((msg, err) => {
      // yargs's own errors (YError: an option without its value) are usage; a handler's are not.
      if (err && err.name !== 'YError') throw err;
      process.stderr.write(`avstamning: ${msg || err?.message}\nKör "avstamning --help" för hjälp.\n`);
      exit(EXIT.input);
      throw new UsageError();
    })
    .exitProcess(false);
}

/** `check <ledger-dir>`: validates a ledger and prints a summary. */
function checkCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'check <ledger-dir>',
    'Validera årsredovisningsfilerna och visa en sammanfattning (skriver inga rapporter)',
    (y) => y.positional('ledger-dir', { type: 'string', demandOption: true, describe: 'Årsredovisningsmapp, t.ex. ledgers/migrationsverket/2024' }),
    async (args) => {
      exit(await runCheck(args.ledgerDir));
    },
  );
}

/** `reconcile <ledger-dir>`: reconciles one ledger, or every ledger under a directory (src/cli/batch.ts). */
function reconcileCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'reconcile <ledger-dir>',
    'Stäm av årsredovisningen och skriv rapporterna (Excel som standard, JSON och JUnit på begäran)',
    reconcileOptions,
    async (args) => {
      if (!isLedgerDir(args.ledgerDir)) {
        exit(await reconcileMany(args));
        return;
      }
      exit(await runReconcile({ ...reportOptions(args), dir: args.ledgerDir }));
    },
  );
}

/** The positional and options of `reconcile`. */
const reconcileOptions = (y: Argv) =>
  y
    .positional('ledger-dir', { type: 'string', demandOption: true, describe: 'Årsredovisningsmapp, t.ex. ledgers/migrationsverket/2024, eller en mapp med många: <myndighet>/<år>/ledger.yaml' })
    .option('out-dir', { type: 'string', default: 'reports', describe: 'Mapp för arbetsboken <myndighet>-<år>.xlsx' })
    .option('xlsx', { type: 'string', requiresArg: true, describe: 'Sökväg för arbetsboken (ersätter --out-dir); för många årsredovisningsmappar översikten (standard <out-dir>/oversikt.xlsx)' })
    .option('no-xlsx', { type: 'boolean', default: false, describe: 'Skriv ingen arbetsbok' })
    .option('json', { type: 'string', requiresArg: true, describe: 'Skriv JSON-rapporten hit (- för standard ut)' })
    .option('junit', { type: 'string', requiresArg: true, describe: 'Skriv JUnit XML hit (- för standard ut)' })
    .option('ignore-acknowledgements', { type: 'boolean', default: false, describe: 'Bortse från kända avvikelser (kanda_avvikelser)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Skriv bara sammanfattningen' })
    .option('strict', { type: 'boolean', default: false, describe: 'Låt även varningar (allvarlighet varning) ge slutkod 1' })
    .option('jobs', { alias: 'j', type: 'number', describe: 'Många årsredovisningsmappar: antal trådar (standard en per kärna)' })
    .option('shard', { type: 'string', describe: 'Många årsredovisningsmappar: stäm bara av del i av n, t.ex. 2/4 (för en CI-matris)' });

type ReconcileArgs = ArgsOf<typeof reconcileOptions>;

/** The reports and settings `reconcile` asks for, of one ledger or of many. */
function reportOptions(args: ReconcileArgs) {
  return {
    outDir: args.outDir,
    ...(args.xlsx !== undefined ? { xlsx: args.xlsx } : {}),
    noXlsx: args.noXlsx,
    ...(args.json !== undefined ? { json: args.json } : {}),
    ...(args.junit !== undefined ? { junit: args.junit } : {}),
    ignoreAcknowledgements: args.ignoreAcknowledgements,
    quiet: args.quiet,
    strict: args.strict,
  };
}

/** `reconcile` of a directory of many ledgers, with --jobs and --shard checked first (exit 2 if invalid). */
async function reconcileMany(args: ReconcileArgs): Promise<number> {
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const jobs = args.jobs;
  if (shard === null || (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))) {
    process.stderr.write(`avstamning: ${render(shard === null ? { code: 'samling.del', params: { varde: String(args.shard) } } : { code: 'samling.tradar', params: { varde: String(jobs) } })}\n`);
    return EXIT.input;
  }
  return runBatch({
    ...reportOptions(args),
    root: args.ledgerDir,
    ...(jobs !== undefined ? { jobs } : {}),
    ...(shard ? { shard } : {}),
    script: realpathSync(process.argv[1]!),
  });
}

/** `import <rapport>`: reads a published annual report (PDF or text) into a ledger directory. */
function importCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'import <rapport>',
    'Läs in en publicerad årsredovisning (PDF eller text) till en årsredovisningsmapp; varje figur med sida och rad',
    (y) =>
      y
        .positional('rapport', { type: 'string', demandOption: true, describe: 'Årsredovisningen som .pdf (textlagret) eller .txt' })
        .option('ut', { type: 'string', demandOption: true, describe: 'Mapp att skriva årsredovisningsfilerna till (ny eller tom)' })
        .option('myndighet', { type: 'string', describe: 'Myndighetens namn, om det inte går att läsa ur rapporten' })
        .option('ar', { type: 'string', describe: 'Räkenskapsåret, om det inte går att läsa ur rapporten' })
        .option('skriv-over', { type: 'boolean', default: false, describe: 'Ersätt en befintlig mapp' }),
    async (args) => {
      // The importer is loaded only for this command.
      const { runImport } = await import('./import.js');
      exit(
        await runImport({
          source: args.rapport,
          ut: args.ut,
          ...(args.myndighet !== undefined ? { myndighet: args.myndighet } : {}),
          ...(args.ar !== undefined ? { ar: args.ar } : {}),
          force: args.skrivOver,
        }),
      );
    },
  );
}

/** `sie <file>`: reads a general ledger in SIE 4 and checks its integrity (D-1–D-14). */
function sieCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'sie <file>',
    'Läs en huvudbok i SIE 4 (4E eller 4I) och pröva dess integritet (D-1–D-14): balanserade verifikationer, IB + transaktioner = UB, #KSUMMA m.m.',
    (y) =>
      y
        .positional('file', { type: 'string', demandOption: true, describe: 'SIE-fil, t.ex. bokslut.se (CP437 eller UTF-8)' })
        .option('json', { type: 'string', requiresArg: true, describe: 'Skriv JSON-rapporten hit (- för standard ut)' })
        .option('junit', { type: 'string', requiresArg: true, describe: 'Skriv JUnit XML hit (- för standard ut)' })
        .option('strict', { type: 'boolean', default: false, describe: 'Låt även varningar (D-10, D-11, D-12, D-14) ge slutkod 1' }),
    async (args) => {
      // The SIE reader and its libraries are loaded only for this command.
      const { runSie } = await import('./sie.js');
      exit(
        await runSie({
          file: args.file,
          ...(args.json !== undefined ? { json: args.json } : {}),
          ...(args.junit !== undefined ? { junit: args.junit } : {}),
          strict: args.strict,
        }),
      );
    },
  );
}

/** `merge <reports..>`: merges the JSON reports of sharded runs into one. */
function mergeCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'merge <reports..>',
    'Slå ihop JSON-rapporterna från delkörningar (--shard) till en rapport, som från en enda körning',
    (y) =>
      y
        .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'JSON-rapporter från reconcile <mapp> --shard i/n --json' })
        .option('json', { type: 'string', describe: 'Skriv den sammanslagna JSON-rapporten hit' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Skriv bara sammanfattningen' }),
    async (args) => {
      exit(await runMerge({ inputs: args.reports, ...(args.json !== undefined ? { out: args.json } : {}), quiet: args.quiet }));
    },
  );
}

/** `init <dir>`: creates an empty ledger directory for a new agency and year. */
function initCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'init <dir>',
    'Skapa en tom årsredovisningsmapp för en ny myndighet och ett nytt år: alla layoutens rader, utan belopp, med kommentarer',
    (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'Ny eller tom mapp, t.ex. ledgers/myndigheten/2025' })
        .option('myndighet', { type: 'string', default: 'Myndigheten', describe: 'Myndighetens namn' })
        .option('ar', { type: 'string', default: String(new Date().getFullYear() - 1), describe: 'Räkenskapsåret' })
        .option('layout', { type: 'string', default: 'ESV-2024', describe: 'Layoutversion (se avstamning layout)' }),
    async (args) => {
      exit(await runInit({ dir: args.dir, myndighet: args.myndighet, ar: args.ar, layout: args.layout }));
    },
  );
}

/** `layout [version]`: lists a layout version's lines (every version without an argument). */
function layoutCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    // Not `version`: yargs takes that name for --version, and the argument would read `false`.
    'layout [layoutversion]',
    'Lista en layoutversions rad-id, rubriker och summor (alla versioner utan argument)',
    (y) => y.positional('layoutversion', { type: 'string', describe: 'Layoutversion, t.ex. ESV-2024' }),
    async (args) => {
      exit(await runLayout(args.layoutversion));
    },
  );
}

/** `rules`: lists the rule catalogue. */
function rulesCommand(parser: Argv, exit: Exit): Argv {
  return parser.command(
    'rules',
    'Lista regelkatalogen: id, allvarlighet, titel och källa för varje kontroll',
    (y) => y,
    async () => {
      exit(await runRules());
    },
  );
}

class UsageError extends Error {}

/** yargs has no Swedish locale: the strings users see, in Swedish. */
const SWEDISH = {
  'Commands:': 'Kommandon:',
  'Options:': 'Flaggor:',
  'Positionals:': 'Argument:',
  'Examples:': 'Exempel:',
  boolean: 'boolesk',
  string: 'text',
  number: 'tal',
  required: 'obligatorisk',
  default: 'standard',
  'Show help': 'Visa hjälp',
  'Show version number': 'Visa versionsnumret',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'För få argument: fick %s, behöver minst %s',
    other: 'För få argument: fick %s, behöver minst %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': {
    one: 'För många argument: fick %s, högst %s',
    other: 'För många argument: fick %s, högst %s',
  },
  'Unknown argument: %s': { one: 'Okänt argument: %s', other: 'Okända argument: %s' },
  'Unknown command: %s': { one: 'Okänt kommando: %s', other: 'Okända kommandon: %s' },
  'Missing required argument: %s': { one: 'Saknar obligatoriskt argument: %s', other: 'Saknar obligatoriska argument: %s' },
  'Not enough arguments following: %s': 'För få argument efter: %s',
  'Invalid values:': 'Ogiltiga värden:',
  'Argument: %s, Given: %s, Choices: %s': 'Argument: %s, givet: %s, val: %s',
};

/** The package version, from the nearest package.json above the running file. */
function version(): string {
  for (let dir = __dirname_(); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not here: one level up
    }
  }
  return 'okänd';
}
const __dirname_ = () => path.dirname(process.argv[1] ? realpathSync(process.argv[1]) : '.');

/** `--shard i/n` as numbers; null when it is not of that form. */
function parseShard(s: string): { index: number; count: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  return m && index >= 1 && index <= count ? { index, count } : null;
}

// A worker thread of a run over many ledgers runs this file again: it serves units instead.
if (isUnitWorker()) serveUnits();
else runMain();

function runMain(): void {
  guardStdStreams();
  onInterrupt(() => removeTemporaryFiles());
  // A run whose promise never settles (a stalled stream) must not pass for a success.
  process.exitCode = EXIT.internal;
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportFailure(e);
    },
  );
}
