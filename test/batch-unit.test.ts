import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gather } from '../src/cli/batch-unit.js';

const bytes = (pieces: readonly Uint8Array[]) => Buffer.concat(pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));

describe('a ledger\'s report gathered into bytes for the main thread', () => {
  it('holds the UTF-8 of the chunks joined, whatever their characters and lengths', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 50 }), (chunks) => bytes(gather(chunks)).equals(Buffer.from(chunks.join(''), 'utf8'))),
      { numRuns: 300 },
    );
  });

  it('cuts a long report into pieces of about a megabyte, each with memory of its own to transfer', () => {
    const chunks = Array.from({ length: 3000 }, (_, i) => `"figur ${i}: åäö ${'x'.repeat(1000)}",\n`);
    const pieces = gather(chunks);
    expect(bytes(pieces).toString('utf8')).toBe(chunks.join(''));
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.byteLength).toBeLessThanOrEqual(1 << 20);
    expect(new Set(pieces.map((p) => p.buffer)).size).toBe(pieces.length);
  });

  it('keeps a chunk longer than a piece whole', () => {
    const big = 'ö'.repeat(1 << 20);
    const pieces = gather(['{', big, '}']);
    expect(bytes(pieces).toString('utf8')).toBe(`{${big}}`);
  });
});
