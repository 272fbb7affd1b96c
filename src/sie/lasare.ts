/**
 * The streaming SIE 4 reader (4E and 4I). It reads the file in chunks of whole lines, splits
 * each line into fields in place (rad.ts), and sums amounts as integer öre as they pass;
 * no voucher or posting is kept. Text is kept as bytes (latin1 strings, one char per byte)
 * and decoded once at the end, when the encoding is known (kodning.ts). Syntax errors are
 * collected with file:line:column; integrity deviations of single vouchers are noted for the
 * D-rules. Memory does not grow with the number of vouchers, only with the number of
 * accounts, objects and account-object pairs.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { sortErrors, type InputError } from '../ledger/errors.js';
import { tomBok, tomtSaldo, type Bok, type KontoSaldo, type Kontotyp, type Ore } from '../books/model.js';
import type { VerAvvikelse } from '../books/regler.js';
import { ByteTable, Summor } from './bytes.js';
import { Kontrollsummering } from './crc.js';
import { Kodningsdetektor, avkoda } from './kodning.js';
import type { Message } from '../messages/catalogue.js';

type SieFelkod = Extract<Message['code'], `sie.${string}`>;
import { LISTA, Rad } from './rad.js';
import { belopp, lasArsnr, lasDatum, lasOre, lasPeriod } from './tal.js';
import { byggBok, type Radata } from './bygg.js';

export const ETIKETTER = [
  '#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#PROSA', '#FTYP', '#FNR', '#ORGNR', '#BKOD', '#ADRESS',
  '#FNAMN', '#RAR', '#TAXAR', '#OMFATTN', '#KPTYP', '#VALUTA', '#KONTO', '#KTYP', '#ENHET', '#SRU', '#DIM',
  '#UNDERDIM', '#OBJEKT', '#IB', '#UB', '#OIB', '#OUB', '#RES', '#PSALDO', '#PBUDGET', '#VER', '#TRANS',
  '#RTRANS', '#BTRANS', '#KSUMMA',
] as const;
const E = Object.fromEntries(ETIKETTER.map((l, i) => [l, i])) as Record<(typeof ETIKETTER)[number], number>;

/** At most this many input errors are listed; the rest are counted. */
export const MAX_FEL = 1000;

export interface SieLasning {
  readonly bok: Bok;
  /** Syntax errors, in file order (at most MAX_FEL). */
  readonly fel: InputError[];
  readonly felTotalt: number;
  readonly avvikelser: VerAvvikelse[];
}

interface Felrad {
  rad: number;
  byteKolumn: number;
  utf8Kolumn: number;
  kod: SieFelkod;
  varden: Record<string, string | number>;
}

const TRANS = 0;
const RTRANS = 1;
const BTRANS = 2;

export class SieLasare {
  private readonly r = new Rad();
  private readonly etiketter = new ByteTable();
  private readonly detektor = new Kodningsdetektor();
  private readonly d: Radata;
  private rad = 0;
  private radStart = 0;
  private buf: Buffer = Buffer.alloc(0);
  private forstaPost = true;
  private felrader: Felrad[] = [];
  private felTotalt = 0;
  // Vouchers
  private vantarKlammer = 0;
  private iVer = 0;
  private ver = { serie: '', nr: '', datum: 0, datumText: '', textLangd: 0, summa: 0, stor: 0n };
  private readonly verText = Buffer.alloc(1024);
  private rtrans: { konto: number; ore: number; stor: bigint; lista: string; kontoText: string; rad: number } | null = null;
  private readonly nyckel = Buffer.alloc(1024);
  private crc: Kontrollsummering | null = null;

  constructor(readonly fil: string) {
    for (const e of ETIKETTER) this.etiketter.id(Buffer.from(e, 'latin1'), 0, e.length);
    this.d = {
      konton: new ByteTable(), rorelse: new Summor(), antalTrans: new Int32Array(64), kontoRad: new Int32Array(64),
      par: new ByteTable(), parRad: new Int32Array(64), parSumma: [], objektSumma: new Summor(),
      saldon: new Map(), kontoinfo: new Map(), rar: new Map(), dimensioner: new Map(), objekt: new Map(),
      objektSaldon: new Map(), psaldo: [], pbudget: [], serier: new Map(), avvikelser: [],
      poster: new Int32Array(ETIKETTER.length), okanda: new Map(), parSlots: 0, antalVer: 0, antalTrans0: 0, antalRtrans: 0, antalBtrans: 0,
      ksumma: null, flaggaForst: false, rar0: null, format: null, foretag: tomBok('', 'cp437').foretag,
    };
  }

  /** Read the lines of buf[s, e): whole lines only, except at the end of the file. */
  mata(buf: Buffer, s: number, e: number): void {
    if (this.rad === 0 && s === 0 && e >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.detektor.bom = true;
      s = 3;
    }
    this.detektor.se(buf.subarray(s, e));
    this.buf = buf;
    let p = s;
    while (p < e) {
      let nl = buf.indexOf(10, p);
      if (nl < 0 || nl >= e) nl = e;
      const end = nl > p && buf[nl - 1] === 13 ? nl - 1 : nl;
      this.rad++;
      this.radStart = p;
      this.linje(buf, p, end);
      p = nl + 1;
    }
  }

  /** The file has ended: close what is open and build the books. */
  avsluta(): SieLasning {
    if (this.iVer) this.fel('sie.ver_oavslutad', 0, { rad: this.iVer }, this.iVer);
    if (this.vantarKlammer) this.fel('sie.ver_utan_klammer', 0, {}, this.vantarKlammer);
    if (this.crc && this.d.ksumma) this.d.ksumma.beraknad = this.crc.summa;
    const kodning = this.detektor.kodning;
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

  private linje(buf: Buffer, s: number, e: number): void {
    while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
    while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
    if (s === e) return;
    const c = buf[s];
    if (c === 123 || c === 125) return this.klammer(c, s, e);
    if (c !== 35) {
      if (c === 0x1a && e === s + 1) return; // DOS end-of-file mark
      return this.fel('sie.ingen_post', s);
    }
    if (!this.r.las(buf, s, e)) return this.radfel(s);
    const r = this.r;
    const lab = this.etiketter.find(buf, r.start[0]!, r.slut[0]!);
    // #FLAGGA comes first; an opening #KSUMMA may precede it (some writers put it there).
    if (this.forstaPost && lab !== E['#KSUMMA']) {
      this.forstaPost = false;
      this.d.flaggaForst = lab === E['#FLAGGA'];
    }
    if (this.crc && lab !== E['#KSUMMA']) this.summera(buf);
    if (this.vantarKlammer) {
      this.fel('sie.ver_utan_klammer', s, {}, this.vantarKlammer);
      this.vantarKlammer = 0;
    }
    if (lab < 0) return this.okand(buf);
    if (this.rtrans && lab !== E['#TRANS']) this.rtransUtanPar();
    if (lab === E['#TRANS'] || lab === E['#RTRANS'] || lab === E['#BTRANS']) {
      this.d.poster[lab]!++;
      if (!this.iVer) return this.fel('sie.trans_utanfor_ver', s, { post: ETIKETTER[lab]! });
      return this.trans(buf, lab === E['#TRANS'] ? TRANS : lab === E['#RTRANS'] ? RTRANS : BTRANS);
    }
    if (this.iVer) this.fel('sie.post_i_ver', s, { post: ETIKETTER[lab]! });
    this.d.poster[lab]!++;
    this.post(buf, lab);
  }

  private klammer(c: number, s: number, e: number): void {
    if (e !== s + 1) return this.fel(c === 123 ? 'sie.klammer_oppna' : 'sie.klammer_stang', s + 1);
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

  private summera(buf: Buffer): void {
    const r = this.r;
    const crc = this.crc!;
    for (let i = 0; i < r.n; i++) {
      if (r.typ[i] !== LISTA) crc.lagg(buf, r.start[i]!, r.slut[i]!);
      else for (let j = r.start[i]!; j < r.slut[i]!; j++) crc.lagg(buf, r.oStart[j]!, r.oSlut[j]!);
    }
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

  private datum(i: number, falt: string, valfritt: boolean): number {
    const v = valfritt ? this.t(i) : this.krav(i, falt);
    if (v === null || (valfritt && v === '')) return 0;
    const d = lasDatum(this.buf, this.r.start[i]!, this.r.slut[i]!);
    if (d < 0) this.fel('sie.datum_ogiltigt', this.kol(i), { falt, varde: v });
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

  private post(buf: Buffer, lab: number): void {
    const d = this.d;
    const f = d.foretag;
    switch (lab) {
      case E['#FLAGGA']: return void (f.flagga = this.krav(1, 'flagga'));
      case E['#PROGRAM']: return void (f.program = [this.krav(1, 'programnamn'), this.t(2)].filter((x) => x).join(' '));
      case E['#FORMAT']: return void (d.format = this.krav(1, 'format'));
      case E['#GEN']: return this.gen();
      case E['#SIETYP']: return void (f.sietyp = this.krav(1, 'typnummer'));
      case E['#FTYP']: return void (f.ftyp = this.krav(1, 'företagstyp'));
      case E['#FNR']: return void (f.fnr = this.krav(1, 'företagsid'));
      case E['#ORGNR']: return void (f.orgnr = this.krav(1, 'organisationsnummer'));
      case E['#FNAMN']: return void (f.namn = this.krav(1, 'företagsnamn'));
      case E['#TAXAR']: return void (f.taxar = this.krav(1, 'år'));
      case E['#OMFATTN']: return void (f.omfattn = this.datum(1, 'datum', false) ? this.t(1) : null);
      case E['#KPTYP']: return void (f.kptyp = this.krav(1, 'kontoplanstyp'));
      case E['#VALUTA']: return void (f.valuta = this.krav(1, 'valutakod'));
      case E['#RAR']: return this.rar();
      case E['#KONTO']: case E['#KTYP']: case E['#ENHET']: case E['#SRU']: return this.kontoinfo(lab);
      case E['#DIM']: case E['#UNDERDIM']: return this.dim(lab === E['#UNDERDIM']);
      case E['#OBJEKT']: return this.objekt();
      case E['#IB']: case E['#UB']: case E['#RES']: return this.saldo(lab);
      case E['#OIB']: case E['#OUB']: return this.objektSaldo(lab === E['#OIB']);
      case E['#PSALDO']: case E['#PBUDGET']: return this.period(lab === E['#PSALDO']);
      case E['#VER']: return this.verifikation();
      case E['#KSUMMA']: return this.ksumma();
      default: return; // #PROSA, #BKOD, #ADRESS: nothing the books need
    }
  }

  private gen(): void {
    const f = this.d.foretag;
    f.genDatum = this.datum(1, 'datum', false) ? this.t(1) : null;
    f.genSign = this.t(2);
  }

  private rar(): void {
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
    if (id >= d.kontoRad.length) {
      d.kontoRad = grow(d.kontoRad);
      d.antalTrans = grow(d.antalTrans);
    }
    if (!d.kontoRad[id]) d.kontoRad[id] = this.rad;
    return id;
  }

  private kontoinfo(lab: number): void {
    const id = this.kontoId(1);
    if (id < 0) return;
    const d = this.d;
    const info = d.kontoinfo.get(id) ?? { namn: '', typ: null, enhet: null, sru: [], rad: 0 };
    d.kontoinfo.set(id, info);
    if (lab === E['#KONTO']) {
      info.namn = this.t(2) ?? '';
      info.rad = this.rad;
    } else if (lab === E['#KTYP']) {
      const typ = this.krav(2, 'kontotyp');
      if (typ === null) return;
      if (!/^[TSKI]$/.test(typ)) return this.fel('sie.kontotyp', this.kol(2), { varde: typ });
      info.typ = typ as Kontotyp;
    } else if (lab === E['#ENHET']) info.enhet = this.krav(2, 'enhet');
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
    if (lab === E['#IB']) [s.ib, s.ibRad] = [(s.ib ?? 0n) + v, this.rad];
    else if (lab === E['#UB']) [s.ub, s.ubRad] = [(s.ub ?? 0n) + v, this.rad];
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
        this.crc = new Kontrollsummering();
      }
      return;
    }
    if (this.crc && d.ksumma) {
      d.ksumma.varde = varde;
      d.ksumma.slutRad = this.rad;
      d.ksumma.beraknad = this.crc.summa;
      this.crc = null;
    }
  }

  // ---- vouchers (the hot path) -------------------------------------------------------

  private verifikation(): void {
    const r = this.r;
    const buf = this.buf;
    const v = this.ver;
    v.serie = this.krav(1, 'serie') ?? '';
    v.nr = this.krav(2, 'verifikationsnummer') ?? '';
    v.datum = this.datum(3, 'verifikationsdatum', false);
    v.datumText = this.t(3) ?? '';
    v.textLangd = r.n > 4 ? buf.copy(this.verText, 0, r.start[4]!, Math.min(r.slut[4]!, r.start[4]! + this.verText.length)) : 0;
    v.summa = 0;
    v.stor = 0n;
    this.vantarKlammer = this.rad;
    this.d.antalVer++;
    this.serie(v.serie, v.nr, v.datumText);
    const rar0 = this.d.rar0;
    if (rar0 && v.datum > 0 && (v.datum < rar0[0] || v.datum > rar0[1])) this.avvikelse('datum', 0n, '');
  }

  private serie(serie: string, nr: string, datum: string): void {
    const s = this.d.serier.get(serie);
    const num = /^\d{1,15}$/.test(nr) ? Number(nr) : NaN;
    if (!s) {
      this.d.serier.set(serie, { antal: 1, forstaNr: nr, sistaNr: nr, forstaDatum: datum, sistaDatum: datum, senast: num });
      return;
    }
    if (!Number.isNaN(num) && !Number.isNaN(s.senast) && num <= s.senast) this.avvikelse('ordning', 0n, s.sistaNr);
    s.antal++;
    s.sistaNr = nr;
    if (datum < s.forstaDatum) s.forstaDatum = datum;
    if (datum > s.sistaDatum) s.sistaDatum = datum;
    if (!Number.isNaN(num)) s.senast = num;
  }

  private avvikelse(slag: VerAvvikelse['slag'], ore: Ore, detalj: string, rad = slag === 'obalans' ? this.iVer || this.rad : this.rad): void {
    const v = this.ver;
    this.d.avvikelser.push({ slag, serie: v.serie, nr: v.nr, datum: v.datumText, text: this.verText.toString('latin1', 0, v.textLangd), belopp: ore, rad, detalj });
  }

  private trans(buf: Buffer, slag: number): void {
    const d = this.d;
    if (slag === BTRANS) return void d.antalBtrans++;
    const id = this.kontoId(1);
    const r = this.r;
    if (r.n < 3 || r.typ[2] !== LISTA) return this.fel('sie.objektlista_saknas', this.kol(2), { falt: 'objektlistan' });
    if ((r.slut[2]! - r.start[2]!) % 2) return this.fel('sie.objektlista_udda', this.kol(2));
    const ore = this.belopp(3, 'beloppet');
    if (r.n > 4 && r.slut[4]! > r.start[4]!) this.transdatum();
    if (id < 0 || Number.isNaN(ore)) return;
    const stor = belopp.status === 'stort' ? belopp.stort : 0n;
    if (slag === RTRANS) {
      d.antalRtrans++;
      this.rtrans = { konto: id, ore, stor, lista: this.listnyckel(), kontoText: this.t(1)!, rad: this.rad };
    } else if (this.rtrans) {
      const p = this.rtrans;
      this.rtrans = null;
      if (p.konto === id && p.ore === ore && p.stor === stor && p.lista === this.listnyckel()) return;
      this.avvikelse('rtrans', 0n, p.kontoText, p.rad);
    } else d.antalTrans0++;
    this.bokfor(buf, id, ore, stor);
  }

  private transdatum(): void {
    const td = this.datum(4, 'transaktionsdatum', true);
    const rar0 = this.d.rar0;
    // A transdat equal to the voucher's date adds nothing to the voucher's own finding.
    if (rar0 && td > 0 && td !== this.ver.datum && (td < rar0[0] || td > rar0[1])) this.avvikelse('transdatum', 0n, String(td));
  }

  private listnyckel(): string {
    const r = this.r;
    let k = '';
    for (let j = r.start[2]!; j < r.slut[2]!; j++) k += this.buf.toString('latin1', r.oStart[j]!, r.oSlut[j]!) + '\0';
    return k;
  }

  /** Add one posting to the voucher's sum, its account and every object it names. */
  private bokfor(buf: Buffer, id: number, ore: number, stor: bigint): void {
    const d = this.d;
    const v = this.ver;
    d.antalTrans[id]!++;
    if (stor) {
      v.stor += stor;
      d.rorelse.addBig(id, stor);
    } else {
      const s = v.summa + ore;
      if (Number.isSafeInteger(s)) v.summa = s;
      else [v.stor, v.summa] = [v.stor + BigInt(v.summa) + BigInt(ore), 0];
      d.rorelse.add(id, ore);
    }
    const r = this.r;
    for (let j = r.start[2]!; j < r.slut[2]!; j += 2) {
      const n = this.nyckel;
      const a = r.oSlut[j]! - r.oStart[j]!;
      const b = r.oSlut[j + 1]! - r.oStart[j + 1]!;
      if (a + b + 1 > n.length) continue; // absurdly long codes: not summed per object
      buf.copy(n, 0, r.oStart[j]!, r.oSlut[j]!);
      n[a] = 0;
      buf.copy(n, a + 1, r.oStart[j + 1]!, r.oSlut[j + 1]!);
      const par = this.parId(n, 0, a + b + 1);
      const perKonto = d.parSumma[id] ?? (d.parSumma[id] = new Map());
      let slot = perKonto.get(par);
      if (slot === undefined) perKonto.set(par, (slot = d.parSlots++));
      if (stor) d.objektSumma.addBig(slot, stor);
      else d.objektSumma.add(slot, ore);
    }
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
    this.avvikelse('rtrans', 0n, p.kontoText, p.rad);
  }

  // ---- errors ---------------------------------------------------------------------------

  private radfel(s: number): void {
    const f = this.r.fel!;
    const kod: SieFelkod = f === 'citat' ? 'sie.citat_oppet' : f === 'lista' ? 'sie.lista_oppen' : f === 'klammer' ? 'sie.klammer_utanfor_lista' : f === 'styrtecken' ? 'sie.styrtecken' : 'sie.lista_nastlad';
    const pos = s + this.r.felKolumn - 1;
    this.fel(kod, pos, { falt: this.r.n > 0 ? `efter ${this.buf.toString('latin1', this.r.start[0]!, this.r.slut[0]!)}` : '' });
  }

  /** An input error at byte position pos of the current line (or of line `rad`). */
  private fel(kod: SieFelkod, pos: number, varden: Record<string, string | number> = {}, rad = this.rad): void {
    this.felTotalt++;
    if (this.felrader.length >= MAX_FEL) return;
    const start = rad === this.rad ? this.radStart : pos;
    let utf8 = 1;
    for (let i = start; i < pos; i++) if ((this.buf[i]! & 0xc0) !== 0x80) utf8++;
    this.felrader.push({ rad, byteKolumn: pos - start + 1, utf8Kolumn: utf8, kod, varden });
  }
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

/** Read a file in chunks of whole lines; `onProgress` after each chunk. */
export async function lasSieFil(sokvag: string, visas: string, onProgress?: (las: number, totalt: number) => void): Promise<SieLasning> {
  const fd = openSync(sokvag, 'r');
  try {
    const totalt = fstatSync(fd).size;
    const lasare = new SieLasare(visas);
    let buf = Buffer.alloc(1 << 22);
    let fylld = 0;
    let last = 0;
    for (;;) {
      if (fylld === buf.length) buf = Buffer.concat([buf, Buffer.alloc(buf.length)]);
      const n = readSync(fd, buf, fylld, buf.length - fylld, null);
      if (n === 0) break;
      fylld += n;
      last += n;
      const slut = buf.lastIndexOf(10, fylld - 1) + 1;
      if (slut === 0) continue;
      lasare.mata(buf, 0, slut);
      buf.copy(buf, 0, slut, fylld);
      fylld -= slut;
      if (onProgress) {
        onProgress(last, totalt);
        await new Promise((res) => setImmediate(res));
      }
    }
    if (fylld) lasare.mata(buf, 0, fylld);
    return lasare.avsluta();
  } finally {
    closeSync(fd);
  }
}

/** Read a whole file held in memory (tests, small files). */
export function lasSieBuffer(buf: Buffer, fil: string): SieLasning {
  const lasare = new SieLasare(fil);
  lasare.mata(Buffer.from(buf), 0, buf.length);
  return lasare.avsluta();
}
