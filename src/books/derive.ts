/**
 * From the books to the statements, in the pure core: the resultaträkning and the
 * balansräkning derived from the accounts' balances through the kontoplan, and the
 * utfall per anslag object and per inkomsttitel object from the postings that carry
 * them. Amounts stay integers of öre (exact); the rules convert them to Decimal.
 *
 * The books are read through `Bokdata`, the part of the SIE model (src/books/model.ts)
 * the derivation needs.
 */
import { LAYOUT_VERSIONS } from '../domain/layouts/index.js';
import type { Layout } from '../domain/model.js';
import type { Kontotyp } from './model.js';
import {
  AVSLUT,
  iIntervall,
  mappbaraRader,
  mappningFor,
  STATEMENT_PREFIX,
  type Kontointervall,
  type Kontoplan,
  type Mappning,
  type RadInfo,
} from '../domain/kontoplan/index.js';

export type Ore = bigint;

/** One account's records in one year (SIE: debit positive, credit negative). */
export interface Saldodata {
  readonly ib: Ore | null;
  readonly ub: Ore | null;
  readonly res: Ore | null;
  /** Σ #TRANS of the year's vouchers (year 0). */
  readonly rorelse: Ore;
  /** Lines of the #IB and #UB records, 0 or absent when there are none (for findings' file:line). */
  readonly ibRad?: number;
  readonly ubRad?: number;
}

/** What the derivation reads of the books. */
export interface Bokdata {
  readonly fil: string;
  readonly konton: ReadonlyMap<string, { readonly namn: string; readonly typ?: Kontotyp | null; readonly rad?: number }>;
  /** Year index (#RAR: 0, -1, ...) → account → its records. */
  readonly saldon: ReadonlyMap<number, ReadonlyMap<string, Saldodata>>;
  /** Σ #TRANS of year 0 per dimension → object → account. */
  readonly objektRorelse: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, Ore>>>;
}

/** The object dimension that carries anslag or inkomsttitel, and the accounts it is read on. */
export interface Objektkalla {
  readonly dimension: string;
  readonly konton: readonly Kontointervall[];
}

/** An account's contribution to a line, in the line's sign. */
export interface KontoBelopp {
  readonly konto: string;
  readonly namn: string;
  readonly belopp: Ore;
}

export interface HarleddRad {
  readonly rad: string;
  readonly label: string;
  readonly belopp: Ore;
  /** The accounts behind the line (leaf lines; for sums, every leaf's accounts). */
  readonly konton: readonly KontoBelopp[];
  readonly summa: boolean;
}

export interface Arsharledning {
  readonly arsnr: number;
  /** Every line of both statements, leaves and sums, by `rr.<line>` / `br.<line>`. */
  readonly rader: ReadonlyMap<string, HarleddRad>;
  /** Accounts with a non-zero balance that no mapping names (D-9), in SIE's sign. */
  readonly omappade: readonly KontoBelopp[];
  /** The closing entry's accounts (#RES, SIE's sign): what of the result is already in the balance sheet. */
  readonly avslut: readonly KontoBelopp[];
}

export interface Objektutfall {
  readonly objekt: string;
  /** Σ #TRANS on the source accounts carrying the object (SIE sign). */
  readonly belopp: Ore;
  readonly konton: readonly KontoBelopp[];
}

export interface Harledning {
  readonly ar: readonly Arsharledning[];
  /** Per object of the anslag dimension, if declared. */
  readonly anslag?: Objektflode;
  readonly inkomsttitlar?: Objektflode;
}

export interface Objektflode {
  readonly dimension: string;
  readonly objekt: readonly Objektutfall[];
  /** Postings on the source accounts of the resultaträkning without an object of the dimension: Σ per account. */
  readonly utanObjekt: readonly KontoBelopp[];
}

const namnPa = (bok: Bokdata, konto: string) => bok.konton.get(konto)?.namn ?? '';

/** The balance that feeds a line: #RES or #UB, else computed from the year's postings. */
export function saldoFor(s: Saldodata, saldo: 'RES' | 'UB', arsnr: number): Ore {
  if (saldo === 'RES') return s.res ?? (arsnr === 0 ? s.rorelse : 0n);
  return s.ub ?? (arsnr === 0 ? (s.ib ?? 0n) + s.rorelse : 0n);
}

/** Any balance the account has, for an account no line takes. */
const nagotSaldo = (s: Saldodata, arsnr: number): Ore => s.ub ?? s.res ?? (arsnr === 0 ? (s.ib ?? 0n) + s.rorelse : 0n);

/** Derives both statements for every year the books have balances for. */
export function harled(bok: Bokdata, plan: Kontoplan, kallor: { anslag?: Objektkalla; inkomsttitlar?: Objektkalla } = {}): Harledning {
  const info = mappbaraRader(plan);
  const layouts = LAYOUT_VERSIONS.get(plan.layout)!.layouts;
  const ar = [...bok.saldon.keys()].filter((n) => n === 0 || n === -1).sort((a, b) => b - a).map((arsnr) => harledAr(bok, plan, info, layouts, arsnr));
  return {
    ar,
    ...(kallor.anslag ? { anslag: objektflode(bok, plan, kallor.anslag) } : {}),
    ...(kallor.inkomsttitlar ? { inkomsttitlar: objektflode(bok, plan, kallor.inkomsttitlar) } : {}),
  };
}

function harledAr(bok: Bokdata, plan: Kontoplan, info: ReadonlyMap<string, RadInfo>, layouts: readonly Layout[], arsnr: number): Arsharledning {
  const leaf = new Map<string, KontoBelopp[]>();
  const omappade: KontoBelopp[] = [];
  let resultat = 0n; // Σ #RES of the accounts on resultaträkning lines
  const avslut: KontoBelopp[] = []; // #RES of the closing entry's accounts
  const saldon = bok.saldon.get(arsnr) ?? new Map<string, Saldodata>();
  for (const [konto, s] of saldon) {
    const m: Mappning | undefined = mappningFor(plan, konto);
    const radInfo = m ? info.get(m.rad) : undefined;
    if (m?.rad === AVSLUT) {
      const b = s.res ?? (arsnr === 0 ? s.rorelse : 0n);
      if (b !== 0n) avslut.push({ konto, namn: namnPa(bok, konto), belopp: b });
    } else if (radInfo) {
      const raw = saldoFor(s, radInfo.saldo, arsnr);
      if (radInfo.saldo === 'RES') resultat += raw;
      if (raw === 0n) continue;
      const list = leaf.get(m!.rad) ?? [];
      list.push({ konto, namn: namnPa(bok, konto), belopp: radInfo.tecken < 0 ? -raw : raw });
      leaf.set(m!.rad, list);
    } else {
      const b = nagotSaldo(s, arsnr);
      if (b !== 0n) omappade.push({ konto, namn: namnPa(bok, konto), belopp: b });
    }
  }
  // The part of årets kapitalförändring not yet booked to the balance sheet by the closing entry.
  const obokfort = -resultat - avslut.reduce((a, k) => a + k.belopp, 0n);
  return { arsnr, rader: summera(layouts, info, leaf, obokfort), omappade, avslut };
}

/** Leaf lines from their accounts, sum lines from the layout's sums. */
function summera(layouts: readonly Layout[], info: ReadonlyMap<string, RadInfo>, leaf: ReadonlyMap<string, KontoBelopp[]>, obokfort: Ore): Map<string, HarleddRad> {
  const out = new Map<string, HarleddRad>();
  for (const kind of ['resultatrakning', 'balansrakning'] as const) {
    const layout = layouts.find((l) => l.kind === kind)!;
    const prefix = STATEMENT_PREFIX[kind];
    const byId = new Map(layout.lines.map((l) => [l.id, l]));
    const line = (id: string): HarleddRad | undefined => {
      const rad = `${prefix}.${id}`;
      const done = out.get(rad);
      if (done) return done;
      const l = byId.get(id);
      if (!l) return undefined;
      let result: HarleddRad;
      if (l.sum) {
        const parts = l.sum.map((s) => ({ sign: s.startsWith('-') ? -1n : 1n, r: line(s.replace(/^-/, '')) }));
        const belopp = parts.reduce((acc, p) => acc + (p.r ? p.sign * p.r.belopp : 0n), 0n);
        result = { rad, label: l.label, belopp, konton: parts.flatMap((p) => (p.r ? p.r.konton : [])), summa: true };
      } else {
        if (!info.has(rad)) return undefined;
        const konton = leaf.get(rad) ?? [];
        let belopp = konton.reduce((acc, k) => acc + k.belopp, 0n);
        if (id === 'kapitalforandring_enligt_rr') belopp += obokfort;
        result = { rad, label: l.label, belopp, konton, summa: false };
      }
      out.set(rad, result);
      return result;
    };
    layout.lines.forEach((l) => line(l.id));
  }
  return out;
}

/**
 * Utfall per object. Postings without an object are looked for on the resultaträkning's
 * accounts only: a balance account among the sources (statskapital credited for an
 * anslag-financed asset) has other movements too.
 */
function objektflode(bok: Bokdata, plan: Kontoplan, kalla: Objektkalla): Objektflode {
  const inRange = (konto: string) => kalla.konton.some((r) => iIntervall(konto, r));
  const perObjekt = bok.objektRorelse.get(kalla.dimension) ?? new Map<string, ReadonlyMap<string, Ore>>();
  const medObjekt = new Map<string, Ore>();
  const objekt: Objektutfall[] = [];
  for (const [kod, konton] of perObjekt) {
    const rows: KontoBelopp[] = [];
    for (const [konto, belopp] of konton) {
      if (!inRange(konto) || belopp === 0n) continue;
      rows.push({ konto, namn: namnPa(bok, konto), belopp });
      medObjekt.set(konto, (medObjekt.get(konto) ?? 0n) + belopp);
    }
    if (rows.length) objekt.push({ objekt: kod, belopp: rows.reduce((a, r) => a + r.belopp, 0n), konton: rows });
  }
  const utanObjekt: KontoBelopp[] = [];
  for (const [konto, s] of bok.saldon.get(0) ?? []) {
    if (!inRange(konto) || !mappningFor(plan, konto)?.rad.startsWith('rr.')) continue;
    const rest = s.rorelse - (medObjekt.get(konto) ?? 0n);
    if (rest !== 0n) utanObjekt.push({ konto, namn: namnPa(bok, konto), belopp: rest });
  }
  return { dimension: kalla.dimension, objekt, utanObjekt };
}
