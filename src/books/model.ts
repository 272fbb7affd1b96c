/**
 * The books: what an SIE 4 general ledger says, reduced to what statements and integrity
 * checks need. Pure data, no I/O. The streaming reader in src/sie/ builds a `Bok`; the
 * D-rules in src/books/ and the statement derivations read it. Treat it as read-only.
 *
 * - Amounts are integers of öre (`Ore`, a bigint), SIE's sign: debit positive, credit
 *   negative. Convert at the boundary with `oreTillKr` (an exact decimal string in kr).
 * - Year index (`arsnr`) as in #RAR: 0 the current year, -1 the previous, -2 ...
 * - Vouchers are not kept. Their postings are summed as they stream past: per account
 *   (`KontoSaldo.rorelse` of year 0) and per account and object (`objektRorelse`), so that
 *   utfall per anslag/anslagspost can be derived for any dimension without the postings.
 *   #RTRANS and the identical #TRANS after it count once; #BTRANS (struck lines) not at all.
 * - Account numbers, dimension numbers and object codes are kept as the text the file wrote.
 *
 * Changes to this file are additive only: issue 11 (statements from the books) builds on it.
 */

/** An amount in öre (1 kr = 100 öre). */
export type Ore = bigint;

/** #KTYP: T tillgång, S skuld (incl. kapital), K kostnad, I intäkt. */
export type Kontotyp = 'T' | 'S' | 'K' | 'I';

/** The encoding the reader decoded the file with (windows-1252: a file that says PC8 but is not). */
export type Kodning = 'cp437' | 'utf-8' | 'windows-1252';

export interface Konto {
  readonly nummer: string;
  /** #KONTO's name, decoded. */
  namn: string;
  /** #KTYP, or null when the file does not say: use `kontotyp()` for the default. */
  typ: Kontotyp | null;
  /** #ENHET (unit of quantities), or null. */
  enhet: string | null;
  /** #SRU codes, in file order. */
  sru: string[];
  /** Line of the #KONTO record. */
  rad: number;
}

/** One account's figures for one year index. Null where the file has no such record. */
export interface KontoSaldo {
  ib: Ore | null;
  ub: Ore | null;
  res: Ore | null;
  /** Σ #TRANS of the file's vouchers (year 0 only; 0 for other years). */
  rorelse: Ore;
  /** Number of postings counted in `rorelse`. */
  antalTrans: number;
  /** Σ #PSALDO rows without objects, or null when there are none. */
  psaldo: Ore | null;
  /** Lines of the records, 0 when absent: for findings' file:line. */
  ibRad: number;
  ubRad: number;
  resRad: number;
  /** First line that names the account in this year (any record). */
  forstaRad: number;
}

/** #RAR: a fiscal year, dates as YYYYMMDD. */
export interface Rakenskapsar {
  readonly arsnr: number;
  readonly start: string;
  readonly slut: string;
  readonly rad: number;
}

export interface Dimension {
  readonly nummer: string;
  namn: string;
  /** #UNDERDIM's superdimension, else null. */
  overordnad: string | null;
  rad: number;
}

export interface Objekt {
  readonly dimension: string;
  readonly nummer: string;
  namn: string;
  rad: number;
}

/** #OIB/#OUB of one account and object. */
export interface ObjektSaldo {
  oib: Ore | null;
  oub: Ore | null;
}

/** A #PSALDO or #PBUDGET row. `objekt` is empty for account-level rows. */
export interface PeriodSaldo {
  readonly arsnr: number;
  /** YYYYMM */
  readonly period: string;
  readonly konto: string;
  readonly objekt: ReadonlyArray<readonly [dimension: string, objekt: string]>;
  readonly belopp: Ore;
  readonly rad: number;
}

/** Per voucher series: how many vouchers, their number range and dates. */
export interface Serie {
  antal: number;
  forstaNr: string;
  sistaNr: string;
  forstaDatum: string;
  sistaDatum: string;
}

export interface Verifikationer {
  antal: number;
  /** #TRANS rows counted (the #TRANS copy after an #RTRANS counts once, in `antalRtrans`). */
  antalTrans: number;
  antalRtrans: number;
  antalBtrans: number;
  serier: Map<string, Serie>;
}

export interface Foretag {
  /** #FNAMN */
  namn: string | null;
  /** #ORGNR (first field) */
  orgnr: string | null;
  /** #FNR */
  fnr: string | null;
  /** #FTYP */
  ftyp: string | null;
  /** #PROGRAM name and version */
  program: string | null;
  /** #GEN date (YYYYMMDD) and signature */
  genDatum: string | null;
  genSign: string | null;
  /** #SIETYP as written ("4" for 4E and 4I) */
  sietyp: string | null;
  /** #KPTYP */
  kptyp: string | null;
  /** #VALUTA, null = SEK */
  valuta: string | null;
  /** #OMFATTN */
  omfattn: string | null;
  /** #TAXAR */
  taxar: string | null;
  /** #FLAGGA */
  flagga: string | null;
}

/** #KSUMMA as found: the opening marker's line, the closing value, and the CRC computed. */
export interface Kontrollsumma {
  startRad: number;
  /** The closing record's value as written (decimal, maybe signed), or null if missing. */
  varde: string | null;
  slutRad: number;
  /** CRC-32 of the covered bytes, unsigned. */
  beraknad: number;
}

export interface Bok {
  /** The file as named on the command line, for findings' source. */
  readonly fil: string;
  kodning: Kodning;
  /** #FORMAT's value (PC8 per the spec), or null if absent. */
  format: string | null;
  foretag: Foretag;
  /** #RAR by year index. */
  rar: Map<number, Rakenskapsar>;
  /** Declared accounts (#KONTO), by number. */
  konton: Map<string, Konto>;
  /** Balances per year index, then per account: every account any record names. */
  saldon: Map<number, Map<string, KontoSaldo>>;
  dimensioner: Map<string, Dimension>;
  /** #OBJEKT: dimension → object code → object. */
  objekt: Map<string, Map<string, Objekt>>;
  /** Σ #TRANS of year 0 per dimension → object → account, for postings naming the object. */
  objektRorelse: Map<string, Map<string, Map<string, Ore>>>;
  /** Objects named in any object list: dimension → object code → first line naming it. */
  objektAnvandning: Map<string, Map<string, number>>;
  /** #OIB/#OUB: year index → dimension → object → account. */
  objektSaldon: Map<number, Map<string, Map<string, Map<string, ObjektSaldo>>>>;
  psaldo: PeriodSaldo[];
  pbudget: PeriodSaldo[];
  verifikationer: Verifikationer;
  /** Records read, per label (known labels only). */
  poster: Map<string, number>;
  /** Records with a label the spec does not know: skipped, counted per label. */
  okandaPoster: Map<string, number>;
  /** Null when the file has no opening #KSUMMA. */
  ksumma: Kontrollsumma | null;
  /** Line of the first record, and whether it was #FLAGGA. */
  flaggaForst: boolean;
}

/**
 * The account's type: #KTYP when declared, else the BAS default by kontoklass
 * (1 T, 2 S, 3 I, 4–9 K). Only balance (T/S) versus result (K/I) matters to the checks.
 */
export function kontotyp(konto: string, deklarerad: Kontotyp | null | undefined): Kontotyp {
  if (deklarerad) return deklarerad;
  const klass = konto.charCodeAt(0) - 48;
  return klass === 1 ? 'T' : klass === 2 ? 'S' : klass === 3 ? 'I' : 'K';
}

/** Balance account (T/S), as opposed to a result account (K/I). */
export const arBalanskonto = (typ: Kontotyp): boolean => typ === 'T' || typ === 'S';

/** Öre as an exact decimal string in kr: -123456n → "-1234.56". */
export function oreTillKr(ore: Ore): string {
  const neg = ore < 0n;
  const s = (neg ? -ore : ore).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** An empty account balance for one year. */
export function tomtSaldo(forstaRad: number): KontoSaldo {
  return { ib: null, ub: null, res: null, rorelse: 0n, antalTrans: 0, psaldo: null, ibRad: 0, ubRad: 0, resRad: 0, forstaRad };
}

/** An empty book for a file. */
export function tomBok(fil: string, kodning: Kodning): Bok {
  return {
    fil,
    kodning,
    format: null,
    foretag: {
      namn: null, orgnr: null, fnr: null, ftyp: null, program: null, genDatum: null, genSign: null,
      sietyp: null, kptyp: null, valuta: null, omfattn: null, taxar: null, flagga: null,
    },
    rar: new Map(),
    konton: new Map(),
    saldon: new Map(),
    dimensioner: new Map(),
    objekt: new Map(),
    objektRorelse: new Map(),
    objektAnvandning: new Map(),
    objektSaldon: new Map(),
    psaldo: [],
    pbudget: [],
    verifikationer: { antal: 0, antalTrans: 0, antalRtrans: 0, antalBtrans: 0, serier: new Map() },
    poster: new Map(),
    okandaPoster: new Map(),
    ksumma: null,
    flaggaForst: false,
  };
}
