/**
 * #KSUMMA (spec section 10): CRC-32 with the reflected polynomial EDB88320, preset
 * FFFFFFFF and the result inverted, i.e. the common zlib CRC-32 (checked against zlib in the
 * tests). The covered bytes are the records after the opening #KSUMMA up to the closing one:
 * each record's label and field contents, without the spaces between fields, the quotes
 * around them, braces or line breaks; an escaped quote counts as `"` alone. The tokenizer
 * (rad.ts) runs the CRC over each field's content as it reads it, so no byte is read twice:
 * zlib's native crc32 would need the bytes copied together first, which costs more.
 */

/** The table of the reflected polynomial EDB88320. */
export const CRC_TABELL = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of bytes, continuing from `value` (0 to start). */
export function crc32(data: Uint8Array, value = 0): number {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = CRC_TABELL[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** a·b modulo the CRC polynomial (reflected bit order), as in zlib's crc32_combine. */
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ 0xedb88320 : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0 … 31. */
const X2N = (() => {
  const t = new Array<number>(32);
  let p = 0x40000000; // x^1
  for (let k = 0; k < 32; k++) {
    t[k] = p;
    p = multmodp(p, p);
  }
  return t;
})();

/**
 * The CRC-32 of A followed by B from the CRC-32s of A and of B and B's length (zlib's
 * crc32_combine), so that two parts of a file can be summed apart, in two threads.
 */
export function crc32Kombinera(crcA: number, crcB: number, langdB: number): number {
  let p = 0x80000000; // x^0
  // x^(8·langdB): multiply by x^(2^k) for each set bit k of 8·langdB.
  for (let n = langdB, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multmodp(X2N[k & 31]!, p);
  return (multmodp(p, crcA >>> 0) ^ (crcB >>> 0)) >>> 0;
}

/** Slice-by-4 tables: T[k][n] is T[0][n] shifted on by k zero bytes. */
const T1 = new Int32Array(256);
const T2 = new Int32Array(256);
const T3 = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  const t0 = CRC_TABELL[n]!;
  T1[n] = CRC_TABELL[t0 & 0xff]! ^ (t0 >>> 8);
  T2[n] = CRC_TABELL[T1[n]! & 0xff]! ^ (T1[n]! >>> 8);
  T3[n] = CRC_TABELL[T2[n]! & 0xff]! ^ (T2[n]! >>> 8);
}

/**
 * The CRC register (before the final inversion) run over buf[s, e) from state c: four bytes
 * a step (slice-by-4: the four lookups do not wait for each other; the four bytes read as one
 * little-endian word), the rest one by one.
 */
export function crcOver(c: number, buf: Uint8Array, s: number, e: number): number {
  if (e - s >= 4) {
    const dv = vy(buf);
    for (; s + 4 <= e; s += 4) {
      c ^= dv.getInt32(s, true);
      c = T3[c & 0xff]! ^ T2[(c >>> 8) & 0xff]! ^ T1[(c >>> 16) & 0xff]! ^ CRC_TABELL[c >>> 24]!;
    }
  }
  for (; s < e; s++) c = CRC_TABELL[(c ^ buf[s]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** A DataView of the buffer last summed (the reader sums one chunk's bytes many times). */
let vyBuf: Uint8Array | null = null;
let vyn: DataView = new DataView(new ArrayBuffer(0));
export function vy(buf: Uint8Array): DataView {
  if (buf !== vyBuf) [vyBuf, vyn] = [buf, new DataView(buf.buffer, buf.byteOffset, buf.byteLength)];
  return vyn;
}

const skiften: (Int32Array | undefined)[] = [];

/** Runs longer than this get no tables (building them costs 1024·n steps): they are summed byte by byte. */
export const MAX_SKIFT = 256;

/**
 * The register's step over n zero bytes as four byte tables; undefined when n > MAX_SKIFT.
 * The register's step over bytes B is linear: from state c it is skift(c, |B|) ^ (the step
 * over B from 0), so a run of bytes seen before (an account with its objects) costs four
 * lookups however long it is.
 */
export function crcSkift(n: number): Int32Array | undefined {
  if (n > MAX_SKIFT) return undefined;
  let t = skiften[n];
  if (t) return t;
  t = new Int32Array(1024);
  for (let b = 0; b < 4; b++) {
    for (let v = 0; v < 256; v++) {
      let c = v << (8 * b);
      for (let k = 0; k < n; k++) c = CRC_TABELL[c & 0xff]! ^ (c >>> 8);
      t[(b << 8) | v] = c;
    }
  }
  return (skiften[n] = t);
}

/** The register from state c over n zero bytes, by the tables of crcSkift(n). */
export const skifta = (t: Int32Array, c: number): number => t[c & 0xff]! ^ t[256 | ((c >>> 8) & 0xff)]! ^ t[512 | ((c >>> 16) & 0xff)]! ^ t[768 | (c >>> 24)]!;
