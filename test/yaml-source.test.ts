/**
 * Source positions of parsed YAML (src/ledger/yaml-source.ts): every key and value is found
 * at its line and column, in small and large mappings and in sequences, whether the file is
 * parsed or its parse is taken from the cache (kept as JSON).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../src/ledger/errors.js';
import type { YamlCache } from '../src/ledger/yaml-cache.js';
import { readYaml, type Path } from '../src/ledger/yaml-source.js';

/** A cache slot holding one entry as JSON text, as the cache file does. */
function jsonSlot(): YamlCache & { kept?: string } {
  const slot: YamlCache & { kept?: string } = {
    get: () => (slot.kept === undefined ? undefined : JSON.parse(slot.kept)),
    set: (entry) => void (slot.kept = JSON.stringify(entry)),
    checked: () => undefined,
    keep: () => {},
  };
  return slot;
}

/** `key: value` lines of a mapping with `n` keys, then a sequence under `lista`; the place of each. */
function document(n: number): { text: string; places: { path: Path; line: number; column: number }[] } {
  const lines: string[] = [];
  const places: { path: Path; line: number; column: number }[] = [];
  lines.push('rot:');
  for (let i = 0; i < n; i++) {
    lines.push(`  nyckel_${i}: varde ${i}`);
    places.push({ path: ['rot', `nyckel_${i}`], line: lines.length, column: 12 + String(i).length });
    places.push({ path: ['rot', `nyckel_${i}`, '\u0001key'], line: lines.length, column: 3 });
  }
  lines.push('lista:');
  for (let i = 0; i < 3; i++) {
    lines.push(`  - id: rad${i}`, `    v: ["${i}", "${i + 1}"]`);
    places.push({ path: ['lista', i], line: lines.length - 1, column: 5 });
    places.push({ path: ['lista', i, 'v', 1], line: lines.length, column: 14 });
  }
  return { text: lines.join('\n') + '\n', places };
}

describe('YAML source positions', () => {
  it('name the line and column of every key and value, parsed and through the cache, however many keys a mapping has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), (n) => {
        const { text, places } = document(n);
        const slot = jsonSlot();
        const errors: InputError[] = [];
        const parsed = readYaml(text, 'f.yaml', errors, slot);
        expect(slot.kept).toBeDefined();
        const cached = readYaml(text, 'f.yaml', errors, slot);
        expect(errors).toEqual([]);
        for (const src of [parsed, cached]) {
          for (const p of places) expect(src.at(p.path), JSON.stringify(p.path)).toEqual({ file: 'f.yaml', line: p.line, column: p.column });
        }
      }),
      { numRuns: 25 },
    );
  });

  it('name the nearest ancestor of a path that is not there', () => {
    const { text } = document(12);
    const src = readYaml(text, 'f.yaml', []);
    expect(src.at(['rot', 'saknas'])).toEqual({ file: 'f.yaml', line: 2, column: 3 });
    expect(src.at(['lista', 7, 'v'])).toEqual({ file: 'f.yaml', line: 15, column: 3 });
    expect(src.at(['rot', 3])).toEqual({ file: 'f.yaml', line: 2, column: 3 });
  });
});
