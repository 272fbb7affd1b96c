import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../src/render/json.js';

const joined = (v: unknown) => [...prettyJson(v, 0)].join('');

describe('the JSON report written in chunks', () => {
  it('has the bytes of JSON.stringify(value, null, 2) for any report-shaped value', () => {
    const report = fc.record({
      scalar: fc.jsonValue(),
      nested: fc.dictionary(fc.string(), fc.jsonValue()),
      list: fc.array(fc.jsonValue(), { maxLength: 1200 }),
      empty: fc.constantFrom([], {}),
    });
    fc.assert(fc.property(report, (v) => joined(v) === JSON.stringify(v, null, 2)), { numRuns: 200 });
  });

  it('leaves out undefined keys and writes undefined list items as null, as JSON.stringify does', () => {
    const v = { a: undefined, b: [undefined, 1], c: { d: undefined, e: 'x\ny' } };
    expect(joined(v)).toBe(JSON.stringify(v, null, 2));
  });

  it('splits a long list into several chunks, none of them the whole list', () => {
    const v = { figures: Array.from({ length: 5000 }, (_, i) => ({ id: `f${i}`, value: String(i) })) };
    const chunks = [...prettyJson(v, 0)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(v, null, 2).length / 4);
  });
});
