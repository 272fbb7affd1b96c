/**
 * Every rule avstämning knows, for `avstamning rules` and docs/rules.md: the catalogue that
 * runs on every ledger, the year-over-year rules (run where the agency's previous year is in
 * the same run) and the books' integrity rules D-1 … D-14 (run where the ledger names a
 * general ledger). The engine chooses among them per ledger (engine.ts).
 */
import { INTEGRITY_RULES } from './books.js';
import { RULES } from './catalogue.js';
import type { Rule } from './types.js';
import { YEAR_OVER_YEAR } from './year-over-year.js';

export const EVERY_RULE: readonly Rule[] = [...RULES, ...YEAR_OVER_YEAR, ...INTEGRITY_RULES];
