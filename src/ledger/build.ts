/**
 * Builds the domain model from validated ledger files: parses every amount exactly with
 * its unit, gives every figure its stable id and source position, and resolves every
 * reference. Collects all errors instead of stopping at the first.
 */
import { isUnitId, MAX_DIGITS, parseAmount, UNITS, type UnitId } from '../domain/amount.js';
import { layoutFor, LAYOUT_VERSIONS } from '../domain/layouts/index.js';
import {
  type Acknowledgement,
  type Anslag,
  type AnslagColumn,
  type AnslagRowFigures,
  type Anslagsredovisning,
  type Bemyndigande,
  type Beslut,
  type DeclaredTie,
  type Definitions,
  type Figure,
  type Layout,
  type LayoutLine,
  type FinansielltVillkor,
  type Note,
  type Ledger,
  type Regleringsbrev,
  type Row,
  type SourceRef,
  type StatementKind,
  type Table,
  type Term,
  type Utgiftsomrade,
} from '../domain/model.js';
import { inputError, type InputError } from './errors.js';
import type { MessageCode, MessageParams } from '../messages/catalogue.js';
import type { AcknowledgementsInput, AnslagsredovisningInput, LedgerFileInput, ManifestInput, RegleringsbrevInput, TableInput } from './schema.js';
import type { Path, YamlSource } from './yaml-source.js';

export interface ParsedFile {
  readonly src: YamlSource;
  readonly data: LedgerFileInput;
}

const STATEMENT_KINDS: readonly StatementKind[] = ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter'];
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

export function parseTerm(s: string): Term {
  const t = s.trim();
  return t.startsWith('-') ? { sign: -1, ref: t.slice(1).trim() } : { sign: 1, ref: t.replace(/^\+/, '').trim() };
}
const asList = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as T]);
/** Seed line ranges ("7023-7025"), parsed once per distinct text: a row's cells share theirs. */
const seedRanges = new Map<string, readonly [number, number]>();
const seedRange = (s: string | undefined): readonly [number, number] | undefined => {
  if (!s) return undefined;
  let range = seedRanges.get(s);
  if (!range) {
    const [a, b] = s.split('-').map(Number);
    seedRanges.set(s, (range = [a!, b ?? a!]));
  }
  return range;
};
/** An anslag designation as an id part: `1:2` → `1_2`, `1:2:1` → `1_2_1`, `A1` → `a1`. */
const anslagKey = (designation: string) => designation.toLowerCase().replace(/[^a-z0-9]+/g, '_');
/** Two units can be compared: the same, or both money (kr, tkr, mnkr). */
const comparable = (a: UnitId, b: UnitId) => a === b || (UNITS[a].kronor !== null && UNITS[b].kronor !== null);
/** Both sides of a tie are the same signed figures: it compares a sum with itself. */
const sameTerms = (a: readonly Term[], b: readonly Term[]) => {
  const key = (ts: readonly Term[]) => ts.map((t) => `${t.sign}${t.ref}`).sort().join('|');
  return a.length > 0 && key(a) === key(b);
};

export function buildLedger(
  dir: string,
  manifest: { src: YamlSource; data: ManifestInput },
  files: readonly ParsedFile[],
  acks: { src: YamlSource; data: AcknowledgementsInput } | undefined,
  errors: InputError[],
): Ledger {
  const figures = new Map<string, Figure>();
  /** Ids of cells printed empty (`–`): known, but without an amount. */
  const emptyCells = new Set<string>();
  const err = <C extends MessageCode>(at: SourceRef, code: C, params: MessageParams<C>) => errors.push(inputError(at, code, params));
  /**
   * Ids of figures already reported (an invalid amount, a row with too few values): a
   * reference to one is not reported again (one mistake, one error).
   */
  const reported = new Set<string>();
  const m = manifest.data;

  /** `where` is the `enhet` key's path in `src`, looked up only for an error. */
  const resolveUnit = (name: string | undefined, fallback: UnitId, src: YamlSource, where: Path): UnitId => {
    if (name === undefined) return fallback;
    if (isUnitId(name)) return name;
    err(src.at(where), 'enhet.okand', { enhet: name, giltiga: Object.keys(UNITS) });
    return fallback;
  };
  const ledgerUnit = resolveUnit(m.enhet, 'tkr', manifest.src, ['enhet']);
  if (!LAYOUT_VERSIONS.has(m.layout)) {
    err(manifest.src.at(['layout']), 'layout.okand', { layout: m.layout, giltiga: [...LAYOUT_VERSIONS.keys()] });
  }

  /** Registers one printed figure; returns its id, or undefined for an empty cell. */
  const figure = (
    id: string,
    printed: string | null | undefined,
    unit: UnitId,
    src: YamlSource,
    path: Path,
    label: string,
    seed?: string,
    negate = false,
  ): string | undefined => {
    if (printed == null) return undefined;
    const at = src.at(path);
    const parsed = parseAmount(printed);
    if (!parsed.ok) {
      if (parsed.reason === 'too-long') err(at, 'belopp.for_langt', { figur: id, text: printed, max: MAX_DIGITS });
      else err(at, 'belopp.ogiltigt', { figur: id, text: printed });
      reported.add(id);
      return undefined;
    }
    if (parsed.value === null) {
      emptyCells.add(id);
      return undefined;
    }
    const u = UNITS[unit];
    if (parsed.decimals > u.maxDecimals) {
      err(at, 'belopp.decimaler', { figur: id, text: printed, decimaler: parsed.decimals, enhet: u.id, tillatna: u.maxDecimals });
      reported.add(id);
      return undefined;
    }
    const previous = figures.get(id);
    if (previous) {
      err(at, 'figur.dubblett', { figur: id, fil: previous.source.file, rad: previous.source.line });
      return undefined;
    }
    const s = seedRange(seed);
    const value = negate ? parsed.value.neg() : parsed.value;
    figures.set(id, { id, value, printed, unit, decimals: parsed.decimals, source: at, label, ...(s ? { seed: s } : {}), ...(negate ? { negated: true } : {}) });
    return id;
  };

  const tables: Table[] = [];
  /** Tables by id, kept with `tables`: lookups stay constant-time however many tables there are. */
  const tableById = new Map<string, Table>();
  const ties: DeclaredTie[] = [];
  const tieIds = new Set<string>();
  const declaredNotes: Note[] = [];
  const declaredNumbers = new Set<number>();
  let anslagsredovisning: Anslagsredovisning | undefined;
  let regleringsbrev: Regleringsbrev | undefined;
  /** References to resolve once everything is loaded. */
  const pending: { kind: 'row' | 'figure' | 'anslagspost' | 'anslag' | 'note'; ref: string; at: SourceRef; what: string; unit?: UnitId }[] = [];

  for (const { src, data } of files) {
    for (const [ni, n] of (data.noter ?? []).entries()) {
      const number = Number(n.not);
      if (declaredNumbers.has(number)) err(src.at(['noter', ni, 'not']), 'not.dubblett', { not: number });
      else {
        declaredNumbers.add(number);
        declaredNotes.push({ number, title: n.titel, ...(n.text ? { text: n.text } : {}), tables: [], source: src.at(['noter', ni]) });
      }
    }
    for (const [ti, t] of (data.tabeller ?? []).entries()) {
      // A table declared twice is reported once; its figures would only repeat the error.
      if (tableById.has(t.id)) err(src.at(['tabeller', ti, 'id']), 'tabell.dubblett', { tabell: t.id });
      else {
        const table = buildTable(t, ['tabeller', ti], src);
        tables.push(table);
        tableById.set(table.id, table);
      }
    }
    for (const [i, a] of (data.avstamningar ?? []).entries()) {
      const at = src.at(['avstamningar', i]);
      if (tieIds.has(a.id)) err(src.at(['avstamningar', i, 'id']), 'avstamning.dubblett', { id: a.id });
      tieIds.add(a.id);
      const left = a.vanster.map(parseTerm);
      const right = a.hoger.map(parseTerm);
      for (const [side, terms] of [['vanster', left], ['hoger', right]] as const) {
        terms.forEach((term, k) => pending.push({ kind: 'figure', ref: term.ref, at: src.at(['avstamningar', i, side, k]), what: `avstämning ${a.id}` }));
      }
      if (sameTerms(left, right)) err(at, 'avstamning.samma_sidor', { id: a.id });
      ties.push({ id: a.id, title: a.titel, left, right, source: at });
    }
    if (data.anslagsredovisning) {
      if (anslagsredovisning) err(src.at(['anslagsredovisning']), 'del.dubblett', { del: 'anslagsredovisningen' });
      else anslagsredovisning = buildAnslag(data.anslagsredovisning, src);
    }
    if (data.regleringsbrev) {
      if (regleringsbrev) err(src.at(['regleringsbrev']), 'del.dubblett', { del: 'regleringsbrevet' });
      else regleringsbrev = buildRegleringsbrev(data.regleringsbrev, src);
    }
  }

  function buildTable(t: TableInput, base: Path, src: YamlSource): Table {
    const unit = resolveUnit(t.enhet, ledgerUnit, src, [...base, 'enhet']);
    const layout = STATEMENT_KINDS.includes(t.typ as StatementKind) ? layoutFor(m.layout, t.typ as StatementKind) : undefined;
    const layoutLines = layout && layoutLineIds(layout);
    const rows: Row[] = [];
    const rowIds = new Set<string>();
    /** What a `summa` term may name: a row's id or its layout line. */
    const summable = new Set(t.rader.flatMap((x) => (x.rad ? [x.id, x.rad] : [x.id])));
    for (const [ri, r] of t.rader.entries()) {
      const rp = [...base, 'rader', ri];
      if (rowIds.has(r.id)) {
        // Reported once; its cells would only repeat it as duplicate figure ids.
        err(src.at([...rp, 'id']), 'rad.dubblett', { rad: r.id, tabell: t.id });
        continue;
      }
      rowIds.add(r.id);
      const line = r.rad ?? r.id;
      if (layout && r.egen !== 'true' && !layoutLines!.has(line)) {
        err(src.at([...rp, r.rad ? 'rad' : 'id']), 'rad.okand_i_layout', { rad: line, rapport: layout.title.toLowerCase(), layout: m.layout });
      }
      const rowUnit = resolveUnit(r.enhet, unit, src, [...rp, 'enhet']);
      const values = r.v ?? [];
      if (r.v && values.length !== t.kolumner.length) {
        err(src.at([...rp, 'v']), 'rad.antal_varden', { rad: `${t.id}.${r.id}`, forvantat: t.kolumner.length, fick: values.length });
        t.kolumner.slice(values.length).forEach((c) => reported.add(`${t.id}.${r.id}.${c.id}`));
      }
      const partOf = asList(r.ingar_i).map(parseTerm);
      partOf.forEach((term, k) => {
        if (!layoutLines?.get(term.ref)?.sum) {
          err(src.at(Array.isArray(r.ingar_i) ? [...rp, 'ingar_i', k] : [...rp, 'ingar_i']), 'ingar_i.ingen_summa', { rad: `${t.id}.${r.id}`, ref: term.ref, ...(layout ? { layout: m.layout } : {}) });
        }
      });
      // A sign convention applies to a layout line the form prints negative, and to an own
      // row that counts in such a line.
      const negative = !!layoutLines?.get(line)?.negativ || partOf.some((p) => layoutLines?.get(p.ref)?.negativ);
      const negate = t.tecken === 'kostnader_utan_minus' && negative;
      // Column ids are the user's: no plain object, where `__proto__` would vanish.
      const cells: Record<string, string> = Object.create(null);
      t.kolumner.forEach((c, ci) => {
        const fid = figure(`${t.id}.${r.id}.${c.id}`, values[ci], rowUnit, src, [...rp, 'v', ci], `${t.titel} · ${r.text ?? r.id} · ${c.rubrik}`, r.seed, negate);
        if (fid) cells[c.id] = fid;
      });
      const sum = r.summa?.map(parseTerm);
      sum?.forEach((term, k) => {
        if (!summable.has(term.ref)) err(src.at([...rp, 'summa', k]), 'summa.okand_rad', { rad: `${t.id}.${r.id}`, ref: term.ref, tabell: t.id });
      });
      const equals = asList(r.lika).map(parseTerm);
      const specifies = asList(r.specificerar).map(parseTerm);
      const atMost = asList(r.hogst).map(parseTerm);
      for (const [key, terms] of [['lika', equals], ['specificerar', specifies], ['hogst', atMost]] as const) {
        terms.forEach((term, k) => {
          const at = src.at(Array.isArray(r[key]) ? [...rp, key, k] : [...rp, key]);
          const what = `${key} i ${t.id}.${r.id}`;
          if (term.ref === `${t.id}.${r.id}`) err(at, 'ref.sig_sjalv', { vad: what, ref: term.ref });
          else pending.push({ kind: 'row', ref: term.ref, at, what, unit: rowUnit });
        });
      }
      if (r.anslagspost) pending.push({ kind: 'anslagspost', ref: r.anslagspost, at: src.at([...rp, 'anslagspost']), what: `${t.id}.${r.id}` });
      if (r.anslag) pending.push({ kind: 'anslag', ref: r.anslag, at: src.at([...rp, 'anslag']), what: `${t.id}.${r.id}` });
      const notes = asList(r.not).map(Number);
      notes.forEach((n) => pending.push({ kind: 'note', ref: String(n), at: src.at([...rp, 'not']), what: `${t.id}.${r.id}` }));
      rows.push({
        id: r.id,
        label: r.text ?? r.id,
        ...(r.rad ? { line: r.rad } : {}),
        notes,
        cells,
        unit: rowUnit,
        ...(sum ? { sum } : {}),
        equals,
        specifies,
        atMost,
        partOf,
        ...(r.anslagspost ? { anslagspost: r.anslagspost } : {}),
        ...(r.anslag ? { anslag: r.anslag } : {}),
        own: r.egen === 'true',
        heading: r.v === undefined,
        source: src.at(rp),
      });
    }
    checkSums(t, rows, base, src);
    if (t.tecken && !layout) err(src.at([...base, 'tecken']), 'tecken.ej_rapport', { tabell: t.id });
    return {
      ...tableDeclarations(t, base, src, rowIds),
      id: t.id,
      title: t.titel,
      kind: t.typ,
      unit,
      ...(t.not ? { note: Number(t.not) } : {}),
      columns: t.kolumner.map((c) => ({ id: c.id, label: c.rubrik })),
      rows,
      file: src.file,
      source: src.at(base),
    };
  }

  /** Declared sums of a table: rows in units that compare, and no row that is part of itself. */
  function checkSums(t: TableInput, rows: readonly Row[], base: Path, src: YamlSource): void {
    const summaAt = (r: Row, k?: number) => src.at([...base, 'rader', t.rader.findIndex((x) => x.id === r.id), 'summa', ...(k === undefined ? [] : [k])]);
    const parts = (r: Row) => (r.sum ?? []).map((term) => rows.filter((x) => x.id === term.ref || x.line === term.ref));
    for (const r of rows) {
      parts(r).forEach((xs, k) => {
        for (const x of xs) if (!comparable(r.unit, x.unit)) err(summaAt(r, k), 'avstamning.enheter', { vad: `summa i ${t.id}.${r.id}`, enheter: [r.unit, x.unit] });
      });
    }
    // Depth-first search with an explicit stack (a long chain of sums must not overflow it).
    const state = new Map<string, 'open' | 'done'>();
    for (const start of rows) {
      if (state.has(start.id)) continue;
      const stack: { row: Row; next: Row[] }[] = [{ row: start, next: parts(start).flat() }];
      state.set(start.id, 'open');
      while (stack.length) {
        const top = stack.at(-1)!;
        const x = top.next.pop();
        if (!x) {
          state.set(top.row.id, 'done');
          stack.pop();
        } else if (state.get(x.id) === 'open') {
          const cycle = stack.slice(stack.findIndex((e) => e.row.id === x.id)).map((e) => e.row);
          err(summaAt(cycle[0]!), 'summa.cykel', { tabell: t.id, rader: cycle.map((c) => `${t.id}.${c.id}`) });
        } else if (!state.has(x.id)) {
          state.set(x.id, 'open');
          stack.push({ row: x, next: parts(x).flat() });
        }
      }
    }
  }

  /** What a table declares about its rows and columns: periodisering, column sums, column mapping. */
  function tableDeclarations(t: TableInput, base: Path, src: YamlSource, rowIds: ReadonlySet<string>): Pick<Table, 'periodisering' | 'columnSums' | 'columnMap'> {
    const periodisering = (t.periodisering ?? []).map((p, k) => {
      for (const key of ['ingaende', 'utgaende'] as const) {
        if (!rowIds.has(p[key])) err(src.at([...base, 'periodisering', k, key]), 'periodisering.okand_rad', { ref: p[key], tabell: t.id });
      }
      return { opening: p.ingaende, closing: p.utgaende };
    });
    const columnIds = new Set(t.kolumner.map((c) => c.id));
    const column = (id: string, path: Path, what: string) => {
      if (!columnIds.has(id)) err(src.at(path), 'kolumn.okand', { vad: what, tabell: t.id, kolumn: id, giltiga: [...columnIds] });
    };
    const columnSums = (t.kolumnsummor ?? []).map((k, i) => {
      const p: Path = [...base, 'kolumnsummor', i];
      column(k.kolumn, [...p, 'kolumn'], 'kolumnsummor');
      const terms = k.summa.map(parseTerm);
      terms.forEach((term, j) => column(term.ref, [...p, 'summa', j], 'kolumnsummor'));
      return { column: k.kolumn, terms };
    });
    for (const key of Object.keys(t.kolumnmappning ?? {})) column(key, [...base, 'kolumnmappning', key], 'kolumnmappning');
    // Column ids are the user's: no plain object, where `__proto__` would vanish.
    const columnMap: Record<string, string> = Object.assign(Object.create(null), t.kolumnmappning);
    return { periodisering, columnSums, columnMap };
  }

  function buildAnslag(a: AnslagsredovisningInput, src: YamlSource): Anslagsredovisning {
    const base: Path = ['anslagsredovisning'];
    const unit = resolveUnit(a.enhet, ledgerUnit, src, [...base, 'enhet']);
    const cols = a.kolumner as AnslagColumn[];
    const rowFigures = (prefix: string, v: readonly (string | null)[], path: Path, label: string, seed?: string): AnslagRowFigures => {
      if (v.length !== cols.length) err(src.at([...path, 'v']), 'rad.antal_varden', { rad: prefix, forvantat: cols.length, fick: v.length });
      cols.slice(v.length).forEach((c) => reported.add(`anslag.${prefix}.${c}`));
      const out: AnslagRowFigures = Object.create(null);
      cols.forEach((c, ci) => {
        const fid = figure(`anslag.${prefix}.${c}`, v[ci], unit, src, [...path, 'v', ci], `Anslagsredovisning · ${label} · ${c}`, seed);
        if (fid) out[c] = fid;
      });
      return out;
    };
    const uos: Utgiftsomrade[] = a.utgiftsomraden.map((u, ui) => {
      const up: Path = [...base, 'utgiftsomraden', ui];
      const uoId = `uo${u.uo}`;
      const anslag: Anslag[] = u.anslag.map((an, ai) => {
        const ap: Path = [...up, 'anslag', ai];
        const anslagId = `${uoId}.${anslagKey(an.anslag)}`;
        if (!an.poster === !an.v) err(src.at(ap), 'anslag.poster_eller_v', { anslag: an.anslag, bada: !!an.poster });
        // An anslag without anslagsposter is its own one post, with the anslag's id.
        const own = !an.poster && an.v ? [{ ap: '', namn: an.namn, v: an.v, not: an.not, seed: an.seed, path: ap }] : [];
        const poster = [...(an.poster ?? []).map((p, pi) => ({ ...p, path: [...ap, 'poster', pi] as Path })), ...own].map((p) => {
          const pp = p.path;
          const postId = p.ap ? `${anslagId}.ap${p.ap.replace(/\./g, '_')}` : anslagId;
          const notes = asList(p.not).map(Number);
          notes.forEach((n) => pending.push({ kind: 'note', ref: String(n), at: src.at([...pp, 'not']), what: postId }));
          return {
            id: postId,
            ap: p.ap,
            name: p.namn,
            notes,
            figures: rowFigures(postId, p.v, pp, `${an.anslag}${p.ap ? ` ap ${p.ap}` : ''} ${p.namn}`, p.seed),
            source: src.at(pp),
          };
        });
        return {
          id: anslagId,
          designation: an.anslag,
          name: an.namn,
          typ: an.typ ?? 'ramanslag',
          rantebarande: an.rantebarande === 'true',
          poster,
          ...(an.summa ? { summa: rowFigures(`${anslagId}.summa`, an.summa.v, [...ap, 'summa'], `Summa ${an.anslag}`, an.summa.seed) } : {}),
        };
      });
      return {
        id: uoId,
        uo: u.uo,
        name: u.namn,
        anslag,
        ...(u.summa ? { summa: rowFigures(`${uoId}.summa`, u.summa.v, [...up, 'summa'], `Summa utgiftsområde ${u.uo}`, u.summa.seed) } : {}),
      };
    });
    const postIds = new Set(uos.flatMap((u) => u.anslag.flatMap((an) => an.poster.map((p) => p.id))));
    const checkPost = (id: string, path: Path) => {
      if (!postIds.has(id)) pending.push({ kind: 'anslagspost', ref: id, at: src.at(path), what: 'anslagsredovisning' });
    };
    const simpleRow = (prefix: string, columns: readonly string[], v: readonly (string | null)[], path: Path, label: string, seed?: string) => {
      if (v.length !== columns.length) err(src.at([...path, 'v']), 'rad.antal_varden', { rad: prefix, forvantat: columns.length, fick: v.length });
      columns.slice(v.length).forEach((c) => reported.add(`${prefix}.${c}`));
      // Column ids are the user's: no plain object, where `__proto__` would vanish.
      const out: Record<string, string> = Object.create(null);
      columns.forEach((c, ci) => {
        const fid = figure(`${prefix}.${c}`, v[ci], unit, src, [...path, 'v', ci], `${label} · ${c}`, seed);
        if (fid) out[c] = fid;
      });
      return out;
    };
    const it = a.inkomsttitlar;
    const inkomsttitlar = it && {
      columns: it.kolumner,
      titlar: it.titlar.map((t, ti) => ({
        titel: t.titel,
        name: t.namn,
        // A titel's own figures: the titel without undertitlar, or its printed subtotal.
        ...(t.v ? { figures: simpleRow(`inkomsttitel.${t.titel}`, it.kolumner, t.v, [...base, 'inkomsttitlar', 'titlar', ti], `Inkomsttitel ${t.titel} ${t.namn}`, t.seed) } : {}),
        undertitlar: (t.undertitlar ?? []).map((u, ui) => {
          const path: Path = [...base, 'inkomsttitlar', 'titlar', ti, 'undertitlar', ui];
          const fid = `inkomsttitel.${t.titel}.${u.undertitel}`;
          return { id: fid, undertitel: u.undertitel, name: u.namn, figures: simpleRow(fid, it.kolumner, u.v, path, `Inkomsttitel ${t.titel} ${u.undertitel} ${u.namn}`, u.seed), source: src.at(path) };
        }),
      })),
      ...(it.summa ? { summa: simpleRow('inkomsttitel.summa', it.kolumner, it.summa.v, [...base, 'inkomsttitlar', 'summa'], 'Inkomsttitlar · Summa', it.summa.seed) } : {}),
    };
    const bemCols = a.bemyndiganden?.kolumner ?? [];
    const bemyndiganden: Bemyndigande[] = (a.bemyndiganden?.rader ?? []).map((r, ri) => {
      const path: Path = [...base, 'bemyndiganden', 'rader', ri];
      checkPost(r.anslagspost, [...path, 'anslagspost']);
      return {
        anslagspost: r.anslagspost,
        figures: simpleRow(`bemyndigande.${r.anslagspost}`, bemCols, r.v, path, `Bemyndigande ${r.anslagspost}`, r.seed),
        years: bemCols.filter((c) => /^\d{4}$/.test(c)),
        ...(r.slutar ? { slutar: r.slutar } : {}),
        source: src.at(path),
      };
    });
    const villkorCols = a.finansiella_villkor?.kolumner ?? [];
    const finansiellaVillkor: FinansielltVillkor[] = (a.finansiella_villkor?.rader ?? []).map((r, ri) => {
      const path: Path = [...base, 'finansiella_villkor', 'rader', ri];
      checkPost(r.anslagspost, [...path, 'anslagspost']);
      const f = simpleRow(`villkor.${r.id}`, villkorCols, r.v, path, `Finansiellt villkor ${r.text}`, r.seed);
      return { id: r.id, anslagspost: r.anslagspost, text: r.text, typ: r.typ, ...(f.villkor ? { villkor: f.villkor } : {}), ...(f.utfall ? { utfall: f.utfall } : {}), source: src.at(path) };
    });
    return {
      unit,
      columns: cols,
      utgiftsomraden: uos,
      ...(a.summa ? { summa: rowFigures('summa', a.summa.v, [...base, 'summa'], a.summa.text ?? 'Summa', a.summa.seed), summaLabel: a.summa.text ?? 'Summa' } : {}),
      ...(inkomsttitlar ? { inkomsttitlar } : {}),
      bemyndiganden,
      bemyndigandeColumns: bemCols,
      finansiellaVillkor,
    };
  }

  function buildRegleringsbrev(r: RegleringsbrevInput, src: YamlSource): Regleringsbrev {
    const base: Path = ['regleringsbrev'];
    const unit = resolveUnit(r.enhet, ledgerUnit, src, [...base, 'enhet']);
    const anslagsposter = (r.anslagsposter ?? []).map((p, pi) => {
      const pp: Path = [...base, 'anslagsposter', pi];
      pending.push({ kind: 'anslagspost', ref: p.anslagspost, at: src.at([...pp, 'anslagspost']), what: 'regleringsbrev' });
      const beslut: Beslut[] = p.beslut.map((b, bi) => {
        const bp: Path = [...pp, 'beslut', bi];
        const fid = (field: string, value: string | null | undefined, seed?: string) =>
          figure(`rb.${p.anslagspost}.${b.datum}.${field}`, value, unit, src, [...bp, field], `Regleringsbrev ${p.anslagspost} ${b.datum} ${b.referens ?? ''} · ${field}`, seed);
        const tilldelning = fid('tilldelning', b.tilldelning, b.seed_tilldelning ?? b.seed);
        const anslagskredit = fid('anslagskredit', b.anslagskredit, b.seed_anslagskredit ?? b.seed);
        const medgivet = fid('medgivet_overskridande', b.medgivet_overskridande, b.seed_medgivet ?? b.seed);
        fid('minskning', b.minskning, b.seed);
        return {
          datum: b.datum,
          ...(b.referens ? { referens: b.referens } : {}),
          ...(tilldelning ? { tilldelning } : {}),
          ...(anslagskredit ? { anslagskredit } : {}),
          ...(medgivet ? { medgivetOverskridande: medgivet } : {}),
          source: src.at(bp),
        };
      });
      return { anslagspost: p.anslagspost, beslut };
    });
    const bemyndiganderamar = (r.bemyndiganderamar ?? []).flatMap((b, bi) => {
      const path: Path = [...base, 'bemyndiganderamar', bi];
      pending.push({ kind: 'anslagspost', ref: b.anslagspost, at: src.at([...path, 'anslagspost']), what: 'bemyndiganderam' });
      const belopp = figure(`rb.bemyndiganderam.${b.anslagspost}`, b.belopp, unit, src, [...path, 'belopp'], `Bemyndiganderam ${b.anslagspost}`, b.seed);
      return belopp ? [{ anslagspost: b.anslagspost, belopp, ...(b.slutar ? { slutar: b.slutar } : {}), source: src.at(path) }] : [];
    });
    const ramar = (key: 'laneram' | 'kontokredit', label: string) =>
      (r[key] ?? []).flatMap((x, i) => {
        const path: Path = [...base, key, i];
        const belopp = figure(`rb.${key}.${x.datum ?? i}`, x.belopp, unit, src, [...path, 'belopp'], `${label} ${x.datum ?? ''}`, x.seed);
        return belopp ? [{ ...(x.datum ? { datum: x.datum } : {}), ...(x.referens ? { referens: x.referens } : {}), belopp, source: src.at(path) }] : [];
      });
    return { unit, anslagsposter, bemyndiganderamar, laneram: ramar('laneram', 'Låneram'), kontokredit: ramar('kontokredit', 'Kontokredit') };
  }

  // Required parts.
  const byKind = groupBy(tables, (t) => t.kind);
  for (const req of REQUIRED) {
    if (!byKind.has(req.kind)) err(manifest.src.at(['filer']), 'del.saknas', { del: req.label });
  }
  for (const kind of STATEMENT_KINDS) {
    const of = byKind.get(kind) ?? [];
    if (of.length > 1) err(of[1]!.source, 'del.dubblett', { del: kind, tabell: of[0]!.id });
  }

  // Resolve references.
  const postIds = new Set(anslagsredovisning?.utgiftsomraden.flatMap((u) => u.anslag.flatMap((a) => a.poster.map((p) => p.id))) ?? []);
  const anslagIds = new Set(anslagsredovisning?.utgiftsomraden.flatMap((u) => u.anslag.map((a) => a.id)) ?? []);
  const notes = collectNotes(declaredNotes, tables);
  const noteNumbers = new Set(notes.map((n) => n.number));
  const rowByRef = new Map<string, Row>(tables.flatMap((t) => t.rows.map((r) => [`${t.id}.${r.id}`, r] as const)));
  for (const p of pending) {
    switch (p.kind) {
      case 'row': {
        const target = rowByRef.get(p.ref);
        if (!target) err(p.at, 'ref.okand_rad', { vad: p.what, ref: p.ref });
        else if (p.unit && !comparable(p.unit, target.unit)) err(p.at, 'avstamning.enheter', { vad: p.what, enheter: [p.unit, target.unit] });
        break;
      }
      case 'figure':
        if (emptyCells.has(p.ref)) err(p.at, 'ref.tom_figur', { vad: p.what, ref: p.ref });
        else if (!figures.has(p.ref) && !reported.has(p.ref)) err(p.at, 'ref.okand_figur', { vad: p.what, ref: p.ref });
        break;
      case 'anslagspost':
        if (!postIds.has(p.ref)) err(p.at, 'ref.okand_anslagspost', { vad: p.what, ref: p.ref });
        break;
      case 'anslag':
        if (!anslagIds.has(p.ref)) err(p.at, 'ref.okand_anslag', { vad: p.what, ref: p.ref });
        break;
      case 'note':
        if (!noteNumbers.has(Number(p.ref))) err(p.at, 'ref.okand_not', { vad: p.what, not: p.ref });
        break;
    }
  }

  for (const tie of ties) {
    const units = [...new Set([...tie.left, ...tie.right].flatMap((term) => figures.get(term.ref)?.unit ?? []))];
    if (units.some((u) => !comparable(u, units[0]!))) err(tie.source, 'avstamning.enheter', { vad: `avstämning ${tie.id}`, enheter: units });
  }

  const acknowledgements: Acknowledgement[] = (acks?.data.kanda_avvikelser ?? []).map((a, i) => {
    a.figurer?.forEach((f, k) => {
      if (!figures.has(f) && !reported.has(f)) err(acks!.src.at(['kanda_avvikelser', i, 'figurer', k]), 'avvikelse.okand_figur', { figur: f });
    });
    return { check: a.kontroll, ...(a.figurer ? { figures: a.figurer } : {}), reason: a.orsak, source: acks!.src.at(['kanda_avvikelser', i]) };
  });

  const definitions = buildDefinitions(m.definitioner, byKind.get('resultatrakning')?.[0], layoutFor(m.layout, 'resultatrakning'), (path, code, params) => err(manifest.src.at(['definitioner', ...path]), code, params));

  const coverageNotes = (acks?.data.olasta_figurer ?? []).map((o, i) => ({ figures: o.figurer, reason: o.orsak, source: acks!.src.at(['olasta_figurer', i]) }));
  const restatements = (acks?.data.omraknade_jamforelsesiffror ?? []).map((o, i) => {
    o.figurer.forEach((f, k) => {
      if (!figures.has(f) && !reported.has(f)) err(acks!.src.at(['omraknade_jamforelsesiffror', i, 'figurer', k]), 'avvikelse.okand_figur', { figur: f });
    });
    return { figures: o.figurer, reason: o.orsak, source: acks!.src.at(['omraknade_jamforelsesiffror', i]) };
  });

  return {
    agency: m.myndighet,
    ...(m.organisationsnummer ? { orgnr: m.organisationsnummer } : {}),
    year: m.ar,
    layout: m.layout,
    unit: ledgerUnit,
    dir,
    files: files.map((f) => f.src.file),
    ...(m.kalla ? { kalla: m.kalla } : {}),
    tables,
    notes,
    ...(anslagsredovisning ? { anslagsredovisning } : {}),
    ...(regleringsbrev ? { regleringsbrev } : {}),
    ties,
    acknowledgements,
    coverageNotes,
    ...(restatements.length ? { restatements } : {}),
    definitions,
    figures,
  };
}


/** Groups items by a key, in their order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
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

/** The lines of a layout by id, computed once per layout. */
const layoutLineMaps = new WeakMap<object, ReadonlyMap<string, LayoutLine>>();
function layoutLineIds(layout: { readonly lines: readonly LayoutLine[] }): ReadonlyMap<string, LayoutLine> {
  let ids = layoutLineMaps.get(layout);
  if (!ids) layoutLineMaps.set(layout, (ids = new Map(layout.lines.map((l) => [l.id, l]))));
  return ids;
}
