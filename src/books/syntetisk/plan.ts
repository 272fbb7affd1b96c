/**
 * The plan of the synthetic general ledger of a bundled agency: account balances for year
 * 0 and −1 whose derived statement lines round to every published RR and BR figure, and
 * utfall per anslagspost and per inkomsttitel that round to the anslagsredovisning. Pure:
 * from the loaded report to amounts in öre. The vouchers are made in verifikationer.ts.
 *
 * The books are synthetic; the report is real.
 */
import { LAYOUT_VERSIONS } from '../../domain/layouts/index.js';
import { UNITS } from '../../domain/amount.js';
import { statement, type Figure, type Layout, type Ledger, type StatementKind } from '../../domain/model.js';
import { KONTON_PER_RAD, AVSLUTSKONTO } from './konton.js';
import { fordela, los, type Term, type Villkor } from './losning.js';

/** A figure in öre (a published tkr figure is an exact multiple of 100 000 öre). */
export function ore(f: Figure): bigint {
  const kr = f.value!.times(UNITS[f.unit].kronor!).times(100);
  if (!kr.isInteger()) throw new Error(`${f.id}: inte ett helt antal öre`);
  return BigInt(kr.toFixed(0));
}

const PREFIX: Record<'resultatrakning' | 'balansrakning', string> = { resultatrakning: 'rr', balansrakning: 'br' };

/** The published figures of one statement and year, by `rr.<line>` / `br.<line>`. */
function publicerade(ledger: Ledger, kind: 'resultatrakning' | 'balansrakning', year: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of statement(ledger, kind)?.rows ?? []) {
    const f = r.cells[year] ? ledger.figures.get(r.cells[year]!) : undefined;
    if (f?.value) out.set(`${PREFIX[kind]}.${r.line ?? r.id}`, ore(f));
  }
  return out;
}

/** The leaves under a line with their signs. */
function blad(layout: Layout, id: string, sign: 1n | -1n = 1n, out: Term[] = []): Term[] {
  const line = layout.lines.find((l) => l.id === id);
  if (!line?.sum) {
    out.push([`${PREFIX[layout.kind as 'resultatrakning']}.${id}`, sign]);
    return out;
  }
  for (const s of line.sum) blad(layout, s.replace(/^-/, ''), s.startsWith('-') ? (-sign as 1n | -1n) : sign, out);
  return out;
}

const KAPITALFORANDRING = 'br.kapitalforandring_enligt_rr';

export interface Arsvarden {
  readonly ar: string;
  /** Exact line amounts (öre, in the line's sign) of the leaf lines the report prints. */
  readonly rader: ReadonlyMap<string, bigint>;
  /** Årets kapitalförändring, exact. */
  readonly kapitalforandring: bigint;
}

/** Leaf line amounts for one year that round to every published RR and BR figure. */
export function losAr(ledger: Ledger, year: string, rnd: (n: number) => number): Arsvarden {
  const layouts = LAYOUT_VERSIONS.get(ledger.layout)!.layouts;
  const rrLayout = layouts.find((l) => l.kind === 'resultatrakning')!;
  const brLayout = layouts.find((l) => l.kind === 'balansrakning')!;
  const pub = new Map([...publicerade(ledger, 'resultatrakning', year), ...publicerade(ledger, 'balansrakning', year)]);
  const resultat = blad(rrLayout, 'arets_kapitalforandring').filter(([l]) => pub.has(l));
  // Kapitalförändring enligt RR is årets kapitalförändring: its terms are the RR leaves.
  const expand = (terms: Term[]): Term[] =>
    terms.flatMap(([l, s]) => (l === KAPITALFORANDRING ? resultat.map(([r, rs]) => [r, (s * rs) as 1n | -1n] as Term) : pub.has(l) ? [[l, s] as Term] : []));
  const villkor: Villkor[] = [];
  for (const layout of [rrLayout, brLayout]) {
    for (const line of layout.lines) {
      const rad = `${PREFIX[layout.kind as 'resultatrakning']}.${line.id}`;
      const mal = pub.get(rad);
      if (line.sum && mal !== undefined) villkor.push({ namn: `${rad} ${year}`, termer: expand(blad(layout, line.id)), mal });
    }
  }
  const kap = pub.get(KAPITALFORANDRING);
  if (kap !== undefined) villkor.push({ namn: `${KAPITALFORANDRING} ${year}`, termer: resultat, mal: kap });
  const balans = [...expand(blad(brLayout, 'summa_tillgangar')), ...expand(blad(brLayout, 'summa_kapital_och_skulder')).map(([l, s]) => [l, -s as 1n | -1n] as Term)];
  villkor.push({ namn: `balansräkningen balanserar ${year}`, termer: balans, mal: 0n, exakt: true });
  // The free amounts: the printed lines the books carry (not sums, not ansvarsförbindelser, not the computed one).
  const leaves = new Set([...resultat, ...balans].map(([l]) => l));
  const fria = new Map([...pub].filter(([l]) => leaves.has(l)));
  const v = los(fria, villkor, rnd);
  return { ar: year, rader: v, kapitalforandring: resultat.reduce((a, [l, s]) => a + s * v.get(l)!, 0n) };
}

/** An account's balance in SIE's sign (debit +): #RES for RR accounts, #UB for BR accounts. */
export interface Kontosaldo {
  readonly nr: string;
  readonly namn: string;
  readonly rad: string;
  readonly saldo: bigint;
}

/** Splits the line amounts over the accounts of the chart, in SIE's sign. */
export function kontosaldon(ar: Arsvarden, tillgangar: ReadonlySet<string>): Kontosaldo[] {
  const out: Kontosaldo[] = [];
  for (const [rad, belopp] of ar.rader) {
    const konton = KONTON_PER_RAD[rad];
    if (!konton) throw new Error(`inget syntetiskt konto för ${rad}`);
    const delar = fordelaAndelar(belopp, konton.map((k) => k.andel));
    // RR lines are −#RES, asset lines +#UB, capital and liability lines −#UB.
    const tecken = tillgangar.has(rad) ? 1n : -1n;
    konton.forEach((k, i) => out.push({ nr: k.nr, namn: k.namn, rad, saldo: tecken * delar[i]! }));
  }
  return out;
}

/** Per-mille shares, some negative (contra accounts): exact parts. */
function fordelaAndelar(belopp: bigint, andelar: readonly number[]): bigint[] {
  const parts = andelar.map((a) => (belopp * BigInt(a)) / 1000n);
  parts[0] = parts[0]! + belopp - parts.reduce((a, b) => a + b, 0n);
  return parts;
}

/** The asset lines of the layout: those under SUMMA TILLGÅNGAR. */
export function tillgangsrader(ledger: Ledger): Set<string> {
  const br = LAYOUT_VERSIONS.get(ledger.layout)!.layouts.find((l) => l.kind === 'balansrakning')!;
  return new Set(blad(br, 'summa_tillgangar').map(([l]) => l));
}

/** Utfall per anslagspost (öre, a charge is negative as in the report) rounding to the report's posts and sums. */
export function losAnslag(ledger: Ledger, rnd: (n: number) => number): Map<string, bigint> {
  const a = ledger.anslagsredovisning;
  if (!a) return new Map();
  const pub = new Map<string, bigint>();
  const villkor: Villkor[] = [];
  const sumVillkor = (id: string | undefined, poster: readonly string[]) => {
    const f = id ? ledger.figures.get(id) : undefined;
    if (f?.value) villkor.push({ namn: f.id, termer: poster.filter((p) => pub.has(p)).map((p) => [p, 1n] as Term), mal: ore(f) });
  };
  for (const uo of a.utgiftsomraden) {
    for (const an of uo.anslag) {
      for (const p of an.poster) {
        const f = p.figures.utgifter ? ledger.figures.get(p.figures.utgifter) : undefined;
        if (f?.value) pub.set(p.id, ore(f));
      }
      sumVillkor(an.summa?.utgifter, an.poster.map((p) => p.id));
    }
    sumVillkor(uo.summa?.utgifter, uo.anslag.flatMap((an) => an.poster.map((p) => p.id)));
  }
  sumVillkor(a.summa?.utgifter, a.utgiftsomraden.flatMap((uo) => uo.anslag.flatMap((an) => an.poster.map((p) => p.id))));
  return los(pub, villkor, rnd);
}

/** Inkomster per undertitel (öre) rounding to the table, adding up exactly to `total`. */
export function losInkomsttitlar(ledger: Ledger, total: bigint, rnd: (n: number) => number): Map<string, bigint> {
  const it = ledger.anslagsredovisning?.inkomsttitlar;
  const pub = new Map<string, bigint>();
  for (const t of it?.titlar ?? []) {
    for (const u of t.undertitlar) {
      const f = u.figures.inkomster ? ledger.figures.get(u.figures.inkomster) : undefined;
      if (f?.value) pub.set(u.id, ore(f));
    }
  }
  if (!pub.size) return pub;
  return los(pub, [{ namn: 'inkomsttitlar = uppbördens medel till statens budget', termer: [...pub.keys()].map((id) => [id, 1n] as Term), mal: total, exakt: true }], rnd);
}

export { fordela, AVSLUTSKONTO };
export type { StatementKind };
