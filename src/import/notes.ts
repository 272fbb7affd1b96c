/**
 * The notes: every "NOT n" with its title, and each table in it (a table starts at a line
 * of column years such as "Specifikation 2024 2023"). Note rows have no prescribed
 * labels: their ids are their labels in ASCII. Rows that could be read in several ways,
 * and prose with figures in it, are left out and reported.
 */
import type { SourceLine } from './source.js';
import type { ImportedRow, ImportedTable, Section, Skipped } from './model.js';
import { choose } from './cells.js';
import { Decimal } from '../domain/amount.js';
import { findColumns, isHeaderLine, joinLabel, numberBearing, readRow, uniqueIds, unitOf, type Columns, type RawRow } from './rows.js';
import { isContinuation } from './sections.js';
import { key } from './statements.js';
import { slugId } from './ids.js';
import { scalar, tablesYaml } from './yaml.js';

export interface NotesResult {
  /** The notes' tables; `noteList` renders the `noter:` list. */
  readonly tables: readonly ImportedTable[];
  readonly found: boolean;
  readonly figures: number;
  readonly skipped: Skipped[];
  readonly notes: ReadonlyMap<number, string>;
}

const NOTE_HEAD = /^not\s+(\d{1,3})\b\s*(.*)$/i;

export function readNotes(sections: readonly Section[], lines: readonly SourceLine[], broken: boolean): NotesResult {
  const skipped: Skipped[] = [];
  const s = sections.find((x) => x.kind === 'noter');
  const notes = new Map<number, string>();
  if (!s) return { tables: [], found: false, figures: 0, skipped, notes };
  const ls = lines.slice(s.start, s.end - 1);
  const starts = ls.flatMap((l, i) => (NOTE_HEAD.test(l.text) ? [i] : []));
  const tables: ImportedTable[] = [];
  for (const l of ls.slice(0, starts[0] ?? ls.length)) if (numberBearing(l.text) && readRow(l, ONE)) skipped.push(skip(l, 'före första noten'));
  starts.forEach((start, i) => {
    const nr = Number(NOTE_HEAD.exec(ls[start]!.text)![1]);
    const body = ls.slice(start + 1, starts[i + 1] ?? ls.length);
    const title = NOTE_HEAD.exec(ls[start]!.text)![2]!.trim() || (body.find((l) => l.text)?.text.trim() ?? `Not ${nr}`);
    if (notes.has(nr)) {
      for (const l of body) if (numberBearing(l.text)) skipped.push(skip(l, `not ${nr} står två gånger`));
      return;
    }
    notes.set(nr, title);
    tables.push(...noteTables(nr, title, body, broken, skipped));
  });
  const figures = tables.reduce((n, t) => n + t.rader.reduce((m, r) => m + (r.v?.filter((x) => x !== '–').length ?? 0), 0), 0);
  return { tables, found: true, figures, skipped, notes };
}

/** noter.yaml: every note's number and title, then its tables. */
export function notesYaml(notes: ReadonlyMap<number, string>, tables: readonly ImportedTable[]): string {
  const list = ['noter:', ...[...notes].map(([n, t]) => `  - {not: ${n}, titel: ${scalar(t)}}`)].join('\n');
  return `${list}\n${tables.length ? tablesYaml(tables, 'Note tables: imported from kalla.txt.') : ''}`;
}

/** A line with at least one figure at its end. */
const ONE: Columns = { ids: ['a'], rubriker: ['a'], note: 'none', unit: 'tkr' };
const skip = (l: SourceLine, reason: string): Skipped => ({ nr: l.nr, page: l.page, text: l.text, reason });

/** A label that is a sentence, not a row: ends with a full stop or runs long. */
const isProse = (label: string) => /[.:;]$/.test(label.trim()) && !/\bm\.?\s?m\.$|\bm\.fl\.$/.test(label.trim()) || label.split(/\s+/).length > 16;

function noteTables(nr: number, title: string, body: readonly SourceLine[], broken: boolean, skipped: Skipped[]): ImportedTable[] {
  const pad = String(nr).padStart(2, '0');
  return readTables(body, broken, skipped).map((t, i) => ({
    id: i === 0 ? `not${pad}` : `not${pad}_${i + 1}`,
    titel: i === 0 ? title : `${title} (${i + 1})`,
    typ: 'not' as const,
    not: nr,
    enhet: t.cols.unit,
    kolumner: t.cols.ids.map((id, j) => ({ id, rubrik: t.cols.rubriker[j]! })),
    rader: t.rows,
  }));
}

export interface ReadTable {
  readonly cols: Columns;
  readonly rows: ImportedRow[];
}

/**
 * Tables without prescribed rows (notes, utestående åtaganden): a table starts at a line
 * of column years; column heads over consecutive lines add up; rows take ids from labels.
 */
export function readTables(body: readonly SourceLine[], broken: boolean, skipped: Skipped[]): ReadTable[] {
  const tables: { cols: Columns; rows: (ImportedRow & { doubtful?: boolean })[]; ids: Set<string> }[] = [];
  let pending: SourceLine[] = [];
  for (const l of body) {
    if (!l.text || isContinuation(l.text)) continue;
    const cur = tables[tables.length - 1];
    if (cur && cur.rows.length && isHeaderLine(l.text, cur.cols)) continue;
    const head = findColumns([l]);
    if (head) {
      if (cur && !cur.rows.length) cur.cols = mergeColumns(cur.cols, head.cols);
      else tables.push({ cols: head.cols, rows: [], ids: new Set() });
      pending = [];
      continue;
    }
    if (cur && !cur.rows.length && !pending.length) {
      const sub = subColumns(l.text, cur.cols);
      if (sub) {
        cur.cols = sub;
        continue;
      }
    }
    // "Specifikation" with named columns and no years (myndighetskapitalet's table): the
    // columns are counted on its first row, which must have one reading without doubt.
    if (/^specifikation\b/i.test(l.text) && !/\d/.test(l.text)) {
      tables.push({ cols: { ids: [], rubriker: [], note: 'none', unit: unitOf(l.text) }, rows: [], ids: new Set() });
      pending = [];
      continue;
    }
    if (cur && !cur.cols.ids.length) {
      const k = fewestCells(l);
      if (k) cur.cols = { ...cur.cols, ids: Array.from({ length: k }, (_, i) => `kolumn_${i + 1}`), rubriker: Array.from({ length: k }, (_, i) => `Kolumn ${i + 1}`), named: true };
    }
    const raw = cur && cur.cols.ids.length ? readRow(l, cur.cols) : undefined;
    if (!raw || !cur) {
      if (numberBearing(l.text) && readRow(l, ONE)) skipped.push(skip(l, cur ? `antalet tal passar inte tabellens ${cur.cols.ids.length} kolumner, eller löptext` : 'tal utanför en tabell med kolumnrubriker'));
      pending = /^\d{1,2}\s/.test(l.text) ? [] : [...pending, l].slice(-2);
      continue;
    }
    // Columns counted, not named by years: a row is read only without any split of choice.
    if (cur.cols.named && fewestCells(l) !== cur.cols.ids.length) {
      skipped.push(skip(l, 'tabellens kolumner har namn, inte årtal, och raden kan inte läsas utan att dela ett tal; utelämnad hellre än gissad'));
      pending = [];
      continue;
    }
    const row = tableRow(l, raw, pending, broken, cur.ids, skipped);
    pending = [];
    if (row) cur.rows.push(row);
  }
  const byNr = new Map(body.map((l) => [l.nr, l]));
  return tables.map((t) => ({ cols: t.cols, rows: confirmBySums(t.rows, byNr, skipped) })).filter((t) => t.rows.length);
}

/**
 * A line of words under the years that repeats per year ("Intäkter Kostnader Intäkter
 * Kostnader" under "2024 2023"): each year has those columns.
 */
function subColumns(text: string, cols: Columns): Columns | undefined {
  if (/\d/.test(text)) return undefined;
  const words = text.split(/\s+/).filter(Boolean);
  const k = cols.ids.length;
  if (words.length < 2 * k || words.length % k) return undefined;
  const per = words.length / k;
  const names = words.slice(0, per);
  if (!words.every((w, i) => w === names[i % per]) || !names.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w))) return undefined;
  const ids = cols.ids.flatMap((y) => names.map((n) => `${y}_${slugId(n)}`));
  const rubriker = cols.rubriker.flatMap((y) => names.map((n) => `${n} ${y}`));
  return { ...cols, ids, rubriker };
}

/**
 * The fewest figures a row can be read as (every three-digit group joined to the number
 * before it), if exactly one reading has that many: the column count of a table whose
 * heads are names, read from its first row.
 */
function fewestCells(l: SourceLine): number | undefined {
  const probe = readRow(l, { ids: Array.from({ length: 12 }, (_, i) => String(i)), rubriker: [], note: 'none', unit: 'tkr' }, 1);
  if (!probe) return undefined;
  const min = Math.min(...probe.candidates.map((r) => r.values.length));
  return min >= 2 && probe.candidates.filter((r) => r.values.length === min).length === 1 ? min : undefined;
}

function mergeColumns(a: Columns, b: Columns): Columns {
  const ids = uniqueIds([...a.ids, ...b.ids]);
  return { ids, rubriker: [...a.rubriker, ...b.rubriker], note: a.note === 'none' ? b.note : a.note, unit: a.unit };
}

function tableRow(l: SourceLine, raw: RawRow, pending: readonly SourceLine[], broken: boolean, ids: Set<string>, skipped: Skipped[]): (ImportedRow & { doubtful?: boolean }) | undefined {
  const c = choose(raw.candidates, key);
  if (!c.ok) {
    skipped.push(skip(l, `raden kan läsas på ${c.alternatives} sätt; utelämnad hellre än gissad`));
    return undefined;
  }

  const continuation = /^\p{Ll}/u.test(raw.label) || (pending.length > 0 && /[-,]$|\b(och|av|för|från|med|i|till|som|samt|enligt)$/.test(pending[pending.length - 1]!.text.trim()));
  const parts = continuation ? pending.slice(-1) : [];
  const label = joinLabel([...parts.map((p) => ({ text: p.text, trailingSpace: p.trailingSpace })), { text: c.value.label, trailingSpace: true }], broken);
  if (!label || isProse(label)) {
    skipped.push(skip(l, 'löptext med tal, inte en tabellrad'));
    return undefined;
  }
  const base = slugId(label) || 'rad';
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}_${n}`;
  ids.add(id);
  return { id, text: label, v: c.value.values.map((x) => x.printed), seed: String(l.nr), sida: l.page, ...(c.value.doubtfulSplits ? { doubtful: true } : {}) };
}

const SUM_LABEL = /^(summa|delsumma|totalt|total)\b/i;

/**
 * Rows read by splitting "6 568" into 6 and 568 are guesses unless a sum row below
 * confirms them: the rows since the previous sum add up to it in every column. Confirmed
 * rows stay; the others are left out and reported.
 */
function confirmBySums(rows: readonly (ImportedRow & { doubtful?: boolean })[], lines: ReadonlyMap<number, SourceLine>, skipped: Skipped[]): ImportedRow[] {
  const keep = new Set<ImportedRow>();
  let block: (ImportedRow & { doubtful?: boolean })[] = [];
  for (const r of rows) {
    if (!SUM_LABEL.test(r.text)) {
      block.push(r);
      continue;
    }
    const ok = !r.doubtful && block.length > 0 && addsUp(block, r);
    for (const b of block) if (!b.doubtful || ok) keep.add(b);
    if (!r.doubtful) keep.add(r);
    block = [];
  }
  for (const b of block) if (!b.doubtful) keep.add(b);
  for (const r of rows) {
    if (keep.has(r)) continue;
    const l = lines.get(Number(r.seed))!;
    skipped.push(skip(l, 'osäker uppdelning i kolumner (ett tal kan vara delat) som ingen summarad bekräftar; utelämnad hellre än gissad'));
  }
  return rows.filter((r) => keep.has(r)).map(({ doubtful: _d, ...r }) => r);
}

function addsUp(block: readonly ImportedRow[], total: ImportedRow): boolean {
  return (total.v ?? []).every((printed, col) => {
    const want = amount(printed);
    if (want === null) return true;
    const sum = block.reduce((s, r) => s.plus(amount(r.v?.[col] ?? '–') ?? 0), new Decimal(0));
    return sum.minus(want).abs().lte((block.length + 1) / 2);
  });
}
const amount = (printed: string) => (printed === '–' ? null : new Decimal(printed.replace(/ /g, '')));
