/**
 * Bytes to text. Ledger files are UTF-8 (a byte order mark is allowed), or in the encoding
 * the manifest declares (`kodning: windows-1252`, decoded by iconv-lite). A file that is
 * not what it claims is refused at its first bad byte, never read with replacement
 * characters.
 */
import { isUtf8 } from 'node:buffer';
import type { MessageParams } from '../messages/catalogue.js';

export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly line?: number; readonly column?: number; readonly code: 'kodning.ej_utf8' | 'kodning.utf16'; readonly params: MessageParams<'kodning.ej_utf8' | 'kodning.utf16'> };

/** The part of iconv-lite decoding needs (loaded only when a ledger declares an encoding). */
export interface Decoder {
  decode(bytes: Uint8Array, encoding: string): string;
}

export const isUtf8Name = (encoding: string) => /^utf-?8$/i.test(encoding);

/** The encoding a manifest declares (`kodning: …` at the top level), read from its bytes. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // Every encoding a manifest can be written in keeps ASCII as it is: read it as Latin-1.
  const m = /^kodning:[ \t]*["']?([A-Za-z0-9_.:-]+)["']?[ \t]*(?:#.*)?\r?$/m.exec(Buffer.from(bytes).toString('latin1'));
  return m?.[1];
}

export function decode(bytes: Uint8Array, encoding: string | undefined, decoder: Decoder | undefined): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, line: 1, column: 1, code: 'kodning.utf16', params: {} };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding && !isUtf8Name(encoding) && !bom && decoder) return { ok: true, text: decoder.decode(body, encoding) };
  if (isUtf8(body)) return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') };
  const at = firstInvalidUtf8(body);
  const byte = body[at]!;
  // What the byte is in Windows-1252, the usual "ANSI": often the letter the user typed.
  const ansi = new TextDecoder('windows-1252').decode(Uint8Array.of(byte));
  const params = { byte: byte.toString(16).toUpperCase().padStart(2, '0'), ...(/^[\p{L}\p{N}\p{S}\p{P}]$/u.test(ansi) ? { ansi } : {}) };
  return { ok: false, ...position(body, at), code: 'kodning.ej_utf8', params };
}

/** Line and column (in characters) of a byte offset; the bytes before it are valid UTF-8. */
function position(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  const before = Buffer.from(bytes.subarray(start, offset)).toString('utf8');
  return { line, column: [...before].length + 1 };
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1. Node and TextDecoder
 * tell only whether a text is valid, not where it is not.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    const second = b[i + 1]!;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}
