/**
 * Tiny books for the base test ledger (test/helpers/ledger.ts): every RR and BR line of
 * both years and every anslagspost's utgifter and inkomsttitel's inkomster, in kr, rounding
 * to the published tkr figures. Amounts in kr as text, SIE signs (debit +, credit −).
 *
 * Objects: anslag in dimension 20 as "{uo}:{anslag}:{ap}" (e.g. "8:1:1:1"), inkomsttitlar
 * in dimension 21 as "{titel}.{undertitel}".
 */
import type { Bokdata, Saldodata } from '../../src/books/derive.js';
import { byggHuvudbok, type HuvudbokKonfig } from '../../src/books/huvudbok.js';
import { kontoplanAv, kontoplanForLayout, type Kontoplan, type Mappning } from '../../src/domain/kontoplan/index.js';
import type { Ledger } from '../../src/domain/model.js';
import { parseIntervall } from '../../src/domain/kontoplan/index.js';

const ore = (kr: string): bigint => {
  const [i, f = ''] = kr.replace(/\s/g, '').split('.');
  const neg = i!.startsWith('-');
  const v = BigInt(i!.replace('-', '')) * 100n + BigInt((f + '00').slice(0, 2));
  return neg ? -v : v;
};

/** Account → [name, balance 2024, balance 2023]: #RES for result accounts, #UB for balance accounts. */
export type Kontotabell = Record<string, [string, string, string]>;

export function tinyKonton(): Kontotabell {
  return {
    '1011': ['Balanserade utgifter', '10 000 000', '8 000 000'],
    '1510': ['Kundfordringar', '1 000 123.45', '900 000'],
    '1560': ['Fordringar hos andra myndigheter', '1 999 876.55', '1 800 000'],
    '1911': ['Avräkning med statsverket', '-500 000', '-400 000'],
    '1921': ['Räntekonto i Riksgäldskontoret', '8 000 000', '7 000 000'],
    '1970': ['Bank', '100 000', '100 000'],
    '2011': ['Statskapital', '-1 000 000', '-1 000 000'],
    '2041': ['Balanserad kapitalförändring', '-2 650 000', '-2 000 000'],
    '2311': ['Lån i Riksgäldskontoret', '-9 000 000', '-7 000 000'],
    '2441': ['Leverantörsskulder', '-4 000 000', '-3 000 000'],
    '2911': ['Upplupna löner', '-3 250 000', '-3 750 000'],
    '2912': ['Upplupna semesterlöner', '-500 000', '0'],
    '3011': ['Intäkter av anslag', '-100 000 000', '-90 000 000'],
    '3111': ['Intäkter av avgifter', '-5 000 000', '-4 000 000'],
    '3511': ['Intäkter av bidrag', '-2 000 000', '-1 500 000'],
    '3811': ['Ränteintäkter räntekonto', '-300 000', '-200 000'],
    '4011': ['Löner', '59 500 000', '55 000 000'],
    '4111': ['Semesterlöner', '500 000', '0'],
    '5011': ['Lokalhyror', '15 000 000', '14 000 000'],
    '5411': ['Konsulttjänster', '25 000 000', '22 000 000'],
    '5911': ['Räntekostnader', '100 000', '50 000'],
    '6911': ['Avskrivningar', '7 000 000', '4 000 000'],
    '7011': ['Ansökningsavgifter som inte disponeras', '-40 000 000', '-35 000 000'],
    '7211': ['Medel som tillförts statens budget', '40 000 000', '35 000 000'],
    '7311': ['Medel från statens budget för bidrag', '-20 000 000', '-18 000 000'],
    '7711': ['Lämnade bidrag till kommuner', '20 000 000', '18 000 000'],
  };
}

/** Postings of 2024 per object: dimension → object → account → kr. */
export type Objekttabell = Record<string, Record<string, Record<string, string>>>;

export function tinyObjekt(): Objekttabell {
  return {
    '20': {
      '8:1:1:1': { '3011': '-57 000 000' },
      '8:1:1:2': { '3011': '-17 000 000' },
      '8:1:2:1': { '3011': '-26 000 000' },
      '13:1:3:1': { '7311': '-20 000 000' },
    },
    '21': {
      '2511.024': { '7211': '32 000 000' },
      '2511.025': { '7211': '8 000 000' },
    },
  };
}

/** Books from the tables: result accounts (3–8) get #RES, balance accounts #UB; year 0 also the movements. */
export function tinyBok(konton: Kontotabell = tinyKonton(), objekt: Objekttabell = tinyObjekt()): Bokdata {
  const names = new Map(Object.entries(konton).map(([k, [namn]]) => [k, { namn }]));
  const year = (i: 1 | 2, arsnr: number) =>
    new Map<string, Saldodata>(
      Object.entries(konton).map(([k, row]) => {
        const b = ore(row[i]);
        const result = Number(k[0]) >= 3;
        return [k, { ib: result ? null : 0n, ub: result ? null : b, res: result ? b : null, rorelse: arsnr === 0 ? b : 0n }];
      }),
    );
  const objektRorelse = new Map(
    Object.entries(objekt).map(([dim, objs]) => [dim, new Map(Object.entries(objs).map(([o, acc]) => [o, new Map(Object.entries(acc).map(([k, v]) => [k, ore(v)]))]))]),
  );
  return { fil: 'huvudbok.se', konton: names, saldon: new Map([[0, year(1, 0)], [-1, year(2, -1)]]), objektRorelse };
}

export const TINY_KONFIG: HuvudbokKonfig = {
  fil: 'huvudbok.se',
  anslag: { dimension: '20', format: '{uo}:{anslag}:{ap}', konton: [{ fran: '3011', till: '3012' }, { fran: '7311', till: '7312' }] },
  inkomsttitlar: { dimension: '21', format: '{titel}.{undertitel}', konton: [{ fran: '7211', till: '7212' }] },
  source: { file: 'ledger.yaml', line: 1, column: 1 },
};

/** A kontoplan: the layout's default, with the given own mappings (`rad` → ranges) first. */
export function tinyKontoplan(egna: Record<string, string[]> = {}): Kontoplan {
  const version = kontoplanForLayout('ESV-2024')!;
  const own: Mappning[] = Object.entries(egna).flatMap(([rad, ranges]) =>
    ranges.map((r, i) => ({ intervall: parseIntervall(r) as { fran: string; till: string }, rad, kalla: { file: 'kontoplan.yaml', line: i + 1, column: 1 } })),
  );
  return kontoplanAv(version, 'ESV-2024', own);
}

/** The ledger with these books attached. */
export function withBooks(ledger: Ledger, bok: Bokdata = tinyBok(), plan: Kontoplan = tinyKontoplan(), konfig: HuvudbokKonfig = TINY_KONFIG): Ledger {
  return { ...ledger, huvudbok: byggHuvudbok(ledger, konfig, bok, plan) };
}

const sieAmount = (kr: string) => {
  const o = ore(kr);
  const neg = o < 0n;
  const s = (neg ? -o : o).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
};

/**
 * The tiny books as an SIE 4E text (UTF-8) that is whole by the D-rules: #UB/#RES for both
 * years, #IB 0 = #UB −1; last year's result closed to 2099 (the closing entry on 8999) and
 * moved to balanserad kapitalförändring in the year; one voucher per object posting (against
 * 1911), so that utfall per object comes from #TRANS, and one voucher with the rest of every
 * account's movement, so that #IB + Σ #TRANS = #UB and Σ #TRANS = #RES.
 */
export function tinySie(konton: Kontotabell = tinyKonton(), objekt: Objekttabell = tinyObjekt()): string {
  const out = ['#FLAGGA 0', '#FORMAT PC8', '#SIETYP 4', '#PROGRAM "test" 1', '#GEN 20250215', '#FNAMN "Testverket"', '#RAR 0 20240101 20241231', '#RAR -1 20230101 20231231', '#DIM 20 "Anslag"', '#DIM 21 "Inkomsttitel"'];
  for (const [dim, objs] of Object.entries(objekt)) for (const o of Object.keys(objs)) out.push(`#OBJEKT ${dim} "${o}" "${o}"`);
  const resultat = (k: string) => Number(k[0]) >= 3;
  // Last year's result, closed to 2099 by the closing entry (8999), as the books of 2023 end.
  const forraResultat = Object.entries(konton).reduce((a, [k, [, , y1]]) => a + (resultat(k) ? ore(y1) : 0n), 0n);
  const alla: Kontotabell = { ...konton, '2099': ['Årets kapitalförändring', '0', kr(forraResultat)], '8999': ['Årets kapitalförändring (avslut)', '0', kr(-forraResultat)] };
  const rorelse = new Map<string, bigint>();
  for (const [k, [namn, y0, y1]] of Object.entries(alla)) {
    out.push(`#KONTO ${k} "${namn}"`);
    rorelse.set(k, resultat(k) ? ore(y0) : ore(y0) - ore(y1));
  }
  for (const [k, [, y0, y1]] of Object.entries(alla)) {
    if (resultat(k)) out.push(`#RES 0 ${k} ${sieAmount(y0)}`, `#RES -1 ${k} ${sieAmount(y1)}`);
    else out.push(`#IB 0 ${k} ${sieAmount(y1)}`, `#UB 0 ${k} ${sieAmount(y0)}`, `#UB -1 ${k} ${sieAmount(y1)}`);
  }
  let n = 0;
  const mot = '1911';
  for (const [dim, objs] of Object.entries(objekt)) {
    for (const [o, accounts] of Object.entries(objs)) {
      for (const [k, belopp] of Object.entries(accounts)) {
        out.push(`#VER A ${++n} 20241231 "${o}"`, '{', `#TRANS ${k} {${dim} "${o}"} ${sieAmount(belopp)}`, `#TRANS ${mot} {} ${sieAmount(kr(-ore(belopp)))}`, '}');
        rorelse.set(k, rorelse.get(k)! - ore(belopp));
        rorelse.set(mot, rorelse.get(mot)! + ore(belopp));
      }
    }
  }
  const rest = [...rorelse].filter(([, v]) => v !== 0n);
  if (rest.length) out.push(`#VER A ${++n} 20241231 "Årets övriga händelser"`, '{', ...rest.map(([k, v]) => `#TRANS ${k} {} ${sieAmount(kr(v))}`), '}');
  return out.join('\n') + '\n';
}

/** Öre as kr text. */
const kr = (o: bigint) => {
  const neg = o < 0n;
  const t = (neg ? -o : o).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${t.slice(0, -2)}.${t.slice(-2)}`;
};

/** ledger.yaml's `huvudbok:` for the tiny books. */
export const TINY_HUVUDBOK = {
  fil: 'huvudbok.se',
  anslag: { dimension: '20', objekt: '{uo}:{anslag}:{ap}' },
  inkomsttitlar: { dimension: '21', objekt: '{titel}.{undertitel}' },
};
