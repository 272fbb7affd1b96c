/**
 * What the builders of one ledger share: the figures registered so far, the references to
 * resolve once everything is loaded, and the errors collected (all of them, never the first
 * alone). One context per ledger; the builders of tables, the anslagsredovisning and the
 * regleringsbrev write into it.
 */
import { isMoney, isUnitId, MAX_DIGITS, parseAmount, UNITS, type UnitId } from '../../domain/amount.js';
import type { Figure, LayoutLine, SourceRef, Term } from '../../domain/model.js';
import { inputError, type InputError } from '../errors.js';
import type { MessageCode, MessageParams } from '../../messages/catalogue.js';
import type { Path, YamlSource } from '../yaml-source.js';

/** A reference to resolve once every file is read. */
export interface Pending {
  readonly kind: 'row' | 'figure' | 'anslagspost' | 'anslag' | 'note';
  readonly ref: string;
  readonly at: SourceRef;
  readonly what: string;
  readonly unit?: UnitId;
}

export class BuildContext {
  readonly figures = new Map<string, Figure>();
  /** Ids of cells printed empty (`–`): known, but without an amount. */
  readonly emptyCells = new Set<string>();
  /**
   * Ids of figures already reported (an invalid amount, a row with too few values): a
   * reference to one is not reported again (one mistake, one error).
   */
  readonly reported = new Set<string>();
  readonly pending: Pending[] = [];
  /** The ledger's unit (`enhet:` in ledger.yaml, tkr by default). */
  readonly ledgerUnit: UnitId;

  constructor(
    /** The ledger's layout version. */
    readonly layout: string,
    readonly errors: InputError[],
    manifest: { readonly src: YamlSource; readonly enhet: string | undefined },
  ) {
    this.ledgerUnit = this.resolveUnit(manifest.enhet, 'tkr', manifest.src, ['enhet']);
  }

  err<C extends MessageCode>(at: SourceRef, code: C, params: MessageParams<C>): void {
    this.errors.push(inputError(at, code, params));
  }

  /** A unit by name, or the fallback; `where` is the `enhet` key's path, looked up only for an error. */
  resolveUnit(name: string | undefined, fallback: UnitId, src: YamlSource, where: Path): UnitId {
    if (name === undefined) return fallback;
    if (isUnitId(name)) return name;
    this.err(src.at(where), 'enhet.okand', { enhet: name, giltiga: Object.keys(UNITS) });
    return fallback;
  }

  /** Registers one printed figure; returns its id, or undefined for an empty or unreadable cell. */
  figure(id: string, printed: string | null | undefined, unit: UnitId, src: YamlSource, path: Path, label: string, seed?: string, negate = false): string | undefined {
    if (printed == null) return undefined;
    const at = src.at(path);
    const parsed = parseAmount(printed);
    if (!parsed.ok) {
      if (parsed.reason === 'too-long') this.err(at, 'belopp.for_langt', { figur: id, text: printed, max: MAX_DIGITS });
      else this.err(at, 'belopp.ogiltigt', { figur: id, text: printed });
      this.reported.add(id);
      return undefined;
    }
    if (parsed.value === null) {
      this.emptyCells.add(id);
      return undefined;
    }
    const u = UNITS[unit];
    if (parsed.decimals > u.maxDecimals) {
      this.err(at, 'belopp.decimaler', { figur: id, text: printed, decimaler: parsed.decimals, enhet: u.id, tillatna: u.maxDecimals });
      this.reported.add(id);
      return undefined;
    }
    const previous = this.figures.get(id);
    if (previous) {
      this.err(at, 'figur.dubblett', { figur: id, fil: previous.source.file, rad: previous.source.line });
      return undefined;
    }
    const s = seedRange(seed);
    const value = negate ? parsed.value.neg() : parsed.value;
    this.figures.set(id, { id, value, printed, unit, decimals: parsed.decimals, source: at, label, ...(s ? { seed: s } : {}), ...(negate ? { negated: true } : {}) });
    return id;
  }

  /** A figure id a reference may name: registered, or already reported (then not again). */
  known(id: string): boolean {
    return this.figures.has(id) || this.reported.has(id);
  }
}

/** Seed line ranges ("7023-7025"), parsed once per distinct text: a row's cells share theirs. */
const seedRanges = new Map<string, readonly [number, number]>();
const seedRange = (s: string | undefined): readonly [number, number] | undefined => {
  if (!s) return undefined;
  let range = seedRanges.get(s);
  if (!range) {
    const [a, b] = s.split('-').map(Number);
    seedRanges.set(s, (range = [a!, b ?? a!]));
  }
  return range;
};

export function parseTerm(s: string): Term {
  const t = s.trim();
  return t.startsWith('-') ? { sign: -1, ref: t.slice(1).trim() } : { sign: 1, ref: t.replace(/^\+/, '').trim() };
}
/** A key that holds one item or a list of them, as a list. */
export const asList = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as T]);
/** Two units can be compared: the same, or both money (kr, tkr, mnkr). */
export const comparable = (a: UnitId, b: UnitId) => a === b || (isMoney(a) && isMoney(b));

/** Groups items by a key, in their order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** The lines of a layout by id, computed once per layout. */
const layoutLineMaps = new WeakMap<object, ReadonlyMap<string, LayoutLine>>();
export function layoutLineIds(layout: { readonly lines: readonly LayoutLine[] }): ReadonlyMap<string, LayoutLine> {
  let ids = layoutLineMaps.get(layout);
  if (!ids) layoutLineMaps.set(layout, (ids = new Map(layout.lines.map((l) => [l.id, l]))));
  return ids;
}
