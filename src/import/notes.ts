/**
 * The notes: every "NOT n" with its title, and each table in it (a table starts at a line
 * of column years such as "Specifikation 2024 2023"). Note rows have no prescribed
 * labels: their ids are their labels in ASCII. Rows that could be read in several ways,
 * and prose with figures in it, are left out and reported.
 */
import type { SourceLine } from './source.js';
import type { ImportedRow, ImportedTable, Section, Skipped } from './model.js';
import { numberBearing, readRow } from './rows.js';
import { squash } from './labels.js';
import { ONE, readTables, skip, type ReadTable } from './tables.js';
import { scalar, tablesYaml } from './yaml.js';
import { NOTE_CONTINUED } from './sections.js';

export interface NotesResult {
  /** The notes' tables; `notesYaml` renders them with the `noter:` list. */
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
  const starts = ls.flatMap((l, i) => (NOTE_HEAD.test(l.text) && !NOTE_CONTINUED.test(l.text) ? [i] : []));
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

function noteTables(nr: number, title: string, body: readonly SourceLine[], broken: boolean, skipped: Skipped[]): ImportedTable[] {
  const pad = String(nr).padStart(2, '0');
  const tables: ImportedTable[] = [];
  readTables(body, broken, skipped).forEach((t, i) => {
    const titel = i === 0 ? title : (t.heading ?? `${title} (${i + 1})`);
    tables.push(asTable(t, i === 0 ? `not${pad}` : `not${pad}_${i + 1}`, titel, 'not', tables, nr));
  });
  return tables;
}

/** A table read by readTables as a ledger table; a sub-specification tied to the row it specifies. */
export function asTable(t: ReadTable, id: string, titel: string, typ: 'not' | 'tabell', earlier: readonly ImportedTable[], not?: number): ImportedTable {
  const ids = t.cols.ids;
  const rader = specifiedRow(t, earlier);
  return {
    id,
    titel,
    typ,
    ...(not !== undefined ? { not } : {}),
    enhet: t.cols.unit,
    kolumner: ids.map((c, j) => ({ id: c, rubrik: t.cols.rubriker[j]! })),
    rader,
    ...(t.totalColumn ? { kolumnsummor: [{ kolumn: ids[ids.length - 1]!, summa: ids.slice(0, -1) }] } : {}),
  };
}

/**
 * "Specifikation av X" above a table, X a row of an earlier table of the same note with
 * the same columns: the specification's last row, a sum, restates that row (`lika`).
 */
function specifiedRow(t: ReadTable, earlier: readonly ImportedTable[]): ImportedRow[] {
  const rows = t.rows;
  const what = /^specifikation av (.+)$/i.exec(t.heading ?? '')?.[1];
  const last = rows[rows.length - 1];
  if (!what || !last || !last.summa) return rows;
  const same = (x: ImportedTable) => x.kolumner.length === t.cols.ids.length && x.kolumner.every((c, j) => c.id === t.cols.ids[j]);
  const target = earlier.filter(same).flatMap((x) => x.rader.filter((r) => r.v && squash(r.text) === squash(what)).map((r) => `${x.id}.${r.id}`));
  return target.length === 1 ? [...rows.slice(0, -1), { ...last, lika: target[0]! }] : rows;
}

