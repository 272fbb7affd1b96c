/**
 * Splits one SIE line (spec 5.7) into fields, in place and without allocating: bare fields
 * end at a space or TAB, quoted fields at the next unescaped `"` (`\"` is a quote inside a
 * field, unescaped in place), and `{ ... }` is an object list whose items are kept apart.
 * Hand-written: it runs over every byte of the file and must not make a string per field.
 */

export const BAR = 0;
export const CITAT = 1;
export const LISTA = 2;

/** What went wrong on a line; the column is 1-based in bytes from the line's start. */
export type RadFel = 'citat' | 'lista' | 'klammer' | 'styrtecken' | 'nastlad';

const NORMAL = 0;
const SPACE = 1;
const QUOTE = 2;
const OPEN = 3;
const CLOSE = 4;
const CONTROL = 5;
const BACKSLASH = 6;

const CLASS = new Uint8Array(256);
for (let c = 0; c < 32; c++) CLASS[c] = CONTROL;
CLASS[127] = CONTROL;
CLASS[9] = SPACE;
CLASS[32] = SPACE;
CLASS[34] = QUOTE;
CLASS[123] = OPEN;
CLASS[125] = CLOSE;
CLASS[92] = BACKSLASH;

/** The fields of one line. Reused for every line: read it before tokenizing the next. */
export class Rad {
  n = 0;
  /** Per field: byte range, and kind (BAR, CITAT, LISTA). A list's range is into `objekt`. */
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
  felKolumn = 0;

  /** Tokenize buf[s, e) (without the line break). False on a syntax error (see `fel`). */
  las(buf: Buffer, s: number, e: number): boolean {
    this.n = 0;
    this.no = 0;
    this.fel = null;
    let i = s;
    while (i < e) {
      const k = CLASS[buf[i]!]!;
      if (k === SPACE) i++;
      else if (k === OPEN) i = this.lista(buf, i, e, s);
      else if (k === QUOTE) i = this.citat(buf, i, e, s, false);
      else if (k === CLOSE) i = this.stopp('klammer', i, s);
      else if (k === CONTROL) i = this.stopp('styrtecken', i, s);
      else i = this.bar(buf, i, e, s, false);
      if (i < 0) return false;
    }
    return true;
  }

  private stopp(fel: RadFel, i: number, s: number): number {
    this.fel = fel;
    this.felKolumn = i - s + 1;
    return -1;
  }

  private bar(buf: Buffer, i: number, e: number, s: number, iLista: boolean): number {
    const b = i;
    for (; i < e; i++) {
      const k = CLASS[buf[i]!]!;
      if (k === SPACE || (iLista && (k === CLOSE || k === QUOTE))) break;
      if (k === CONTROL) return this.stopp('styrtecken', i, s);
      if (k === OPEN && iLista) return this.stopp('nastlad', i, s);
    }
    this.push(b, i, BAR, iLista, b, i);
    return i;
  }

  private citat(buf: Buffer, i: number, e: number, s: number, iLista: boolean): number {
    const open = i;
    let w = ++i;
    for (; i < e; i++) {
      const c = buf[i]!;
      const k = CLASS[c]!;
      if (k === QUOTE) {
        this.push(open + 1, w, CITAT, iLista, open, i + 1);
        return i + 1;
      }
      if (k === BACKSLASH && i + 1 < e && buf[i + 1] === 34) i++;
      else if (k === CONTROL && c !== 9) return this.stopp('styrtecken', i, s);
      buf[w++] = buf[i]!;
    }
    return this.stopp('citat', open, s);
  }

  private lista(buf: Buffer, i: number, e: number, s: number): number {
    const open = i;
    const first = this.no;
    i++;
    while (i < e) {
      const k = CLASS[buf[i]!]!;
      if (k === SPACE) i++;
      else if (k === CLOSE) {
        this.pushField(first, this.no, LISTA, open, i + 1);
        return i + 1;
      } else if (k === QUOTE) i = this.citat(buf, i, e, s, true);
      else if (k === OPEN) i = this.stopp('nastlad', i, s);
      else if (k === CONTROL) i = this.stopp('styrtecken', i, s);
      else i = this.bar(buf, i, e, s, true);
      if (i < 0) return -1;
    }
    return this.stopp('lista', open, s);
  }

  private push(b: number, e: number, typ: number, iLista: boolean, bs: number, be: number): void {
    if (!iLista) return this.pushField(b, e, typ, bs, be);
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
