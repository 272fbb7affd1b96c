/**
 * What the reader gathers while streaming (raw: ids for accounts and objects, text as byte
 * strings), and how it becomes the books once the encoding is known.
 */
import { tomBok, tomtSaldo, type Bok, type Foretag, type KontoSaldo, type Kontotyp, type Dimension, type Objekt, type ObjektSaldo, type Ore, type Rakenskapsar, type Serie, type Kodning } from '../books/model.js';
import type { VerAvvikelse } from '../books/regler.js';
import type { ByteTable, Summor } from './bytes.js';
import { avkoda } from './kodning.js';

export interface KontoRa {
  namn: string;
  typ: Kontotyp | null;
  enhet: string | null;
  sru: string[];
  /** Line of #KONTO, 0 if only #KTYP/#ENHET/#SRU named it. */
  rad: number;
}

export interface PeriodRa {
  arsnr: number;
  period: string;
  konto: number;
  objekt: [string, string][];
  belopp: Ore;
  rad: number;
}

export interface SerieRa {
  antal: number;
  forstaNr: string;
  sistaNr: number;
  sistaNrText: string | null;
  forstaDatum: number;
  sistaDatum: number;
}

export interface Radata {
  /** Account numbers → ids; per id the first line naming it. */
  konton: ByteTable;
  kontoRad: Int32Array;
  /** Object pairs `dim\0obj` → ids; per id the first line naming it. */
  par: ByteTable;
  parRad: Int32Array;
  /**
   * Konteringar: the bytes of a posting's account and object list → ids; per id its account,
   * its object pairs, how many postings and their Σ (year 0).
   */
  kontering: ByteTable;
  kontKonto: Int32Array;
  kontPar: number[][];
  kontAntal: Int32Array;
  kontSumma: Summor;
  /** Year index → account id → balances. */
  saldon: Map<number, Map<number, KontoSaldo>>;
  kontoinfo: Map<number, KontoRa>;
  rar: Map<number, Rakenskapsar>;
  rar0: [number, number] | null;
  dimensioner: Map<string, Dimension>;
  objekt: Map<string, Map<string, Objekt>>;
  objektSaldon: Map<number, Map<string, Map<string, Map<number, ObjektSaldo>>>>;
  psaldo: PeriodRa[];
  pbudget: PeriodRa[];
  /** Voucher series → ids; per id: count, numbers (NaN when not a plain number: then the text), dates as yyyymmdd. */
  serieId: ByteTable;
  serier: SerieRa[];
  avvikelser: VerAvvikelse[];
  poster: Int32Array;
  okanda: Map<string, number>;
  antalVer: number;
  antalTrans0: number;
  antalRtrans: number;
  antalBtrans: number;
  ksumma: Bok['ksumma'];
  flaggaForst: boolean;
  format: string | null;
  foretag: Foretag;
}

/** The books from the raw data, every text decoded with the detected encoding. */
export function byggBok(fil: string, kodning: Kodning, d: Radata, etiketter: readonly string[]): Bok {
  const dek = (s: string) => avkoda(s, kodning);
  const dekN = (s: string | null) => (s === null ? null : dek(s));
  const konto = (id: number) => dek(d.konton.key(id).toString('latin1'));
  const bok = tomBok(fil, kodning);
  bok.format = dekN(d.format);
  bok.foretag = Object.fromEntries(Object.entries(d.foretag).map(([k, v]) => [k, dekN(v)])) as unknown as Foretag;
  bok.rar = d.rar;
  bok.flaggaForst = d.flaggaForst;
  bok.ksumma = d.ksumma;
  for (const [id, k] of d.kontoinfo) {
    if (k.rad) bok.konton.set(konto(id), { nummer: konto(id), namn: dek(k.namn), typ: k.typ, enhet: dekN(k.enhet), sru: k.sru.map(dek), rad: k.rad });
  }
  for (const [arsnr, ar] of d.saldon) bok.saldon.set(arsnr, new Map([...ar].map(([id, s]) => [konto(id), s])));
  lagRorelse(d, bok, konto);
  bok.dimensioner = new Map([...d.dimensioner].map(([k, v]) => [dek(k), { ...v, nummer: dek(v.nummer), namn: dek(v.namn), overordnad: dekN(v.overordnad) }]));
  for (const [dim, m] of d.objekt) {
    bok.objekt.set(dek(dim), new Map([...m].map(([k, o]) => [dek(k), { ...o, dimension: dek(o.dimension), nummer: dek(k), namn: dek(o.namn) }])));
  }
  lagObjekt(d, bok, dek, konto);
  bok.psaldo = d.psaldo.map((p) => ({ ...p, konto: konto(p.konto), objekt: p.objekt.map(([a, b]) => [dek(a), dek(b)] as const) }));
  bok.pbudget = d.pbudget.map((p) => ({ ...p, konto: konto(p.konto), objekt: p.objekt.map(([a, b]) => [dek(a), dek(b)] as const) }));
  bok.verifikationer = {
    antal: d.antalVer, antalTrans: d.antalTrans0, antalRtrans: d.antalRtrans, antalBtrans: d.antalBtrans,
    serier: new Map(d.serier.map((s, id) => [dek(d.serieId.key(id).toString('latin1')), serie(s, dek)])),
  };
  d.poster.forEach((n, i) => n && bok.poster.set(etiketter[i]!, n));
  bok.okandaPoster = new Map([...d.okanda].map(([k, n]) => [dek(k), n]));
  return bok;
}

function serie(s: SerieRa, dek: (s: string) => string): Serie {
  return {
    antal: s.antal,
    forstaNr: dek(s.forstaNr),
    sistaNr: s.sistaNrText === null ? String(s.sistaNr) : dek(s.sistaNrText),
    forstaDatum: String(s.forstaDatum),
    sistaDatum: String(s.sistaDatum),
  };
}

/** Year 0's Σ #TRANS into each account's balance (created for accounts only vouchers name). */
function lagRorelse(d: Radata, bok: Bok, konto: (id: number) => string): void {
  const summa = new Map<number, Ore>();
  const antal = new Map<number, number>();
  for (let k = 0; k < d.kontering.size; k++) {
    const id = d.kontKonto[k]!;
    summa.set(id, (summa.get(id) ?? 0n) + d.kontSumma.get(k));
    antal.set(id, (antal.get(id) ?? 0) + d.kontAntal[k]!);
  }
  let ar0 = bok.saldon.get(0);
  for (const [id, n] of antal) {
    if (!n) continue;
    if (!ar0) bok.saldon.set(0, (ar0 = new Map()));
    const nr = konto(id);
    let s = ar0.get(nr);
    if (!s) ar0.set(nr, (s = tomtSaldo(d.kontoRad[id]!)));
    s.rorelse = summa.get(id)!;
    s.antalTrans = n;
    s.forstaRad = Math.min(s.forstaRad, d.kontoRad[id]!);
  }
}

function lagObjekt(d: Radata, bok: Bok, dek: (s: string) => string, konto: (id: number) => string): void {
  const par = (id: number): [string, string] => {
    const k = d.par.key(id).toString('latin1');
    const i = k.indexOf('\0');
    return [dek(k.slice(0, i)), dek(k.slice(i + 1))];
  };
  for (let id = 0; id < d.par.size; id++) {
    const [dim, obj] = par(id);
    put(put(bok.objektAnvandning, dim, () => new Map()), obj, () => d.parRad[id]!);
  }
  for (let k = 0; k < d.kontering.size; k++) {
    if (!d.kontAntal[k]) continue;
    const nr = konto(d.kontKonto[k]!);
    const sum = d.kontSumma.get(k);
    for (const p of d.kontPar[k]!) {
      const [dim, obj] = par(p);
      const m = put(put(bok.objektRorelse, dim, () => new Map()), obj, () => new Map<string, Ore>());
      m.set(nr, (m.get(nr) ?? 0n) + sum);
    }
  }
  for (const [arsnr, dims] of d.objektSaldon) {
    for (const [dim, objs] of dims) {
      for (const [obj, konton] of objs) {
        const m = put(put(put(bok.objektSaldon, arsnr, () => new Map()), dek(dim), () => new Map()), dek(obj), () => new Map<string, ObjektSaldo>());
        for (const [id, s] of konton) m.set(konto(id), s);
      }
    }
  }
}

function put<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}
