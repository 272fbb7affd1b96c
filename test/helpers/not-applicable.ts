import { render } from '../../src/messages/catalogue.js';
import type { Reconciliation } from '../../src/rules/types.js';

/** The run's "ej tillämplig" entries with their reasons as the user reads them. */
export const naText = (r: Pick<Reconciliation, 'notApplicable'>) => r.notApplicable.map((n) => ({ ...n, reason: render(n.reason) }));
