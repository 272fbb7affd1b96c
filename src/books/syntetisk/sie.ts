/**
 * SIE 4E text of a synthetic ledger (SIE filformat, utgåva 4B): header, dimensions and
 * objects, accounts, opening and closing balances and results of both years, and the
 * vouchers. The caller encodes it (CP437, as #FORMAT PC8 says).
 */
import type { SyntetiskBok } from './index.js';

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Öre as SIE writes an amount: `-1234.56`. */
export function sieBelopp(ore: bigint): string {
  const neg = ore < 0n;
  const s = (neg ? -ore : ore).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

export function sieText(bok: SyntetiskBok, genererad: string): string {
  const out: string[] = [
    '#FLAGGA 0',
    '#FORMAT PC8',
    '#SIETYP 4',
    `#PROGRAM ${q('avstämning: syntetisk huvudbok (påhittad bokföring till en verklig årsredovisning)')} 1.0`,
    `#GEN ${genererad} ${q('syntetisk')}`,
    `#FNAMN ${q(`${bok.foretag} (syntetisk huvudbok)`)}`,
    `#ORGNR ${bok.orgnr}`,
    `#RAR 0 ${bok.ar}0101 ${bok.ar}1231`,
    `#RAR -1 ${bok.ar - 1}0101 ${bok.ar - 1}1231`,
    '#VALUTA SEK',
  ];
  for (const d of bok.dimensioner) out.push(`#DIM ${d.nummer} ${q(d.namn)}`);
  for (const o of bok.objekt) out.push(`#OBJEKT ${o.dimension} ${q(o.kod)} ${q(o.namn)}`);
  const konton = [...bok.konton].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [nr, namn] of konton) out.push(`#KONTO ${nr} ${q(namn)}`);
  const saldo = (label: string, ar: number, m: ReadonlyMap<string, bigint>) => {
    for (const [nr] of konton) {
      const b = m.get(nr);
      if (b !== undefined) out.push(`${label} ${ar} ${nr} ${sieBelopp(b)}`);
    }
  };
  saldo('#IB', 0, bok.ib0);
  saldo('#UB', 0, bok.ub0);
  saldo('#UB', -1, bok.ub1);
  saldo('#RES', 0, bok.res0);
  saldo('#RES', -1, bok.res1);
  const serier = new Map<string, typeof bok.verifikationer[number][]>();
  for (const v of bok.verifikationer) {
    const list = serier.get(v.serie) ?? [];
    list.push(v);
    serier.set(v.serie, list);
  }
  for (const [serie, list] of [...serier].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Stable by date: vouchers are numbered in date order within their series.
    const sorted = list.map((v, i) => [v, i] as const).sort((a, b) => (a[0].datum < b[0].datum ? -1 : a[0].datum > b[0].datum ? 1 : a[1] - b[1]));
    sorted.forEach(([v], i) => {
      out.push(`#VER ${serie} ${i + 1} ${v.datum} ${q(v.text)}`, '{');
      for (const t of v.rader) out.push(`#TRANS ${t.konto} {${t.objekt ? `${t.objekt[0]} ${q(t.objekt[1])}` : ''}} ${sieBelopp(t.belopp)}`);
      out.push('}');
    });
  }
  return out.join('\r\n') + '\r\n';
}
