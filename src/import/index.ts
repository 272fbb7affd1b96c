/**
 * From a report's text to a ledger: pure. The edge (src/cli/import.ts) reads the file or
 * the PDF's text layer and writes what this returns.
 */
import { layoutFor } from '../domain/layouts/index.js';
import type { Layout, StatementKind } from '../domain/model.js';
import { sourceLines, type SourceLine } from './source.js';
import { findSections } from './sections.js';
import { readStatement } from './statements.js';
import { readAnslagsredovisning } from './anslag.js';
import { notesYaml, readNotes, readTables } from './notes.js';
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

export function importText(text: string, options: ImportOptions = {}): ImportResult {
  const lines = sourceLines(text);
  const sections = findSections(lines);
  const broken = usesTrailingSpaces(lines);
  const files = new Map<string, string>();
  const skipped: Skipped[] = [];
  const missing: Record<string, readonly string[]> = {};
  const figures: Record<string, number> = {};
  const slice = (s: Section) => lines.slice(s.start, s.end - 1);
  const tables: ImportedTable[] = [];

  const notes = readNotes(sections, lines, broken);
  const known = notes.notes;
  for (const [kind, id, file] of STATEMENTS) {
    const section = sections.find((s) => s.kind === kind);
    const layout = layoutFor(LAYOUT_VERSION, kind) as Layout;
    if (!section) continue;
    const others = STATEMENTS.filter(([k]) => k !== kind).map(([k]) => layoutFor(LAYOUT_VERSION, k) as Layout);
    const r = readStatement(slice(section), layout, broken, id, others);
    skipped.push(...r.skipped);
    missing[id] = r.missing;
    if (r.table) {
      const table = withKnownNotes(r.table, known, skipped);
      tables.push(table);
      files.set(file, tablesYaml([table], `${layout.title}: imported from ${SOURCE_FILE}, lines ${section.start}-${section.end - 1}.`));
      figures[id] = count(table);
    }
  }

  const anslag = readAnslagsredovisning(sections, lines, broken, known);
  skipped.push(...anslag.skipped);
  if (anslag.yaml) {
    files.set('anslagsredovisning.yaml', anslag.yaml);
    figures.anslagsredovisning = anslag.figures;
  }

  const ataganden = sections.find((s) => s.kind === 'utestaende_ataganden');
  if (ataganden) {
    const read = readTables(slice(ataganden), broken, skipped);
    const t = read.map((x, i): ImportedTable => ({
      id: i ? `utestaende_ataganden_${i + 1}` : 'utestaende_ataganden',
      titel: 'Utestående åtaganden',
      typ: 'tabell',
      enhet: x.cols.unit,
      kolumner: x.cols.ids.map((id, j) => ({ id, rubrik: x.cols.rubriker[j]! })),
      rader: x.rows,
    }));
    if (t.length) {
      files.set('utestaende-ataganden.yaml', tablesYaml(t, `Utestående åtaganden: imported from ${SOURCE_FILE}.`));
      figures.utestaende_ataganden = t.reduce((n, x) => n + count(x), 0);
    }
  }

  skipped.push(...notes.skipped);
  if (notes.found) {
    const tied = specify(notes.tables, tables);
    files.set('noter.yaml', notesYaml(notes.notes, tied));
    figures.noter = notes.figures;
  }

  // Every other line of the financial part with an amount on it.
  const used = new Set<number>([...anslag.lines, ...tables.flatMap((t) => t.rader.map((r) => Number(r.seed)))]);
  for (const t of notes.tables) for (const r of t.rader) used.add(Number(r.seed));
  for (const m of (files.get('utestaende-ataganden.yaml') ?? '').matchAll(/seed: (\d+)/g)) used.add(Number(m[1]));
  const reported = new Set(skipped.map((s) => s.nr));
  for (const l of lines.slice((sections[0]?.start ?? lines.length + 1) - 1)) {
    if (!used.has(l.nr) && !reported.has(l.nr) && numberBearing(l.text) && !isNoteHeading(l.text)) {
      skipped.push({ nr: l.nr, page: l.page, text: l.text, reason: 'rad med tal som inte blev någon figur' });
    }
  }
  skipped.sort((a, b) => a.nr - b.nr);

  const ar = options.ar ?? tables.find((t) => t.typ === 'resultatrakning')?.kolumner[0]?.id ?? tables[0]?.kolumner[0]?.id ?? '0000';
  const myndighet = options.myndighet ?? agencyName(lines, ar);
  files.set('ledger.yaml', manifest(myndighet, ar, [...files.keys()]));
  files.set(SOURCE_FILE, text);
  const wanted = ['vasentliga_uppgifter', 'resultatrakning', 'balansrakning', 'anslag', 'finansieringsanalys', 'noter'];
  return {
    files,
    report: {
      myndighet,
      ar,
      sections: sections.map((s) => ({ ...s })),
      figures,
      skipped,
      missing,
      missingSections: wanted.filter((k) => !sections.some((s) => s.kind === k)),
    },
  };
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
const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);

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
