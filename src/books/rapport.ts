/**
 * The report of `avstamning sie`: the books summarised as plain, serialisable data
 * (amounts as decimal strings in kr), with every finding. Renderers only render it.
 */
import { arBalanskonto, kontotyp, oreTillKr, type Bok, type Ore } from './model.js';
import { filtyp } from './regler.js';
import type { Fynd } from './fynd.js';

/** Statens baskontoplan's kontoklasser (DOMAIN.md §5.1). */
export const KONTOKLASSER: Readonly<Record<string, string>> = {
  '1': 'Tillgångar',
  '2': 'Kapital och skulder',
  '3': 'Verksamhetens intäkter',
  '4': 'Kostnader för personal',
  '5': 'Kostnader för lokaler och övriga driftkostnader',
  '6': 'Avskrivningar och nedskrivningar',
  '7': 'Uppbörd och transfereringar',
  '8': 'Finansiella poster och årets kapitalförändring',
  '9': 'Intern redovisning',
};

export interface SieSaldo {
  readonly account: string;
  readonly name: string | null;
  readonly ib: string | null;
  readonly movement: string | null;
  readonly ub: string | null;
  readonly res: string | null;
}

export interface SieKlass {
  readonly klass: string;
  readonly name: string;
  readonly ib: string;
  readonly movement: string;
  readonly ub: string;
  readonly res: string;
}

export interface SieRapport {
  readonly file: string;
  readonly company: { readonly name: string | null; readonly orgnr: string | null };
  readonly year: { readonly start: string; readonly end: string } | null;
  readonly program: string | null;
  readonly summary: {
    readonly type: '4E' | '4I';
    readonly encoding: string;
    readonly declaredFormat: string | null;
    readonly vouchers: number;
    readonly transactions: number;
    readonly rtrans: number;
    readonly btrans: number;
    readonly accounts: number;
    readonly series: readonly { readonly series: string; readonly vouchers: number; readonly first: string; readonly last: string }[];
    readonly records: Readonly<Record<string, number>>;
    readonly unknownRecords: Readonly<Record<string, number>>;
    readonly discrepancies: number;
    readonly warnings: number;
  };
  readonly classes: readonly SieKlass[];
  readonly balances: readonly SieSaldo[];
  readonly checks: readonly Fynd[];
}

const krN = (x: Ore | null) => (x === null ? null : oreTillKr(x));

export function sieRapport(bok: Bok, checks: readonly Fynd[]): SieRapport {
  const ar0 = bok.saldon.get(0) ?? new Map();
  const harVer = bok.verifikationer.antal > 0;
  const konton = [...new Set([...bok.konton.keys(), ...ar0.keys()])].sort();
  const balances = konton.map((account) => {
    const s = ar0.get(account);
    return {
      account,
      name: bok.konton.get(account)?.namn ?? null,
      ib: krN(s?.ib ?? null),
      movement: s ? (s.antalTrans || harVer ? oreTillKr(s.rorelse) : null) : harVer ? '0.00' : null,
      ub: krN(s?.ub ?? null),
      res: krN(s?.res ?? null),
    };
  });
  const rar = bok.rar.get(0);
  return {
    file: bok.fil,
    company: { name: bok.foretag.namn, orgnr: bok.foretag.orgnr },
    year: rar ? { start: rar.start, end: rar.slut } : null,
    program: bok.foretag.program,
    summary: summering(bok, checks, konton.length),
    classes: klasser(bok),
    balances,
    checks,
  };
}

function summering(bok: Bok, checks: readonly Fynd[], accounts: number): SieRapport['summary'] {
  const v = bok.verifikationer;
  return {
    type: filtyp(bok),
    encoding: bok.kodning,
    declaredFormat: bok.format,
    vouchers: v.antal,
    transactions: v.antalTrans + v.antalRtrans,
    rtrans: v.antalRtrans,
    btrans: v.antalBtrans,
    accounts,
    series: [...v.serier].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([series, s]) => ({ series, vouchers: s.antal, first: s.forstaNr, last: s.sistaNr })),
    records: Object.fromEntries(bok.poster),
    unknownRecords: Object.fromEntries(bok.okandaPoster),
    discrepancies: checks.filter((c) => c.status === 'discrepancy').length,
    warnings: checks.filter((c) => c.status === 'warning').length,
  };
}

/** Totals of year 0 per kontoklass (the account number's first digit). */
function klasser(bok: Bok): SieKlass[] {
  const sums = new Map<string, [Ore, Ore, Ore, Ore]>();
  for (const [konto, s] of bok.saldon.get(0) ?? []) {
    const k = konto[0] ?? '?';
    const t = sums.get(k) ?? [0n, 0n, 0n, 0n];
    const balans = arBalanskonto(kontotyp(konto, bok.konton.get(konto)?.typ));
    sums.set(k, [t[0] + (s.ib ?? 0n), t[1] + s.rorelse, t[2] + (balans ? (s.ub ?? 0n) : 0n), t[3] + (balans ? 0n : (s.res ?? 0n))]);
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([klass, [ib, mov, ub, res]]) => ({
    klass,
    name: KONTOKLASSER[klass] ?? 'Övriga konton',
    ib: oreTillKr(ib),
    movement: oreTillKr(mov),
    ub: oreTillKr(ub),
    res: oreTillKr(res),
  }));
}
