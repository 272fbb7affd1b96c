/**
 * The hot path's scanners: the common shapes of voucher lines, read without the full
 * tokenizer (rad.ts) and without writing anything to the buffer.
 *
 *     #TRANS <account> {<objects>} <amount> [<date>] [<plain fields>]
 *     #VER <plain fields>
 *
 * A #TRANS line's account and object list are taken as one raw byte range (hashed as
 * ByteTable does), to be looked up among the konteringar the tokenizer has read before: a
 * range equal to one of them tokenizes to the same account and objects, since the tokenizer
 * reads left to right and the range ends where that list closed. A range holding `\` is left
 * to the tokenizer (it unescapes in place, so a stored range may differ from the raw bytes).
 * "Plain" fields are bare, or quoted without `\`; an object list among them, a control
 * character, a quoted amount or a date not of eight digits leave the line to the tokenizer
 * too, which then reads or reports it as before. test/sie-reader.test.ts checks that both
 * read every line alike.
 */
import { STOP_CITAT, STOP_UTE } from './rad.js';

/** What skannaTrans found (one object, reused: the hot path allocates nothing). */
export const transRad = {
  nyckelStart: 0,
  nyckelSlut: 0,
  hash: 0,
  beloppStart: 0,
  beloppSlut: 0,
  /** The amount in öre, a safe integer (read as tal.ts's lasOre reads it). */
  ore: 0,
  /** The date's first byte, or -1 when the amount is not followed by a bare eight-digit field. */
  datumStart: -1,
  /** The date as yyyymmdd, not yet checked against the calendar. */
  datum: 0,
  /** Where the fields after the amount (and date) start; at `lf` when there are none. */
  svans: 0,
  lf: 0,
};

const LF = 10;
const ws = (c: number) => c === 32 || c === 9 || c === 13;
/** Ends a bare field cleanly: a separator or the line's end (not a control character). */
const slutar = (c: number) => c === 32 || c === 9 || c === 13 || c === LF;
const siffra = (c: number) => c >= 48 && c <= 57;

/** Scan a #TRANS line from i, the first byte after its label; false when it has another shape. */
export function skannaTrans(buf: Uint8Array, i: number): boolean {
  const t = transRad;
  while (ws(buf[i]!)) i++;
  t.nyckelStart = i;
  let h = 0x811c9dc5 | 0;
  for (let c = buf[i]!; c !== 125; c = buf[++i]!) {
    if (c === LF || c === 92) return false;
    h = Math.imul(h ^ c, 0x01000193);
  }
  t.hash = Math.imul(h ^ 125, 0x01000193);
  t.nyckelSlut = ++i;
  while (ws(buf[i]!)) i++;
  t.beloppStart = i;
  i = belopp(buf, i);
  if (i < 0) return false;
  t.beloppSlut = i;
  while (ws(buf[i]!)) i++;
  t.datumStart = -1;
  if (atta(buf, i)) {
    t.datumStart = i;
    i += 8;
    while (ws(buf[i]!)) i++;
  }
  t.svans = i;
  return true;
}

/** The fields skannaRad found: content byte ranges; the line's LF. */
export const faltRad = { n: 0, start: new Int32Array(16), slut: new Int32Array(16), lf: 0 };

/**
 * The fields of the rest of a line from i, as the tokenizer would find them, when each is
 * bare or quoted without `\` and none is an object list, with no control character; at most
 * 16. False otherwise.
 */
export function skannaRad(buf: Uint8Array, i: number): boolean {
  const f = faltRad;
  let n = 0;
  for (let c = buf[i]!; ; c = buf[i]!) {
    while (ws(c)) c = buf[++i]!;
    if (c === LF || n === 16) {
      f.n = n;
      f.lf = i;
      return c === LF;
    }
    if (c === 34) {
      f.start[n] = ++i;
      while (!STOP_CITAT[buf[i]!]) i++;
      if (buf[i] !== 34) return false;
      f.slut[n++] = i++; // the next field may follow the closing quote at once, as in the tokenizer
    } else {
      if (c === 123 || c === 125) return false;
      f.start[n] = i;
      while (!STOP_UTE[buf[i]!]) i++;
      if (!slutar(buf[i]!)) return false;
      f.slut[n++] = i;
    }
  }
}

/**
 * An amount from i: `-`, digits, at most two decimals after a `.`, at most 13 digits before
 * it (so that the öre are a safe integer), ending cleanly. Its end, or -1 (then lasOre reads
 * it, and reports what is wrong).
 */
function belopp(buf: Uint8Array, i: number): number {
  const neg = buf[i] === 45;
  if (neg) i++;
  let v = 0;
  let n = 0;
  let c = buf[i]!;
  for (; siffra(c); c = buf[++i]!, n++) v = v * 10 + (c - 48);
  let skala = 100;
  if (c === 46) {
    c = buf[++i]!;
    if (siffra(c)) {
      v = v * 10 + (c - 48);
      skala = 10;
      c = buf[++i]!;
      if (siffra(c)) {
        v = v * 10 + (c - 48);
        skala = 1;
        c = buf[++i]!;
      }
    }
  }
  if ((n === 0 && skala === 100) || n > 13 || !slutar(c)) return -1;
  transRad.ore = neg ? -(v * skala) : v * skala;
  return i;
}

/** Eight digits ending cleanly at i (their value in transRad.datum). */
function atta(buf: Uint8Array, i: number): boolean {
  let v = 0;
  for (let j = i; j < i + 8; j++) {
    const c = buf[j]!;
    if (!siffra(c)) return false;
    v = v * 10 + (c - 48);
  }
  transRad.datum = v;
  return slutar(buf[i + 8]!);
}
