/**
 * The vouchers of the synthetic year: every result account reaches its #RES exactly
 * through everyday vouchers (invoices, salaries, transfers, uppbörd, depreciation,
 * interest, anslagsavräkning with the anslag object, redovisning mot inkomsttitel with
 * its object), the counter accounts are settled through the räntekonto or the bank, and
 * year-end vouchers bring every balance account to its #UB. Deterministic. Pure.
 */
import { fordela } from './losning.js';
import { AVRAKNING, BANK, RANTEKONTO } from './konton.js';

export interface Trans {
  readonly konto: string;
  readonly belopp: bigint;
  readonly objekt?: readonly [dimension: string, kod: string];
}

export interface Ver {
  readonly serie: string;
  /** YYYYMMDD */
  readonly datum: string;
  readonly text: string;
  readonly rader: readonly Trans[];
}

/** How a result account's year is booked: series, counter account, number of vouchers, text. */
interface Flode {
  readonly serie: string;
  readonly mot: string;
  readonly antal: number;
  readonly text: string;
}

/** By account prefix, longest first. */
const FLODEN: readonly (readonly [string, Flode])[] = [
  ['3811', { serie: 'R', mot: RANTEKONTO, antal: 4, text: 'Ränta på räntekonto' }],
  ['3', { serie: 'C', mot: '1510', antal: 400, text: 'Kundfaktura' }],
  ['4011', { serie: 'L', mot: RANTEKONTO, antal: 300, text: 'Lönekörning' }],
  ['4511', { serie: 'L', mot: '2431', antal: 12, text: 'Arbetsgivaravgifter' }],
  ['4', { serie: 'F', mot: '2441', antal: 600, text: 'Leverantörsfaktura' }],
  ['5011', { serie: 'F', mot: '2441', antal: 360, text: 'Hyresavi' }],
  ['59', { serie: 'R', mot: RANTEKONTO, antal: 4, text: 'Räntekostnad' }],
  ['5', { serie: 'F', mot: '2441', antal: 1700, text: 'Leverantörsfaktura' }],
  ['6911', { serie: 'D', mot: '1019', antal: 12, text: 'Avskrivningar immateriella tillgångar' }],
  ['6912', { serie: 'D', mot: '1229', antal: 12, text: 'Avskrivningar materiella tillgångar' }],
  ['70', { serie: 'U', mot: BANK, antal: 250, text: 'Inbetalda avgifter' }],
  ['75', { serie: 'R', mot: AVRAKNING.icke_rantebarande, antal: 4, text: 'Ränta i transfereringsverksamhet' }],
  ['7711', { serie: 'T', mot: AVRAKNING.icke_rantebarande, antal: 2400, text: 'Ersättning till kommun' }],
  ['7731', { serie: 'T', mot: AVRAKNING.icke_rantebarande, antal: 252, text: 'Ersättning till region' }],
  ['77', { serie: 'T', mot: AVRAKNING.icke_rantebarande, antal: 2000, text: 'Dagersättning' }],
];

/** Counter accounts settled per period against another account. */
const REGLERING: readonly { konto: string; mot: string; perVecka: boolean; text: string }[] = [
  { konto: '2441', mot: RANTEKONTO, perVecka: true, text: 'Betalning av leverantörsskulder vecka' },
  { konto: '1510', mot: RANTEKONTO, perVecka: false, text: 'Inbetalningar från kunder' },
  { konto: '2431', mot: RANTEKONTO, perVecka: false, text: 'Betalning av arbetsgivaravgifter' },
  { konto: AVRAKNING.uppbord, mot: BANK, perVecka: false, text: 'Uppbörd inbetald till statens centralkonto' },
];

const MANAD = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

export interface Arsdatum {
  readonly ar: number;
  /** Days of the year. */
  readonly dagar: number;
}

/** YYYYMMDD of a day (0-based) of the year. */
export function datum(ar: number, dag: number): string {
  const d = new Date(Date.UTC(ar, 0, 1 + dag));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}
const manadsslut = (ar: number, m: number) => datum(ar, Math.round((Date.UTC(ar, m + 1, 1) - Date.UTC(ar, 0, 1)) / 86_400_000) - 1);

/** Random integer weights: parts of a year's total that vary like real invoices. */
const vikter = (n: number, rnd: (n: number) => number) => Array.from({ length: n }, () => 50 + rnd(101));

export interface Anslagskontering {
  readonly objekt: string;
  readonly namn: string;
  readonly konto: string;
  readonly mot: string;
  /** Utfall on the account (SIE sign: a charge credits the account, negative). */
  readonly belopp: bigint;
  /** Monthly (12 vouchers) or once at year end. */
  readonly manadsvis: boolean;
}

export interface Inkomstkontering {
  readonly objekt: string;
  readonly konto: string;
  readonly mot: string;
  readonly belopp: bigint;
}

export interface Arsunderlag {
  readonly ar: number;
  readonly dagar: number;
  /** Result accounts: #RES of the year (SIE sign). */
  readonly res: ReadonlyMap<string, bigint>;
  readonly namn: ReadonlyMap<string, string>;
  readonly anslag: readonly Anslagskontering[];
  readonly anslagsdimension: string;
  readonly inkomster: readonly Inkomstkontering[];
  readonly inkomstdimension: string;
  /** Monthly anslag paid into the räntekonto (the räntebärande anslag's tilldelning). */
  readonly rantekontoMedel: bigint;
  /** Opening capital transfer: the previous year's result (2091 → 2041), SIE sign of 2091's debit. */
  readonly foregaendeResultat: bigint;
}

/** Everyday vouchers of the year (before settlement and year-end). */
export function vardagsverifikationer(u: Arsunderlag, rnd: (n: number) => number): Ver[] {
  const out: Ver[] = [];
  const flodeFor = (konto: string) => FLODEN.find(([p]) => konto.startsWith(p))?.[1];
  for (const [konto, total] of u.res) {
    if (['3011', '7311', '7211'].some((k) => konto === k) || total === 0n) continue;
    const f = flodeFor(konto);
    if (!f) throw new Error(`inget flöde för konto ${konto}`);
    const delar = fordela(total, vikter(f.antal, rnd));
    delar.forEach((b, i) => {
      const dag = Math.min(u.dagar - 1, Math.floor((i * u.dagar) / f.antal) + rnd(Math.max(1, Math.floor(u.dagar / f.antal))));
      out.push({ serie: f.serie, datum: datum(u.ar, dag), text: `${f.text} ${i + 1} ${u.namn.get(konto) ?? ''}`.trim(), rader: [{ konto, belopp: b }, { konto: f.mot, belopp: -b }] });
    });
  }
  for (const a of u.anslag) {
    const delar = a.manadsvis ? fordela(a.belopp, vikter(12, rnd)) : [a.belopp];
    delar.forEach((b, m) => {
      const manad = a.manadsvis ? m : 11;
      out.push({
        serie: 'A',
        datum: manadsslut(u.ar, manad),
        text: `Anslagsavräkning ${a.objekt} ${a.namn} ${MANAD[manad]}`,
        rader: [{ konto: a.mot, belopp: -b }, { konto: a.konto, belopp: b, objekt: [u.anslagsdimension, a.objekt] }],
      });
    });
  }
  for (const k of u.inkomster) {
    fordela(k.belopp, vikter(12, rnd)).forEach((b, m) =>
      out.push({ serie: 'U', datum: manadsslut(u.ar, m), text: `Redovisning mot inkomsttitel ${k.objekt} ${MANAD[m]}`, rader: [{ konto: k.konto, belopp: b, objekt: [u.inkomstdimension, k.objekt] }, { konto: k.mot, belopp: -b }] }),
    );
  }
  fordela(u.rantekontoMedel, Array(12).fill(1)).forEach((b, m) =>
    out.push({ serie: 'B', datum: datum(u.ar, Math.round((Date.UTC(u.ar, m, 1) - Date.UTC(u.ar, 0, 1)) / 86_400_000) + 2), text: `Anslagsmedel som tillförts räntekontot ${MANAD[m]}`, rader: [{ konto: RANTEKONTO, belopp: b }, { konto: AVRAKNING.rantebarande, belopp: -b }] }),
  );
  if (u.foregaendeResultat !== 0n) {
    out.push({ serie: 'K', datum: datum(u.ar, 0), text: 'Föregående års kapitalförändring till balanserad kapitalförändring', rader: [{ konto: '2091', belopp: u.foregaendeResultat }, { konto: '2041', belopp: -u.foregaendeResultat }] });
  }
  return out;
}

/** Settles the counter accounts per week or month against the räntekonto or the bank. */
export function regleringar(ver: readonly Ver[], ar: number): Ver[] {
  const out: Ver[] = [];
  for (const r of REGLERING) {
    const perPeriod = new Map<number, bigint>();
    for (const v of ver) {
      for (const t of v.rader) {
        if (t.konto !== r.konto) continue;
        const month = Number(v.datum.slice(4, 6)) - 1;
        const period = r.perVecka ? Math.min(51, Math.floor(dayOfYear(v.datum, ar) / 7)) : month;
        perPeriod.set(period, (perPeriod.get(period) ?? 0n) + t.belopp);
      }
    }
    for (const [period, sum] of [...perPeriod].sort((a, b) => a[0] - b[0])) {
      if (sum === 0n) continue;
      const d = r.perVecka ? datum(ar, Math.min(period * 7 + 6, 364)) : manadsslut(ar, period);
      out.push({ serie: 'P', datum: d, text: `${r.text} ${r.perVecka ? period + 1 : MANAD[period]}`, rader: [{ konto: r.konto, belopp: -sum }, { konto: r.mot, belopp: sum }] });
    }
  }
  return out;
}

const dayOfYear = (d: string, ar: number) => Math.round((Date.UTC(ar, Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))) - Date.UTC(ar, 0, 1)) / 86_400_000);

/**
 * Year-end vouchers: every balance account from where the vouchers left it to its #UB,
 * against the räntekonto. The räntekonto itself then ends at its #UB, as the books balance.
 */
export function bokslut(ver: readonly Ver[], ib: ReadonlyMap<string, bigint>, ub: ReadonlyMap<string, bigint>, res: ReadonlyMap<string, bigint>, namn: ReadonlyMap<string, string>, ar: number): Ver[] {
  const saldo = new Map(ib);
  for (const v of ver) for (const t of v.rader) if (!res.has(t.konto)) saldo.set(t.konto, (saldo.get(t.konto) ?? 0n) + t.belopp);
  const out: Ver[] = [];
  let rantekonto = saldo.get(RANTEKONTO) ?? 0n;
  for (const konto of [...saldo.keys(), ...ub.keys()].filter((k, i, all) => all.indexOf(k) === i).sort()) {
    if (konto === RANTEKONTO) continue;
    const r = (ub.get(konto) ?? 0n) - (saldo.get(konto) ?? 0n);
    if (r === 0n) continue;
    rantekonto -= r;
    out.push({ serie: 'Z', datum: manadsslut(ar, 11), text: `Bokslut: periodisering och omföring ${namn.get(konto) ?? konto}`, rader: [{ konto, belopp: r }, { konto: RANTEKONTO, belopp: -r }] });
  }
  if (rantekonto !== (ub.get(RANTEKONTO) ?? 0n)) throw new Error(`räntekontot slutar på ${rantekonto}, inte ${ub.get(RANTEKONTO)}: balanserna går inte ihop`);
  return out;
}
