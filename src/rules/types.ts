/** The reconciler's vocabulary: rules, check specifications and their results. */
import type { Ledger, Term } from '../domain/model.js';
import type { Kontotackning } from './books.js';
import type { Message } from '../messages/catalogue.js';

export type Severity = 'fel' | 'varning';
export type Status = 'ok' | 'rounding' | 'discrepancy' | 'acknowledged';

/** `eq`: both sides agree; `le`: the left side may not exceed the right (a limit). */
export type Relation = 'eq' | 'le';

export interface RuleDef {
  /** Stable id, e.g. `A-1`; DOMAIN.md §7 numbering where the rule is from its catalogue. */
  readonly id: string;
  /** Swedish title shown to users. */
  readonly title: string;
  readonly severity: Severity;
  /** The regulation or layout the rule comes from. */
  readonly source: string;
  /** Which figures it reads, in words. */
  readonly reads: string;
}

/** One check to evaluate: figure ids on each side, summed with their signs. */
export interface CheckSpec {
  readonly id: string;
  readonly rule: string;
  /** What is checked, in Swedish, e.g. "Summa verksamhetens intäkter 2024". */
  readonly subject: string;
  readonly relation: Relation;
  readonly left: readonly Term[];
  readonly right: readonly Term[];
  /** Left side is the product of its two terms (driftkostnad per årsarbetskraft × årsarbetskrafter). */
  readonly product?: boolean;
  /** A right side without figures counts as zero (a limit nobody granted, a sum of no posts). */
  readonly zeroIfEmpty?: boolean;
  /** Checks of amounts derived from the books: the accounts behind the derived side. */
  readonly konton?: readonly KontoRad[];
}

/** An account behind a derived amount, with its balance in kr as the line takes it. */
export interface KontoRad {
  readonly konto: string;
  readonly namn: string;
  readonly belopp: string;
}

/**
 * A check a rule cannot make of this ledger, and why: the layout version has no such line,
 * or the ledger has no such statement or row. Reported as "ej tillämplig", never silent.
 */
export interface NotApplicable {
  readonly notApplicable: true;
  readonly rule: string;
  /** What the rule would have checked, in Swedish. */
  readonly subject: string;
  /** Why it cannot, as a message of the catalogue. */
  readonly reason: Message;
}

/** A rule: its description and the checks it makes of a ledger. Declared once, in catalogue.ts. */
export interface Rule extends RuleDef {
  readonly checks: (ledger: Ledger) => (CheckSpec | NotApplicable)[];
}

export interface CheckTerm {
  readonly sign: 1 | -1;
  readonly figure: string;
}

/** The result of one check: plain serializable data, amounts as exact decimal strings. */
export interface CheckResult {
  readonly id: string;
  readonly rule: string;
  readonly title: string;
  readonly subject: string;
  readonly severity: Severity;
  readonly relation: Relation;
  readonly status: Status;
  readonly left: string;
  readonly right: string;
  /** left − right */
  readonly difference: string;
  readonly tolerance: string;
  readonly unit: string;
  readonly leftTerms: readonly CheckTerm[];
  readonly rightTerms: readonly CheckTerm[];
  readonly product: boolean;
  /** Every figure id the check reads. */
  readonly figures: readonly string[];
  /** The acknowledgement's reason, for status `acknowledged`. */
  readonly reason?: string;
  /** The accounts behind an amount derived from the books. */
  readonly konton?: readonly KontoRad[];
}

export interface StaleAcknowledgement {
  readonly check: string;
  readonly figures?: readonly string[];
  readonly reason: string;
  readonly source: { readonly file: string; readonly line: number; readonly column: number };
  /** Why it is stale (the check does not exist, or is not a discrepancy), as a message of the catalogue. */
  readonly why: Message;
}

export interface Coverage {
  /** Rules that made no check of this ledger (each has its reasons in `notApplicable`). */
  readonly rulesNotApplicable: readonly string[];
  readonly figures: number;
  readonly covered: number;
  /** Figure ids no check reads. */
  readonly uncovered: readonly string[];
  /** The ledger's reasons (olasta_figurer) for uncovered figures, with the ids each explains. */
  readonly justified: readonly { readonly reason: string; readonly figures: readonly string[] }[];
  /** Uncovered figures without a reason: a missing rule or a missing declaration. */
  readonly unjustified: readonly string[];
  /** With a general ledger: the accounts with a balance, and those no check reaches. */
  readonly konton?: Kontotackning;
}

export interface Summary {
  readonly checks: number;
  readonly ok: number;
  readonly rounding: number;
  readonly discrepancy: number;
  readonly acknowledged: number;
  readonly stale: number;
  /** Checks a rule could not make (ej tillämpliga). */
  readonly notApplicable: number;
}

export interface Reconciliation {
  readonly agency: string;
  readonly year: string;
  readonly layout: string;
  readonly rules: readonly RuleDef[];
  readonly checks: readonly CheckResult[];
  /** What the rules could not check, with the reason, in catalogue order. */
  readonly notApplicable: readonly Omit<NotApplicable, 'notApplicable'>[];
  readonly stale: readonly StaleAcknowledgement[];
  readonly coverage: Coverage;
  readonly summary: Summary;
  readonly acknowledgementsIgnored: boolean;
}
