/** What every sheet planner shares: the input, the sheet names and where each figure landed. */
import type { Decimal, UnitId } from '../../domain/amount.js';
import { UNITS } from '../../domain/amount.js';
import { figureById, postDesignation, type Figure, type Ledger } from '../../domain/model.js';
import type { Reconciliation } from '../../rules/types.js';
import type { Address, Cell, SheetOptions } from './plan.js';
import { link, linkTo, num, SheetBuilder, SheetNames, text } from './plan.js';
import { EXCEL } from './limits.js';
import type { Variant } from './styles.js';
import { numberStyle, S } from './styles.js';

/** The fixed Swedish sheet names. */
export const SHEET = {
  summary: 'Sammanfattning',
  checks: 'Avstämningar',
  rr: 'Resultaträkning',
  br: 'Balansräkning',
  anslag: 'Anslagsredovisning',
  fa: 'Finansieringsanalys',
  vu: 'Väsentliga uppgifter',
  notes: 'Noter',
  coverage: 'Täckning',
  other: 'Övriga figurer',
} as const;

export class Context {
  readonly names = new SheetNames();
  /** Figure id → its value cell. Every figure is placed exactly once. */
  readonly figures = new Map<string, Address>();
  /** Note number → where its tables start on the Noter sheet. */
  readonly noteAt = new Map<number, Address>();
  /** Note number → its row on the Noter index. */
  readonly noteIndex = new Map<number, Address>();
  /** Note number → the first statement row that refers to it. */
  readonly noteRefs = new Map<number, Address>();
  readonly subtitle: string;

  /** `maxRows`: the rows a sheet holds before it goes on in a continuation sheet (Excel's; less in tests). */
  constructor(
    readonly ledger: Ledger,
    readonly result: Reconciliation,
    readonly maxRows: number = EXCEL.rows,
  ) {
    this.subtitle = `${ledger.agency}${ledger.orgnr ? ` (${ledger.orgnr})` : ''} · årsredovisning ${ledger.year}`;
  }

  /** A sheet that goes on in continuation sheets where it would pass `maxRows`. */
  sheet(name: string, options: SheetOptions = {}): SheetBuilder {
    return new SheetBuilder(name, { ...options, maxRows: this.maxRows, names: this.names });
  }

  figure(id: string): Figure | undefined {
    return figureById(this.ledger, id);
  }

  /**
   * The value cell of a figure, remembered at `at`. An absent figure (`–` in the report)
   * is a dash. A figure already placed elsewhere is shown again as a value but keeps its
   * first address (one cell per figure for the formulas to point at).
   */
  figureCell(id: string | undefined, at: Address, v: Variant = {}): Cell {
    const f = id ? figureById(this.ledger, id) : undefined;
    if (!f || !f.value) return text('–', S.empty);
    if (!this.figures.has(f.id)) this.figures.set(f.id, at);
    return num(toCellNumber(f.value), numberStyle(f.decimals, f.negated ? { ...v, negated: true } : v));
  }

  /** A note reference: links to the note's tables, or to its line on the Noter index. */
  noteCell(notes: readonly number[], from: Address): Cell | undefined {
    if (!notes.length) return undefined;
    for (const n of notes) if (!this.noteRefs.has(n)) this.noteRefs.set(n, from);
    const label = notes.join(', ');
    const first = notes[0]!;
    const target = this.noteAt.get(first) ?? this.noteIndex.get(first);
    return target ? link(label, linkTo(target), S.linkCenter) : text(label, S.center);
  }
}

/**
 * The one place where an exact amount becomes a JavaScript number: the cell boundary.
 * Amounts published in tkr are integers far below 2^53 and so exact in a double; an
 * amount with decimals becomes the double nearest to it, which is what a spreadsheet
 * holds anyway.
 */
export function toCellNumber(d: Decimal | string): number {
  return Number(typeof d === 'string' ? d : d.toString());
}

/** Decimal places of an engine result (a plain decimal string, never in exponent form). */
export function decimalsOf(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

export function unitHeading(unit: UnitId): string {
  switch (unit) {
    case 'antal':
      return 'Antal';
    case 'procent':
      return 'Procent';
    default:
      return `Belopp i ${UNITS[unit].label}`;
  }
}

/** `uo8.1_2.ap2` → `1:2 ap 2 Ersättningar till asylsökande, kommuner och regioner`. */
export function postLabel(ledger: Ledger, id: string): string {
  for (const uo of ledger.anslagsredovisning?.utgiftsomraden ?? [])
    for (const an of uo.anslag)
      for (const p of an.poster) if (p.id === id) return `UO ${uo.uo} ${postDesignation(an, p)} ${p.name}`;
  return id;
}

/** A column id shown as a heading when the ledger gives no label: `nya_ataganden` → `Nya ataganden`. */
export function humanize(id: string): string {
  const s = id.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

