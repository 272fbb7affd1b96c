/**
 * The streaming SIE 4 reader (4E and 4I). It reads the file in chunks of whole lines, splits
 * each line into fields in place (rad.ts), and sums amounts as integer öre as they pass;
 * no voucher or posting is kept. Text is kept as bytes (latin1 strings, one char per byte)
 * and decoded once at the end, when the encoding is known (kodning.ts). Syntax errors are
 * collected with file:line:column; integrity deviations of single vouchers are noted for the
 * D-rules. Memory does not grow with the number of vouchers, only with the number of
 * accounts, objects and account-object pairs.
 */
import { sortErrors, type InputError } from '../ledger/errors.js';
import { tomBok, tomtSaldo, type Bok, type KontoSaldo, type Kontotyp, type Ore } from '../books/model.js';
import type { VerAvvikelse } from '../books/regler.js';
import { ByteTable, Summor } from './bytes.js';
import { Kodningsdetektor, avkoda } from './kodning.js';
import type { Message } from '../messages/catalogue.js';
import { LISTA, Rad, STOP_UTE } from './rad.js';
import { belopp, lasArsnr, lasDatum, lasOre, lasPeriod, provatDatum } from './tal.js';
import { byggBok, type Radata, type SerieRa } from './bygg.js';
import { crc32Kombinera, crcOver, crcSkift, skifta } from './crc.js';
import { faltRad, skannaRad, skannaTrans, transRad } from './snabb.js';

type SieFelkod = Extract<Message['code'], `sie.${string}` | 'kodning.utf16'>;

/** The labels the reader knows, as small integers (plain constants: the hot path compares them per line). */
const E = {
  FLAGGA: 0,
  PROGRAM: 1,
  FORMAT: 2,
  GEN: 3,
  SIETYP: 4,
  PROSA: 5,
  FTYP: 6,
  FNR: 7,
  ORGNR: 8,
  BKOD: 9,
  ADRESS: 10,
  FNAMN: 11,
  RAR: 12,
  TAXAR: 13,
  OMFATTN: 14,
  KPTYP: 15,
  VALUTA: 16,
  KONTO: 17,
  KTYP: 18,
  ENHET: 19,
  SRU: 20,
  DIM: 21,
  UNDERDIM: 22,
  OBJEKT: 23,
  IB: 24,
  UB: 25,
  OIB: 26,
  OUB: 27,
  RES: 28,
  PSALDO: 29,
  PBUDGET: 30,
  VER: 31,
  TRANS: 32,
  RTRANS: 33,
  BTRANS: 34,
  KSUMMA: 35,
} as const;
export const ETIKETTER: readonly string[] = Object.keys(E).map((k) => `#${k}`);

/** Per label: the first field that is free text only (0: none), where an open quote may run to the line's end. */
const TEXT_FRAN = (() => {
  const t = new Int8Array(ETIKETTER.length);
  const fran: [number, number][] = [[E.TRANS, 5], [E.RTRANS, 5], [E.BTRANS, 5], [E.VER, 4], [E.KONTO, 2], [E.OBJEKT, 3], [E.DIM, 2], [E.UNDERDIM, 2],
    [E.FNAMN, 1], [E.ADRESS, 1], [E.PROSA, 1], [E.PROGRAM, 1], [E.GEN, 2]];
  for (const [lab, i] of fran) t[lab] = i;
  return t;
})();

/** A line longer than this is not read (memory stays bounded): an input error. */
export const MAX_RAD = 8 << 20;

/** At most this many input errors are listed; the rest are counted. */
export const MAX_FEL = 1000;

export interface SieLasning {
  readonly bok: Bok;
  /** Syntax errors, in file order (at most MAX_FEL). */
  readonly fel: InputError[];
  readonly felTotalt: number;
  readonly avvikelser: VerAvvikelse[];
  /** Whether a worker thread read part of the file (fil.ts); only tests look at it. */
  readonly delad?: boolean;
}

interface Felrad {
  rad: number;
  byteKolumn: number;
  utf8Kolumn: number;
  kod: SieFelkod;
  varden: Record<string, string | number>;
}

export class SieLasare {
  private readonly r = new Rad();
  private readonly etiketter = new ByteTable();
  private readonly detektor = new Kodningsdetektor();
  private readonly d: Radata;
  private rad = 0;
  private radStart = 0;
  private buf: Buffer = Buffer.alloc(0);
  private forstaPost = true;
  private utf16 = false;
  private felrader: Felrad[] = [];
  private felTotalt = 0;
  // Vouchers
  private vantarKlammer = 0;
  private iVer = 0;
  /** The open voucher. Its text stays in the chunk (textStart, textSlut) until the chunk is done, then is copied to verText. */
  private ver = { serie: 0, nr: 0, nrText: null as string | null, datum: 0, textStart: 0, textSlut: 0, kopierad: true, summa: 0, stor: 0n };
  private readonly verText = Buffer.alloc(1024);
  private rtrans: { kontering: number; ore: number; stor: bigint; rad: number } | null = null;
  private readonly nyckel = Buffer.alloc(1024);
  /**
   * Set when this reader reads the second part of a split file in a worker (fil.ts): it
   * reads vouchers only, gives up (throws AVBRYT) at anything the part alone cannot judge,
   * stops before the first other record, and notes each series' first voucher.
   */
  arbetare: { forsta: ForstaVer[] } | null = null;
  /**
   * Per kontering: the CRC register's step from 0 over `#TRANS` and the account's and objects'
   * bytes, its length, and the tables that shift a register over that length (crc.ts).
   * Undefined tables: the hot path (snabbTrans) leaves the kontering to the tokenizer.
   */
  private kontCrc = new Int32Array(64);
  private kontCrcLangd = new Int32Array(64);
  private readonly kontSkift: (Int32Array | undefined)[] = [];
  /** The last two dates the hot path summed, and the CRC register's steps over their bytes from 0. */
  private readonly crcDatum = new Int32Array([-1, -1]);
  private readonly crcDatumSteg = new Int32Array(2);
  /** Per voucher series: the CRC register's step from 0 over `#VER` and the series, its length and its tables. */
  private readonly serieSteg: number[] = [];
  private readonly serieLangd: number[] = [];
  private readonly serieSkift: (Int32Array | undefined)[] = [];
  /** Off in the tests that compare the hot path with the tokenizer alone. */
  static snabbvag = true;

  constructor(readonly fil: string) {
    for (const e of ETIKETTER) this.etiketter.id(Buffer.from(e, 'latin1'), 0, e.length);
    this.d = {
      konton: new ByteTable(), kontoRad: new Int32Array(64), par: new ByteTable(), parRad: new Int32Array(64),
      kontering: new ByteTable(), kontKonto: new Int32Array(64), kontPar: [], kontAntal: new Int32Array(64), kontSumma: new Summor(),
      saldon: new Map(), kontoinfo: new Map(), rar: new Map(), dimensioner: new Map(), objekt: new Map(),
      objektSaldon: new Map(), psaldo: [], pbudget: [], serieId: new ByteTable(), serier: [], avvikelser: [],
      poster: new Int32Array(ETIKETTER.length), okanda: new Map(), antalVer: 0, antalTrans0: 0, antalRtrans: 0, antalBtrans: 0,
      ksumma: null, flaggaForst: false, rar0: null, format: null, foretag: tomBok('', 'cp437').foretag,
    };
  }

  /**
   * Read the lines of buf[s, e): whole lines, the last ending with LF at e - 1. Returns e,
   * or in a worker the start of the line it stopped before.
   */
  mata(buf: Buffer, s: number, e: number): number {
    if (this.utf16) return e;
    if (this.rad === 0 && s === 0 && !this.arbetare && e >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.detektor.bom = true;
      s = 3;
    }
    if (this.rad === 0 && s === 0 && e >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
      // UTF-16: every other byte a NUL; one error says it, not one per line.
      this.utf16 = true;
      this.felTotalt++;
      this.felrader.push({ rad: 1, byteKolumn: 1, utf8Kolumn: 1, kod: 'kodning.utf16', varden: {} });
      return e;
    }
    this.detektor.se(buf.subarray(s, e));
    this.buf = buf;
    let p = s;
    while (p < e) {
      this.rad++;
      this.radStart = p;
      const lf = this.linje(buf, p);
      if (lf < 0) {
        this.rad--;
        this.behallText();
        return p;
      }
      p = lf + 1;
    }
    this.behallText();
    return e;
  }

  /** A line longer than MAX_RAD: reported, and skipped by the caller. Returns true. */
  forLangRad(): boolean {
    if (this.arbetare) throw AVBRYT;
    this.rad++;
    this.felTotalt++;
    this.felrader.push({ rad: this.rad, byteKolumn: 1, utf8Kolumn: 1, kod: 'sie.rad_for_lang', varden: { mib: MAX_RAD >> 20 } });
    return true;
  }

  /** The file has ended: close what is open and build the books. */
  avsluta(): SieLasning {
    if (this.iVer) this.fel('sie.ver_oavslutad', 0, { rad: this.iVer }, this.iVer);
    if (this.vantarKlammer) this.fel('sie.ver_utan_klammer', 0, {}, this.vantarKlammer);
    if (this.r.kontroll && this.d.ksumma) this.d.ksumma.beraknad = ~this.r.crc >>> 0;
    const kodning = this.detektor.kodning(this.texter());
    const bok = byggBok(this.fil, kodning, this.d, ETIKETTER);
    const fel = sortErrors(this.felrader.map((f) => ({
      file: this.fil,
      line: f.rad,
      column: kodning === 'utf-8' ? f.utf8Kolumn : f.byteKolumn,
      code: f.kod,
      params: f.varden,
    }) as InputError));
    const avvikelser = this.d.avvikelser.map((a) => ({ ...a, serie: avkoda(a.serie, kodning), nr: avkoda(a.nr, kodning), text: avkoda(a.text, kodning), detalj: avkoda(a.detalj, kodning) }));
    return { bok, fel, felTotalt: this.felTotalt, avvikelser };
  }

  /** The texts kept, as byte strings: the sample that tells CP437 from Windows-1252. */
  private *texter(): Iterable<string> {
    const d = this.d;
    for (const k of d.kontoinfo.values()) yield k.namn;
    for (const m of d.objekt.values()) for (const o of m.values()) yield o.namn;
    for (const dim of d.dimensioner.values()) yield dim.namn;
    for (const v of Object.values(d.foretag)) if (v) yield v;
    for (const a of d.avvikelser) yield a.text;
  }

  /** One line from s; returns the position of its LF. */
  private linje(buf: Buffer, s: number): number {
    let i = s;
    while (buf[i] === 32 || buf[i] === 9 || buf[i] === 13) i++;
    const c = buf[i]!;
    if (c === 10) return i;
    if (c === 123 || c === 125 || c === 0x1a) {
      let j = i + 1;
      while (buf[j] === 32 || buf[j] === 9 || buf[j] === 13) j++;
      if (buf[j] !== 10) this.fel(c === 123 ? 'sie.klammer_oppna' : c === 125 ? 'sie.klammer_stang' : 'sie.ingen_post', j);
      else if (c !== 0x1a) this.klammer(c, i); // 0x1a alone: a DOS end-of-file mark
      return buf[j] === 10 ? j : buf.indexOf(10, j);
    }
    if (c !== 35) {
      this.fel('sie.ingen_post', i);
      return buf.indexOf(10, i);
    }
    const lf = this.snabbvag(buf, i);
    if (lf >= 0) return lf;
    if (this.arbetare && !this.verifikationsrad(buf, i)) return -1;
    // The closing #KSUMMA is not covered by the CRC: a line that may be it is read without.
    const kanskeKsumma = this.r.kontroll && buf[i + 1] === 75 && buf[i + 2] === 83;
    if (kanskeKsumma) this.r.kontroll = false;
    const end = this.r.las(buf, i);
    if (!this.r.fel && this.r.oppetCitat >= 0) this.oppetCitat();
    if (this.r.fel) {
      this.radfel();
      return end;
    }
    if (kanskeKsumma && this.etikett(buf, this.r.start[0]!, this.r.slut[0]!) !== E.KSUMMA) {
      this.r.kontroll = true;
      this.r.summeraFalt();
    }
    this.post(buf, i);
    return end;
  }

  /**
   * In a worker: whether the record at i is a voucher's (#VER, #TRANS, #RTRANS, #BTRANS).
   * Before any other, between vouchers, the worker stops; inside a voucher it gives up.
   */
  private verifikationsrad(buf: Buffer, i: number): boolean {
    let j = i;
    while (!STOP_UTE[buf[j]!]) j++;
    const lab = this.etikett(buf, i, j);
    if (lab === E.VER || lab === E.TRANS || lab === E.RTRANS || lab === E.BTRANS) return true;
    if (!this.ren()) throw AVBRYT;
    return false;
  }

  /** Between vouchers: nothing open that the next line could close or report. */
  private ren(): boolean {
    return !this.iVer && !this.vantarKlammer && !this.rtrans && !this.forstaPost && !this.utf16;
  }

  /** A record, tokenized: its label decides what it is. */
  private post(buf: Buffer, s: number): void {
    const r = this.r;
    const lab = this.etikett(buf, r.start[0]!, r.slut[0]!);
    // #FLAGGA comes first; an opening #KSUMMA may precede it (some writers put it there).
    if (this.forstaPost && lab !== E.KSUMMA) {
      this.forstaPost = false;
      this.d.flaggaForst = lab === E.FLAGGA;
    }
    if (this.vantarKlammer) {
      this.fel('sie.ver_utan_klammer', s, {}, this.vantarKlammer);
      this.vantarKlammer = 0;
    }
    if (lab < 0) return this.okand(buf);
    if (this.rtrans && lab !== E.TRANS) this.rtransUtanPar();
    if (lab === E.TRANS || lab === E.RTRANS || lab === E.BTRANS) {
      this.d.poster[lab]!++;
      if (!this.iVer) return this.fel('sie.trans_utanfor_ver', s, { post: ETIKETTER[lab]! });
      return this.trans(buf, lab);
    }
    if (this.iVer) this.fel('sie.post_i_ver', s, { post: ETIKETTER[lab]! });
    this.d.poster[lab]!++;
    this.ovrigPost(lab);
  }

  private klammer(c: number, s: number): void {
    if (this.rtrans) this.rtransUtanPar();
    if (c === 123) {
      if (!this.vantarKlammer) return this.fel('sie.klammer_oppna', s);
      this.iVer = this.vantarKlammer;
      this.vantarKlammer = 0;
      return;
    }
    if (!this.iVer) return this.fel('sie.klammer_stang', s);
    this.stangVer();
  }

  private okand(buf: Buffer): void {
    const namn = buf.toString('latin1', this.r.start[0]!, this.r.slut[0]!);
    this.d.okanda.set(namn, (this.d.okanda.get(namn) ?? 0) + 1);
  }

  /**
   * A quote left open to the line's end is an error, unless it opens a record's free text
   * (a transaction's or voucher's text, a name): SoftOne, for one, cuts texts at a fixed
   * width, closing quote and all. That field then ends with the line.
   */
  private oppetCitat(): void {
    const r = this.r;
    const lab = this.etikett(this.buf, r.start[0]!, r.slut[0]!);
    const fran = lab < 0 ? 1 : TEXT_FRAN[lab]!;
    if (fran && r.oppetCitat >= fran) return;
    r.fel = 'citat';
    r.felPos = r.bStart[r.oppetCitat]!;
  }

  /** The label's id: #TRANS and #VER without hashing, the rest by table; -1 if unknown. */
  private etikett(buf: Buffer, s: number, e: number): number {
    if (e - s === 6 && buf[s + 1] === 84 && buf[s + 2] === 82 && buf[s + 3] === 65 && buf[s + 4] === 78 && buf[s + 5] === 83) return E.TRANS;
    if (e - s === 4 && buf[s + 1] === 86 && buf[s + 2] === 69 && buf[s + 3] === 82) return E.VER;
    return this.etiketter.find(buf, s, e);
  }

  // ---- fields -------------------------------------------------------------------------

  /** Field i as a byte string (latin1), or null when the line has fewer fields. */
  private t(i: number): string | null {
    const r = this.r;
    if (i >= r.n) return null;
    return r.typ[i] === LISTA ? '' : this.buf.toString('latin1', r.start[i]!, r.slut[i]!);
  }

  /** A mandatory field: null after reporting it missing. */
  private krav(i: number, falt: string): string | null {
    const v = this.t(i);
    if (v === null) this.fel('sie.falt_saknas', this.r.bSlut[this.r.n - 1]!, { falt });
    return v;
  }

  private kol(i: number): number {
    const r = this.r;
    return i < r.n ? r.bStart[i]! : r.bSlut[r.n - 1]!;
  }

  private arsnr(i: number): number {
    const v = this.krav(i, 'årsnummer');
    if (v === null) return NaN;
    const n = lasArsnr(this.buf, this.r.start[i]!, this.r.slut[i]!);
    if (Number.isNaN(n)) this.fel('sie.arsnr_ogiltigt', this.kol(i), { varde: v });
    return n;
  }

  /** Date of field i as yyyymmdd; 0 when an optional field is absent or empty, -1 after an error. */
  private datum(i: number, falt: string, valfritt: boolean): number {
    const r = this.r;
    if (i >= r.n) return valfritt ? 0 : (this.krav(i, falt), -1);
    if (valfritt && r.slut[i] === r.start[i]) return 0;
    const d = lasDatum(this.buf, r.start[i]!, r.slut[i]!);
    if (d < 0) this.fel('sie.datum_ogiltigt', this.kol(i), { falt, varde: this.t(i)! });
    return d;
  }

  /** Amount of field i in öre; NaN after an error. Big amounts: `belopp.status === 'stort'`. */
  private belopp(i: number, falt: string): number {
    if (i >= this.r.n) {
      this.krav(i, falt);
      return NaN;
    }
    const r = this.r;
    const ore = lasOre(this.buf, r.start[i]!, r.slut[i]!);
    const st = belopp.status;
    if (st === 'ok' || st === 'stort') return ore;
    const kod: SieFelkod = st === 'plus' ? 'sie.belopp_plus' : st === 'decimaler' ? 'sie.belopp_decimaler' : 'sie.belopp_ogiltigt';
    this.fel(kod, r.start[i]! + belopp.kolumn, { falt, varde: this.t(i)! });
    return NaN;
  }

  private bigOre(ore: number): Ore {
    return belopp.status === 'stort' ? belopp.stort : BigInt(ore);
  }

  /** The object list of field i as pairs of byte strings; null after an error. */
  private lista(i: number, falt: string): [string, string][] | null {
    const r = this.r;
    if (i >= r.n || r.typ[i] !== LISTA) {
      this.fel('sie.objektlista_saknas', this.kol(i), { falt });
      return null;
    }
    const a = r.start[i]!;
    const b = r.slut[i]!;
    if ((b - a) % 2) {
      this.fel('sie.objektlista_udda', this.kol(i));
      return null;
    }
    const out: [string, string][] = [];
    for (let j = a; j < b; j += 2) out.push([this.buf.toString('latin1', r.oStart[j]!, r.oSlut[j]!), this.buf.toString('latin1', r.oStart[j + 1]!, r.oSlut[j + 1]!)]);
    return out;
  }

  // ---- records --------------------------------------------------------------------------

  /** Every record but the voucher lines. */
  private ovrigPost(lab: number): void {
    const d = this.d;
    const f = d.foretag;
    switch (lab) {
      case E.FLAGGA: return void (f.flagga = this.krav(1, 'flagga'));
      // What only describes the company or the program may be left empty: many systems write `#ORGNR` alone.
      case E.PROGRAM: return void (f.program = [this.t(1), this.t(2)].filter((x) => x).join(' ') || null);
      case E.FORMAT: return void (d.format = this.krav(1, 'format'));
      case E.GEN: return this.gen();
      case E.SIETYP: return void (f.sietyp = this.krav(1, 'typnummer'));
      case E.FTYP: return void (f.ftyp = this.t(1) || null);
      case E.FNR: return void (f.fnr = this.t(1) || null);
      case E.ORGNR: return void (f.orgnr = this.t(1) || null);
      case E.FNAMN: return void (f.namn = this.t(1));
      case E.TAXAR: return void (f.taxar = this.t(1) || null);
      case E.OMFATTN: return void (f.omfattn = this.datum(1, 'datum', false) ? this.t(1) : null);
      case E.KPTYP: return void (f.kptyp = this.t(1) || null);
      case E.VALUTA: return void (f.valuta = this.t(1) || null);
      case E.RAR: return this.rar();
      case E.KONTO: case E.KTYP: case E.ENHET: case E.SRU: return this.kontoinfo(lab);
      case E.DIM: case E.UNDERDIM: return this.dim(lab === E.UNDERDIM);
      case E.OBJEKT: return this.objekt();
      case E.IB: case E.UB: case E.RES: return this.saldo(lab);
      case E.OIB: case E.OUB: return this.objektSaldo(lab === E.OIB);
      case E.PSALDO: case E.PBUDGET: return this.period(lab === E.PSALDO);
      case E.VER: return this.verifikation();
      case E.KSUMMA: return this.ksumma();
      default: return; // #PROSA, #BKOD, #ADRESS: nothing the books need
    }
  }

  private gen(): void {
    const f = this.d.foretag;
    f.genDatum = this.datum(1, 'datum', false) ? this.t(1) : null;
    f.genSign = this.t(2);
  }

  private rar(): void {
    // `#RAR 0` without dates (BL Administration writes it in 4I files): no year, not an error.
    if (this.r.n <= 2) return;
    const arsnr = this.arsnr(1);
    const start = this.datum(2, 'startdatum', false);
    const slut = this.datum(3, 'slutdatum', false);
    if (Number.isNaN(arsnr) || start <= 0 || slut <= 0) return;
    this.d.rar.set(arsnr, { arsnr, start: String(start), slut: String(slut), rad: this.rad });
    if (arsnr === 0) this.d.rar0 = [start, slut];
  }

  private kontoId(i: number): number {
    const r = this.r;
    if (i >= r.n || r.slut[i] === r.start[i] || r.typ[i] === LISTA) {
      this.fel(i >= r.n ? 'sie.falt_saknas' : 'sie.konto_tomt', this.kol(i), { falt: 'kontonummer' });
      return -1;
    }
    const d = this.d;
    const id = d.konton.id(this.buf, r.start[i]!, r.slut[i]!);
    if (id >= d.kontoRad.length) d.kontoRad = grow(d.kontoRad);
    if (!d.kontoRad[id]) d.kontoRad[id] = this.rad;
    return id;
  }

  private kontoinfo(lab: number): void {
    const id = this.kontoId(1);
    if (id < 0) return;
    const d = this.d;
    const info = d.kontoinfo.get(id) ?? { namn: '', typ: null, enhet: null, sru: [], rad: 0 };
    d.kontoinfo.set(id, info);
    if (lab === E.KONTO) {
      info.namn = this.t(2) ?? '';
      info.rad = this.rad;
    } else if (lab === E.KTYP) {
      // `#KTYP DIFF` without a type (SoftOne): the kontoklass decides, as without #KTYP.
      const typ = this.t(2);
      if (!typ) return;
      if (!/^[TSKI]$/.test(typ)) return this.fel('sie.kontotyp', this.kol(2), { varde: typ });
      info.typ = typ as Kontotyp;
    } else if (lab === E.ENHET) info.enhet = this.krav(2, 'enhet');
    else {
      const kod = this.krav(2, 'SRU-kod');
      if (kod !== null) info.sru.push(kod);
    }
  }

  private dim(under: boolean): void {
    const nr = this.krav(1, 'dimensionsnummer');
    if (nr === null) return;
    this.d.dimensioner.set(nr, { nummer: nr, namn: this.t(2) ?? '', overordnad: under ? this.krav(3, 'superdimension') : null, rad: this.rad });
  }

  private objekt(): void {
    const dim = this.krav(1, 'dimensionsnummer');
    const obj = this.krav(2, 'objektnummer');
    if (dim === null || obj === null) return;
    const d = this.d;
    if (!d.objekt.has(dim)) d.objekt.set(dim, new Map());
    d.objekt.get(dim)!.set(obj, { dimension: dim, nummer: obj, namn: this.t(3) ?? '', rad: this.rad });
  }

  private saldo(lab: number): void {
    const arsnr = this.arsnr(1);
    const id = this.kontoId(2);
    const ore = this.belopp(3, 'saldo');
    if (Number.isNaN(arsnr) || id < 0 || Number.isNaN(ore)) return;
    const s = this.kontoSaldo(arsnr, id);
    const v = this.bigOre(ore);
    if (lab === E.IB) [s.ib, s.ibRad] = [(s.ib ?? 0n) + v, this.rad];
    else if (lab === E.UB) [s.ub, s.ubRad] = [(s.ub ?? 0n) + v, this.rad];
    else [s.res, s.resRad] = [(s.res ?? 0n) + v, this.rad];
  }

  private kontoSaldo(arsnr: number, id: number): KontoSaldo {
    const d = this.d;
    let ar = d.saldon.get(arsnr);
    if (!ar) d.saldon.set(arsnr, (ar = new Map()));
    let s = ar.get(id);
    if (!s) ar.set(id, (s = tomtSaldo(this.rad)));
    return s;
  }

  private objektSaldo(oib: boolean): void {
    const arsnr = this.arsnr(1);
    const id = this.kontoId(2);
    const lista = this.lista(3, 'objekt');
    const ore = this.belopp(4, 'saldo');
    if (Number.isNaN(arsnr) || id < 0 || !lista || Number.isNaN(ore)) return;
    const v = this.bigOre(ore);
    for (const [dim, obj] of lista) {
      this.anvandObjekt(dim, obj);
      const konto = nested(nested(nested(this.d.objektSaldon, arsnr), dim), obj);
      const s = konto.get(id) ?? { oib: null, oub: null };
      konto.set(id, s);
      if (oib) s.oib = (s.oib ?? 0n) + v;
      else s.oub = (s.oub ?? 0n) + v;
    }
  }

  private anvandObjekt(dim: string, obj: string): void {
    const n = this.nyckel;
    const len = n.write(dim, 0, 'latin1') + 1;
    n[len - 1] = 0;
    this.parId(n, 0, len + n.write(obj, len, 'latin1'));
  }

  private parId(buf: Buffer, s: number, e: number): number {
    const d = this.d;
    const id = d.par.id(buf, s, e);
    if (id >= d.parRad.length) d.parRad = grow(d.parRad);
    if (!d.parRad[id]) d.parRad[id] = this.rad;
    return id;
  }

  private period(psaldo: boolean): void {
    const arsnr = this.arsnr(1);
    const per = this.krav(2, 'period');
    if (per !== null && lasPeriod(this.buf, this.r.start[2]!, this.r.slut[2]!) < 0) this.fel('sie.period_ogiltig', this.kol(2), { falt: 'perioden', varde: per });
    const id = this.kontoId(3);
    const lista = this.lista(4, 'objekt');
    const ore = this.belopp(5, 'saldo');
    if (Number.isNaN(arsnr) || per === null || id < 0 || !lista || Number.isNaN(ore)) return;
    const v = this.bigOre(ore);
    for (const [dim, obj] of lista) this.anvandObjekt(dim, obj);
    (psaldo ? this.d.psaldo : this.d.pbudget).push({ arsnr, period: per, konto: id, objekt: lista, belopp: v, rad: this.rad });
    if (psaldo && !lista.length) {
      const s = this.kontoSaldo(arsnr, id);
      s.psaldo = (s.psaldo ?? 0n) + v;
    }
  }

  private ksumma(): void {
    const d = this.d;
    const varde = this.t(1);
    if (varde === null || varde === '') {
      if (!d.ksumma) {
        d.ksumma = { startRad: this.rad, varde: null, slutRad: 0, beraknad: 0 };
        this.r.kontroll = true;
        this.r.crc = -1;
      }
      return;
    }
    if (d.ksumma && d.ksumma.varde === null) {
      d.ksumma.varde = varde;
      d.ksumma.slutRad = this.rad;
      d.ksumma.beraknad = ~this.r.crc >>> 0;
      this.r.kontroll = false;
    }
  }

  // ---- vouchers (the hot path) -------------------------------------------------------

  private verifikation(): void {
    const r = this.r;
    const buf = this.buf;
    const d = this.d;
    // A #VER short of fields is reported; its block is still read, as a voucher of series "".
    if (r.n < 4) this.krav(r.n, r.n < 2 ? 'serie' : r.n < 3 ? 'verifikationsnummer' : 'verifikationsdatum');
    const serie = r.n > 1 ? d.serieId.id(buf, r.start[1]!, r.slut[1]!) : d.serieId.id(buf, 0, 0);
    const nr = r.n > 2 ? lasNummer(buf, r.start[2]!, r.slut[2]!) : NaN;
    const datum = r.n > 3 ? this.datum(3, 'verifikationsdatum', false) : -1;
    this.oppnaVer(serie, nr, Number.isNaN(nr) ? (this.t(2) ?? '') : null, datum, r.n > 4 ? r.start[4]! : 0, r.n > 4 ? r.slut[4]! : 0);
  }

  /** A #VER read: the voucher opens at the `{` that must follow. */
  private oppnaVer(serie: number, nr: number, nrText: string | null, datum: number, textStart: number, textSlut: number): void {
    const v = this.ver;
    const d = this.d;
    v.serie = serie;
    v.nr = nr;
    v.nrText = nrText;
    v.datum = datum;
    v.textStart = textStart;
    v.textSlut = Math.min(textSlut, textStart + this.verText.length);
    v.kopierad = false;
    v.summa = 0;
    v.stor = 0n;
    this.vantarKlammer = this.rad;
    d.antalVer++;
    this.serie();
    const rar0 = d.rar0;
    if (rar0 && v.datum > 0 && (v.datum < rar0[0] || v.datum > rar0[1])) this.avvikelse('datum', 0n, '');
  }

  /** The series' count, number range and dates; D-12's ascending numbers. */
  private serie(): void {
    const v = this.ver;
    const serier = this.d.serier;
    const s = serier[v.serie];
    if (!s) {
      serier[v.serie] = { antal: 1, forstaNr: this.nrText(), sistaNr: v.nr, sistaNrText: v.nrText, forstaDatum: v.datum, sistaDatum: v.datum };
      // Whether it follows the series' last voucher of the first part is judged when merging.
      this.arbetare?.forsta.push({ serie: v.serie, nr: v.nr, nrText: this.nrText(), datum: v.datum, text: this.verTextNu(), rad: this.rad, index: this.d.avvikelser.length });
      return;
    }
    if (!Number.isNaN(v.nr) && !Number.isNaN(s.sistaNr) && v.nr <= s.sistaNr) this.avvikelse('ordning', 0n, String(s.sistaNr));
    s.antal++;
    if (!Number.isNaN(v.nr) || v.nrText !== null) [s.sistaNr, s.sistaNrText] = [v.nr, v.nrText];
    if (v.datum > 0 && v.datum < s.forstaDatum) s.forstaDatum = v.datum;
    if (v.datum > s.sistaDatum) s.sistaDatum = v.datum;
  }

  /** The open voucher's text as a byte string. */
  private verTextNu(): string {
    const v = this.ver;
    return v.kopierad ? this.verText.toString('latin1', 0, v.textSlut) : this.buf.toString('latin1', v.textStart, v.textSlut);
  }

  /** The chunk is done (its bytes are about to move): keep the open voucher's text. */
  private behallText(): void {
    const v = this.ver;
    if (v.kopierad) return;
    v.textSlut = kopiera(this.buf, v.textStart, v.textSlut, this.verText);
    v.kopierad = true;
  }

  private nrText(): string {
    return this.ver.nrText ?? String(this.ver.nr);
  }

  private avvikelse(slag: VerAvvikelse['slag'], ore: Ore, detalj: string, rad = slag === 'obalans' ? this.iVer || this.rad : this.rad): void {
    const v = this.ver;
    const serie = this.d.serieId.key(v.serie).toString('latin1');
    this.d.avvikelser.push({ slag, serie, nr: this.nrText(), datum: String(v.datum), text: this.verTextNu(), belopp: ore, rad, detalj });
  }

  /**
   * #TRANS, #RTRANS, #BTRANS. The account and object list are looked up together as one
   * byte range (a "kontering"), so a posting costs one hash; its sum is spread over the
   * account and each object once, at the end.
   */
  private trans(buf: Buffer, lab: number): void {
    const d = this.d;
    if (lab === E.BTRANS) return void d.antalBtrans++;
    const r = this.r;
    let k = r.n > 2 ? d.kontering.find(buf, r.bStart[1]!, r.bSlut[2]!) : -1;
    if (k < 0) k = this.nyKontering(buf);
    const ore = this.belopp(3, 'beloppet');
    if (r.n > 4) this.transdatum();
    if (k < 0 || Number.isNaN(ore)) return;
    const stor = belopp.status === 'stort' ? belopp.stort : 0n;
    if (lab === E.RTRANS) {
      d.antalRtrans++;
      this.rtrans = { kontering: k, ore, stor, rad: this.rad };
    } else if (this.rtrans) {
      const p = this.rtrans;
      this.rtrans = null;
      if (p.ore === ore && p.stor === stor && this.sammaKontering(p.kontering, k)) return;
      this.avvikelse('rtrans', 0n, this.kontoText(p.kontering), p.rad);
    } else d.antalTrans0++;
    this.bokfor(k, ore, stor);
  }

  /** The hot path for #TRANS and #VER lines: their LF, or -1 when the tokenizer must read the line. */
  private snabbvag(buf: Buffer, i: number): number {
    if (!SieLasare.snabbvag || this.forstaPost || this.vantarKlammer || this.rtrans) return -1;
    const c = buf[i + 1];
    if (c === 84 && buf[i + 2] === 82 && buf[i + 3] === 65 && buf[i + 4] === 78 && buf[i + 5] === 83 && (buf[i + 6] === 32 || buf[i + 6] === 9)) return this.snabbTrans(buf, i + 7);
    if (c === 86 && buf[i + 2] === 69 && buf[i + 3] === 82 && (buf[i + 4] === 32 || buf[i + 4] === 9)) return this.snabbVer(buf, i);
    return -1;
  }

  /**
   * A #VER line outside a voucher whose fields are all plain (snabb.ts): exactly what post()
   * and verifikation() would do. -1 (nothing done) for anything else.
   */
  private snabbVer(buf: Buffer, i: number): number {
    if (this.iVer || !skannaRad(buf, i)) return -1;
    const f = faltRad;
    if (f.n < 4) return -1;
    const datum = lasDatum(buf, f.start[3]!, f.slut[3]!);
    if (datum < 0) return -1;
    const serie = this.d.serieId.id(buf, f.start[1]!, f.slut[1]!);
    if (this.r.kontroll) this.summeraVer(buf, serie, datum);
    this.d.poster[E.VER]!++;
    const nr = lasNummer(buf, f.start[2]!, f.slut[2]!);
    this.oppnaVer(serie, nr, Number.isNaN(nr) ? buf.toString('latin1', f.start[2]!, f.slut[2]!) : null, datum, f.n > 4 ? f.start[4]! : 0, f.n > 4 ? f.slut[4]! : 0);
    return f.lf;
  }

  /** The CRC over the #VER line in faltRad: `#VER` and the series by the series' kept step, the date by the date's. */
  private summeraVer(buf: Buffer, serie: number, datum: number): void {
    const r = this.r;
    const f = faltRad;
    let skift = this.serieSkift[serie];
    if (!skift) {
      this.serieSteg[serie] = crcOver(crcOver(0, buf, f.start[0]!, f.slut[0]!), buf, f.start[1]!, f.slut[1]!);
      this.serieLangd[serie] = f.slut[0]! - f.start[0]! + f.slut[1]! - f.start[1]!;
      skift = this.serieSkift[serie] = crcSkift(this.serieLangd[serie]!);
      if (!skift) return this.summeraSnabb(0);
    }
    const c = crcOver(skifta(skift, r.crc) ^ this.serieSteg[serie]!, buf, f.start[2]!, f.slut[2]!);
    r.crc = this.datumCrc(c, buf, f.start[3]!, datum);
    r.crcLangd += this.serieLangd[serie]! + f.slut[2]! - f.start[2]! + 8;
    this.summeraSnabb(4);
  }

  /** Add the fields of faltRad from the n-th on to the CRC, when it runs. */
  private summeraSnabb(n: number): void {
    const r = this.r;
    if (!r.kontroll) return;
    const f = faltRad;
    let c = r.crc;
    for (let j = n; j < f.n; j++) {
      c = crcOver(c, this.buf, f.start[j]!, f.slut[j]!);
      r.crcLangd += f.slut[j]! - f.start[j]!;
    }
    r.crc = c;
  }

  /**
   * The hot path: a #TRANS line inside a voucher, of the common shape (snabb.ts), on a
   * kontering read before. Does exactly what post() and trans() would; -1 (nothing done)
   * for anything else, which the tokenizer then reads. Else the position of the line's LF.
   */
  private snabbTrans(buf: Buffer, i: number): number {
    if (!this.iVer || !skannaTrans(buf, i)) return -1;
    const t = transRad;
    const d = this.d;
    const k = d.kontering.findHash(buf, t.nyckelStart, t.nyckelSlut, t.hash);
    const skift = k < 0 ? undefined : this.kontSkift[k];
    if (!skift) return -1;
    let td = t.datumStart < 0 ? 0 : provatDatum(t.datum);
    if (td < 0) return -1;
    let lf = t.svans;
    if (buf[lf] !== 10) {
      // Transtext, kvantitet, sign …; the date may be the first of them.
      if (!skannaRad(buf, lf)) return -1;
      const f = faltRad;
      lf = f.lf;
      if (t.datumStart < 0) td = f.slut[0] === f.start[0] ? 0 : lasDatum(buf, f.start[0]!, f.slut[0]!);
      if (td < 0) return -1;
    }
    const r = this.r;
    if (r.kontroll) {
      let c = crcOver(skifta(skift, r.crc) ^ this.kontCrc[k]!, buf, t.beloppStart, t.beloppSlut);
      if (t.datumStart >= 0) c = this.datumCrc(c, buf, t.datumStart, td);
      r.crc = c;
      r.crcLangd += this.kontCrcLangd[k]! + t.beloppSlut - t.beloppStart + (t.datumStart >= 0 ? 8 : 0);
      if (lf !== t.svans) this.summeraSnabb(0);
    }
    d.poster[E.TRANS]!++;
    const rar0 = d.rar0;
    if (rar0 && td > 0 && td !== this.ver.datum && (td < rar0[0] || td > rar0[1])) this.avvikelse('transdatum', 0n, String(td));
    d.antalTrans0++;
    this.bokfor(k, t.ore, 0n);
    return lf;
  }

  /** The CRC register over a date's eight bytes at s: most dates repeat the one before, whose step is kept. */
  private datumCrc(c: number, buf: Buffer, s: number, datum: number): number {
    if (datum === this.crcDatum[0]) return skifta(SKIFT_8, c) ^ this.crcDatumSteg[0]!;
    if (datum !== this.crcDatum[1]) {
      // Two kept: a voucher's date and another (its registration date, or the month's last).
      this.crcDatum[1] = this.crcDatum[0]!;
      this.crcDatumSteg[1] = this.crcDatumSteg[0]!;
      this.crcDatum[0] = datum;
      this.crcDatumSteg[0] = crcOver(0, buf, s, s + 8);
      return skifta(SKIFT_8, c) ^ this.crcDatumSteg[0];
    }
    return skifta(SKIFT_8, c) ^ this.crcDatumSteg[1]!;
  }

  /** A new kontering's step of the CRC for the hot path, unless its bytes were unescaped in place. */
  private snabbKontering(k: number, buf: Buffer): void {
    const r = this.r;
    if (r.escape >= 0 && r.escape < r.bSlut[2]!) return;
    let c = crcOver(0, TRANS_ETIKETT, 0, TRANS_ETIKETT.length);
    let n = TRANS_ETIKETT.length;
    const falt = [r.start[1]!, r.slut[1]!];
    for (let j = r.start[2]!; j < r.slut[2]!; j++) falt.push(r.oStart[j]!, r.oSlut[j]!);
    for (let j = 0; j < falt.length; j += 2) {
      c = crcOver(c, buf, falt[j]!, falt[j + 1]!);
      n += falt[j + 1]! - falt[j]!;
    }
    if (k >= this.kontCrc.length) [this.kontCrc, this.kontCrcLangd] = [grow(this.kontCrc), grow(this.kontCrcLangd)];
    this.kontCrc[k] = c;
    this.kontCrcLangd[k] = n;
    this.kontSkift[k] = crcSkift(n);
  }

  /** A new account-and-objects combination: checked, its objects interned; -1 after an error. */
  private nyKontering(buf: Buffer): number {
    const r = this.r;
    const id = this.kontoId(1);
    if (r.n < 3 || r.typ[2] !== LISTA) return (this.fel('sie.objektlista_saknas', this.kol(2), { falt: 'objektlistan' }), -1);
    if ((r.slut[2]! - r.start[2]!) % 2) return (this.fel('sie.objektlista_udda', this.kol(2)), -1);
    if (id < 0) return -1;
    const par: number[] = [];
    for (let j = r.start[2]!; j < r.slut[2]!; j += 2) {
      const n = this.nyckel;
      const a = r.oSlut[j]! - r.oStart[j]!;
      const b = r.oSlut[j + 1]! - r.oStart[j + 1]!;
      if (a + b + 1 > n.length) continue; // absurdly long codes: not summed per object
      kopiera(buf, r.oStart[j]!, r.oSlut[j]!, n, 0);
      n[a] = 0;
      kopiera(buf, r.oStart[j + 1]!, r.oSlut[j + 1]!, n, a + 1);
      par.push(this.parId(n, 0, a + b + 1));
    }
    const d = this.d;
    const k = d.kontering.id(buf, r.bStart[1]!, r.bSlut[2]!);
    if (k >= d.kontKonto.length) [d.kontKonto, d.kontAntal] = [grow(d.kontKonto), grow(d.kontAntal)];
    d.kontKonto[k] = id;
    d.kontPar[k] = par;
    this.snabbKontering(k, buf);
    return k;
  }

  /** Same account and same objects (however the lists were spaced or quoted). */
  private sammaKontering(a: number, b: number): boolean {
    const d = this.d;
    if (a === b) return true;
    const pa = d.kontPar[a]!;
    const pb = d.kontPar[b]!;
    return d.kontKonto[a] === d.kontKonto[b] && pa.length === pb.length && pa.every((p) => pb.includes(p));
  }

  private kontoText(k: number): string {
    return this.d.konton.key(this.d.kontKonto[k]!).toString('latin1');
  }

  private transdatum(): void {
    const td = this.datum(4, 'transaktionsdatum', true);
    const rar0 = this.d.rar0;
    // A transdat equal to the voucher's date adds nothing to the voucher's own finding.
    if (rar0 && td > 0 && td !== this.ver.datum && (td < rar0[0] || td > rar0[1])) this.avvikelse('transdatum', 0n, String(td));
  }

  /** Add one posting to the voucher's sum and its kontering's. */
  private bokfor(k: number, ore: number, stor: bigint): void {
    const d = this.d;
    const v = this.ver;
    d.kontAntal[k]!++;
    if (stor) {
      v.stor += stor;
      d.kontSumma.addBig(k, stor);
      return;
    }
    const s = v.summa + ore;
    if (Number.isSafeInteger(s)) v.summa = s;
    else [v.stor, v.summa] = [v.stor + BigInt(v.summa) + BigInt(ore), 0];
    d.kontSumma.add(k, ore);
  }

  private stangVer(): void {
    const v = this.ver;
    const sum = v.stor + BigInt(v.summa);
    if (sum !== 0n) this.avvikelse('obalans', sum, '');
    this.iVer = 0;
  }

  private rtransUtanPar(): void {
    const p = this.rtrans!;
    this.rtrans = null;
    this.avvikelse('rtrans', 0n, this.kontoText(p.kontering), p.rad);
  }

  // ---- a file read in two parts (fil.ts) ---------------------------------------------

  /** What a worker reading the vouchers of the second part needs from the first: #RAR 0 and whether the CRC runs. */
  delningslage(): Delningslage {
    return { rar0: this.d.rar0, kontroll: this.r.kontroll };
  }

  /** Make this a worker's reader of the second part, from the first part's state as it will be. */
  blivArbetare(lage: Delningslage): void {
    this.arbetare = { forsta: [] };
    this.forstaPost = false;
    this.d.rar0 = lage.rar0;
    this.r.kontroll = lage.kontroll;
    this.r.crc = -1;
    this.r.crcLangd = 0;
  }

  /** The worker's result, having stopped before the byte `stopp` of the file; null if it cannot be merged. */
  delresultat(stopp: number): Delresultat | null {
    if (!this.ren() || !this.arbetare) return null;
    const d = this.d;
    const nycklar = (t: ByteTable) => Array.from({ length: t.size }, (_, id) => t.key(id).toString('latin1'));
    return {
      stopp, rad: this.rad, crc: this.r.crc, crcLangd: this.r.crcLangd, kodning: this.detektor.lage(),
      poster: [E.VER, E.TRANS, E.RTRANS, E.BTRANS].map((e) => d.poster[e]!),
      antal: [d.antalVer, d.antalTrans0, d.antalRtrans, d.antalBtrans],
      konton: nycklar(d.konton), kontoRad: Array.from(d.kontoRad.subarray(0, d.konton.size)),
      par: nycklar(d.par), parRad: Array.from(d.parRad.subarray(0, d.par.size)),
      kontering: nycklar(d.kontering), kontKonto: Array.from(d.kontKonto.subarray(0, d.kontering.size)), kontPar: d.kontPar,
      kontAntal: Array.from(d.kontAntal.subarray(0, d.kontering.size)), kontSumma: Array.from({ length: d.kontering.size }, (_, k) => d.kontSumma.get(k)),
      serier: nycklar(d.serieId).map((nyckel, id) => ({ nyckel, ...d.serier[id]! })), forsta: this.arbetare.forsta, avvikelser: d.avvikelser,
    };
  }

  /**
   * Take over a worker's reading of the part that follows what this reader has read: the
   * books, counts, CRC and line numbers become what one reader of both parts would have.
   * False (nothing changed) when this reader's state differs from what the worker assumed.
   */
  slaIhop(del: Delresultat, lage: Delningslage): boolean {
    const mitt = this.delningslage();
    if (!this.ren() || mitt.kontroll !== lage.kontroll || String(mitt.rar0) !== String(lage.rar0)) return false;
    const d = this.d;
    const rad = this.rad;
    const konto = del.konton.map((k, i) => this.internera(d.konton, 'kontoRad', k, del.kontoRad[i]! + rad));
    const par = del.par.map((k, i) => this.internera(d.par, 'parRad', k, del.parRad[i]! + rad));
    del.kontering.forEach((nyckel, i) => {
      const b = Buffer.from(nyckel, 'latin1');
      let k = d.kontering.find(b, 0, b.length);
      if (k < 0) {
        k = d.kontering.id(b, 0, b.length);
        if (k >= d.kontKonto.length) [d.kontKonto, d.kontAntal] = [grow(d.kontKonto), grow(d.kontAntal)];
        d.kontKonto[k] = konto[del.kontKonto[i]!]!;
        d.kontPar[k] = del.kontPar[i]!.map((p) => par[p]!);
      }
      d.kontAntal[k]! += del.kontAntal[i]!;
      d.kontSumma.addBig(k, del.kontSumma[i]!);
    });
    this.slaIhopSerier(del, rad);
    [E.VER, E.TRANS, E.RTRANS, E.BTRANS].forEach((e, i) => (d.poster[e]! += del.poster[i]!));
    d.antalVer += del.antal[0]!;
    d.antalTrans0 += del.antal[1]!;
    d.antalRtrans += del.antal[2]!;
    d.antalBtrans += del.antal[3]!;
    this.detektor.slaIhop(del.kodning);
    if (lage.kontroll) this.r.crc = ~crc32Kombinera(~this.r.crc, ~del.crc, del.crcLangd);
    this.rad += del.rad;
    return true;
  }

  private internera(t: ByteTable, rader: 'kontoRad' | 'parRad', nyckel: string, rad: number): number {
    const d = this.d;
    const b = Buffer.from(nyckel, 'latin1');
    const id = t.id(b, 0, b.length);
    if (id >= d[rader].length) d[rader] = grow(d[rader]);
    if (!d[rader][id]) d[rader][id] = rad;
    return id;
  }

  /** Series and the vouchers' deviations; the order of a series' first voucher in the second part against its last in the first. */
  private slaIhopSerier(del: Delresultat, rad: number): void {
    const d = this.d;
    const ordning: { index: number; rad: number; a: VerAvvikelse }[] = [];
    for (const { nyckel, ...w } of del.serier) {
      const b = Buffer.from(nyckel, 'latin1');
      const id = d.serieId.id(b, 0, b.length);
      const s = d.serier[id];
      if (!s) {
        d.serier[id] = { ...w };
        continue;
      }
      const f = del.forsta.find((x) => del.serier[x.serie]!.nyckel === nyckel)!;
      if (!Number.isNaN(f.nr) && !Number.isNaN(s.sistaNr) && f.nr <= s.sistaNr) {
        const a: VerAvvikelse = { slag: 'ordning', serie: nyckel, nr: f.nrText, datum: String(f.datum), text: f.text, belopp: 0n, rad: f.rad + rad, detalj: String(s.sistaNr) };
        ordning.push({ index: f.index, rad: f.rad, a });
      }
      s.antal += w.antal;
      [s.sistaNr, s.sistaNrText] = [w.sistaNr, w.sistaNrText];
      if (w.forstaDatum > 0 && w.forstaDatum < s.forstaDatum) s.forstaDatum = w.forstaDatum;
      if (w.sistaDatum > s.sistaDatum) s.sistaDatum = w.sistaDatum;
    }
    // Each where one reader would have noted it: before the deviations noted after its voucher.
    ordning.sort((x, y) => x.index - y.index || x.rad - y.rad);
    let n = 0;
    del.avvikelser.forEach((a, i) => {
      while (n < ordning.length && ordning[n]!.index <= i) d.avvikelser.push(ordning[n++]!.a);
      d.avvikelser.push({ ...a, rad: a.rad + rad });
    });
    while (n < ordning.length) d.avvikelser.push(ordning[n++]!.a);
  }

  // ---- errors ---------------------------------------------------------------------------

  private radfel(): void {
    const f = this.r.fel!;
    const kod: SieFelkod = f === 'citat' ? 'sie.citat_oppet' : f === 'lista' ? 'sie.lista_oppen' : f === 'klammer' ? 'sie.klammer_utanfor_lista' : f === 'styrtecken' ? 'sie.styrtecken' : 'sie.lista_nastlad';
    this.fel(kod, this.r.felPos, { falt: this.r.n > 0 ? `efter ${this.buf.toString('latin1', this.r.start[0]!, this.r.slut[0]!)}` : '' });
  }

  /** An input error at byte position pos of the current line (or of line `rad`). */
  private fel(kod: SieFelkod, pos: number, varden: Record<string, string | number> = {}, rad = this.rad): void {
    if (this.arbetare) throw AVBRYT;
    this.felTotalt++;
    if (this.felrader.length >= MAX_FEL) return;
    const start = rad === this.rad ? this.radStart : pos;
    let utf8 = 1;
    for (let i = start; i < pos; i++) if ((this.buf[i]! & 0xc0) !== 0x80) utf8++;
    this.felrader.push({ rad, byteKolumn: pos - start + 1, utf8Kolumn: utf8, kod, varden });
  }
}

const TRANS_ETIKETT = Buffer.from('#TRANS', 'latin1');
const SKIFT_8 = crcSkift(8)!;

/** Thrown by a worker's reader at what only one reader of the whole file can judge. */
export const AVBRYT = new Error('avbryt');

/** A series' first voucher in the second part of a split file. */
export interface ForstaVer {
  serie: number;
  nr: number;
  nrText: string;
  datum: number;
  text: string;
  rad: number;
  /** How many deviations the worker had noted before it. */
  index: number;
}

/** The first part's state that the worker's reading depends on. */
export interface Delningslage {
  rar0: [number, number] | null;
  kontroll: boolean;
}

/** What a worker read in the second part: plain data, keys as byte strings (latin1), lines counted from the part's start. */
export interface Delresultat {
  stopp: number;
  rad: number;
  crc: number;
  crcLangd: number;
  kodning: [boolean, boolean];
  poster: number[];
  antal: number[];
  konton: string[];
  kontoRad: number[];
  par: string[];
  parRad: number[];
  kontering: string[];
  kontKonto: number[];
  kontPar: number[][];
  kontAntal: number[];
  kontSumma: bigint[];
  serier: (SerieRa & { nyckel: string })[];
  forsta: ForstaVer[];
  avvikelser: VerAvvikelse[];
}

/** Copy src[s, e) into dst at `at`, as far as it fits; the count copied. (Buffer.copy costs more per call than a short loop.) */
function kopiera(src: Uint8Array, s: number, e: number, dst: Uint8Array, at = 0): number {
  const n = Math.min(e - s, dst.length - at);
  for (let i = 0; i < n; i++) dst[at + i] = src[s + i]!;
  return n;
}

/** A voucher number without leading zeros and at most 15 digits as a number; else NaN. */
function lasNummer(buf: Uint8Array, s: number, e: number): number {
  if (e <= s || e - s > 15 || (buf[s] === 48 && e - s > 1)) return NaN;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const n = new Int32Array(a.length * 2);
  n.set(a);
  return n;
}

function nested<K, K2, V>(m: Map<K, Map<K2, V>>, k: K): Map<K2, V> {
  let x = m.get(k);
  if (!x) m.set(k, (x = new Map()));
  return x;
}

/** Read a whole file held in memory (tests, small files). */
export function lasSieBuffer(buf: Buffer, fil: string): SieLasning {
  const lasare = new SieLasare(fil);
  const kopia = Buffer.alloc(buf.length + 1, 10);
  buf.copy(kopia);
  lasare.mata(kopia, 0, buf.length === 0 || buf[buf.length - 1] === 10 ? buf.length : buf.length + 1);
  return lasare.avsluta();
}
