/**
 * Layout versions derived from another by leaving lines out, and the walk over a
 * version's rule data that finds every statement line a rule names.
 */
import type { Layout, LayoutVersion, LineRef, RuleLines, StatementKind } from '../model.js';

const KINDS: readonly string[] = ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter'];

export const isLineRef = (x: unknown): x is LineRef =>
  Array.isArray(x) && x.length === 2 && KINDS.includes(x[0] as string) && typeof x[1] === 'string';

/** Every statement line the rule data names, in order. */
export function lineRefs(regler: RuleLines): LineRef[] {
  const out: LineRef[] = [];
  const walk = (x: unknown): void => {
    if (isLineRef(x)) out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(regler);
  return out;
}

/**
 * Rule data without the lines a version lacks: a line reference that is gone removes the
 * object that holds it (a tie, a role); a list keeps its remaining items.
 */
function prune(x: unknown, present: (r: LineRef) => boolean): unknown {
  if (isLineRef(x)) return present(x) ? x : undefined;
  if (Array.isArray(x)) {
    const kept = x.map((v) => prune(v, present)).filter((v) => v !== undefined);
    return kept.length || !x.length ? kept : undefined;
  }
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      const p = prune(v, present);
      if (p === undefined) return undefined;
      out[k] = p;
    }
    return out;
  }
  return x;
}

/** A version with the given lines left out of every layout, sum and rule. */
export function withoutLines(base: LayoutVersion, id: string, title: string, removed: readonly LineRef[]): LayoutVersion {
  const gone = (kind: StatementKind, line: string) => removed.some(([k, l]) => k === kind && l === line);
  const layouts = base.layouts.map((layout): Layout => {
    const keep = (line: string) => !gone(layout.kind, line.replace(/^-/, ''));
    return {
      ...layout,
      lines: layout.lines.filter((l) => keep(l.id)).map((l) => (l.sum ? { ...l, sum: l.sum.filter(keep) } : l)),
      ...(layout.equal ? { equal: layout.equal.filter((e) => keep(e.left) && keep(e.right)) } : {}),
      ...(layout.opening ? { opening: layout.opening.filter((o) => keep(o.opening) && keep(o.closing)) } : {}),
    };
  });
  const present = ([k, l]: LineRef) => !gone(k, l);
  // Role by role: a role whose line is gone is left out, the others stay.
  const regler = Object.fromEntries(
    Object.entries(base.regler).flatMap(([k, v]) => {
      const p = prune(v, present);
      return p === undefined ? [] : [[k, p]];
    }),
  ) as unknown as RuleLines;
  return { id, title, layouts, regler: { ...regler, ties: regler.ties ?? [] } };
}
