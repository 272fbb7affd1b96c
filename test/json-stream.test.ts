import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunked, lazy, prettyJson } from '../src/render/json.js';

const joined = (v: unknown, depth = 0) => [...prettyJson(v, depth)].join('');
/** The chunked form of a record: written key by key, its list as a lazy list, its `inner` key by key. */
const asChunks = (v: { list: unknown[]; inner: Record<string, unknown> } & Record<string, unknown>) =>
  chunked({ ...v, list: lazy(v.list, v.list.length, (x) => x), inner: chunked(v.inner) });

describe('the JSON report written in chunks', () => {
  it('has the bytes of JSON.stringify(value, null, 2) for any report-shaped value, at any depth', () => {
    const report = fc.record({
      scalar: fc.jsonValue(),
      nested: fc.dictionary(fc.string(), fc.jsonValue()),
      list: fc.array(fc.jsonValue(), { maxLength: 1200 }),
      inner: fc.dictionary(fc.string(), fc.jsonValue()),
      empty: fc.constantFrom([], {}),
    });
    fc.assert(
      fc.property(report, fc.nat(3), (v, depth) => joined(asChunks(v), depth) === JSON.stringify(v, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`)),
      { numRuns: 200 },
    );
  });

  it('leaves out undefined keys and writes undefined list items as null, as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, 1], c: { d: undefined, e: 'x\ny' } };
    expect(joined(chunked({ ...v, b: lazy(v.b, 2, (x) => x), c: chunked(v.c) }))).toBe(JSON.stringify(v, null, 2));
  });

  it('splits a long list into several chunks, none of them the whole list', () => {
    const list = Array.from({ length: 5000 }, (_, i) => ({ id: `f${i}`, value: String(i) }));
    const chunks = [...prettyJson(chunked({ figures: lazy(list, list.length, (x) => x) }), 0)];
    expect(chunks.join('')).toBe(JSON.stringify({ figures: list }, null, 2));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(list, null, 2).length / 4);
  });
});
