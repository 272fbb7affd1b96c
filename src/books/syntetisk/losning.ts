/**
 * Amounts in kr that round to published tkr figures: every leaf within ±450 kr of its
 * published figure (times 1000), every published sum within ±450 kr of the exact sum of its
 * leaves, and the exact equalities (assets = capital and liabilities) hold to the öre.
 * A small iterative projection over integers of öre: no floating point.
 */

export type Term = readonly [leaf: string, sign: 1n | -1n];

export interface Villkor {
  readonly namn: string;
  readonly termer: readonly Term[];
  /** Target in öre. */
  readonly mal: bigint;
  /** Exact equality instead of the ±MARGIN interval. */
  readonly exakt?: boolean;
}

/** How far an exact sum may stand from a published sum (öre): below ½ tkr with room for noise. */
export const MARGIN = 40_000n;
/** How far a leaf may move from its published figure (öre). */
export const GRANS = 45_000n;

const abs = (x: bigint) => (x < 0n ? -x : x);

/** Deterministic pseudo-random integers (mulberry32). */
export function slump(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) | 0;
  };
}

const summa = (v: ReadonlyMap<string, bigint>, termer: readonly Term[]) => termer.reduce((acc, [l, s]) => acc + s * v.get(l)!, 0n);

/**
 * Leaf values near `publicerat` (öre) meeting every condition. Starts from published values
 * with noise of up to ±`brus` öre; throws if no solution is found (the published figures
 * disagree by more than rounding allows).
 */
export function los(publicerat: ReadonlyMap<string, bigint>, villkor: readonly Villkor[], rnd: (n: number) => number, brus = 20_000): Map<string, bigint> {
  const v = new Map<string, bigint>();
  for (const [l, p] of publicerat) v.set(l, p + BigInt(rnd(2 * brus + 1) - brus));
  const room = (l: string, d: bigint) => {
    const next = v.get(l)! + d;
    const p = publicerat.get(l)!;
    return next > p + GRANS ? p + GRANS - v.get(l)! : next < p - GRANS ? p - GRANS - v.get(l)! : d;
  };
  for (let iter = 0; iter < 2000; iter++) {
    let ok = true;
    for (const c of villkor) {
      let err = c.mal - summa(v, c.termer);
      if (c.exakt ? err === 0n : abs(err) <= MARGIN) continue;
      ok = false;
      // Move towards the middle of the interval; spread over the leaves, the rest on whoever has room.
      const n = BigInt(c.termer.length);
      for (const [l, s] of c.termer) {
        const d = room(l, (s * err) / n);
        v.set(l, v.get(l)! + d);
      }
      err = c.mal - summa(v, c.termer);
      for (const [l, s] of c.termer) {
        if (err === 0n) break;
        const d = room(l, s * err);
        v.set(l, v.get(l)! + d);
        err -= s * d;
      }
    }
    if (ok) return v;
  }
  const bad = villkor.filter((c) => (c.exakt ? c.mal !== summa(v, c.termer) : abs(c.mal - summa(v, c.termer)) > MARGIN)).map((c) => c.namn);
  throw new Error(`ingen lösning inom avrundningen: ${bad.join(', ')}`);
}

/** Splits an amount into parts proportional to integer weights; the parts add up exactly. */
export function fordela(belopp: bigint, vikter: readonly number[]): bigint[] {
  const total = BigInt(vikter.reduce((a, b) => a + b, 0));
  const parts = vikter.map((w) => (belopp * BigInt(w)) / total);
  parts[parts.length - 1] = parts.at(-1)! + belopp - parts.reduce((a, b) => a + b, 0n);
  return parts;
}
