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
