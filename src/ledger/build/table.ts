/**
 * A table of the ledger (a statement, a note, a table of the five-year summary): its rows
 * and their figures, the declared sums and ties, checked against the layout version.
 */
import type { UnitId } from '../../domain/amount.js';
import { layoutFor } from '../../domain/layouts/index.js';
import type { Layout, LayoutLine, Row, StatementKind, Table } from '../../domain/model.js';
import type { TableInput } from '../schema.js';
import type { Path, YamlSource } from '../yaml-source.js';
import { asList, comparable, layoutLineIds, parseTerm, type BuildContext } from './context.js';

export const STATEMENT_KINDS: readonly StatementKind[] = ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter'];

type RowInput = TableInput['rader'][number];

/** What every row of one table is read against. */
interface TableShape {
  readonly t: TableInput;
  readonly src: YamlSource;
  readonly unit: UnitId;
  readonly layout: Layout | undefined;
  readonly layoutLines: ReadonlyMap<string, LayoutLine> | undefined;
  /** What a `summa` term may name: a row's id or its layout line. */
  readonly summable: ReadonlySet<string>;
}

export function buildTable(cx: BuildContext, t: TableInput, base: Path, src: YamlSource): Table {
  const unit = cx.resolveUnit(t.enhet, cx.ledgerUnit, src, [...base, 'enhet']);
  const layout = STATEMENT_KINDS.includes(t.typ as StatementKind) ? layoutFor(cx.layout, t.typ as StatementKind) : undefined;
  const shape: TableShape = { t, src, unit, layout, layoutLines: layout && layoutLineIds(layout), summable: new Set(t.rader.flatMap((x) => (x.rad ? [x.id, x.rad] : [x.id]))) };
  const rows: Row[] = [];
  const rowIds = new Set<string>();
  for (const [ri, r] of t.rader.entries()) {
    const rp = [...base, 'rader', ri];
    if (rowIds.has(r.id)) {
      // Reported once; its cells would only repeat it as duplicate figure ids.
      cx.err(src.at([...rp, 'id']), 'rad.dubblett', { rad: r.id, tabell: t.id });
      continue;
    }
    rowIds.add(r.id);
    rows.push(buildRow(cx, shape, r, rp));
  }
  checkSums(cx, t, rows, base, src);
  if (t.tecken && !layout) cx.err(src.at([...base, 'tecken']), 'tecken.ej_rapport', { tabell: t.id });
  return {
    ...tableDeclarations(cx, t, base, src, rowIds),
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

/** One row: its layout line, unit, figures (one a column) and what it declares of other rows. */
function buildRow(cx: BuildContext, shape: TableShape, r: RowInput, rp: Path): Row {
  const { t, src, layout, layoutLines } = shape;
  const line = r.rad ?? r.id;
  if (layout && r.egen !== 'true' && !layoutLines!.has(line)) {
    cx.err(src.at([...rp, r.rad ? 'rad' : 'id']), 'rad.okand_i_layout', { rad: line, rapport: layout.title.toLowerCase(), layout: cx.layout });
  }
  const rowUnit = cx.resolveUnit(r.enhet, shape.unit, src, [...rp, 'enhet']);
  const values = r.v ?? [];
  if (r.v && values.length !== t.kolumner.length) {
    cx.err(src.at([...rp, 'v']), 'rad.antal_varden', { rad: `${t.id}.${r.id}`, forvantat: t.kolumner.length, fick: values.length });
    t.kolumner.slice(values.length).forEach((c) => cx.reported.add(`${t.id}.${r.id}.${c.id}`));
  }
  const partOf = asList(r.ingar_i).map(parseTerm);
  partOf.forEach((term, k) => {
    if (!layoutLines?.get(term.ref)?.sum) {
      cx.err(src.at(Array.isArray(r.ingar_i) ? [...rp, 'ingar_i', k] : [...rp, 'ingar_i']), 'ingar_i.ingen_summa', { rad: `${t.id}.${r.id}`, ref: term.ref, ...(layout ? { layout: cx.layout } : {}) });
    }
  });
  // A sign convention applies to a layout line the form prints negative, and to an own
  // row that counts in such a line.
  const negative = !!layoutLines?.get(line)?.negativ || partOf.some((p) => layoutLines?.get(p.ref)?.negativ);
  const negate = t.tecken === 'kostnader_utan_minus' && negative;
  // Column ids are the user's: no plain object, where `__proto__` would vanish.
  const cells: Record<string, string> = Object.create(null);
  t.kolumner.forEach((c, ci) => {
    const fid = cx.figure(`${t.id}.${r.id}.${c.id}`, values[ci], rowUnit, src, [...rp, 'v', ci], `${t.titel} · ${r.text ?? r.id} · ${c.rubrik}`, r.seed, negate);
    if (fid) cells[c.id] = fid;
  });
  return {
    id: r.id,
    label: r.text ?? r.id,
    ...(r.rad ? { line: r.rad } : {}),
    cells,
    unit: rowUnit,
    ...rowReferences(cx, shape, r, rp, rowUnit),
    partOf,
    ...(r.anslagspost ? { anslagspost: r.anslagspost } : {}),
    ...(r.anslag ? { anslag: r.anslag } : {}),
    own: r.egen === 'true',
    heading: r.v === undefined,
    source: src.at(rp),
  };
}

/** What a row says of other rows, notes and anslag; each reference is resolved when everything is read. */
function rowReferences(cx: BuildContext, { t, src, summable }: TableShape, r: RowInput, rp: Path, rowUnit: UnitId): Pick<Row, 'sum' | 'equals' | 'specifies' | 'atMost' | 'notes'> {
  const sum = r.summa?.map(parseTerm);
  sum?.forEach((term, k) => {
    if (!summable.has(term.ref)) cx.err(src.at([...rp, 'summa', k]), 'summa.okand_rad', { rad: `${t.id}.${r.id}`, ref: term.ref, tabell: t.id });
  });
  const equals = asList(r.lika).map(parseTerm);
  const specifies = asList(r.specificerar).map(parseTerm);
  const atMost = asList(r.hogst).map(parseTerm);
  for (const [key, terms] of [['lika', equals], ['specificerar', specifies], ['hogst', atMost]] as const) {
    terms.forEach((term, k) => {
      const at = src.at(Array.isArray(r[key]) ? [...rp, key, k] : [...rp, key]);
      const what = `${key} i ${t.id}.${r.id}`;
      if (term.ref === `${t.id}.${r.id}`) cx.err(at, 'ref.sig_sjalv', { vad: what, ref: term.ref });
      else cx.pending.push({ kind: 'row', ref: term.ref, at, what, unit: rowUnit });
    });
  }
  const what = `${t.id}.${r.id}`;
  if (r.anslagspost) cx.pending.push({ kind: 'anslagspost', ref: r.anslagspost, at: src.at([...rp, 'anslagspost']), what });
  if (r.anslag) cx.pending.push({ kind: 'anslag', ref: r.anslag, at: src.at([...rp, 'anslag']), what });
  const notes = asList(r.not).map(Number);
  notes.forEach((n) => cx.pending.push({ kind: 'note', ref: String(n), at: src.at([...rp, 'not']), what }));
  return { ...(sum ? { sum } : {}), equals, specifies, atMost, notes };
}

/** Declared sums of a table: rows in units that compare, and no row that is part of itself. */
function checkSums(cx: BuildContext, t: TableInput, rows: readonly Row[], base: Path, src: YamlSource): void {
  const summaAt = (r: Row, k?: number) => src.at([...base, 'rader', t.rader.findIndex((x) => x.id === r.id), 'summa', ...(k === undefined ? [] : [k])]);
  // The rows a sum term names, by row id or layout line: looked up, not searched, per term.
  const byRef = new Map<string, Row[]>();
  const add = (ref: string, r: Row) => (byRef.get(ref) ?? byRef.set(ref, []).get(ref)!).push(r);
  for (const r of rows) {
    add(r.id, r);
    if (r.line !== undefined && r.line !== r.id) add(r.line, r);
  }
  const parts = (r: Row) => (r.sum ?? []).map((term) => byRef.get(term.ref) ?? []);
  for (const r of rows) {
    parts(r).forEach((xs, k) => {
      for (const x of xs) if (!comparable(r.unit, x.unit)) cx.err(summaAt(r, k), 'avstamning.enheter', { vad: `summa i ${t.id}.${r.id}`, enheter: [r.unit, x.unit] });
    });
  }
  findSumCycles(rows, parts, (cycle) => cx.err(summaAt(cycle[0]!), 'summa.cykel', { tabell: t.id, rader: cycle.map((c) => `${t.id}.${c.id}`) }));
}

/** Every cycle of sums, by depth-first search with an explicit stack (a long chain of sums must not overflow it). */
function findSumCycles(rows: readonly Row[], parts: (r: Row) => readonly (readonly Row[])[], found: (cycle: readonly Row[]) => void): void {
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
        found(stack.slice(stack.findIndex((e) => e.row.id === x.id)).map((e) => e.row));
      } else if (!state.has(x.id)) {
        state.set(x.id, 'open');
        stack.push({ row: x, next: parts(x).flat() });
      }
    }
  }
}

/** What a table declares about its rows and columns: periodisering, column sums, column mapping. */
function tableDeclarations(cx: BuildContext, t: TableInput, base: Path, src: YamlSource, rowIds: ReadonlySet<string>): Pick<Table, 'periodisering' | 'columnSums' | 'columnMap'> {
  const periodisering = (t.periodisering ?? []).map((p, k) => {
    for (const key of ['ingaende', 'utgaende'] as const) {
      if (!rowIds.has(p[key])) cx.err(src.at([...base, 'periodisering', k, key]), 'periodisering.okand_rad', { ref: p[key], tabell: t.id });
    }
    return { opening: p.ingaende, closing: p.utgaende };
  });
  const columnIds = new Set(t.kolumner.map((c) => c.id));
  const column = (id: string, path: Path, what: string) => {
    if (!columnIds.has(id)) cx.err(src.at(path), 'kolumn.okand', { vad: what, tabell: t.id, kolumn: id, giltiga: [...columnIds] });
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