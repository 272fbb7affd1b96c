/**
 * From a report's text to a ledger: pure. The edge (src/cli/import.ts) reads the file or
 * the PDF's text layer and writes what this returns.
 */
import { layoutFor } from '../domain/layouts/index.js';
import type { Layout, StatementKind } from '../domain/model.js';
import { readSource, type PageMode, type SourceLine } from './source.js';
import { findSections } from './sections.js';
import { readStatement } from './statements.js';
import { readAnslagsredovisning } from './anslag.js';
import { asTable, notesYaml, readNotes } from './notes.js';
import { readTables } from './tables.js';
import { specify } from './ties.js';
import { tablesYaml } from './yaml.js';
import { isNoteHeading, numberBearing, usesTrailingSpaces } from './rows.js';
import type { ImportedTable, Section, Skipped } from './model.js';

export const LAYOUT_VERSION = 'ESV-2024';
/** The copy of the source text written beside the ledger, that `seed` lines point into. */
export const SOURCE_FILE = 'kalla.txt';

export interface ImportOptions {
  readonly myndighet?: string;
  readonly ar?: string;
  /** The text is a PDF's text layer, pages separated by form feeds. */
  readonly pdf?: boolean;
}

export interface ImportResult {
  /** File name (relative to the ledger directory) → content. */
  readonly files: ReadonlyMap<string, string>;
  readonly report: ImportReport;
}

export interface ImportReport {
  readonly myndighet: string;
  readonly ar: string;
  readonly sections: readonly { kind: string; start: number; end: number }[];
  /** How the pages (`sida`) were found. */
  readonly sidor: PageMode;
  /** Figures written, per part. */
  readonly figures: Readonly<Record<string, number>>;
  readonly skipped: readonly Skipped[];
  /** Layout lines not found, per statement. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
  /** Headings of the financial part not found at all. */
  readonly missingSections: readonly string[];
}

const STATEMENTS: readonly [StatementKind, string, string][] = [
  ['vasentliga_uppgifter', 'vu', 'vasentliga-uppgifter.yaml'],
  ['resultatrakning', 'rr', 'resultatrakning.yaml'],
  ['balansrakning', 'br', 'balansrakning.yaml'],
  ['finansieringsanalys', 'fa', 'finansieringsanalys.yaml'],
];

/** What the parts of the import add up to. */
interface Out {
  readonly files: Map<string, string>;
  readonly skipped: Skipped[];
  readonly figures: Record<string, number>;
  /** Lines whose figures were imported. */
  readonly used: Set<number>;
}

interface Context {
  readonly lines: readonly SourceLine[];
  readonly sections: readonly Section[];
  /** Line ends without a space broke a word (see usesTrailingSpaces). */
  readonly broken: boolean;
}

export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const { lines, pages } = readSource(text, options.pdf);
  const ctx: Context = { lines, sections: findSections(lines), broken: usesTrailingSpaces(lines) };
  const out: Out = { files: new Map(), skipped: [], figures: {}, used: new Set() };
  const notes = readNotes(ctx.sections, lines, ctx.broken);
  const { tables, missing } = statements(ctx, notes.notes, out);
  const anslag = readAnslagsredovisning(ctx.sections, lines, ctx.broken, notes.notes);
  out.skipped.push(...anslag.skipped);
  anslag.lines.forEach((n) => out.used.add(n));
  if (anslag.yaml) {
    out.files.set('anslagsredovisning.yaml', anslag.yaml);
    out.figures.anslagsredovisning = anslag.figures;
  }
  ataganden(ctx, out);
  out.skipped.push(...notes.skipped);
  if (notes.found) {
    out.files.set('noter.yaml', notesYaml(notes.notes, specify(notes.tables, tables)));
    out.figures.noter = notes.figures;
    for (const t of notes.tables) for (const r of t.rader) out.used.add(Number(r.seed));
  }
  unreported(ctx, out);

  const ar = options.ar ?? tables.find((t) => t.typ === 'resultatrakning')?.kolumner[0]?.id ?? tables[0]?.kolumner[0]?.id ?? '0000';
  const myndighet = options.myndighet ?? agencyName(lines, ar);
  out.files.set('ledger.yaml', manifest(myndighet, ar, [...out.files.keys()]));
  out.files.set(SOURCE_FILE, text);
  const wanted = ['vasentliga_uppgifter', 'resultatrakning', 'balansrakning', 'anslag', 'finansieringsanalys', 'noter'];
  return {
    files: out.files,
    report: {
      myndighet,
      ar,
      sections: ctx.sections.map((s) => ({ ...s })),
      sidor: pages,
      figures: out.figures,
      skipped: out.skipped,
      missing,
      missingSections: wanted.filter((k) => !ctx.sections.some((s) => s.kind === k)),
    },
  };
}

const slice = (ctx: Context, s: Section) => ctx.lines.slice(s.start, s.end - 1);

/** The four statements, each against its layout. */
function statements(ctx: Context, known: ReadonlyMap<number, string>, out: Out) {
  const tables: ImportedTable[] = [];
  const missing: Record<string, readonly string[]> = {};
  for (const [kind, id, file] of STATEMENTS) {
    const section = ctx.sections.find((s) => s.kind === kind);
    if (!section) continue;
    const layout = layoutFor(LAYOUT_VERSION, kind) as Layout;
    const others = STATEMENTS.filter(([k]) => k !== kind).map(([k]) => layoutFor(LAYOUT_VERSION, k) as Layout);
    const r = readStatement(slice(ctx, section), layout, ctx.broken, id, others);
    out.skipped.push(...r.skipped);
    missing[id] = r.missing;
    if (!r.table) continue;
    const table = withKnownNotes(r.table, known, out.skipped);
    tables.push(table);
    out.files.set(file, tablesYaml([table], `${layout.title}: imported from ${SOURCE_FILE}, lines ${section.start}-${section.end - 1}.`));
    out.figures[id] = count(table);
    for (const row of table.rader) out.used.add(Number(row.seed));
  }
  return { tables, missing };
}

/** Utestående åtaganden: a table without prescribed rows. */
function ataganden(ctx: Context, out: Out): void {
  const section = ctx.sections.find((s) => s.kind === 'utestaende_ataganden');
  if (!section) return;
  const t: ImportedTable[] = [];
  readTables(slice(ctx, section), ctx.broken, out.skipped).forEach((x, i) => t.push(asTable(x, i ? `utestaende_ataganden_${i + 1}` : 'utestaende_ataganden', 'Utestående åtaganden', 'tabell', t)));
  if (!t.length) return;
  out.files.set('utestaende-ataganden.yaml', tablesYaml(t, `Utestående åtaganden: imported from ${SOURCE_FILE}.`));
  out.figures.utestaende_ataganden = t.reduce((n, x) => n + count(x), 0);
  for (const x of t) for (const r of x.rader) out.used.add(Number(r.seed));
}

/** Every other line of the financial part with an amount on it: reported, never dropped. */
function unreported(ctx: Context, out: Out): void {
  const reported = new Set(out.skipped.map((s) => s.nr));
  for (const l of ctx.lines.slice((ctx.sections[0]?.start ?? ctx.lines.length + 1) - 1)) {
    if (!out.used.has(l.nr) && !reported.has(l.nr) && numberBearing(l.text) && !isNoteHeading(l.text)) {
      out.skipped.push({ nr: l.nr, page: l.page, text: l.text, reason: 'rad med tal som inte blev någon figur' });
    }
  }
  out.skipped.sort((a, b) => a.nr - b.nr);
}

/** A note reference to a note the text does not have cannot stand in the ledger: dropped, reported. */
function withKnownNotes(t: ImportedTable, known: ReadonlyMap<number, string>, skipped: Skipped[]): ImportedTable {
  const rader = t.rader.map((r) => {
    if (r.not === undefined || known.has(r.not)) return r;
    skipped.push({ nr: Number(r.seed), page: r.sida ?? 0, text: r.text, reason: `notreferensen ${r.not} pekar på en not som inte hittades; figurerna är med, referensen inte` });
    const { not: _dropped, ...rest } = r;
    return rest;
  });
  return { ...t, rader };
}

const count = (t: ImportedTable) => t.rader.reduce((n, r) => n + (r.v?.filter((x) => x !== '–').length ?? 0), 0);

/** "MIGRATIONSVERKETS ÅRSREDOVISNING 2024" → "Migrationsverket". */
function agencyName(lines: readonly SourceLine[], ar: string): string {
  const re = new RegExp(`^(\\p{L}[\\p{L} -]*?)s? årsredovisning ${ar}\\b`, 'iu');
  for (const l of lines) {
    const m = re.exec(l.text);
    if (m) return m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1).toLowerCase();
  }
  return 'Okänd myndighet';
}

function manifest(myndighet: string, ar: string, files: readonly string[]): string {
  const order = ['vasentliga-uppgifter.yaml', 'resultatrakning.yaml', 'balansrakning.yaml', 'finansieringsanalys.yaml', 'anslagsredovisning.yaml', 'utestaende-ataganden.yaml', 'noter.yaml'];
  return [
    '# Imported by `avstamning import`: check every figure against the report before relying on it;',
    '# import-rapport.txt lists what was left out.',
    `myndighet: ${JSON.stringify(myndighet)}`,
    `ar: "${ar}"`,
    `layout: ${LAYOUT_VERSION}`,
    'enhet: tkr',
    `kalla: ${SOURCE_FILE}`,
    'filer:',
    ...order.filter((f) => files.includes(f)).map((f) => `  - ${f}`),
    '',
  ].join('\n');
}
