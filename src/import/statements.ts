/**
 * The statements (resultaträkning, balansräkning, finansieringsanalys, väsentliga
 * uppgifter): every row with figures matched to its layout line by its prescribed label;
 * rows the layout does not have become the agency's own rows (`egen`). Where a row can be
 * read in several ways, the layout's sums decide; a row still ambiguous is left out.
 */
import type { Layout, LayoutLine } from '../domain/model.js';
import { Decimal } from '../domain/amount.js';
import type { SourceLine } from './source.js';
import type { ImportedRow, ImportedTable, Skipped } from './model.js';
import { choose, type Cell } from './cells.js';
import { labelForms, matchLine, squash, type LabelForms } from './labels.js';
import { findColumns, isHeaderLine, isNoteHeading, joinLabel, numberBearing, readRow, type Candidate, type Columns } from './rows.js';
import { freshId, slugId } from './ids.js';
import { within } from './sums.js';

interface Placed {
  readonly line: SourceLine;
  readonly label: string;
  readonly candidates: readonly Candidate[];
  readonly lineId?: string;
  readonly heading: string;
  readonly labelLines: readonly SourceLine[];
}

export interface StatementResult {
  readonly table?: ImportedTable;
  readonly skipped: Skipped[];
  readonly missing: string[];
}

const ANSLAGSPOST = /\b(?:U|UO|utgiftsområde)\s?0?(\d+)\s+(\d+:\d+)\s+ap\.?\s*(\d+)\b/i;

/** Reads one statement section against its layout. */
export function readStatement(lines: readonly SourceLine[], layout: Layout, brokenWords: boolean, tableId: string, others: readonly Layout[] = []): StatementResult {
  const skipped: Skipped[] = [];
  const head = findColumns(lines);
  if (!head) {
    for (const l of lines) if (numberBearing(l.text)) skipped.push({ nr: l.nr, page: l.page, text: l.text, reason: 'tabellens kolumnrubriker (år) hittades inte' });
    return { skipped, missing: layout.lines.map((l) => l.id) };
  }
  const { cols } = head;
  const forms = layout.lines.map((l) => labelForms(l.label));
  const placed = placeRows(lines.slice(head.header + 1), cols, layout.lines, forms, brokenWords, skipped);
  const decided = decide(placed, layout, cols, skipped);
  const taken = new Set(decided.map((r) => r.id));
  const rows = decided.map((r) => {
    const again = r.egen ? restated(r, others) : r;
    return again !== r && !taken.has(again.id) ? (taken.add(again.id), again) : r;
  });
  const found = new Set(rows.map((r) => r.rad ?? r.id));
  return {
    table: {
      id: tableId,
      titel: layout.title,
      typ: layout.kind,
      enhet: cols.unit,
      kolumner: cols.ids.map((id, i) => ({ id, rubrik: cols.rubriker[i]! })),
      rader: rows,
    },
    skipped,
    missing: layout.lines.filter((l) => !found.has(l.id)).map((l) => l.id),
  };
}

/** Walks the lines: headings, labels over several lines, rows matched to layout lines. */
function placeRows(lines: readonly SourceLine[], cols: Columns, layout: readonly LayoutLine[], forms: readonly LabelForms[], brokenWords: boolean, skipped: Skipped[]): Placed[] {
  const placed: Placed[] = [];
  let pending: SourceLine[] = [];
  let heading = '';
  let cursor = -1;
  const used = new Set<string>();
  for (const line of lines) {
    if (!line.text || isHeaderLine(line.text, cols)) continue;
    const raw = readRow(line, cols);
    if (!raw) {
      if (numberBearing(line.text) && !/^[-–—\d\s]+$/.test(line.text.replace(/^.*?(\d{1,2}|[-–—])$/, '$1')) && !isNoteHeading(line.text)) {
        skipped.push({ nr: line.nr, page: line.page, text: line.text, reason: `färre tal än tabellens ${cols.ids.length} kolumner` });
      }
      pending.push(line);
      if (pending.length > 3) pending = pending.slice(-3);
      continue;
    }
    const best = bestLabel(raw.candidates[0]!.label, pending, heading, layout, forms, cursor, used, brokenWords);
    heading = best.heading;
    if (best.match) {
      // A line repeated per anslagspost (bemyndiganden in väsentliga uppgifter) may match again.
      const perPost = ANSLAGSPOST.test(best.label);
      cursor = perPost ? best.match.index - 1 : Math.max(cursor, best.match.index);
      if (!perPost) used.add(best.match.line.id);
    }
    placed.push({ line, label: best.label, candidates: raw.candidates, heading, labelLines: best.labelLines, ...(best.match ? { lineId: best.match.line.id } : {}) });
    pending = [];
  }
  return placed;
}


/** The label as this line alone, or joined to the one or two lines above it. */
function bestLabel(label: string, pending: readonly SourceLine[], heading: string, layout: readonly LayoutLine[], forms: readonly LabelForms[], cursor: number, used: ReadonlySet<string>, brokenWords: boolean) {
  const texts = pending.map((l) => ({ text: headingText(l.text), trailingSpace: l.trailingSpace }));
  const options = [0, 1, 2].filter((n) => n <= pending.length).map((n) => {
    const parts = [...texts.slice(texts.length - n), { text: label, trailingSpace: true }];
    const joined = joinLabel(parts, brokenWords);
    const h = n < texts.length ? texts[texts.length - n - 1]!.text : heading;
    const stripped = joined.replace(ANSLAGSPOST, '').trim();
    const match = matchLine(stripped || joined, h, layout, forms, cursor, used);
    return { n, label: joined, heading: h, match, labelLines: pending.slice(pending.length - n) };
  });
  const continuation = /^\p{Ll}/u.test(label) || (pending.length > 0 && /[-,]$|\b(och|av|för|från|med|i|till|som|samt)$/.test(pending[pending.length - 1]!.text.trim()));
  const rank = (o: (typeof options)[number]) => (o.match ? o.match.tier : 100) + (continuation ? (o.n === 0 ? 5 : 0) : o.n * 5);
  return options.reduce((a, b) => (rank(b) < rank(a) ? b : a));
}

/** A heading line without its note reference or dash. */
const headingText = (text: string) => text.replace(/\s+(\d{1,2}|[-–—])$/, '').trim();

/** Chooses each row's reading, the layout's sums deciding between readings. */
function decide(placed: readonly Placed[], layout: Layout, cols: Columns, skipped: Skipped[]): ImportedRow[] {
  const chosen = new Map<Placed, Candidate | undefined>();
  for (const p of placed) {
    const c = choose(p.candidates, key);
    chosen.set(p, c.ok ? c.value : undefined);
  }
  // Rows with several readings: the reading most of the layout's sums agree with.
  for (const p of placed) {
    const distinct = uniqueBy(p.candidates, key);
    if (distinct.length < 2 || !p.lineId) continue;
    const scored = distinct.map((c) => ({ c, s: sumScore(p, c, placed, chosen, layout) }));
    const top = Math.max(...scored.map((x) => x.s));
    const best = scored.filter((x) => x.s === top).map((x) => x.c);
    if (top > 0) {
      const pick = choose(best, key);
      chosen.set(p, pick.ok ? pick.value : undefined);
    } else if (top < 0) {
      // Every reading contradicts the layout's sums: none of them is trusted.
      chosen.set(p, undefined);
    }
  }
  const ids = new Set<string>();
  const rows: ImportedRow[] = [];
  for (const p of placed) {
    const c = chosen.get(p);
    if (!c) {
      skipped.push({ nr: p.line.nr, page: p.line.page, text: p.line.text, reason: `raden kan läsas på ${uniqueBy(p.candidates, key).length} sätt; utelämnad hellre än gissad` });
      continue;
    }
    rows.push(row(p, c, layout, cols, ids));
  }
  return rows;
}

function row(p: Placed, c: Candidate, layout: Layout, cols: Columns, ids: Set<string>): ImportedRow {
  const label = p.labelLines.length ? p.label : c.label;
  const post = ANSLAGSPOST.exec(label);
  const anslagspost = post ? `uo${post[1]}.${post[2]!.replace(':', '_')}.ap${post[3]}` : undefined;
  const base = p.lineId && anslagspost ? `${squashId(label.replace(ANSLAGSPOST, ''))}_${anslagspost.replace(/\./g, '_')}` : (p.lineId ?? slugId(label));
  const id = freshId(base, ids);
  const unit = p.lineId ? layout.lines.find((l) => l.id === p.lineId)?.unit : undefined;
  const seed = p.line.nr;
  return {
    id,
    text: label,
    v: c.values.map((x) => x.printed),
    ...(c.note !== undefined ? { not: c.note } : {}),
    seed: String(seed),
    ...(p.line.page ? { sida: p.line.page } : {}),
    ...(!p.lineId ? { egen: true } : {}),
    ...(p.lineId && id !== p.lineId ? { rad: p.lineId } : {}),
    ...(anslagspost ? { anslagspost } : {}),
    ...(unit && unit !== cols.unit ? { enhet: unit } : {}),
  };
}
/**
 * An own row that restates a line of another statement under its exact prescribed label
 * (väsentliga uppgifter repeat the resultaträkning's uppbörd line) takes that line's id.
 */
function restated(r: ImportedRow, others: readonly Layout[]): ImportedRow {
  for (const l of others.flatMap((o) => o.lines)) {
    if (squash(l.label) === squash(r.text) && r.id !== l.id) return { ...r, id: l.id };
  }
  return r;
}

const squashId = (s: string) => slugId(s) || 'rad';

export const key = (c: Candidate) => `${c.note ?? ''}|${c.values.map((v) => v.printed).join('|')}`;
function uniqueBy<T>(xs: readonly T[], k: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(k(x)) ? false : (seen.add(k(x)), true)));
}

/** Sums of the layout this row takes part in, agreeing (+1) or not (−1), per column. */
function sumScore(p: Placed, c: Candidate, placed: readonly Placed[], chosen: ReadonlyMap<Placed, Candidate | undefined>, layout: Layout): number {
  const values = new Map<string, readonly Cell[]>();
  for (const q of placed) {
    const v = q === p ? c : chosen.get(q);
    if (q.lineId && v && !values.has(q.lineId)) values.set(q.lineId, v.values);
  }
  let score = 0;
  for (const line of layout.lines) {
    if (!line.sum || !(line.sum.some((t) => t.replace(/^-/, '') === p.lineId) || line.id === p.lineId)) continue;
    const total = values.get(line.id);
    if (!total || !line.sum.some((t) => values.has(t.replace(/^-/, '')))) continue;
    total.forEach((cell, col) => {
      if (!cell.value) return;
      let sum = new Decimal(0);
      for (const t of line.sum!) {
        const v = values.get(t.replace(/^-/, ''))?.[col]?.value;
        if (v) sum = t.startsWith('-') ? sum.minus(v) : sum.plus(v);
      }
      score += within(sum, cell.value, line.sum!.length) ? 1 : -1;
    });
  }
  return score;
}

