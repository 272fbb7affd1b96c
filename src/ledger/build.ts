/**
 * Builds the domain model from validated ledger files: parses every amount exactly with
 * its unit, gives every figure its stable id and source position, and resolves every
 * reference. Collects all errors instead of stopping at the first.
 *
 * The parts live in build/: the shared context (figures, pending references, errors),
 * tables, the anslagsredovisning and the regleringsbrev. This file reads the files in
 * order and resolves what they refer to.
 */
import { LAYOUT_VERSIONS, layoutFor } from '../domain/layouts/index.js';
import type { Acknowledgement, Anslagsredovisning, DeclaredTie, Definitions, Layout, Ledger, Note, Regleringsbrev, Row, StatementKind, Table, Term } from '../domain/model.js';
import type { InputError } from './errors.js';
import type { AcknowledgementsInput, LedgerFileInput, ManifestInput } from './schema.js';
import type { Path, YamlSource } from './yaml-source.js';
import { buildAnslag } from './build/anslag.js';
import { BuildContext, comparable, groupBy, parseTerm } from './build/context.js';
import { buildRegleringsbrev } from './build/regleringsbrev.js';
import { buildTable, STATEMENT_KINDS } from './build/table.js';

export interface ParsedFile {
  readonly src: YamlSource;
  readonly data: LedgerFileInput;
}

/**
 * Parts every ledger must have: the resultaträkning and balansräkning (FÅB 2 kap. 4 §). The
 * rest is optional, as FÅB makes it: the finansieringsanalys (not for small agencies), the
 * anslagsredovisning (not for an agency without anslag or inkomsttitlar), the five-year table
 * and the notes may be left out or transcribed in part; the rules that need them then report
 * themselves not applicable.
 */
const REQUIRED: readonly { kind: StatementKind; label: string }[] = [
  { kind: 'resultatrakning', label: 'resultaträkning (typ: resultatrakning)' },
  { kind: 'balansrakning', label: 'balansräkning (typ: balansrakning)' },
];

/** Both sides of a tie are the same signed figures: it compares a sum with itself. */
const sameTerms = (a: readonly Term[], b: readonly Term[]) => {
  const key = (ts: readonly Term[]) => ts.map((t) => `${t.sign}${t.ref}`).sort().join('|');
  return a.length > 0 && key(a) === key(b);
};

/** What the ledger's files declare, read in their order. */
interface Parts {
  readonly tables: Table[];
  readonly ties: DeclaredTie[];
  readonly declaredNotes: Note[];
  anslagsredovisning?: Anslagsredovisning;
  regleringsbrev?: Regleringsbrev;
}

export function buildLedger(
  dir: string,
  manifest: { src: YamlSource; data: ManifestInput },
  files: readonly ParsedFile[],
  acks: { src: YamlSource; data: AcknowledgementsInput } | undefined,
  errors: InputError[],
): Ledger {
  const m = manifest.data;
  const cx = new BuildContext(m.layout, errors, { src: manifest.src, enhet: m.enhet });
  if (!LAYOUT_VERSIONS.has(m.layout)) cx.err(manifest.src.at(['layout']), 'layout.okand', { layout: m.layout, giltiga: [...LAYOUT_VERSIONS.keys()] });
  const parts = readParts(cx, files);
  const { tables, ties, anslagsredovisning, regleringsbrev } = parts;
  const byKind = groupBy(tables, (t) => t.kind);
  checkRequiredParts(cx, byKind, manifest.src);
  const notes = collectNotes(parts.declaredNotes, tables);
  resolveReferences(cx, parts, notes);
  for (const tie of ties) {
    const units = [...new Set([...tie.left, ...tie.right].flatMap((term) => cx.figures.get(term.ref)?.unit ?? []))];
    if (units.some((u) => !comparable(u, units[0]!))) cx.err(tie.source, 'avstamning.enheter', { vad: `avstämning ${tie.id}`, enheter: units });
  }
  const definitions = buildDefinitions(m.definitioner, byKind.get('resultatrakning')?.[0], layoutFor(m.layout, 'resultatrakning'), (path, code, params) =>
    cx.err(manifest.src.at(['definitioner', ...path]), code, params),
  );
  return {
    agency: m.myndighet,
    ...(m.organisationsnummer ? { orgnr: m.organisationsnummer } : {}),
    year: m.ar,
    layout: m.layout,
    unit: cx.ledgerUnit,
    dir,
    files: files.map((f) => f.src.file),
    ...(m.kalla ? { kalla: m.kalla } : {}),
    tables,
    notes,
    ...(anslagsredovisning ? { anslagsredovisning } : {}),
    ...(regleringsbrev ? { regleringsbrev } : {}),
    ties,
    ...readAcknowledgements(cx, acks),
    definitions,
    figures: cx.figures,
  };
}

/** Notes, tables, ties, the anslagsredovisning and the regleringsbrev of every file; a part declared twice is reported once. */
function readParts(cx: BuildContext, files: readonly ParsedFile[]): Parts {
  const parts: Parts = { tables: [], ties: [], declaredNotes: [] };
  // Ids seen so far: lookups stay constant-time however many tables and ties there are.
  const tableIds = new Set<string>();
  const tieIds = new Set<string>();
  const noteNumbers = new Set<number>();
  for (const { src, data } of files) {
    for (const [ni, n] of (data.noter ?? []).entries()) {
      const number = Number(n.not);
      if (noteNumbers.has(number)) cx.err(src.at(['noter', ni, 'not']), 'not.dubblett', { not: number });
      else {
        noteNumbers.add(number);
        parts.declaredNotes.push({ number, title: n.titel, ...(n.text ? { text: n.text } : {}), tables: [], source: src.at(['noter', ni]) });
      }
    }
    for (const [ti, t] of (data.tabeller ?? []).entries()) {
      // A table declared twice is reported once; its figures would only repeat the error.
      if (tableIds.has(t.id)) cx.err(src.at(['tabeller', ti, 'id']), 'tabell.dubblett', { tabell: t.id });
      else {
        tableIds.add(t.id);
        parts.tables.push(buildTable(cx, t, ['tabeller', ti], src));
      }
    }
    for (const [i, a] of (data.avstamningar ?? []).entries()) {
      if (tieIds.has(a.id)) cx.err(src.at(['avstamningar', i, 'id']), 'avstamning.dubblett', { id: a.id });
      tieIds.add(a.id);
      parts.ties.push(readTie(cx, a, i, src));
    }
    if (data.anslagsredovisning) {
      if (parts.anslagsredovisning) cx.err(src.at(['anslagsredovisning']), 'del.dubblett', { del: 'anslagsredovisningen' });
      else parts.anslagsredovisning = buildAnslag(cx, data.anslagsredovisning, src);
    }
    if (data.regleringsbrev) {
      if (parts.regleringsbrev) cx.err(src.at(['regleringsbrev']), 'del.dubblett', { del: 'regleringsbrevet' });
      else parts.regleringsbrev = buildRegleringsbrev(cx, data.regleringsbrev, src);
    }
  }
  return parts;
}

/** A declared tie (avstämning): its figures are resolved once everything is read. */
function readTie(cx: BuildContext, a: NonNullable<LedgerFileInput['avstamningar']>[number], i: number, src: YamlSource): DeclaredTie {
  const at = src.at(['avstamningar', i]);
  const left = a.vanster.map(parseTerm);
  const right = a.hoger.map(parseTerm);
  for (const [side, terms] of [['vanster', left], ['hoger', right]] as const) {
    terms.forEach((term, k) => cx.pending.push({ kind: 'figure', ref: term.ref, at: src.at(['avstamningar', i, side, k]), what: `avstämning ${a.id}` }));
  }
  if (sameTerms(left, right)) cx.err(at, 'avstamning.samma_sidor', { id: a.id });
  return { id: a.id, title: a.titel, left, right, source: at };
}

/** The resultaträkning and balansräkning are there, and no statement is there twice. */
function checkRequiredParts(cx: BuildContext, byKind: ReadonlyMap<string, readonly Table[]>, manifestSrc: YamlSource): void {
  for (const req of REQUIRED) {
    if (!byKind.has(req.kind)) cx.err(manifestSrc.at(['filer']), 'del.saknas', { del: req.label });
  }
  for (const kind of STATEMENT_KINDS) {
    const of = byKind.get(kind) ?? [];
    if (of.length > 1) cx.err(of[1]!.source, 'del.dubblett', { del: kind, tabell: of[0]!.id });
  }
}

/** Every reference a file made (rows, figures, anslagsposter, anslag, notes) names something that exists. */
function resolveReferences(cx: BuildContext, { tables, anslagsredovisning }: Parts, notes: readonly Note[]): void {
  const postIds = new Set(anslagsredovisning?.utgiftsomraden.flatMap((u) => u.anslag.flatMap((a) => a.poster.map((p) => p.id))) ?? []);
  const anslagIds = new Set(anslagsredovisning?.utgiftsomraden.flatMap((u) => u.anslag.map((a) => a.id)) ?? []);
  const noteNumbers = new Set(notes.map((n) => n.number));
  const rowByRef = new Map<string, Row>(tables.flatMap((t) => t.rows.map((r) => [`${t.id}.${r.id}`, r] as const)));
  for (const p of cx.pending) {
    switch (p.kind) {
      case 'row': {
        const target = rowByRef.get(p.ref);
        if (!target) cx.err(p.at, 'ref.okand_rad', { vad: p.what, ref: p.ref });
        else if (p.unit && !comparable(p.unit, target.unit)) cx.err(p.at, 'avstamning.enheter', { vad: p.what, enheter: [p.unit, target.unit] });
        break;
      }
      case 'figure':
        if (cx.emptyCells.has(p.ref)) cx.err(p.at, 'ref.tom_figur', { vad: p.what, ref: p.ref });
        else if (!cx.known(p.ref)) cx.err(p.at, 'ref.okand_figur', { vad: p.what, ref: p.ref });
        break;
      case 'anslagspost':
        if (!postIds.has(p.ref)) cx.err(p.at, 'ref.okand_anslagspost', { vad: p.what, ref: p.ref });
        break;
      case 'anslag':
        if (!anslagIds.has(p.ref)) cx.err(p.at, 'ref.okand_anslag', { vad: p.what, ref: p.ref });
        break;
      case 'note':
        if (!noteNumbers.has(Number(p.ref))) cx.err(p.at, 'ref.okand_not', { vad: p.what, not: p.ref });
        break;
    }
  }
}

/** kanda-avvikelser.yaml: acknowledged discrepancies, figures no check needs to read, restated comparatives. */
function readAcknowledgements(cx: BuildContext, acks: { src: YamlSource; data: AcknowledgementsInput } | undefined): Pick<Ledger, 'acknowledgements' | 'coverageNotes' | 'restatements'> {
  if (!acks) return { acknowledgements: [], coverageNotes: [] };
  const { src, data } = acks;
  const figuresKnown = (figurer: readonly string[], path: Path) =>
    figurer.forEach((f, k) => {
      if (!cx.known(f)) cx.err(src.at([...path, 'figurer', k]), 'avvikelse.okand_figur', { figur: f });
    });
  const acknowledgements: Acknowledgement[] = (data.kanda_avvikelser ?? []).map((a, i) => {
    if (a.figurer) figuresKnown(a.figurer, ['kanda_avvikelser', i]);
    return { check: a.kontroll, ...(a.figurer ? { figures: a.figurer } : {}), reason: a.orsak, source: src.at(['kanda_avvikelser', i]) };
  });
  const coverageNotes = (data.olasta_figurer ?? []).map((o, i) => ({ figures: o.figurer, reason: o.orsak, source: src.at(['olasta_figurer', i]) }));
  const restatements = (data.omraknade_jamforelsesiffror ?? []).map((o, i) => {
    figuresKnown(o.figurer, ['omraknade_jamforelsesiffror', i]);
    return { figures: o.figurer, reason: o.orsak, source: src.at(['omraknade_jamforelsesiffror', i]) };
  });
  return { acknowledgements, coverageNotes, ...(restatements.length ? { restatements } : {}) };
}

/** The declared notes, plus a note for each note table that no declaration names; each with its tables, by number. */
function collectNotes(declared: readonly Note[], tables: readonly Table[]): Note[] {
  const byNote = groupBy(tables, (t) => t.note);
  const notes: Note[] = declared.map((n) => ({ ...n, tables: (byNote.get(n.number) ?? []).map((t) => t.id) }));
  const numbers = new Set(notes.map((n) => n.number));
  for (const t of tables) {
    if (t.kind === 'not' && t.note !== undefined && !numbers.has(t.note)) {
      numbers.add(t.note);
      notes.push({ number: t.note, title: t.title, tables: byNote.get(t.note)!.map((x) => x.id), source: t.source });
    }
  }
  return notes.sort((a, b) => a.number - b.number);
}

/** The ledger's definitions with their defaults; a driftkostnad row must be a resultaträkning line or row. */
function buildDefinitions(
  d: ManifestInput['definitioner'],
  rr: Table | undefined,
  layout: Layout | undefined,
  error: (path: Path, code: 'definition.okand_rad', params: { ref: string }) => void,
): Definitions {
  d?.driftkostnader?.forEach((ref, i) => {
    if (!layout?.lines.some((l) => l.id === ref) && !rr?.rows.some((r) => r.id === ref)) error(['driftkostnader', i], 'definition.okand_rad', { ref });
  });
  return {
    ...(d?.driftkostnader ? { driftkostnader: d.driftkostnader } : {}),
    anslagssparande: d?.anslagssparande ?? 'ramanslag',
    omdisponeratFlyttarIngaende: d?.omdisponerat_flyttar_ingaende === 'true',
  };
}
