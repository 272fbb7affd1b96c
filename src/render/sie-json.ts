/** The JSON report of `avstamning sie` (docs/sie.md). Amounts are exact decimal strings in kr. */
import type { SieRapport } from '../books/rapport.js';

export const SIE_JSON_SCHEMA = 'avstamning/sie@1';

export function renderSieJson(r: SieRapport): string {
  return JSON.stringify({ schema: SIE_JSON_SCHEMA, ...r }, null, 2) + '\n';
}
