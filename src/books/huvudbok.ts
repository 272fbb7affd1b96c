/**
 * The general ledger attached to an annual report: the books, the kontoplan in force,
 * what is derived from them, and the derived amounts as figures in kr that the E-rules
 * compare with the published ones. Pure: built from data the loader has read.
 */
import { Decimal } from '../domain/amount.js';
import type { Kontoplan } from '../domain/kontoplan/index.js';
import type { Anslagspost, Figure, Ledger, SourceRef } from '../domain/model.js';
import { harled, type Bokdata, type Harledning, type KontoBelopp, type Objektkalla, type Ore } from './derive.js';
import type { Fynd } from './fynd.js';

/** Where the anslag or inkomsttitel object stands: dimension, accounts and object code format. */
export interface Objektkonfig extends Objektkalla {
  /** Object code of a post, e.g. "{uo}:{a1}:{a2}:{ap}" or "{titel}{undertitel:3}". */
  readonly format: string;
}

export interface HuvudbokKonfig {
  /** The SIE file, relative to the ledger directory. */
  readonly fil: string;
  readonly anslag?: Objektkonfig;
  readonly inkomsttitlar?: Objektkonfig;
  /** Position of `huvudbok:` in ledger.yaml. */
  readonly source: SourceRef;
}

export interface Huvudbok {
  readonly konfig: HuvudbokKonfig;
  readonly kontoplan: Kontoplan;
  readonly bok: Bokdata;
  readonly harledning: Harledning;
  /** Derived amounts as figures (kr, exact), by id `bok.…`. */
  readonly figures: ReadonlyMap<string, Figure>;
  /** The accounts behind each derived figure. */
  readonly konton: ReadonlyMap<string, readonly KontoBelopp[]>;
  /** Anslagspost id (or object code, for objects no post has; `utan_objekt`) → figure id and object code ('' for none). */
  readonly anslagsfigurer: ReadonlyMap<string, Objektfigur>;
  readonly inkomsttitelfigurer: ReadonlyMap<string, Objektfigur>;
  /**
   * The books' integrity (D-rules but D-9, as `avstamning sie` checks them): every failure,
   * one `ok` or `skipped` row per rule without any. Each failure and ok row has a figure
   * (`integritetsfigur`).
   */
  readonly integritet: readonly Fynd[];
}

export interface Objektfigur {
  readonly figur: string;
  readonly objekt: string;
}

export const oreTillDecimal = (ore: Ore): Decimal => new Decimal(ore.toString()).div(100);

/** Fills a format's fields: `{name}` or `{name:width}` (zero-padded). */
export function objektkod(format: string, values: Readonly<Record<string, string>>): string {
  return format.replace(/\{([a-z0-9]+)(?::(\d+))?\}/gu, (all, name: string, width?: string) => {
    const v = values[name];
    if (v === undefined) return all;
    return width ? v.padStart(Number(width), '0') : v;
  });
}

export const ANSLAG_FALT = ['uo', 'anslag', 'a1', 'a2', 'ap'] as const;
export const INKOMSTTITEL_FALT = ['titel', 'undertitel'] as const;

/** Fields of an anslagspost for its object code. */
export function anslagFalt(uo: string, designation: string, post: Anslagspost): Record<string, string> {
  const [a1 = '', a2 = ''] = designation.split(':');
  return { uo, anslag: designation, a1, a2, ap: post.ap };
}

/** The year a year index stands for: 0 → the report's year. */
export const arFor = (ledger: Pick<Ledger, 'year'>, arsnr: number) => String(Number(ledger.year) + arsnr);

/** Prefix of an account's opening or closing balance of year 0: `bok.konto.<konto>.ib` / `.ub`. */
export const KONTO_SALDO = 'bok.konto.';

const kontoFigurer = new WeakMap<Huvudbok, Map<string, Figure>>();

/**
 * An account's #IB or #UB of year 0 as a figure in kr (0 where the file has no such
 * record), made when a check asks for it; undefined for an account the books do not have.
 */
export function kontoSaldoFigur(h: Huvudbok, year: string, id: string): Figure | undefined {
  let cache = kontoFigurer.get(h);
  if (!cache) kontoFigurer.set(h, (cache = new Map()));
  const made = cache.get(id);
  if (made) return made;
  const m = /^bok\.konto\.(.+)\.(ib|ub)$/.exec(id);
  if (!m) return undefined;
  const [, konto, slag] = m as unknown as [string, string, 'ib' | 'ub'];
  const s = h.bok.saldon.get(0)?.get(konto);
  const k = h.bok.konton.get(konto);
  if (!s && !k) return undefined;
  const line = (slag === 'ib' ? s?.ibRad : s?.ubRad) || k?.rad || 1;
  const label = `Huvudboken · konto ${konto}${k ? ` ${k.namn}` : ''} · ${slag === 'ib' ? 'ingående' : 'utgående'} balans ${year}`;
  const f = krFigur(id, oreTillDecimal(s?.[slag] ?? 0n), { file: h.konfig.fil, line, column: 1 }, label);
  cache.set(id, f);
  return f;
}

/** A figure of an amount in kr. */
const krFigur = (id: string, value: Decimal, source: SourceRef, label: string): Figure =>
  ({ id, value, printed: value.toFixed(2), unit: 'kr', decimals: 2, source, label });

/** The figure of an integrity finding: `bok.D-3/A/12/340`; of a rule that found nothing, `bok.D-3`. */
export const integritetsfigur = (f: Fynd): string => `bok.${f.status === 'ok' ? f.rule : f.id}`;

/**
 * Derives the statements and utfall from the books and makes figures of them, and of the
 * books' integrity findings.
 */
export function byggHuvudbok(ledger: Ledger, konfig: HuvudbokKonfig, bok: Bokdata, kontoplan: Kontoplan, integritet: readonly Fynd[] = []): Huvudbok {
  const harledning = harled(bok, kontoplan, {
    ...(konfig.anslag ? { anslag: konfig.anslag } : {}),
    ...(konfig.inkomsttitlar ? { inkomsttitlar: konfig.inkomsttitlar } : {}),
  });
  const figures = new Map<string, Figure>();
  const konton = new Map<string, readonly KontoBelopp[]>();
  const source: SourceRef = { file: konfig.fil, line: 1, column: 1 };
  const add = (id: string, belopp: Ore, label: string, accounts: readonly KontoBelopp[]) => {
    figures.set(id, krFigur(id, oreTillDecimal(belopp), source, `Huvudboken · ${label}`));
    konton.set(id, accounts);
  };
  for (const ar of harledning.ar) {
    const year = arFor(ledger, ar.arsnr);
    for (const r of ar.rader.values()) add(`bok.${r.rad}.${year}`, r.belopp, `${r.rad.startsWith('rr.') ? 'Resultaträkning' : 'Balansräkning'} · ${r.label} · ${year}`, r.konton);
    const abs = ar.omappade.reduce((a, k) => a + (k.belopp < 0n ? -k.belopp : k.belopp), 0n);
    add(`bok.omappat.${year}`, abs, `Konton utan rad i kontoplanen (summa utan tecken) · ${year}`, ar.omappade);
  }
  const anslagsfigurer = anslagFigures(ledger, konfig, harledning, add);
  const inkomsttitelfigurer = inkomsttitelFigures(ledger, konfig, harledning, add);
  for (const f of integritet) if (f.status !== 'skipped') figures.set(integritetsfigur(f), integritetsvarde(f, source));
  return { konfig, kontoplan, bok, harledning, figures, konton, anslagsfigurer, inkomsttitelfigurer, integritet };
}

/**
 * A finding as a figure the engine compares with zero: its difference in kr where it has one
 * (a voucher's sum, #IB + transactions − #UB), else one deviation; a rule that found nothing,
 * zero deviations. Placed at the record the finding names.
 */
function integritetsvarde(f: Fynd, fil: SourceRef): Figure {
  const source = f.source ? { file: f.source.file, line: f.source.line, column: 1 } : fil;
  const label = `Huvudboken · ${f.status === 'ok' ? `avvikelser mot ${f.rule} ${f.message}` : f.message}`;
  if (f.status !== 'ok' && f.difference !== null) return krFigur(integritetsfigur(f), new Decimal(f.difference), source, label);
  const antal = f.status === 'ok' ? 0 : 1;
  return { id: integritetsfigur(f), value: new Decimal(antal), printed: String(antal), unit: 'antal', decimals: 0, source, label };
}

type Add = (id: string, belopp: Ore, label: string, accounts: readonly KontoBelopp[]) => void;

/** Figures of utfall per anslagspost: `bok.anslag.<post>.utgifter`; objects no post has: `bok.anslagsobjekt.<code>`. */
function anslagFigures(ledger: Ledger, konfig: HuvudbokKonfig, h: Harledning, add: Add): Map<string, Objektfigur> {
  const out = new Map<string, Objektfigur>();
  if (!konfig.anslag || !h.anslag) return out;
  const posts = new Map<string, { id: string; label: string }>();
  for (const uo of ledger.anslagsredovisning?.utgiftsomraden ?? []) {
    for (const an of uo.anslag) {
      for (const p of an.poster) posts.set(objektkod(konfig.anslag.format, anslagFalt(uo.uo, an.designation, p)), { id: p.id, label: `${an.designation} ap ${p.ap} ${p.name}` });
    }
  }
  return objectFigures(h.anslag, posts, ['anslag', 'anslagsobjekt'], 'utgifter', 'Utfall mot anslag', add, out);
}

function inkomsttitelFigures(ledger: Ledger, konfig: HuvudbokKonfig, h: Harledning, add: Add): Map<string, Objektfigur> {
  const out = new Map<string, Objektfigur>();
  if (!konfig.inkomsttitlar || !h.inkomsttitlar) return out;
  const posts = new Map<string, { id: string; label: string }>();
  for (const t of ledger.anslagsredovisning?.inkomsttitlar?.titlar ?? []) {
    for (const u of t.undertitlar) posts.set(objektkod(konfig.inkomsttitlar.format, { titel: t.titel, undertitel: u.undertitel }), { id: u.id.replace(/^inkomsttitel\./, ''), label: `${t.titel} ${u.undertitel} ${u.name}` });
  }
  return objectFigures(h.inkomsttitlar, posts, ['inkomsttitel', 'inkomsttitelobjekt'], 'inkomster', 'Inkomster mot inkomsttitel', add, out);
}

function objectFigures(
  flode: NonNullable<Harledning['anslag']>,
  posts: ReadonlyMap<string, { id: string; label: string }>,
  [prefix, objectPrefix]: readonly [string, string],
  column: string,
  what: string,
  add: Add,
  out: Map<string, Objektfigur>,
): Map<string, Objektfigur> {
  const seen = new Set<string>();
  for (const o of flode.objekt) {
    const post = posts.get(o.objekt);
    const id = post ? `bok.${prefix}.${post.id}.${column}` : `bok.${objectPrefix}.${o.objekt}`;
    add(id, o.belopp, `${what} · ${post ? post.label : `objekt ${o.objekt} (dimension ${flode.dimension})`}`, o.konton);
    out.set(post ? post.id : o.objekt, { figur: id, objekt: o.objekt });
    if (post) seen.add(post.id);
  }
  // Posts without postings: the books say zero.
  for (const [kod, p] of posts) {
    if (seen.has(p.id)) continue;
    const id = `bok.${prefix}.${p.id}.${column}`;
    add(id, 0n, `${what} · ${p.label}`, []);
    out.set(p.id, { figur: id, objekt: kod });
  }
  if (flode.utanObjekt.length) {
    const id = `bok.${prefix}.utan_objekt`;
    add(id, flode.utanObjekt.reduce((a, k) => a + k.belopp, 0n), `${what} · konteringar utan objekt i dimension ${flode.dimension}`, flode.utanObjekt);
    out.set('utan_objekt', { figur: id, objekt: '' });
  }
  return out;
}
