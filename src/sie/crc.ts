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
