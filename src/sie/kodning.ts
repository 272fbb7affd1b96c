/**
 * Which encoding an SIE file is in. The spec says CP437 (`#FORMAT PC8`), but many systems
 * write UTF-8 regardless, some with a BOM. The reader keeps text as bytes while streaming
 * and decodes it once at the end: UTF-8 when the file starts with a BOM, or when every
 * chunk is valid UTF-8 and some byte is not ASCII; CP437 otherwise.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Kodning } from '../books/model.js';

export class Kodningsdetektor {
  private utf8 = true;
  private icke7bit = false;
  bom = false;

  /** Look at a chunk of whole lines. */
  se(chunk: Uint8Array): void {
    if (!this.utf8) return;
    if (!isUtf8(chunk)) this.utf8 = false;
    else if (!this.icke7bit && !isAscii(chunk)) this.icke7bit = true;
  }

  get kodning(): Kodning {
    return this.bom || (this.utf8 && this.icke7bit) ? 'utf-8' : 'cp437';
  }
}

/** Decode bytes kept as a latin1 string (one char per byte) in the detected encoding. */
export function avkoda(bytes: string, kodning: Kodning): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  const buf = Buffer.from(bytes, 'latin1');
  return kodning === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, 'cp437');
}
