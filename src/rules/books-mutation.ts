/**
 * Mutation analysis of the books: for each account with a balance, move an amount from it
 * to an account that feeds another statement line (a voucher that still balances: debit
 * one, credit the other) and see whether the rules over the books report a discrepancy.
 * Each year the books have is tried on its own. Pure: the books are copied, not changed.
 */
import type { Bokdata, Ore, Saldodata } from '../books/derive.js';
import { arFor, byggHuvudbok } from '../books/huvudbok.js';
import type { Ledger } from '../domain/model.js';
import { BOOK_RULES } from './books.js';
import { evaluate } from './engine.js';

/** The amount moved: a million kr, far above the ±½ tkr of a published figure. */
export const FLYTT: Ore = 100_000_000n;

export interface BokMutation {
  /** Account and year tried. */
  readonly total: number;
  readonly detected: readonly { readonly konto: string; readonly ar: string; readonly mot: string; readonly rader: readonly string[] }[];
  readonly undetected: readonly { readonly konto: string; readonly ar: string; readonly mot: string; readonly why: string }[];
}

/** The books with `belopp` debited to `debet` and credited to `kredit` in one year. */
function flytta(bok: Bokdata, arsnr: number, debet: string, kredit: string, belopp: Ore): Bokdata {
  const year = new Map(bok.saldon.get(arsnr));
  const change = (konto: string, d: Ore) => {
    const s: Saldodata = year.get(konto) ?? { ib: null, ub: null, res: null, rorelse: 0n };
    // Whichever record the account has carries the change; the year's postings too in year 0.
    year.set(konto, {
      ib: s.ib,
      ub: s.ub === null ? null : s.ub + d,
      res: s.res === null ? null : s.res + d,
      rorelse: arsnr === 0 ? s.rorelse + d : s.rorelse,
    });
  };
  change(debet, belopp);
  change(kredit, -belopp);
  return { ...bok, saldon: new Map([...bok.saldon, [arsnr, year]]) };
}

export function bokMutationsanalys(ledger: Ledger, belopp: Ore = FLYTT): BokMutation | undefined {
  const h = ledger.huvudbok;
  if (!h) return undefined;
  const detected: BokMutation['detected'][number][] = [];
  const undetected: BokMutation['undetected'][number][] = [];
  const failing = (l: Ledger) => {
    const out = new Set<string>();
    for (const rule of BOOK_RULES) {
      for (const spec of rule.checks(l)) {
        if ('notApplicable' in spec) continue;
        const r = evaluate(spec, l, rule);
        if (r?.status === 'discrepancy') out.add(`${r.id} ${r.difference}`);
      }
    }
    return out;
  };
  const before = failing(ledger);
  for (const ar of h.harledning.ar) {
    const year = arFor(ledger, ar.arsnr);
    // Accounts with a balance, with the line each feeds, in a fixed order.
    const accounts = [...ar.rader.values()].filter((r) => !r.summa).flatMap((r) => r.konton.map((k) => ({ konto: k.konto, rad: r.rad })));
    accounts.sort((a, b) => (a.konto < b.konto ? -1 : 1));
    accounts.forEach((a, i) => {
      // The partner: the next account (cyclically) that feeds another line.
      const mot = [...accounts.slice(i + 1), ...accounts.slice(0, i)].find((b) => b.rad !== a.rad);
      if (!mot) {
        undetected.push({ konto: a.konto, ar: year, mot: '', why: 'inget konto för en annan rad att flytta till' });
        return;
      }
      const mutated: Ledger = { ...ledger, huvudbok: byggHuvudbok(ledger, h.konfig, flytta(h.bok, ar.arsnr, a.konto, mot.konto, belopp), h.kontoplan) };
      const after = [...failing(mutated)].filter((f) => !before.has(f));
      if (after.length) detected.push({ konto: a.konto, ar: year, mot: mot.konto, rader: after.map((f) => f.split(' ')[0]!) });
      else undetected.push({ konto: a.konto, ar: year, mot: mot.konto, why: `ingen kontroll av huvudboken slår till när ${a.rad} och ${mot.rad} ändras` });
    });
  }
  return { total: detected.length + undetected.length, detected, undetected };
}
