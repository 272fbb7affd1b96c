/**
 * The Huvudbok sheet: the general ledger's accounts with the line each one feeds, the
 * statement lines derived from them with SUMIFS (short formulas, however many accounts a
 * line has), utfall per anslagspost and inkomsttitel from the postings that carry their
 * objects, and the accounts no line takes. The derived amounts are the cells the E-checks
 * on the Avstämningar sheet compare with the published figures, live.
 */
import { LAYOUT_VERSIONS } from '../../domain/layouts/index.js';
import { AVSLUT } from '../../domain/kontoplan/index.js';
import type { HarleddRad, KontoBelopp } from '../../books/derive.js';
import { arFor, integritetsfigur, oreTillDecimal, type Huvudbok, type Objektfigur } from '../../books/huvudbok.js';
import type { Context } from './context.js';
import { toCellNumber } from './context.js';
import { a1, columnLetter, formula, link, linkTo, SheetBuilder, text, type Address, type Cell, type SheetPlan } from './plan.js';
import { numberStyle, S, textStyle } from './styles.js';

/** The sheet's name. */
export const HUVUDBOK_SHEET = 'Huvudbok';
const INGEN_RAD = '(ingen rad)';
const UTAN_OBJEKT = '(utan objekt)';
const kr = (ore: bigint) => toCellNumber(oreTillDecimal(ore));

interface Kontorad {
  readonly konto: string;
  readonly namn: string;
  readonly rad: string;
  /** Per year index: the amount as the line takes it (unmapped and closing accounts: SIE's sign). */
  readonly belopp: Map<number, bigint>;
}

interface Objektrad {
  readonly dimension: string;
  readonly objekt: string;
  readonly konto: string;
  readonly namn: string;
  readonly belopp: bigint;
}

/** Every account with a balance, grouped by the line it feeds in layout order. */
function kontorader(h: Huvudbok): Kontorad[] {
  const rows = new Map<string, Kontorad>();
  const add = (k: KontoBelopp, rad: string, arsnr: number) => {
    const r = rows.get(k.konto) ?? { konto: k.konto, namn: k.namn, rad, belopp: new Map() };
    r.belopp.set(arsnr, k.belopp);
    rows.set(k.konto, r);
  };
  const order = new Map<string, number>();
  for (const ar of h.harledning.ar) {
    for (const r of ar.rader.values()) {
      if (!order.has(r.rad)) order.set(r.rad, order.size);
      if (!r.summa) r.konton.forEach((k) => add(k, r.rad, ar.arsnr));
    }
    ar.avslut.forEach((k) => add(k, AVSLUT, ar.arsnr));
    ar.omappade.forEach((k) => add(k, INGEN_RAD, ar.arsnr));
  }
  const pos = (rad: string) => order.get(rad) ?? (rad === AVSLUT ? order.size : order.size + 1);
  return [...rows.values()].sort((a, b) => pos(a.rad) - pos(b.rad) || (a.konto < b.konto ? -1 : 1));
}

function objektrader(h: Huvudbok): Objektrad[] {
  const out: Objektrad[] = [];
  for (const flode of [h.harledning.anslag, h.harledning.inkomsttitlar]) {
    if (!flode) continue;
    for (const o of flode.objekt) for (const k of o.konton) out.push({ dimension: flode.dimension, objekt: o.objekt, konto: k.konto, namn: k.namn, belopp: k.belopp });
    for (const k of flode.utanObjekt) out.push({ dimension: flode.dimension, objekt: UTAN_OBJEKT, konto: k.konto, namn: k.namn, belopp: k.belopp });
  }
  return out;
}

/** Where the parts stand: row numbers known before any formula is written, and the ranges SUMIFS reads. */
interface SheetParts {
  readonly h: Huvudbok;
  readonly years: readonly number[];
  readonly lines: readonly HarleddRad[];
  readonly konton: readonly Kontorad[];
  readonly objekt: readonly Objektrad[];
  readonly flows: readonly (Objektfigur & { readonly dimension: string })[];
  readonly linesAt: number;
  readonly kontonAt: number;
  /** The konton table's line column and amount column of year index i. */
  readonly kRad: string;
  readonly kBelopp: (i: number) => string;
  /** The object table's dimension, object and amount columns. */
  readonly oDim: string;
  readonly oObj: string;
  readonly oBelopp: string;
}

const COL = { rad: 3, belopp0: 4 };

function layoutOf(h: Huvudbok): SheetParts {
  const konton = kontorader(h);
  const objekt = objektrader(h);
  const lines = [...(h.harledning.ar[0]?.rader.values() ?? [])];
  const flows = [
    ...[...h.anslagsfigurer.values()].map((f) => ({ ...f, dimension: h.konfig.anslag!.dimension })),
    ...[...h.inkomsttitelfigurer.values()].map((f) => ({ ...f, dimension: h.konfig.inkomsttitlar!.dimension })),
  ];
  const linesAt = 6;
  const omappatAt = linesAt + lines.length + 3;
  const flowsAt = omappatAt + 4;
  const kontonAt = flowsAt + flows.length + (flows.length ? 3 : 0);
  const objektAt = kontonAt + konton.length + 3;
  const range = (first: number, n: number, c: number) => `$${columnLetter(c)}$${first}:$${columnLetter(c)}$${first + Math.max(n, 1) - 1}`;
  return {
    h,
    years: h.harledning.ar.map((a) => a.arsnr),
    lines,
    konton,
    objekt,
    flows,
    linesAt,
    kontonAt,
    kRad: range(kontonAt, konton.length, COL.rad),
    kBelopp: (i) => range(kontonAt, konton.length, COL.belopp0 + i),
    oDim: range(objektAt, objekt.length, 1),
    oObj: range(objektAt, objekt.length, 2),
    oBelopp: range(objektAt, objekt.length, 5),
  };
}

/** The sheet, or undefined for a ledger without books. Registers the cell of every `bok.…` figure. */
export function huvudbokSheet(ctx: Context, name: string): SheetPlan | undefined {
  const h = ctx.ledger.huvudbok;
  if (!h) return undefined;
  const l = layoutOf(h);
  const b = new SheetBuilder(name, { minWidths: [14, 40, 34, 16, 16, 12], maxWidths: [40, 60, 60, 20, 20, 14] });
  b.addWide([text('Huvudbok', S.title)], 21);
  b.addWide([text(`${ctx.subtitle} · ${h.konfig.fil} · kontoplan ${h.kontoplan.version}${h.kontoplan.egna.length ? ' med myndighetens kontoplan.yaml' : ''}`, S.subtitle)]);
  b.addWide([text('Raderna räknas med SUMIFS över kontotabellen nedan; kontrollerna mot årsredovisningen (E-1–E-3) och av huvudboken själv (D-1–D-14) finns på arket Avstämningar. Belopp i kr.', S.subtitle)]);
  statementLines(ctx, b, l);
  unmapped(ctx, b, l);
  flowFigures(ctx, b, l);
  const header = accounts(ctx, b, l);
  objectPostings(ctx, b, l);
  integrity(ctx, b, h);
  b.frozen = { rows: 0, columns: 1 };
  b.printTitles = `${header}:${header}`;
  return b.build();
}

const yearHeader = (ctx: Context, l: SheetParts, first: readonly string[]) =>
  [...first, ...l.years.map((y) => arFor(ctx.ledger, y))].map((t, i) => text(t, i >= first.length ? S.headerRight : S.headerLeft));

/** The derived resultaträkning and balansräkning, each line linked to its first account. */
function statementLines(ctx: Context, b: SheetBuilder, l: SheetParts): void {
  b.addWide([text('Resultat- och balansräkningen enligt huvudboken', S.section)]);
  b.add(yearHeader(ctx, l, ['Rad', 'Text', 'Konton']));
  const firstAccount = new Map<string, number>();
  l.konton.forEach((k, i) => firstAccount.has(k.rad) || firstAccount.set(k.rad, l.kontonAt + i));
  const lineRow = new Map(l.lines.map((r, i) => [r.rad, l.linesAt + i]));
  for (const r of l.lines) {
    const n = b.next;
    const target = firstAccount.get(r.rad);
    const cells: (Cell | undefined)[] = [
      text(r.rad, textStyle({ bold: r.summa })),
      text(r.label, textStyle({ bold: r.summa })),
      target ? link(`${l.konton.filter((k) => k.rad === r.rad).length} konton`, linkTo(b.address(target, 1)), S.link) : text(r.summa ? 'summa' : '–', S.muted),
    ];
    l.years.forEach((y, i) => {
      const line = l.h.harledning.ar[i]!.rader.get(r.rad);
      if (!line) return;
      const f = lineFormula(ctx, r.rad, { kRad: l.kRad, kBelopp: l.kBelopp(i), lineRow, col: COL.belopp0 + i });
      cells.push(formula(`ROUND(${f},2)`, kr(line.belopp), numberStyle(2, { bold: r.summa, total: r.summa })));
      register(ctx, `bok.${r.rad}.${arFor(ctx.ledger, y)}`, b.address(n, COL.belopp0 + i));
    });
    b.add(cells);
  }
  b.blank();
}

/** D-9's amount: the accounts with a balance no line takes, summed without sign. */
function unmapped(ctx: Context, b: SheetBuilder, l: SheetParts): void {
  b.addWide([text('Konton med saldo som inte hör till någon rad (summa utan tecken)', S.section)]);
  b.add(yearHeader(ctx, l, ['', '', '']));
  const om = b.next;
  b.add([text(INGEN_RAD), text('Saldon som ingen rad tar (D-9)'), undefined, ...l.years.map((y, i) => {
    register(ctx, `bok.omappat.${arFor(ctx.ledger, y)}`, b.address(om, COL.belopp0 + i));
    const v = l.h.harledning.ar[i]!.omappade.reduce((a, k) => a + (k.belopp < 0n ? -k.belopp : k.belopp), 0n);
    return formula(`ROUND(SUMPRODUCT((${l.kRad}="${INGEN_RAD}")*ABS(${l.kBelopp(i)})),2)`, kr(v), numberStyle(2));
  })]);
  b.blank();
}

/** Utfall per anslagspost and inkomsttitel: SUMIFS over the object table. */
function flowFigures(ctx: Context, b: SheetBuilder, l: SheetParts): void {
  if (!l.flows.length) return;
  b.addWide([text('Utfall per anslagspost och inkomsttitel enligt huvudboken (år ' + ctx.ledger.year + ')', S.section)]);
  b.add(['Figur', 'Anslagspost / inkomsttitel', 'Objekt', 'Belopp'].map((t, i) => text(t, i === 3 ? S.headerRight : S.headerLeft)));
  for (const f of l.flows) {
    const n = b.next;
    const fig = l.h.figures.get(f.figur)!;
    const kod = f.objekt || UTAN_OBJEKT;
    register(ctx, f.figur, b.address(n, COL.belopp0));
    b.add([text(f.figur), text(fig.label.replace(/^Huvudboken · /, '')), text(kod), formula(`ROUND(SUMIFS(${l.oBelopp},${l.oDim},${exactly(f.dimension)},${l.oObj},${exactly(kod)}),2)`, toCellNumber(fig.value!), numberStyle(2))]);
  }
  b.blank();
}

/** The accounts table the statement lines sum; returns its header row (printed on every page). */
function accounts(ctx: Context, b: SheetBuilder, l: SheetParts): number {
  b.addWide([text('Konton', S.section)]);
  const header = b.add(['Konto', 'Namn', 'Rad', ...l.years.map((y) => `Belopp ${arFor(ctx.ledger, y)}`)].map((t, i) => text(t, i >= 3 ? S.headerRight : S.headerLeft)));
  const lineRow = new Map(l.lines.map((r, i) => [r.rad, l.linesAt + i]));
  for (const k of l.konton) {
    const back = lineRow.get(k.rad);
    b.add([text(k.konto), text(k.namn), back ? link(k.rad, linkTo(b.address(back, 1)), S.link) : text(k.rad), ...l.years.map((y) => formulaFree(k.belopp.get(y) ?? 0n))]);
  }
  b.blank();
  return header;
}

function objectPostings(ctx: Context, b: SheetBuilder, l: SheetParts): void {
  b.addWide([text('Konteringar med objekt (år ' + ctx.ledger.year + ', Σ #TRANS per objekt och konto)', S.section)]);
  b.add(['Dimension', 'Objekt', 'Konto', 'Kontonamn', 'Belopp'].map((t, i) => text(t, i === 4 ? S.headerRight : S.headerLeft)));
  for (const o of l.objekt) b.add([text(o.dimension), text(o.objekt), text(o.konto), text(o.namn), formulaFree(o.belopp)]);
}

/**
 * The books' integrity (D-1–D-14 but D-9): each finding's figure as the reader found it (a
 * difference in kr, or one deviation) and, per rule that found nothing, zero deviations.
 */
function integrity(ctx: Context, b: SheetBuilder, h: Huvudbok): void {
  const rows = h.integritet.filter((f) => f.status !== 'skipped');
  if (!rows.length) return;
  b.blank();
  b.addWide([text('Huvudbokens integritet (D-1–D-14, som avstamning sie prövar den; fynd mot noll på arket Avstämningar)', S.section)]);
  b.add(['Figur', 'Fynd', 'Plats', 'Belopp / antal'].map((t, i) => text(t, i === 3 ? S.headerRight : S.headerLeft)));
  for (const f of rows) {
    const id = integritetsfigur(f);
    const fig = h.figures.get(id)!;
    register(ctx, id, b.address(b.next, COL.belopp0));
    const plats = f.source ? `${f.source.file}:${f.source.line}` : '';
    b.add([text(id), text(fig.label.replace(/^Huvudboken · /, '')), text(plats), { kind: 'number', value: toCellNumber(fig.value!), style: numberStyle(fig.decimals) }]);
  }
}

const formulaFree = (ore: bigint): Cell => ({ kind: 'number', value: kr(ore), style: numberStyle(2) });

function register(ctx: Context, id: string, at: Address): void {
  if (!ctx.figures.has(id)) ctx.figures.set(id, at);
}

/** SUMIFS for a leaf line; the layout's sum for a sum line; the unbooked result for kapitalförändringen. */
function lineFormula(ctx: Context, rad: string, p: { kRad: string; kBelopp: string; lineRow: ReadonlyMap<string, number>; col: number }): string {
  const [prefix, id] = rad.split('.') as [string, string];
  const layout = LAYOUT_VERSIONS.get(ctx.ledger.layout)!.layouts.find((l) => l.kind === (prefix === 'rr' ? 'resultatrakning' : 'balansrakning'))!;
  const line = layout.lines.find((l) => l.id === id)!;
  const cellOf = (r: string) => {
    const n = p.lineRow.get(r);
    return n ? a1({ row: n, col: p.col }) : undefined;
  };
  if (line.sum) {
    const parts = line.sum.map((s) => ({ neg: s.startsWith('-'), at: cellOf(`${prefix}.${s.replace(/^-/, '')}`) })).filter((x) => x.at);
    return parts.length ? parts.map((x, i) => `${x.neg ? '-' : i ? '+' : ''}${x.at}`).join('') : '0';
  }
  const own = `SUMIFS(${p.kBelopp},${p.kRad},${exactly(rad)})`;
  if (id !== 'kapitalforandring_enligt_rr') return own;
  const result = cellOf('rr.arets_kapitalforandring');
  return `${own}${result ? `+${result}` : ''}-SUMIFS(${p.kBelopp},${p.kRad},${exactly(AVSLUT)})`;
}

/** A text inside a formula's string literal: quotes doubled (object codes come from the SIE file). */
const escapeQuotes = (t: string) => t.replace(/"/g, '""');
/** An exact-match SUMIFS criterion: `=` first, wildcard characters escaped. */
const exactly = (t: string) => `"=${escapeQuotes(t).replace(/[*?~]/g, '~$&')}"`;
