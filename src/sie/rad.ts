/**
 * Splits one SIE line (spec 5.7) into fields, in place and without allocating: bare fields
 * end at a space or TAB, quoted fields at the next unescaped `"` (`\"` is a quote inside a
 * field, unescaped in place), and `{ ... }` is an object list whose items are kept apart.
 * The line ends at LF (a CR before it is a space). Hand-written: it runs over every byte of
 * the file and must not make a string per field.
 *
 * The caller guarantees that an LF follows the line in the buffer: every loop stops there,
 * so none needs a bounds check.
 */

import { CRC_TABELL } from './crc.js';

export const BAR = 0;
export const CITAT = 1;
export const LISTA = 2;

/** What went wrong on a line; the column is 1-based in bytes from the line's start. */
export type RadFel = 'citat' | 'lista' | 'klammer' | 'styrtecken' | 'nastlad';

const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;
const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
const isControl = (c: number) => (c < 32 && c !== 9 && c !== 13 && c !== LF) || c === 127;

/** Bytes that end a bare field outside an object list (space, TAB, CR, LF, control). */
export const STOP_UTE = new Uint8Array(256);
/** … inside an object list (also `"`, `{`, `}`). */
const STOP_INNE = new Uint8Array(256);
/** Bytes that end the plain run of a quoted field (`"`, `\`, LF, control but TAB). */
export const STOP_CITAT = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ends = isSpace(c) || c === LF || isControl(c);
  STOP_UTE[c] = ends ? 1 : 0;
  STOP_INNE[c] = ends || c === QUOTE || c === OPEN || c === CLOSE ? 1 : 0;
  STOP_CITAT[c] = c === QUOTE || c === BACKSLASH || c === LF || isControl(c) || c === 13 ? 1 : 0;
}

/** The fields of one line. Reused for every line: read it before tokenizing the next. */
export class Rad {
  n = 0;
  /** Per field: content byte range, and kind (BAR, CITAT, LISTA). A list's range is into `oStart`/`oSlut`. */
  start = new Int32Array(32);
  slut = new Int32Array(32);
  typ = new Uint8Array(32);
  /** Per field: byte range in the line, delimiters included (for error columns). */
  bStart = new Int32Array(32);
  bSlut = new Int32Array(32);
  /** Object list items (alternating dimension, object): byte ranges. */
  no = 0;
  oStart = new Int32Array(32);
  oSlut = new Int32Array(32);
  fel: RadFel | null = null;
  /** Byte position of the error. */
  felPos = 0;
  /**
   * #KSUMMA: when on, the CRC-32 state (before the final inversion) runs over every field's
   * content as it is read, so the bytes are not walked twice (crc.ts says which bytes).
   */
  kontroll = false;
  crc = -1;
  /** How many bytes the CRC has run over (to combine the CRCs of two parts of a file). */
  crcLangd = 0;
  /** Where the line's first `\` in a quoted field was (-1: none): from there on, the bytes may have been unescaped in place. */
  escape = -1;
  /** The field whose quote was left open up to the line's end (-1: none). */
  oppetCitat = -1;
  private buf: Uint8Array = new Uint8Array(0);

  /**
   * Tokenize from s to the next LF. Returns the LF's position; on a syntax error `fel` is
   * set and the rest of the line is not read.
   */
  las(buf: Uint8Array, s: number): number {
    this.buf = buf;
    this.n = 0;
    this.no = 0;
    this.fel = null;
    this.escape = -1;
    this.oppetCitat = -1;
    let i = s;
    for (;;) {
      const c = buf[i]!;
      if (c === LF) return i;
      if (isSpace(c)) i++;
      else if (c === OPEN) i = this.lista(buf, i);
      else if (c === QUOTE) i = this.citat(buf, i, false);
      else if (c === CLOSE) return this.stopp('klammer', buf, i);
      else if (isControl(c)) return this.stopp('styrtecken', buf, i);
      else i = this.bar(buf, i);
      if (this.fel) return i;
    }
  }

  /** Record an error at i; returns the line's LF. */
  private stopp(fel: RadFel, buf: Uint8Array, i: number): number {
    this.fel = fel;
    this.felPos = i;
    return buf.indexOf(LF, i);
  }

  private bar(buf: Uint8Array, i: number): number {
    const b = i;
    if (this.kontroll) {
      let c = this.crc;
      for (let x = buf[i]!; !STOP_UTE[x]; x = buf[++i]!) c = CRC_TABELL[(c ^ x) & 0xff]! ^ (c >>> 8);
      this.crc = c;
      this.crcLangd += i - b;
    } else while (!STOP_UTE[buf[i]!]) i++;
    if (isControl(buf[i]!)) return this.stopp('styrtecken', buf, i);
    this.pushField(b, i, BAR, b, i);
    return i;
  }

  private citat(buf: Uint8Array, i: number, iLista: boolean): number {
    const open = i;
    i++;
    // The plain run up to the first `"` or `\` is summed as it is read; what follows an
    // escape is summed once it has been unescaped.
    if (this.kontroll) {
      let c = this.crc;
      for (let x = buf[i]!; !STOP_CITAT[x]; x = buf[++i]!) c = CRC_TABELL[(c ^ x) & 0xff]! ^ (c >>> 8);
      this.crc = c;
      this.crcLangd += i - open - 1;
    } else while (!STOP_CITAT[buf[i]!]) i++;
    const unescaped = i;
    let w = i;
    for (;;) {
      const c = buf[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (this.escape < 0) this.escape = i;
        if (buf[i + 1] === QUOTE) i++;
        buf[w++] = buf[i++]!;
      } else if (c === LF || (c === 13 && buf[i + 1] === LF)) {
        if (iLista) return this.stopp('citat', buf, open);
        // Left open to the line's end: the reader decides whether that field may be (oppetCitat).
        this.oppetCitat = this.n;
        break;
      } else if (c === 13 || isControl(c)) return this.stopp('styrtecken', buf, i);
      else buf[w++] = buf[i++]!;
    }
    if (this.kontroll && w > unescaped) this.summera(buf, unescaped, w);
    const slut = buf[i] === QUOTE ? i + 1 : i;
    if (iLista) this.pushItem(open + 1, w);
    else this.pushField(open + 1, w, CITAT, open, slut);
    return slut;
  }

  private lista(buf: Uint8Array, i: number): number {
    const open = i;
    const first = this.no;
    i++;
    for (;;) {
      const c = buf[i]!;
      if (isSpace(c)) i++;
      else if (c === CLOSE) {
        this.pushField(first, this.no, LISTA, open, i + 1);
        return i + 1;
      } else if (c === QUOTE) i = this.citat(buf, i, true);
      else if (c === LF) return this.stopp('lista', buf, open);
      else if (c === OPEN) return this.stopp('nastlad', buf, i);
      else if (isControl(c)) return this.stopp('styrtecken', buf, i);
      else {
        const b = i;
        while (!STOP_INNE[buf[i]!]) i++;
        if (buf[i] === OPEN) return this.stopp('nastlad', buf, i);
        if (this.kontroll) this.summera(buf, b, i);
        this.pushItem(b, i);
      }
      if (this.fel) return i;
    }
  }

  /** Add every field read (label and contents) to the CRC: for a line read without it. */
  summeraFalt(): void {
    for (let i = 0; i < this.n; i++) {
      if (this.typ[i] !== LISTA) this.summera(this.buf, this.start[i]!, this.slut[i]!);
      else for (let j = this.start[i]!; j < this.slut[i]!; j++) this.summera(this.buf, this.oStart[j]!, this.oSlut[j]!);
    }
  }

  private summera(buf: Uint8Array, b: number, e: number): void {
    let c = this.crc;
    this.crcLangd += e - b;
    for (; b < e; b++) c = CRC_TABELL[(c ^ buf[b]!) & 0xff]! ^ (c >>> 8);
    this.crc = c;
  }

  private pushItem(b: number, e: number): void {
    if (this.no === this.oStart.length) {
      this.oStart = grow(this.oStart);
      this.oSlut = grow(this.oSlut);
    }
    this.oStart[this.no] = b;
    this.oSlut[this.no++] = e;
  }

  private pushField(b: number, e: number, typ: number, bs: number, be: number): void {
    if (this.n === this.start.length) {
      this.start = grow(this.start);
      this.slut = grow(this.slut);
      this.bStart = grow(this.bStart);
      this.bSlut = grow(this.bSlut);
      const t = new Uint8Array(this.typ.length * 2);
      t.set(this.typ);
      this.typ = t;
    }
    this.start[this.n] = b;
    this.slut[this.n] = e;
    this.bStart[this.n] = bs;
    this.bSlut[this.n] = be;
    this.typ[this.n++] = typ;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const n = new Int32Array(a.length * 2);
  n.set(a);
  return n;
}
