/**
 * The engine: runs every rule of the catalogue over a ledger, evaluates each check with
 * the rounding-aware comparison, applies the acknowledged differences and measures which
 * figures no check reads. Returns plain serializable data; decides nothing about exit codes.
 */
import { isMoney } from '../domain/amount.js';
import { figureById, type Figure, type Ledger, type Term } from '../domain/model.js';
import { RULES } from './catalogue.js';
import { applyRestatements, YEAR_OVER_YEAR } from './year-over-year.js';
import { INTEGRITY_RULES, kontotackning } from './books.js';
import { classify, commonUnit, compareSides, decimalString, productSide, sumSide, ZERO_SIDE } from './interval.js';
import type { CheckResult, CheckSpec, Reconciliation, Rule, StaleAcknowledgement, Status, Summary } from './types.js';
import type { Message } from '../messages/catalogue.js';

export interface ReconcileOptions {
  /** Report discrepancies as such even where the ledger acknowledges them. */
  readonly ignoreAcknowledgements?: boolean;
  readonly rules?: readonly Rule[];
}

/**
 * A check whose figures have units that cannot be compared (a count and an amount): the
 * ledger gives a figure the wrong unit. The CLI reports it as an input error.
 */
export class IncomparableUnits extends Error {
  constructor(
    readonly check: string,
    readonly figures: readonly Figure[],
  ) {
    super(`check ${check}: figures in incompatible units (${figures.map((f) => f.unit).join(', ')})`);
    this.name = 'IncomparableUnits';
  }
}

/** Acknowledgements that name a check no rule made: a mistake in the ledger, not a stale entry. */
export function unknownAcknowledgements(ledger: Ledger, checks: readonly CheckResult[]): Ledger['acknowledgements'] {
  const ids = new Set(checks.map((c) => c.id));
  return ledger.acknowledgements.filter((a) => !ids.has(a.check));
}

/** Evaluates one check; undefined when a side has no figure (the check does not apply). */
export function evaluate(spec: CheckSpec, ledger: Ledger, rule: Rule): CheckResult | undefined {
  const resolve = (terms: readonly Term[]) => {
    const out: { term: Term; figure: Figure }[] = [];
    for (const term of terms) {
      const figure = figureById(ledger, term.ref);
      if (figure && figure.value) out.push({ term, figure });
    }
    return out;
  };
  const left = resolve(spec.left);
  const right = resolve(spec.right);
  // A check needs both sides, unless an empty right side means zero.
  if (!left.length || (!right.length && !spec.zeroIfEmpty)) return undefined;
  const figures: Figure[] = [...left, ...right].map((x) => x.figure);
  // A product compares money with money: exactly one factor is an amount (the other a count).
  const money = (x: { figure: Figure }) => isMoney(x.figure.unit);
  const unit = !spec.product
    ? commonUnit(figures.map((f) => f.unit))
    : left.filter(money).length === 1 && right.every(money)
      ? commonUnit(right.map((x) => x.figure.unit))
      : undefined;
  if (!unit) throw new IncomparableUnits(spec.id, figures);
  // A product: the money factor in the comparison unit, the other (a count) in its own.
  const own = (x: { figure: Figure }) => (money(x) ? unit : x.figure.unit);
  const l = spec.product ? productSide(sumSide([left[0]!], own(left[0]!)), sumSide(left.slice(1, 2), own(left[1] ?? left[0]!))) : sumSide(left, unit);
  const r = right.length ? sumSide(right, unit) : ZERO_SIDE;
  const { difference, tolerance, scale } = compareSides(l, r);
  const toTerm = (x: { term: Term; figure: Figure }) => ({ sign: x.term.sign, figure: x.figure.id });
  return {
    id: spec.id,
    rule: spec.rule,
    title: rule.title,
    subject: spec.subject,
    severity: rule.severity,
    relation: spec.relation,
    status: classify(spec.relation, difference, tolerance),
    left: decimalString(l.value, l.scale),
    right: decimalString(r.value, r.scale),
    difference: decimalString(difference, scale),
    tolerance: decimalString(tolerance, scale),
    unit,
    leftTerms: left.map(toTerm),
    rightTerms: right.map(toTerm),
    product: spec.product ?? false,
    figures: [...new Set(figures.map((f) => f.id))],
    ...(spec.konton ? { konton: spec.konton } : {}),
  };
}

export function reconcile(ledger: Ledger, options: ReconcileOptions = {}): Reconciliation {
  // The year-over-year rules where the run has last year's report (rules/year-over-year.ts), the
  // books' integrity where the ledger names its general ledger (rules/books.ts).
  const rules = options.rules ?? [...RULES, ...(ledger.previousYear ? YEAR_OVER_YEAR : []), ...(ledger.huvudbok ? INTEGRITY_RULES : [])];
  const checks: CheckResult[] = [];
  const notApplicable: Reconciliation['notApplicable'][number][] = [];
  const rulesNotApplicable: string[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    const before = checks.length;
    const reasons = notApplicable.length;
    for (const spec of rule.checks(ledger)) {
      if ('notApplicable' in spec) {
        notApplicable.push({ rule: spec.rule, subject: spec.subject, reason: spec.reason });
        continue;
      }
      const result = evaluate(spec, ledger, rule);
      if (!result) continue;
      // Keep ids unique and stable: a second check of the same subject gets a suffix.
      let id = result.id;
      for (let n = 2; ids.has(id); n++) id = `${result.id}#${n}`;
      ids.add(id);
      checks.push(id === result.id ? result : { ...result, id });
    }
    if (checks.length === before) {
      rulesNotApplicable.push(rule.id);
      if (notApplicable.length === reasons) notApplicable.push({ rule: rule.id, subject: rule.title, reason: { code: 'ej_tillamplig.inga_figurer', params: {} } });
    }
  }

  const stale: StaleAcknowledgement[] = [];
  const final = options.ignoreAcknowledgements ? checks : applyRestatements(acknowledge(checks, ledger, stale), ledger, stale);

  const read = new Set(final.flatMap((c) => c.figures));
  const uncovered = [...ledger.figures.keys()].filter((id) => !read.has(id));
  const count = (s: Status) => final.filter((c) => c.status === s).length;
  const summary: Summary = {
    checks: final.length,
    ok: count('ok'),
    rounding: count('rounding'),
    discrepancy: count('discrepancy'),
    acknowledged: count('acknowledged'),
    stale: stale.length,
    notApplicable: notApplicable.length,
  };
  return {
    agency: ledger.agency,
    year: ledger.year,
    layout: ledger.layout,
    rules: rules.map(({ id, title, severity, source, reads }) => ({ id, title, severity, source, reads })),
    checks: final,
    notApplicable,
    stale,
    coverage: withAccounts(coverage(ledger, uncovered, rulesNotApplicable), kontotackning(ledger, final)),
    summary,
    acknowledgementsIgnored: options.ignoreAcknowledgements ?? false,
  };
}

const withAccounts = (c: Reconciliation['coverage'], konton: Reconciliation['coverage']['konton']) => (konton ? { ...c, konton } : c);

const globRegExp = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

function coverage(ledger: Ledger, uncovered: readonly string[], rulesNotApplicable: readonly string[]): Reconciliation['coverage'] {
  const notes = ledger.coverageNotes.map((n) => ({ reason: n.reason, patterns: n.figures.map(globRegExp), figures: [] as string[] }));
  const unjustified: string[] = [];
  for (const id of uncovered) {
    const note = notes.find((n) => n.patterns.some((p) => p.test(id)));
    if (note) note.figures.push(id);
    else unjustified.push(id);
  }
  return {
    rulesNotApplicable,
    figures: ledger.figures.size,
    covered: ledger.figures.size - uncovered.length,
    uncovered,
    justified: notes.filter((n) => n.figures.length).map((n) => ({ reason: n.reason, figures: n.figures })),
    unjustified,
  };
}

/** Marks discrepancies the ledger acknowledges; collects acknowledgements that match none. */
function acknowledge(checks: readonly CheckResult[], ledger: Ledger, stale: StaleAcknowledgement[]): CheckResult[] {
  const used = new Set<number>();
  const out = checks.map((c) => {
    if (c.status !== 'discrepancy') return c;
    const i = ledger.acknowledgements.findIndex((a) => a.check === c.id && (!a.figures || a.figures.every((f) => c.figures.includes(f))));
    if (i < 0) return c;
    used.add(i);
    return { ...c, status: 'acknowledged' as const, reason: ledger.acknowledgements[i]!.reason };
  });
  ledger.acknowledgements.forEach((a, i) => {
    if (used.has(i)) return;
    const check = checks.find((c) => c.id === a.check);
    const acknowledgedBy = out.find((c) => c.id === a.check && c.status === 'acknowledged');
    const why: Message = !check
      ? { code: 'inaktuell.okand_kontroll', params: {} }
      : acknowledgedBy
        ? { code: 'inaktuell.redan_kvitterad', params: {} }
        : check.status !== 'discrepancy'
          ? { code: 'inaktuell.status', params: { status: check.status } }
          : { code: 'inaktuell.figurer', params: {} };
    stale.push({ check: a.check, ...(a.figures ? { figures: a.figures } : {}), reason: a.reason, source: a.source, why });
  });
  return out;
}
