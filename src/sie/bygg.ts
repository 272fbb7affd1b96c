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

export interface Radata {
  /** Account numbers → ids; per id: Σ #TRANS, count, first line naming it. */
  konton: ByteTable;
  rorelse: Summor;
  antalTrans: Int32Array;
  kontoRad: Int32Array;
  /** Object pairs `dim\0obj` → ids; first line per pair; per account id: pair id → slot of its Σ. */
  par: ByteTable;
  parRad: Int32Array;
  parSumma: (Map<number, number> | undefined)[];
  parSlots: number;
  objektSumma: Summor;
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
  serier: Map<string, Serie & { senast: number }>;
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
    serier: new Map([...d.serier].map(([k, { senast: _, ...s }]) => [dek(k), { ...s, forstaNr: dek(s.forstaNr), sistaNr: dek(s.sistaNr) }])),
  };
  d.poster.forEach((n, i) => n && bok.poster.set(etiketter[i]!, n));
  bok.okandaPoster = new Map([...d.okanda].map(([k, n]) => [dek(k), n]));
  return bok;
}

/** Year 0's Σ #TRANS into each account's balance (created for accounts only vouchers name). */
function lagRorelse(d: Radata, bok: Bok, konto: (id: number) => string): void {
  let ar0 = bok.saldon.get(0);
  for (let id = 0; id < d.konton.size; id++) {
    if (!d.antalTrans[id]) continue;
    if (!ar0) bok.saldon.set(0, (ar0 = new Map()));
    const nr = konto(id);
    let s = ar0.get(nr);
    if (!s) ar0.set(nr, (s = tomtSaldo(d.kontoRad[id]!)));
    s.rorelse = d.rorelse.get(id);
    s.antalTrans = d.antalTrans[id]!;
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
  d.parSumma.forEach((perKonto, id) => {
    for (const [p, slot] of perKonto ?? []) {
      const [dim, obj] = par(p);
      put(put(bok.objektRorelse, dim, () => new Map()), obj, () => new Map<string, Ore>()).set(konto(id), d.objektSumma.get(slot));
    }
  });
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
