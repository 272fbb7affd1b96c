/**
 * Mutation analysis: how many figures of a ledger the reconciler would catch if they
 * were wrong. Each figure in turn is changed by far more than any rounding tolerance,
 * up and then down; it counts as detected when a check that reads it becomes (or stays,
 * with another difference) a discrepancy. Acknowledgements are ignored so that a known
 * difference cannot hide a new one.
 */
import { Decimal } from '../domain/amount.js';
import type { Ledger } from '../domain/model.js';
import { RULES } from './catalogue.js';
import { evaluate } from './engine.js';
import type { CheckSpec, Rule } from './types.js';

export interface MutationResult {
  readonly total: number;
  readonly detected: readonly string[];
  readonly undetected: readonly { readonly id: string; readonly why: string }[];
}

/** The change applied: a million units of the figure's own unit. */
export const MUTATION = new Decimal(1_000_000);

export function mutationAnalysis(ledger: Ledger, rules: readonly Rule[] = RULES): MutationResult {
  // Which checks read which figure: only those need re-evaluating after a change.
  const specs: { spec: CheckSpec; rule: Rule }[] = rules.flatMap((rule) => rule.checks(ledger).flatMap((spec) => ('notApplicable' in spec ? [] : [{ spec, rule }])));
  const byFigure = new Map<string, { spec: CheckSpec; rule: Rule }[]>();
  for (const s of specs) {
    for (const t of [...s.spec.left, ...s.spec.right]) {
      const list = byFigure.get(t.ref);
      if (list) list.push(s);
      else byFigure.set(t.ref, [s]);
    }
  }
  // One copy of the figures, changed in place one figure at a time and restored after.
  const figures = new Map(ledger.figures);
  const changed: Ledger = { ...ledger, figures };
  const detected: string[] = [];
  const undetected: { id: string; why: string }[] = [];
  for (const [id, figure] of ledger.figures) {
    const reading = byFigure.get(id) ?? [];
    const before = new Map(reading.map((s) => [s.spec.id, evaluate(s.spec, ledger, s.rule)]));
    const caught = [MUTATION, MUTATION.neg()].map((delta) => {
      figures.set(id, { ...figure, value: figure.value!.plus(delta) });
      return reading.some((s) => {
        const after = evaluate(s.spec, changed, s.rule);
        const was = before.get(s.spec.id);
        return after?.status === 'discrepancy' && (was?.status !== 'discrepancy' || was.difference !== after.difference);
      });
    });
    figures.set(id, figure);
    if (caught.some(Boolean)) detected.push(id);
    else undetected.push({ id, why: reading.length ? 'läses bara av gränskontroller som ändringen inte bryter' : 'ingen kontroll läser figuren' });
  }
  return { total: ledger.figures.size, detected, undetected };
}
