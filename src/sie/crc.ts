/**
 * #KSUMMA (spec section 10): CRC-32 with the reflected polynomial EDB88320, preset
 * FFFFFFFF and the result inverted, i.e. the common zlib CRC-32. The covered bytes are the
 * records after the opening #KSUMMA up to the closing one: each record's label and field
 * contents, without spaces, delimiting quotes, braces or line breaks; an escaped quote
 * counts as `"` alone. Bytes are buffered and summed by zlib (native); Node before 20.15
 * has no zlib.crc32, so a table-driven version stands in.
 */
import zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value: number) => number;

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 by table, continuing from `value` (0 to start). */
export const crc32Tabell: Crc32 = (data, value) => {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
};

const zlibCrc = (zlib as unknown as { crc32?: Crc32 }).crc32;
const crc32: Crc32 = zlibCrc ?? crc32Tabell;

/** Accumulates the covered bytes of a file's records. */
export class Kontrollsummering {
  private buf = Buffer.alloc(1 << 16);
  private n = 0;
  private varde = 0;

  /** Add buf[s, e). */
  lagg(src: Uint8Array, s: number, e: number): void {
    const len = e - s;
    if (this.n + len > this.buf.length) {
      this.tom();
      if (len > this.buf.length) {
        this.varde = crc32(src.subarray(s, e), this.varde);
        return;
      }
    }
    const b = this.buf;
    let n = this.n;
    for (let i = s; i < e; i++) b[n++] = src[i]!;
    this.n = n;
  }

  /** The CRC of everything added, unsigned. */
  get summa(): number {
    this.tom();
    return this.varde >>> 0;
  }

  private tom(): void {
    if (this.n) this.varde = crc32(this.buf.subarray(0, this.n), this.varde);
    this.n = 0;
  }
}
