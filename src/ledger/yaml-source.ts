/**
 * Reads one YAML text into plain data (every scalar a string: the failsafe schema, so
 * no amount is ever parsed as a float) and remembers where each value stands.
 *
 * Parsing is js-yaml's (fast); positions come from its parse events: each node's start
 * offset, in document order, matched against the parsed tree. Anchors and aliases are
 * refused at the first one, which also stops alias bombs before they expand.
 */
import jsyaml from 'js-yaml';
import type { SourceRef } from '../domain/model.js';
import { inputError, type InputError } from './errors.js';
import type { YamlCache } from './yaml-cache.js';

export type Plain = string | Plain[] | { [key: string]: Plain } | null;
export type Path = readonly (string | number)[];

export interface YamlSource {
  readonly file: string;
  readonly value: Plain;
  /** Position of the value at `path`, or of its nearest ancestor. */
  at(path: Path): SourceRef;
}

/**
 * Where a node starts, as JSON-able data (the cache keeps it as it is): [start, its key's
 * start or -1, [key, child]… or 0, items or 0].
 */
type PosData = [number, number, [string, PosData][] | 0, PosData[] | 0];

/** A closed node from the parse events: its start offset and its value. */
interface Closed {
  readonly start: number;
  readonly result: unknown;
}

class AnchorRefused extends Error {
  constructor(readonly offset: number) {
    super('anchor');
  }
}

/** Skips spaces, line breaks and comments: the node itself starts after them. */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const ch = text.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) i++;
    else if (ch === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else return i;
  }
}

/** Source positions by offset: a binary search over the line starts. */
function positions(text: string, file: string): (offset: number) => SourceRef {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}

/** The nodes js-yaml closed, in document order, as parallel arrays (fewer objects for the collector). */
interface ClosedNodes {
  readonly starts: number[];
  readonly ends: number[];
  readonly results: unknown[];
}

/** Parses with js-yaml's FAILSAFE schema (every scalar a string), recording where each node starts. */
function parseRecording(text: string, file: string): { value: Plain; closed: ClosedNodes } {
  const opens: number[] = [];
  const closed: ClosedNodes = { starts: [], ends: [], results: [] };
  const { starts, ends, results } = closed;
  const value = jsyaml.load(text, {
    schema: jsyaml.FAILSAFE_SCHEMA,
    filename: file,
    json: false,
    listener(event, state) {
      if (event === 'open') {
        opens.push(state.position);
        return;
      }
      const start = skipBlank(text, opens.pop() ?? 0);
      if ((state as { anchor?: string | null }).anchor) throw new AnchorRefused(start);
      const n = ends.length - 1;
      // Block sequence entries are reported twice (the entry and its node): keep one.
      if (n >= 0 && ends[n] === state.position && results[n] === state.result) return;
      starts.push(start);
      ends.push(state.position);
      results.push(state.result);
    },
  }) as Plain;
  return { value, closed };
}

/** Matches the closed nodes, in document order, against the parsed tree: each node's start offset. */
function positionTree(value: Plain, { starts, results }: ClosedNodes, rootStart: number): PosData {
  let next = 0;
  const take = (result: unknown): Closed | undefined => {
    if (next >= starts.length) return undefined;
    // An empty block sequence entry has no events: do not consume another node's.
    if (result === null && results[next] !== null) return undefined;
    const c = { start: starts[next]!, result: results[next] };
    next++;
    return c;
  };
  const walk = (v: Plain, own: Closed | undefined): PosData => {
    // Children close before their parent: the parent's own event comes after them.
    if (Array.isArray(v)) {
      const items = v.map((item) => walk(item, undefined));
      const self = take(v);
      return [self?.start ?? items[0]?.[0] ?? rootStart, -1, 0, items];
    }
    if (v !== null && typeof v === 'object') {
      const keys: [string, PosData][] = [];
      let count = 0;
      for (const _ in v) count++;
      for (; count > 0; count--) {
        const key = take('');
        if (!key || typeof key.result !== 'string') break;
        const child = walk(v[key.result] ?? null, undefined);
        child[1] = key.start;
        keys.push([key.result, child]);
      }
      const self = take(v);
      return [self?.start ?? keys[0]?.[1][1] ?? rootStart, -1, keys, 0];
    }
    const self = own ?? take(v);
    return [self?.start ?? rootStart, -1, 0, 0];
  };
  return walk(value, undefined);
}

/** Children of the large mappings, by key (made once each); a small mapping is scanned. */
const keyIndexes = new WeakMap<readonly [string, PosData][], ReadonlyMap<string, PosData>>();

/** The node's child at `seg` (a key of a mapping, an index of a sequence). */
function childOf(node: PosData, seg: string | number): PosData | undefined {
  if (typeof seg === 'number') return node[3] ? node[3][seg] : undefined;
  const keys = node[2];
  if (!keys) return undefined;
  if (keys.length <= 8) {
    for (let i = 0; i < keys.length; i++) if (keys[i]![0] === seg) return keys[i]![1];
    return undefined;
  }
  let index = keyIndexes.get(keys);
  if (!index) keyIndexes.set(keys, (index = new Map(keys)));
  return index.get(seg);
}

/** A cached parse: the value and its position tree. */
interface CacheEntry {
  readonly value: Plain;
  readonly pos: PosData;
}

/** Parses `text`, or takes its parse from `cache` (a parse with errors is never cached). */
export function readYaml(text: string, file: string, errors: InputError[], cache?: YamlCache): YamlSource {
  const ref = positions(text, file);
  const cached = cache?.get() as CacheEntry | undefined;
  if (cached) return source(file, cached.value, cached.pos, ref);
  let parsed: { value: Plain; closed: ClosedNodes };
  try {
    parsed = parseRecording(text, file);
  } catch (e) {
    if (e instanceof AnchorRefused) {
      errors.push(inputError(ref(e.offset), 'yaml.ankare', {}));
    } else if (e instanceof jsyaml.YAMLException) {
      const at = e.mark ? { file, line: e.mark.line + 1, column: e.mark.column + 1 } : { file, line: 1, column: 1 };
      errors.push(inputError(at, 'yaml.syntax', { orsak: e.reason }));
    } else throw e;
    return { file, value: null, at: () => ({ file, line: 1, column: 1 }) };
  }
  const value = parsed.value ?? null;
  const root = positionTree(parsed.value, parsed.closed, skipBlank(text, 0));
  cache?.set({ value, pos: root } satisfies CacheEntry);
  return source(file, value, root, ref);
}

function source(file: string, value: Plain, root: PosData, ref: (offset: number) => SourceRef): YamlSource {
  return {
    file,
    value,
    at(path: Path): SourceRef {
      let node = root;
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        if (seg === '\u0001key') return ref(node[1] >= 0 ? node[1] : node[0]);
        const child = childOf(node, seg);
        if (!child) break;
        node = child;
      }
      return ref(node[0]);
    },
  };
}
