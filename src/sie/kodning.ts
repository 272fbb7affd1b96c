/**
 * Which encoding an SIE file is in. The spec says CP437 (`#FORMAT PC8`), but many systems
 * write UTF-8 regardless, some with a BOM, and some Windows-1252. The reader keeps text as
 * bytes while streaming and decodes it once at the end: UTF-8 when the file starts with a
 * BOM, or when every chunk is valid UTF-8 and some byte is not ASCII. Otherwise CP437,
 * unless the texts kept (names of accounts, objects, the company) hold more of the bytes
 * Windows-1252 uses for å ä ö Å Ä Ö é than of those CP437 uses for them.
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

  /** The state, for a reader of another part of the file. */
  lage(): [boolean, boolean] {
    return [this.utf8, this.icke7bit];
  }

  /** Add what a reader of another part of the file saw. */
  slaIhop([utf8, icke7bit]: [boolean, boolean]): void {
    this.utf8 &&= utf8;
    this.icke7bit ||= icke7bit;
  }

  /** The encoding, judged by the whole file and a sample of its texts (as byte strings). */
  kodning(texter: Iterable<string>): Kodning {
    if (this.bom || (this.utf8 && this.icke7bit)) return 'utf-8';
    let cp437 = 0;
    let ansi = 0;
    for (const t of texter) {
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c < 0x80) continue;
        if (CP437_SV.has(c)) cp437++;
        else if (ANSI_SV.has(c)) ansi++;
      }
    }
    return ansi > cp437 ? 'windows-1252' : 'cp437';
  }
}

/** å ä ö Å Ä Ö é ü as bytes of CP437 and of Windows-1252. */
const CP437_SV = new Set([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82, 0x81]);
const ANSI_SV = new Set([0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6, 0xe9, 0xfc]);

/** Decode bytes kept as a latin1 string (one char per byte) in the detected encoding. */
export function avkoda(bytes: string, kodning: Kodning): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  const buf = Buffer.from(bytes, 'latin1');
  return kodning === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, kodning);
}
