/**
 * The D-rules over the books (DOMAIN.md §7 group D). Pure: they read a `Bok` and what the
 * reader noticed about single vouchers as they streamed past, and return findings.
 */
import { arBalanskonto, kontotyp, oreTillKr, type Bok, type KontoSaldo, type Ore } from './model.js';
import { avvikelse, medGodkanda, type Fynd } from './fynd.js';

/** Something wrong with one voucher, noticed while streaming (the vouchers are not kept). */
export interface VerAvvikelse {
  readonly slag: 'obalans' | 'rtrans' | 'datum' | 'transdatum' | 'ordning';
  readonly serie: string;
  readonly nr: string;
  /** YYYYMMDD as written */
  readonly datum: string;
  readonly text: string;
  /** obalans: Σ of the voucher; other kinds: 0 */
  readonly belopp: Ore;
  readonly rad: number;
  /** ordning: the previous number of the series; rtrans: the account; transdatum: the date */
  readonly detalj: string;
}

const ver = (a: VerAvvikelse) => `verifikation ${a.serie || '""'} ${a.nr || '""'} ${a.datum}${a.text ? ` "${a.text}"` : ''}`;

/** Findings of D-3, D-4 and D-12 from the vouchers' deviations. */
export function verifikationsFynd(fil: string, avvikelser: readonly VerAvvikelse[]): Fynd[] {
  return avvikelser.map((a) => {
    const src = { file: fil, line: a.rad };
    const id = `${a.serie}/${a.nr}`;
    switch (a.slag) {
      case 'obalans':
        return avvikelse('D-3', `D-3/${id}/${a.rad}`, `${ver(a)} balanserar inte: summan är ${oreTillKr(a.belopp)} kr`, src, oreTillKr(a.belopp));
      case 'rtrans':
        return avvikelse('D-4', `D-4/${id}/${a.rad}`, `#RTRANS på konto ${a.detalj} i ${ver(a)} följs inte av en identisk #TRANS`, src);
      case 'datum':
        return avvikelse('D-12', `D-12/${id}/${a.rad}`, `${ver(a)} är daterad utanför räkenskapsåret (#RAR 0)`, src);
      case 'transdatum':
        return avvikelse('D-12', `D-12/${id}/${a.rad}`, `transaktionsdatum ${a.detalj} i ${ver(a)} ligger utanför räkenskapsåret (#RAR 0)`, src);
      case 'ordning':
        return avvikelse('D-12', `D-12/${id}/${a.rad}`, `${ver(a)} kommer efter nummer ${a.detalj} i serien: numren ska vara stigande`, src);
    }
  });
}

/** All fourteen rules for a book: every failure, one ok or skipped row per rule without any. */
export function provaBok(bok: Bok, verFynd: readonly Fynd[]): Fynd[] {
  const ejProvade = new Map<string, string>([['D-9', 'Kräver en kontomappning till RR/BR (prövas när rapporterna härleds ur huvudboken)']]);
  const harSaldon = bok.poster.has('#IB') || bok.poster.has('#UB') || bok.poster.has('#RES');
  if (!harSaldon) for (const r of ['D-6', 'D-7', 'D-8', 'D-11']) ejProvade.set(r, 'Filen har inga #IB, #UB eller #RES (typ 4I)');
  if (!bok.ksumma) ejProvade.set('D-13', 'Filen har ingen #KSUMMA');
  if (!bok.psaldo.length) ejProvade.set('D-10', 'Filen har ingen #PSALDO');
  if (!bok.rar.has(0)) ejProvade.set('D-12', 'Filen har ingen #RAR 0');
  if (filtyp(bok) === '4I') ejProvade.set('D-5', 'En fil av typ 4I behöver inte deklarera sina konton med #KONTO');
  const fynd = [
    ...d1(bok),
    ...verFynd,
    ...d5(bok),
    ...(harSaldon ? [...d6d7(bok), ...d8(bok), ...d11(bok)] : []),
    ...d10(bok),
    ...d13(bok),
    ...d14(bok),
  ];
  return medGodkanda(fynd, ejProvade);
}

const src = (bok: Bok, line: number) => ({ file: bok.fil, line });

const KRAV_4E = ['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#FNAMN', '#RAR', '#KONTO'];
const KRAV_4I = ['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#FNAMN'];

/** Records a 4I file may not have (DOMAIN.md §6.4). */
const BARA_4E = ['#IB', '#UB', '#RES', '#OIB', '#OUB', '#PSALDO', '#PBUDGET', '#OMFATTN', '#BKOD'];

/**
 * Whether the file is a complete ledger (4E) or vouchers only (4I): both say `#SIETYP 4`. 4E
 * when it has a record 4I may not have, or both of the records 4E requires and 4I need not
 * have (#RAR and #KONTO; zero balances may be left out). A 4I file may have #RAR alone
 * (Visma Anläggningsregister writes it).
 */
export const filtyp = (bok: Bok): '4E' | '4I' =>
  BARA_4E.some((p) => bok.poster.has(p)) || (bok.poster.has('#RAR') && bok.poster.has('#KONTO')) ? '4E' : '4I';

function d1(bok: Bok): Fynd[] {
  const out: Fynd[] = [];
  if (!bok.flaggaForst) out.push(avvikelse('D-1', 'D-1/#FLAGGA', 'Filens första post ska vara #FLAGGA', src(bok, 1)));
  const typ = filtyp(bok);
  for (const label of typ === '4E' ? KRAV_4E : KRAV_4I) {
    if (label === '#FLAGGA' && !bok.flaggaForst) continue;
    if (bok.poster.has(label)) continue;
    const text = `Posten ${label} saknas men är obligatorisk för SIE ${typ}`;
    // Many systems leave #FORMAT out (the encoding is detected anyway): a warning, not an error.
    if (label === '#FORMAT') out.push({ id: 'D-1/#FORMAT', rule: 'D-1', status: 'warning', difference: null, source: null, message: `${text}; teckenkodningen avgjordes ändå (${bok.kodning})` });
    else out.push(avvikelse('D-1', `D-1/${label}`, text, null));
  }
  return out;
}

/** Every account any record names: the first line naming it. */
function anvandaKonton(bok: Bok): Map<string, number> {
  const used = new Map<string, number>();
  for (const year of bok.saldon.values()) {
    for (const [konto, s] of year) if (!used.has(konto) || used.get(konto)! > s.forstaRad) used.set(konto, s.forstaRad);
  }
  return used;
}

/** D-5 is a rule for 4E: a 4I file need declare no account (provaBok reports it as not tried). */
function d5(bok: Bok): Fynd[] {
  if (filtyp(bok) === '4I') return [];
  const out: Fynd[] = [];
  for (const [konto, rad] of anvandaKonton(bok)) {
    if (!bok.konton.has(konto)) out.push(avvikelse('D-5', `D-5/${konto}`, `Konto ${konto} används men är inte deklarerat med #KONTO`, src(bok, rad)));
  }
  return out;
}

const v = (x: Ore | null): Ore => x ?? 0n;
const typAv = (bok: Bok, konto: string) => kontotyp(konto, bok.konton.get(konto)?.typ);

function d6d7(bok: Bok): Fynd[] {
  const out: Fynd[] = [];
  for (const [konto, s] of bok.saldon.get(0) ?? []) {
    if (arBalanskonto(typAv(bok, konto))) {
      const diff = v(s.ib) + s.rorelse - v(s.ub);
      if (diff !== 0n) {
        out.push(avvikelse('D-6', `D-6/${konto}`, `Konto ${konto}: #IB ${kr(s.ib)} + årets transaktioner ${oreTillKr(s.rorelse)} = ${oreTillKr(v(s.ib) + s.rorelse)}, men #UB är ${kr(s.ub)}`, src(bok, s.ubRad || s.forstaRad), oreTillKr(diff)));
      }
      continue;
    }
    const diff = s.rorelse - v(s.res);
    if (diff !== 0n) {
      out.push(avvikelse('D-7', `D-7/${konto}`, `Konto ${konto}: årets transaktioner ${oreTillKr(s.rorelse)} men #RES är ${kr(s.res)}`, src(bok, s.resRad || s.forstaRad), oreTillKr(diff)));
    }
    if (v(s.ib) !== 0n) out.push(avvikelse('D-7', `D-7/${konto}/IB`, `Resultatkonto ${konto} har #IB ${kr(s.ib)}; ett resultatkonto börjar året på noll`, src(bok, s.ibRad), kr(s.ib)));
  }
  return out;
}

const kr = (x: Ore | null) => (x === null ? '0.00' : oreTillKr(x));

function summa(year: Map<string, KontoSaldo> | undefined, pick: (s: KontoSaldo, konto: string) => Ore): Ore {
  let sum = 0n;
  for (const [konto, s] of year ?? []) sum += pick(s, konto);
  return sum;
}

/**
 * Σ #IB 0 is zero, or equals −Σ #RES −1 when last year's result has not been closed to
 * capital in the export (seen in real files); and Σ #UB 0 + Σ #RES 0 = Σ #IB 0.
 */
function d8(bok: Bok): Fynd[] {
  const y0 = bok.saldon.get(0);
  const balans = (s: KontoSaldo, konto: string) => arBalanskonto(typAv(bok, konto));
  const ib = summa(y0, (s, k) => (balans(s, k) ? v(s.ib) : 0n));
  const ub = summa(y0, (s, k) => (balans(s, k) ? v(s.ub) : 0n));
  const res = summa(y0, (s, k) => (balans(s, k) ? 0n : v(s.res)));
  const resForeg = summa(bok.saldon.get(-1), (s, k) => (balans(s, k) ? 0n : v(s.res)));
  const out: Fynd[] = [];
  if (ib !== 0n && ib + resForeg !== 0n) {
    out.push(avvikelse('D-8', 'D-8/IB', `Summan av #IB år 0 är ${oreTillKr(ib)} kr, inte 0 (och inte heller −Σ #RES år −1)`, null, oreTillKr(ib)));
  }
  if (ub + res !== ib) {
    out.push(avvikelse('D-8', 'D-8/UB', `Σ #UB år 0 (${oreTillKr(ub)}) + Σ #RES år 0 (${oreTillKr(res)}) = ${oreTillKr(ub + res)}, men Σ #IB år 0 är ${oreTillKr(ib)}`, null, oreTillKr(ub + res - ib)));
  }
  return out;
}

/** Account-level #PSALDO rows per year summed, against #RES or #UB − #IB of that year. */
function d10(bok: Bok): Fynd[] {
  const out: Fynd[] = [];
  // A finding points at the account's first #PSALDO of the year (account level: no objects).
  const forstaPsaldo = new Map<string, number>();
  for (const p of bok.psaldo) {
    const k = `${p.arsnr} ${p.konto}`;
    if (!p.objekt.length && !forstaPsaldo.has(k)) forstaPsaldo.set(k, p.rad);
  }
  for (const [arsnr, year] of bok.saldon) {
    for (const [konto, s] of year) {
      if (s.psaldo === null) continue;
      const forvantat = arBalanskonto(typAv(bok, konto)) ? v(s.ub) - v(s.ib) : v(s.res);
      if (s.psaldo !== forvantat) {
        out.push(avvikelse('D-10', `D-10/${arsnr}/${konto}`, `Konto ${konto} år ${arsnr}: Σ #PSALDO ${oreTillKr(s.psaldo)} men årets förändring enligt #IB/#UB/#RES är ${oreTillKr(forvantat)}`, src(bok, forstaPsaldo.get(`${arsnr} ${konto}`) ?? s.forstaRad), oreTillKr(s.psaldo - forvantat)));
      }
    }
  }
  return out;
}

function d11(bok: Bok): Fynd[] {
  const prev = bok.saldon.get(-1);
  if (![...(prev?.values() ?? [])].some((s) => s.ub !== null)) return [];
  const out: Fynd[] = [];
  const konton = new Set([...(bok.saldon.get(0)?.keys() ?? []), ...prev!.keys()]);
  for (const konto of konton) {
    if (!arBalanskonto(typAv(bok, konto))) continue;
    const s0 = bok.saldon.get(0)?.get(konto);
    const s1 = prev!.get(konto);
    const diff = v(s0?.ib ?? null) - v(s1?.ub ?? null);
    if (diff !== 0n) {
      out.push(avvikelse('D-11', `D-11/${konto}`, `Konto ${konto}: #IB år 0 är ${kr(s0?.ib ?? null)} men #UB år −1 är ${kr(s1?.ub ?? null)}`, src(bok, s0?.ibRad || s1?.ubRad || 0), oreTillKr(diff)));
    }
  }
  return out;
}

/** The CRC is compared modulo 2³²: some writers print it signed. */
function d13(bok: Bok): Fynd[] {
  const k = bok.ksumma;
  if (!k) return [];
  if (k.varde === null) return [avvikelse('D-13', 'D-13', 'Filen börjar med #KSUMMA men slutar utan #KSUMMA med kontrollsumma: den kan vara avkortad', src(bok, k.startRad))];
  const skriven = /^-?\d{1,20}$/.test(k.varde) ? ((BigInt(k.varde) % 2n ** 32n) + 2n ** 32n) % 2n ** 32n : null;
  if (skriven === BigInt(k.beraknad)) return [];
  return [avvikelse('D-13', 'D-13', `#KSUMMA är ${k.varde} men kontrollsumman (CRC-32) över filens poster är ${k.beraknad}`, src(bok, k.slutRad))];
}

/** Dimensions 1–19 are reserved by the spec and need no #DIM. */
function d14(bok: Bok): Fynd[] {
  const out: Fynd[] = [];
  for (const [dim, objekt] of bok.objektAnvandning) {
    const reserverad = /^\d+$/.test(dim) && Number(dim) >= 1 && Number(dim) <= 19;
    let forsta = Infinity;
    for (const rad of objekt.values()) forsta = Math.min(forsta, rad);
    if (!reserverad && !bok.dimensioner.has(dim)) out.push(avvikelse('D-14', `D-14/${dim}`, `Dimension ${dim} används men är inte deklarerad med #DIM`, src(bok, forsta)));
    if (reserverad) continue;
    for (const [obj, rad] of objekt) {
      if (!bok.objekt.get(dim)?.has(obj)) out.push(avvikelse('D-14', `D-14/${dim}/${obj}`, `Objekt ${obj} i dimension ${dim} används men är inte deklarerat med #OBJEKT`, src(bok, rad)));
    }
  }
  return out;
}
