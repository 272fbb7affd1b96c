/**
 * A synthetic general ledger for an annual report: the plan (balances that round to every
 * published RR and BR figure, utfall per anslagspost and inkomsttitel), the vouchers that
 * reach it, and the SIE 4E text. The books are synthetic; the report is real.
 */
import type { Ledger } from '../../domain/model.js';
import { objektkod, anslagFalt } from '../huvudbok.js';
import { AVSLUTSKONTO, AVRAKNING } from './konton.js';
import { slump } from './losning.js';
import { kontosaldon, losAnslag, losAr, losInkomsttitlar, ore, tillgangsrader, type Kontosaldo } from './plan.js';
import { bokslut, regleringar, vardagsverifikationer, type Anslagskontering, type Ver } from './verifikationer.js';

/** Which anslagsposter are charged where: the agency's own flows. */
export interface Anslagsupplagg {
  readonly dimension: string;
  readonly format: string;
  /** The räntebärande förvaltningsanslag: charged to 3011, and to statskapital for anslag-financed assets. */
  readonly forvaltning: string;
  /** Posts charged to 3011 in full (operations). */
  readonly drift: readonly string[];
  /** The post split between 3011 and 7311 so that both accounts reach their #RES. */
  readonly delad: string;
  /** Statskapital credits charged to the förvaltningsanslag, with their share (per mille). */
  readonly statskapital: readonly { readonly konto: string; readonly namn: string; readonly andel: number }[];
  readonly inkomstdimension: string;
  readonly inkomstformat: string;
}

export interface SyntetiskBok {
  readonly foretag: string;
  readonly orgnr: string;
  readonly ar: number;
  readonly konton: ReadonlyMap<string, string>;
  readonly ib0: ReadonlyMap<string, bigint>;
  readonly ub0: ReadonlyMap<string, bigint>;
  readonly res0: ReadonlyMap<string, bigint>;
  readonly ub1: ReadonlyMap<string, bigint>;
  readonly res1: ReadonlyMap<string, bigint>;
  readonly objekt: readonly { readonly dimension: string; readonly kod: string; readonly namn: string }[];
  readonly dimensioner: readonly { readonly nummer: string; readonly namn: string }[];
  readonly verifikationer: readonly Ver[];
}

const split = (saldon: readonly Kontosaldo[], res: boolean) => new Map(saldon.filter((k) => k.rad.startsWith('rr.') === res).map((k) => [k.nr, k.saldo]));

/** The whole synthetic ledger of a report, deterministic by seed. */
export function syntetiskHuvudbok(ledger: Ledger, upplagg: Anslagsupplagg, seed = 2024): SyntetiskBok {
  const rnd = slump(seed);
  const ar = Number(ledger.year);
  const assets = tillgangsrader(ledger);
  const y0 = losAr(ledger, String(ar), rnd);
  const y1 = losAr(ledger, String(ar - 1), rnd);
  const s0 = kontosaldon(y0, assets);
  const s1 = kontosaldon(y1, assets);
  const konton = new Map([...s0, ...s1].map((k) => [k.nr, k.namn]));
  konton.set(AVSLUTSKONTO.nr, AVSLUTSKONTO.namn);
  const res0 = split(s0, true);
  const ub0 = split(s0, false);
  const res1 = split(s1, true);
  // The previous year closed: its result booked from 8999 to 2091.
  res1.set(AVSLUTSKONTO.nr, y1.kapitalforandring);
  const ub1 = split(s1, false);
  ub1.set('2091', -y1.kapitalforandring);
  konton.set('2091', 'Kapitalförändring enligt resultaträkningen');
  const ib0 = new Map(ub1);

  const { anslag, objekt } = anslagskonteringar(ledger, upplagg, res0, rnd);
  const inkomster = inkomstkonteringar(ledger, upplagg, res0.get('7211') ?? 0n, rnd);
  for (const s of upplagg.statskapital) konton.set(s.konto, konton.get(s.konto) ?? s.namn);
  const tilldelning = rantekontoMedel(ledger, upplagg.forvaltning);
  const vardag = vardagsverifikationer(
    { ar, dagar: (Date.UTC(ar + 1, 0, 1) - Date.UTC(ar, 0, 1)) / 86_400_000, res: res0, namn: konton, anslag, anslagsdimension: upplagg.dimension, inkomster: inkomster.konteringar, inkomstdimension: upplagg.inkomstdimension, rantekontoMedel: tilldelning, foregaendeResultat: y1.kapitalforandring },
    rnd,
  );
  const betalningar = regleringar(vardag, ar);
  const slut = bokslut([...vardag, ...betalningar], ib0, ub0, res0, konton, ar);
  // Accounts the vouchers leave at zero still have a closing balance in the file.
  const ub = new Map([...[...konton.keys()].filter((k) => !res0.has(k) && !res1.has(k) && k !== AVSLUTSKONTO.nr).map((k) => [k, 0n] as const), ...ub0]);
  return {
    foretag: ledger.agency,
    orgnr: ledger.orgnr ?? '',
    ar,
    konton,
    ib0,
    ub0: ub,
    res0,
    ub1,
    res1,
    objekt: [...objekt, ...inkomster.objekt],
    dimensioner: [{ nummer: upplagg.dimension, namn: 'Anslag' }, { nummer: upplagg.inkomstdimension, namn: 'Inkomsttitel' }],
    verifikationer: [...vardag, ...betalningar, ...slut],
  };
}

/** The anslag charges per post and account, with the statskapital credits. */
function anslagskonteringar(ledger: Ledger, u: Anslagsupplagg, res0: ReadonlyMap<string, bigint>, rnd: (n: number) => number) {
  const utfall = losAnslag(ledger, rnd);
  const anslag: Anslagskontering[] = [];
  const objekt: { dimension: string; kod: string; namn: string }[] = [];
  const res3011 = res0.get('3011') ?? 0n;
  const res7311 = res0.get('7311') ?? 0n;
  const total = [...utfall.values()].reduce((a, b) => a + b, 0n);
  const statskapital = total - res3011 - res7311;
  const pa3011 = (id: string) => (id === u.forvaltning ? utfall.get(id)! - statskapital : u.drift.includes(id) ? utfall.get(id)! : 0n);
  const delad3011 = res3011 - [...utfall.keys()].reduce((a, id) => a + pa3011(id), 0n);
  for (const uo of ledger.anslagsredovisning?.utgiftsomraden ?? []) {
    for (const an of uo.anslag) {
      for (const p of an.poster) {
        const b = utfall.get(p.id);
        if (b === undefined) continue;
        const kod = objektkod(u.format, anslagFalt(uo.uo, an.designation, p));
        objekt.push({ dimension: u.dimension, kod, namn: `${an.designation} ap ${p.ap} ${p.name}` });
        const mot = an.rantebarande ? AVRAKNING.rantebarande : AVRAKNING.icke_rantebarande;
        const drift = p.id === u.delad ? delad3011 : pa3011(p.id);
        const push = (konto: string, belopp: bigint, manadsvis = true) => belopp !== 0n && anslag.push({ objekt: kod, namn: p.name, konto, mot, belopp, manadsvis });
        push('3011', drift);
        push('7311', b - drift - (p.id === u.forvaltning ? statskapital : 0n));
        if (p.id === u.forvaltning) fordelaStatskapital(statskapital, u).forEach(([konto, belopp]) => push(konto, belopp, false));
      }
    }
  }
  if (delad3011 > 0n || anslag.some((a) => (a.konto === '7311' || a.konto === '3011') && a.belopp > 0n)) throw new Error('anslagsupplägget går inte ihop med resultaträkningen');
  return { anslag, objekt };
}

function fordelaStatskapital(total: bigint, u: Anslagsupplagg): [string, bigint][] {
  const sum = BigInt(u.statskapital.reduce((a, s) => a + s.andel, 0));
  const parts = u.statskapital.map((s) => [s.konto, (total * BigInt(s.andel)) / sum] as [string, bigint]);
  parts[0]![1] += total - parts.reduce((a, [, b]) => a + b, 0n);
  return parts;
}

function inkomstkonteringar(ledger: Ledger, u: Anslagsupplagg, total: bigint, rnd: (n: number) => number) {
  const belopp = losInkomsttitlar(ledger, total, rnd);
  const konteringar: { objekt: string; konto: string; mot: string; belopp: bigint }[] = [];
  const objekt: { dimension: string; kod: string; namn: string }[] = [];
  for (const t of ledger.anslagsredovisning?.inkomsttitlar?.titlar ?? []) {
    for (const un of t.undertitlar) {
      const b = belopp.get(un.id);
      if (b === undefined) continue;
      const kod = objektkod(u.inkomstformat, { titel: t.titel, undertitel: un.undertitel });
      objekt.push({ dimension: u.inkomstdimension, kod, namn: un.name });
      konteringar.push({ objekt: kod, konto: '7211', mot: AVRAKNING.uppbord, belopp: b });
    }
  }
  return { konteringar, objekt };
}

/** The räntebärande anslag's tilldelning, paid into the räntekonto month by month (öre). */
function rantekontoMedel(ledger: Ledger, post: string): bigint {
  for (const uo of ledger.anslagsredovisning?.utgiftsomraden ?? []) {
    for (const an of uo.anslag) {
      const p = an.poster.find((x) => x.id === post);
      const f = p?.figures.tilldelning ? ledger.figures.get(p.figures.tilldelning) : undefined;
      if (f?.value) return ore(f);
    }
  }
  return 0n;
}
