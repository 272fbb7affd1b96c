/**
 * Reads one YAML text into plain data (every scalar a string: the failsafe schema, so
 * no amount is ever parsed as a float) and remembers where each value stands.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { SourceRef } from '../domain/model.js';
import type { InputError } from './errors.js';

export type Plain = string | Plain[] | { [key: string]: Plain } | null;
export type Path = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  readonly value: Plain;
  /** Position of the value at `path`, or of its nearest ancestor. */
  at(path: Path): SourceRef;
}

const key = (path: Path) => path.join('\u0000');

export function readYaml(text: string, file: string, errors: InputError[]): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: true, prettyErrors: false });
  const positions = new Map<string, number>();
  const ref = (offset: number): SourceRef => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    errors.push({ ...ref(e.pos[0]), message: `ogiltig YAML: ${e.message.split('\n')[0]}` });
  }
  const convert = (node: Node | null | undefined, path: (string | number)[]): Plain => {
    if (node == null) return null;
    if (node.range) positions.set(key(path), node.range[0]);
    if (isAlias(node) || node.anchor) {
      errors.push({ ...ref(node.range?.[0] ?? 0), message: 'YAML-ankare och alias (&namn, *namn) är inte tillåtna i huvudboksfiler' });
      return null;
    }
    if (isScalar(node)) return node.value == null ? null : String(node.value);
    if (isSeq(node)) return node.items.map((item, i) => convert(item as Node, [...path, i]));
    if (isMap(node)) {
      const out: { [key: string]: Plain } = Object.create(null);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : null;
        if (k === null) {
          errors.push({ ...ref((pair.key as Node | null)?.range?.[0] ?? 0), message: 'nycklar måste vara enkla texter' });
          continue;
        }
        const keyNode = pair.key as Node;
        if (keyNode.range) positions.set(key([...path, k, '\u0001key']), keyNode.range[0]);
        out[k] = convert(pair.value as Node | null, [...path, k]);
        if (!positions.has(key([...path, k])) && keyNode.range) positions.set(key([...path, k]), keyNode.range[0]);
      }
      return out;
    }
    return null;
  };
  const value = doc.errors.length ? null : convert(doc.contents as Node | null, []);
  return {
    file,
    value,
    at(path: Path): SourceRef {
      for (let n = path.length; n >= 0; n--) {
        const off = positions.get(key(path.slice(0, n)));
        if (off !== undefined) return ref(off);
      }
      return { file, line: 1, column: 1 };
    },
  };
}
