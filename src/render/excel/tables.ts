/**
 * The report's own sheets: statements, the anslagsredovisning, notes and other tables,
 * laid out as printed. Every figure is a value cell (the published figure, totals
 * included); the checks sheet recomputes totals with formulas that point here.
 */
import { ANSLAG_COLUMN_LABELS } from '../../domain/model.js';
import type { AnslagRowFigures, Anslagsredovisning, Ledger, Note, Regleringsbrev, Row, Table } from '../../domain/model.js';
import { UNITS, type UnitId } from '../../domain/amount.js';
import { layoutFor } from '../../domain/layouts/index.js';
import type { Context } from './context.js';
import { humanize, postLabel, unitHeading } from './context.js';
import type { Cell, SheetPlan } from './plan.js';
import { a1, link, linkTo, SheetBuilder, text } from './plan.js';
import { S, textStyle } from './styles.js';

/** Widths of the label and note columns; numbers size themselves. */
const TABLE_WIDTHS = { minWidths: [30, 6], maxWidths: [70, 14] };

function titleRows(b: SheetBuilder, title: string, ctx: Context): void {
  b.addWide([text(title, S.title)], 21);
  b.addWide([text(ctx.subtitle, S.subtitle)]);
}

/** Whether a statement row is a total: a layout sum line or a declared `summa`. */
function isTotal(ledger: Ledger, table: Table, row: Row): boolean {
  if (row.sum?.length) return true;
  if (table.kind === 'not' || table.kind === 'tabell') return false;
  const line = layoutFor(ledger.layout, table.kind)?.lines.find((l) => l.id === (row.line ?? row.id));
  return !!line?.sum?.length;
}

/**
 * One table: a header row (unit, Not, the columns, Enhet when rows differ, Rad-id) and its
 * rows. Returns the header row number.
 */
function tableRows(ctx: Context, b: SheetBuilder, table: Table): number {
  const mixed = table.rows.some((r) => !r.heading && r.unit !== table.unit);
  const header: Cell[] = [
    text(unitHeading(table.unit), S.headerLeft),
    text('Not', S.headerRight),
    ...table.columns.map((c) => text(c.label, S.headerRight)),
    ...(mixed ? [text('Enhet', S.headerLeft)] : []),
    text('Rad-id', S.headerLeft),
  ];
  const headerRow = b.add(header);
  for (const row of table.rows) {
    const n = b.next;
    const total = isTotal(ctx.ledger, table, row);
    const v = { bold: total, total };
    const cells: (Cell | undefined)[] = [
      text(row.label, row.heading || total ? S.textBold : S.text),
      ctx.noteCell(row.notes, b.address(n, 2)),
      ...table.columns.map((c, i) => (row.heading ? undefined : ctx.figureCell(row.cells[c.id], b.address(n, 3 + i), v))),
      ...(mixed ? [row.heading ? undefined : text(UNITS[row.unit].label, S.text)] : []),
      text(row.id, S.muted),
    ];
    b.add(cells);
  }
  return headerRow;
}

/** A sheet holding one statement or one `tabell` table. */
export function tableSheet(ctx: Context, name: string, table: Table): SheetPlan {
  const b = ctx.sheet(name, { ...TABLE_WIDTHS, landscape: table.columns.length > 4 });
  titleRows(b, table.title, ctx);
  const header = tableRows(ctx, b, table);
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  return b.build();
}

/** The row of the Noter sheet where its index of notes starts. */
export const NOTE_INDEX_FIRST_ROW = 4;

/**
 * The Noter sheet: an index of every note (its title, how many tables, the first statement
 * line that refers to it), then each note that has tables, one after another. The notes
 * are placed at once, so that statement lines can link to them; the index is filled in by
 * `finish`, once the statements have recorded which lines refer to which note.
 */
export function notesSheet(ctx: Context, name: string): { finish(): SheetPlan } {
  const notes = [...ctx.ledger.notes].sort((x, y) => x.number - y.number);
  // Tables by id: a lookup per note table, not a search of every table (a ledger may have tens of thousands).
  const byId = new Map(ctx.ledger.tables.map((t) => [t.id, t]));
  const tablesOf = (note: Note) => note.tables.map((id) => byId.get(id)).filter((t): t is Table => !!t);
  // A loop, not a spread: there may be more notes than a call takes arguments.
  const widest = notes.reduce((w, n) => tablesOf(n).reduce((x, t) => Math.max(x, t.columns.length), w), 0);
  const b = ctx.sheet(name, { ...TABLE_WIDTHS, landscape: widest > 4 });
  titleRows(b, 'Noter', ctx);
  const header = b.add(['Not och rubrik', 'Tabeller', 'Hänvisas från'].map((h, i) => text(h, i === 1 ? S.headerRight : S.headerLeft)));
  if (b.next !== NOTE_INDEX_FIRST_ROW) throw new Error('notindexets rader har flyttats');
  notes.forEach((n, i) => {
    ctx.noteIndex.set(n.number, b.address(NOTE_INDEX_FIRST_ROW + i, 1));
    b.blank();
  });
  for (const note of notes) {
    const tables = tablesOf(note);
    if (!tables.length) continue;
    b.blank();
    ctx.noteAt.set(note.number, b.address(b.addWide([text(`Not ${note.number} ${note.title}`, S.section)]), 1));
    if (note.text) b.addWide([text(note.text, S.textWrap)]);
    tables.forEach((t, i) => {
      if (i > 0) b.blank();
      if (tables.length > 1 || t.title !== note.title) b.addWide([text(t.title, S.textBold)]);
      tableRows(ctx, b, t);
    });
  }
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  return {
    finish() {
      notes.forEach((note, i) => {
        const at = ctx.noteAt.get(note.number);
        const from = ctx.noteRefs.get(note.number);
        const title = `Not ${note.number} ${note.title}`;
        b.set(NOTE_INDEX_FIRST_ROW + i, [
          at ? link(title, linkTo(at)) : text(title, S.text),
          text(note.tables.length ? String(note.tables.length) : 'ingen sifferuppgift', note.tables.length ? textStyle({}) : S.muted),
          from ? link(`${from.sheet} ${a1(from)}`, linkTo(from)) : undefined,
        ]);
      });
      return b.build();
    },
  };
}

const INKOMST_LABELS: Readonly<Record<string, string>> = { beraknat_belopp: 'Beräknat belopp', inkomster: 'Inkomster' };
const BEMYNDIGANDE_LABELS: Readonly<Record<string, string>> = {
  bemyndigande: 'Tilldelat bemyndigande',
  ingaende_ataganden: 'Ingående åtaganden',
  nya_ataganden: 'Nya åtaganden',
  utgifter: 'Infriade åtaganden (utgifter)',
  ovriga_forandringar: 'Övriga förändringar',
  utgaende_ataganden: 'Utestående åtaganden',
};
const VILLKOR_TYP: Readonly<Record<string, string>> = { tak: 'tak: utfall ≤ villkor', golv: 'golv: utfall ≥ villkor', exakt: 'exakt: utfall = villkor', annat: 'annat' };

/**
 * The anslagsredovisning: redovisning mot anslag grouped by utgiftsområde and anslag with
 * the printed subtotals, inkomsttitlar, bemyndiganden, finansiella villkor, and the
 * regleringsbrev decisions the limits are checked against.
 */
export function anslagSheet(ctx: Context, name: string): SheetPlan | undefined {
  const a = ctx.ledger.anslagsredovisning;
  const rb = ctx.ledger.regleringsbrev;
  if (!a && !rb) return undefined;
  const b = ctx.sheet(name, { minWidths: [30, 6], maxWidths: [70, 22], landscape: true });
  titleRows(b, 'Anslagsredovisning', ctx);
  const amounts = Math.max(
    a?.columns.length ?? 0,
    a?.inkomsttitlar?.columns.length ?? 0,
    a?.bemyndigandeColumns.length ?? 0,
    2, // finansiella villkor
    rb ? 4 : 0, // regleringsbrev decisions
  );
  const g = anslagGrid(ctx, b, amounts);
  if (a) {
    anslagRows(g, a);
    if (a.inkomsttitlar) inkomsttitelRows(g, a.unit, a.inkomsttitlar);
    if (a.bemyndiganden.length) {
      const cols = a.bemyndigandeColumns;
      g.section('Redovisning av beställningsbemyndiganden', [unitHeading(a.unit), ...cols.map((c) => BEMYNDIGANDE_LABELS[c] ?? humanize(c))], 'Slutår');
      for (const bm of a.bemyndiganden)
        g.figuresRow(text(postLabel(ctx.ledger, bm.anslagspost), S.text), bm.slutar ? text(bm.slutar, S.center) : undefined, cols, bm.figures, `bemyndigande.${bm.anslagspost}`);
    }
    if (a.finansiellaVillkor.length) {
      g.section('Finansiella villkor', [unitHeading(a.unit), 'Villkor', 'Utfall'], 'Typ', 'Anslagspost');
      for (const v of a.finansiellaVillkor)
        g.figuresRow(text(v.text, S.text), text(VILLKOR_TYP[v.typ] ?? v.typ, S.text), ['villkor', 'utfall'], { villkor: v.villkor, utfall: v.utfall }, `villkor.${v.id}`, false,
          text(postLabel(ctx.ledger, v.anslagspost), S.text));
    }
  }
  if (rb) regleringsbrevRows(ctx, g, rb);
  b.frozen = { rows: 2, columns: 1 };
  b.printTitles = '1:2';
  return b.build();
}

/**
 * One grid for all sections of the Anslagsredovisning sheet: label, a second text column,
 * the amounts, then a text column (Anslagspost) and the row id, always in the same columns
 * so widths fit.
 */
interface AnslagGrid {
  section(title: string, head: readonly string[], second: string, infoHeader?: string): void;
  figuresRow(label: Cell, second: Cell | undefined, columns: readonly string[], figures: Readonly<Record<string, string | undefined>>, id: string, total?: boolean, extra?: Cell): void;
  heading(label: string): void;
  readonly b: SheetBuilder;
  readonly ctx: Context;
}

function anslagGrid(ctx: Context, b: SheetBuilder, amounts: number): AnslagGrid {
  const info = 3 + amounts;
  return {
    b,
    ctx,
    section(title, head, second, infoHeader) {
      if (b.rows.length > 2) b.blank();
      b.addWide([text(title, S.section)]);
      const cells: (Cell | undefined)[] = [text(head[0]!, S.headerLeft), text(second, S.headerLeft), ...head.slice(1).map((h) => text(h, S.headerRight))];
      cells[info - 1] = infoHeader ? text(infoHeader, S.headerLeft) : undefined;
      cells[info] = text('Id', S.headerLeft);
      b.add(cells);
    },
    figuresRow(label, second, columns, figures, id, total = false, extra) {
      const n = b.next;
      const cells: (Cell | undefined)[] = [label, second, ...columns.map((c, i) => ctx.figureCell(figures[c], b.address(n, 3 + i), { bold: total, total }))];
      cells[info - 1] = extra;
      cells[info] = text(id, S.muted);
      b.add(cells);
    },
    heading: (label) => void b.add([text(label, S.textBold)]),
  };
}

/** Redovisning mot anslag: utgiftsområde, anslag, anslagsposter and the printed subtotals. */
function anslagRows(g: AnslagGrid, a: Anslagsredovisning): void {
  const { b, ctx } = g;
  const cols = a.columns;
  g.section('Redovisning mot anslag', [unitHeading(a.unit), ...cols.map((c) => ANSLAG_COLUMN_LABELS[c])], 'Not');
  const sum = (label: string, figures: AnslagRowFigures | undefined, id: string) => {
    if (figures) g.figuresRow(text(label, textStyle({ bold: true })), undefined, cols, figures, id, true);
  };
  for (const uo of a.utgiftsomraden) {
    g.heading(`Utgiftsområde ${uo.uo} ${uo.name}`);
    for (const an of uo.anslag) {
      g.heading(`${an.designation} ${an.name} (${an.typ}${an.rantebarande ? ', räntebärande' : ''})`);
      for (const p of an.poster) {
        const n = b.next;
        g.figuresRow(text(p.ap ? `ap ${p.ap} ${p.name}` : p.name, S.textIndent), ctx.noteCell(p.notes, b.address(n, 2)), cols, p.figures, p.id);
      }
      sum(`Summa ${an.designation} ${an.name}`, an.summa, `${an.id}.summa`);
    }
    sum(`Summa utgiftsområde ${uo.uo} ${uo.name}`, uo.summa, `${uo.id}.summa`);
  }
  sum(a.summaLabel ?? 'Summa', a.summa, 'summa');
}

function inkomsttitelRows(g: AnslagGrid, unit: UnitId, it: NonNullable<Anslagsredovisning['inkomsttitlar']>): void {
  g.section('Redovisning mot inkomsttitel', [unitHeading(unit), ...it.columns.map((c) => INKOMST_LABELS[c] ?? humanize(c))], 'Not');
  for (const t of it.titlar) {
    g.heading(`${t.titel} ${t.name}`);
    for (const u of t.undertitlar) g.figuresRow(text(`${t.titel} ${u.undertitel} ${u.name}`, S.textIndent), undefined, it.columns, u.figures, u.id);
  }
  if (it.summa) g.figuresRow(text('Summa', S.textBold), undefined, it.columns, it.summa, 'inkomsttitel.summa', true);
}

/** The regleringsbrev: each anslagspost's decisions, the bemyndiganderamar, låneram and kontokredit. */
function regleringsbrevRows(ctx: Context, g: AnslagGrid, rb: Regleringsbrev): void {
  const cols = ['tilldelning', 'anslagskredit', 'medgivet_overskridande', 'minskning'];
  g.section('Regleringsbrev: beslut under året (det senaste beslutet gäller)', [unitHeading(rb.unit), 'Tilldelning', 'Anslagskredit', 'Medgivet överskridande', 'Minskning'], 'Referens');
  for (const p of rb.anslagsposter) {
    g.heading(postLabel(ctx.ledger, p.anslagspost));
    for (const d of p.beslut) {
      // The minskning amount has no field of its own in the model; its id follows the loader's scheme.
      const minskning = `rb.${p.anslagspost}.${d.datum}.minskning`;
      g.figuresRow(text(`Beslut ${d.datum}`, S.textIndent), d.referens ? text(d.referens, S.text) : undefined, cols, {
        tilldelning: d.tilldelning,
        anslagskredit: d.anslagskredit,
        medgivet_overskridande: d.medgivetOverskridande,
        minskning: ctx.ledger.figures.has(minskning) && !ctx.figures.has(minskning) ? minskning : undefined,
      }, `rb.${p.anslagspost}.${d.datum}`);
    }
  }
  if (rb.bemyndiganderamar.length) {
    g.section('Regleringsbrev: bemyndiganderamar', [unitHeading(rb.unit), 'Bemyndiganderam'], 'Slutår');
    for (const r of rb.bemyndiganderamar)
      g.figuresRow(text(postLabel(ctx.ledger, r.anslagspost), S.text), r.slutar ? text(r.slutar, S.center) : undefined, ['belopp'], { belopp: r.belopp }, r.belopp);
  }
  if (rb.laneram.length || rb.kontokredit.length) {
    g.section('Regleringsbrev: låneram och kontokredit', [unitHeading(rb.unit), 'Belopp'], 'Referens');
    for (const [label, ramar] of [['Låneram', rb.laneram], ['Kontokredit', rb.kontokredit]] as const)
      for (const r of ramar)
        g.figuresRow(text(`${label}${r.datum ? `, beslut ${r.datum}` : ''}`, S.text), r.referens ? text(r.referens, S.text) : undefined, ['belopp'], { belopp: r.belopp }, r.belopp);
  }
}

/** Figures no sheet above shows (a safety net: every figure gets a cell the checks can point at). */
export function otherFiguresSheet(ctx: Context, name: string): SheetPlan | undefined {
  const rest = [...ctx.ledger.figures.values()].filter((f) => !ctx.figures.has(f.id));
  if (!rest.length) return undefined;
  const b = ctx.sheet(name, { minWidths: [30, 30], maxWidths: [60, 70] });
  titleRows(b, 'Övriga figurer', ctx);
  const header = b.add(['Figur-id', 'Beskrivning', 'Värde', 'Enhet', 'Källa'].map((h, i) => text(h, i === 2 ? S.headerRight : S.headerLeft)));
  for (const f of rest) {
    const n = b.next;
    b.add([text(f.id, S.text), text(f.label, S.text), ctx.figureCell(f.id, b.address(n, 3)), text(UNITS[f.unit].label, S.text), text(`${f.source.file}:${f.source.line}`, S.text)]);
  }
  b.frozen = { rows: header, columns: 1 };
  b.printTitles = `1:${header}`;
  return b.build();
}
