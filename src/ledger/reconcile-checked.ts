/**
 * Reconciliation of a loaded ledger, with the input errors only the rules can reveal: an
 * acknowledgement (kanda_avvikelser) naming a check that no rule makes, and figures whose
 * units cannot be compared in a check. Both are the ledger's mistakes: LedgerInputError.
 */
import { isMoney } from '../domain/amount.js';
import type { Figure, Ledger } from '../domain/model.js';
import { IncomparableUnits, reconcile, unknownAcknowledgements, type ReconcileOptions } from '../rules/engine.js';
import type { Reconciliation } from '../rules/types.js';
import { inputError } from './errors.js';
import { ledgerInputError } from './load.js';

export function reconcileChecked(dir: string, ledger: Ledger, options: ReconcileOptions = {}): Reconciliation {
  let result: Reconciliation;
  try {
    result = reconcile(ledger, options);
  } catch (e) {
    if (!(e instanceof IncomparableUnits)) throw e;
    const figurer = e.figures.map((f) => ({ figur: f.id, enhet: f.unit }));
    // At the figure that is not money among amounts, most likely the one with the wrong unit.
    const money = (f: Figure) => isMoney(f.unit);
    const odd = e.figures.some(money) ? e.figures.find((f) => !money(f)) : undefined;
    throw ledgerInputError(dir, [inputError((odd ?? e.figures[0]!).source, 'kontroll.enheter', { kontroll: e.check, figurer })]);
  }
  const unknown = unknownAcknowledgements(ledger, result.checks);
  if (unknown.length) throw ledgerInputError(dir, unknown.map((a) => inputError(a.source, 'avvikelse.okand_kontroll', { kontroll: a.check })));
  return result;
}
