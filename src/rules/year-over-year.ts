/**
 * Year over year: where a run has last year's report of the same agency, this year's
 * comparative figures are tied to what last year's report printed as its own. Last year's
 * figures are read as `fg:<id>` (model.ts, PREVIOUS_YEAR). A comparative that changed is a
 * discrepancy unless the ledger declares it a restatement (omraknade_jamforelsesiffror)
 * with its reason; then it is acknowledged with that reason.
 *
 * Kept apart from catalogue.ts: these rules read two ledgers, and apply only when a run
 * has both (reconcile <dir> over many ledgers).
 */
import { KONTO_SALDO } from '../books/huvudbok.js';
import { arBalanskonto, kontotyp } from '../books/model.js';
import { PREVIOUS_YEAR, statement, type Ledger, type StatementKind, type Table } from '../domain/model.js';
import type { CheckResult, CheckSpec, NotApplicable, Rule, StaleAcknowledgement } from './types.js';

const STATEMENTS: readonly StatementKind[] = ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter'];
const isYear = (s: string) => /^\d{4}$/.test(s);
const tie = (rule: string, subject: string, now: string, before: string): CheckSpec => ({
  id: `${rule}/${now}`,
  rule,
  subject,
  relation: 'eq',
  left: [{ sign: 1, ref: now }],
  right: [{ sign: 1, ref: `${PREVIOUS_YEAR}${before}` }],
});

/**
 * Every comparative column of `t` (a year before this one that last year's table `before`
 * also has), row by row: the same row id in both.
 */
function comparativeColumns(rule: string, l: Ledger, t: Table, before: Table): CheckSpec[] {
  const year = l.previousYear!.ledger.year;
  const rows = new Map(before.rows.map((r) => [r.id, r]));
  const columns = new Set(before.columns.map((c) => c.id));
  const out: CheckSpec[] = [];
  for (const c of t.columns) {
    if (!isYear(c.id) || c.id >= l.year || !columns.has(c.id)) continue;
    for (const r of t.rows) {
      const now = r.cells[c.id];
      const then = rows.get(r.id)?.cells[c.id];
      if (now && then) out.push(tie(rule, `${t.title}: ${r.label} ${c.id} = årsredovisningen ${year}`, now, then));
    }
  }
  return out;
}

/** A note's opening balance this year = its closing balance in last year's report (periodisering). */
function openingBalances(rule: string, l: Ledger, t: Table, before: Table): CheckSpec[] {
  const last = l.previousYear!.ledger.year;
  const rows = new Map(before.rows.map((r) => [r.id, r]));
  return t.periodisering.flatMap((p) => {
    const opening = t.rows.find((r) => r.id === p.opening);
    const now = opening?.cells[l.year];
    const then = rows.get(p.closing)?.cells[last];
    return now && then ? [tie(rule, `${t.title}: ${opening!.label} ${l.year} = utgående balans i årsredovisningen ${last}`, now, then)] : [];
  });
}

/** Each figure `<prefix>…<from>` of this year tied to last year's `<prefix>…<to>` of the same row. */
function rowCarryOver(rule: string, l: Ledger, prefix: string, from: string, to: string, what: string): CheckSpec[] {
  const p = l.previousYear!.ledger;
  const out: CheckSpec[] = [];
  for (const [id, f] of l.figures) {
    if (!id.startsWith(prefix) || !id.endsWith(`.${from}`)) continue;
    const then = `${id.slice(0, -from.length)}${to}`;
    if (p.figures.has(then)) out.push(tie(rule, `${f.label.replace(/ · [^·]*$/, '')}: ${what} ${l.year} = ${what.replace('ingående', 'utgående')} ${p.year}`, id, then));
  }
  return out;
}

/**
 * Each balance account's #IB of year 0 in this year's general ledger = its #UB of year 0 in
 * last year's (an account missing from one side counts as 0). Both ledgers need books.
 */
function bookBalances(l: Ledger): (CheckSpec | NotApplicable)[] {
  const p = l.previousYear!.ledger;
  const now = l.huvudbok;
  const before = p.huvudbok;
  const subject = `Huvudbokens ingående balanser ${l.year} = utgående balanser i huvudboken ${p.year}`;
  const without = [...(now ? [] : [l.year]), ...(before ? [] : [p.year])];
  if (!now || !before) return [{ notApplicable: true, rule: 'D-15', subject, reason: { code: 'ej_tillamplig.ingen_huvudbok_ar', params: { ar: without } } }];
  const opening = now.bok.saldon.get(0);
  const closing = before.bok.saldon.get(0);
  const konton = new Set<string>();
  for (const [konto, s] of opening ?? []) if (s.ib !== null) konton.add(konto);
  for (const [konto, s] of closing ?? []) if (s.ub !== null) konton.add(konto);
  const out: CheckSpec[] = [];
  for (const konto of [...konton].sort()) {
    const k = now.bok.konton.get(konto) ?? before.bok.konton.get(konto);
    if (!arBalanskonto(kontotyp(konto, k?.typ))) continue;
    const subjectOf = `Konto ${konto}${k ? ` ${k.namn}` : ''}: ingående balans ${l.year} (${now.konfig.fil}) = utgående balans ${p.year} (${l.previousYear!.path}/${before.konfig.fil})`;
    out.push(tie('D-15', subjectOf, `${KONTO_SALDO}${konto}.ib`, `${KONTO_SALDO}${konto}.ub`));
  }
  return out;
}

const withPrevious = (checks: (l: Ledger) => (CheckSpec | NotApplicable)[]) => (l: Ledger) => (l.previousYear ? checks(l) : []);

export const YEAR_OVER_YEAR: readonly Rule[] = [
  {
    id: 'B-18',
    title: 'Jämförelsesiffrorna i resultaträkning, balansräkning, finansieringsanalys och väsentliga uppgifter = föregående års årsredovisning',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §, 3 kap.; DOMAIN.md §7 B-18 (omräknade jämförelsesiffror ska förklaras)',
    reads: 'årets jämförelsekolumner (föregående år och, i väsentliga uppgifter, de fyra åren före) och föregående års rapport',
    checks: withPrevious((l) =>
      STATEMENTS.flatMap((kind) => {
        const t = statement(l, kind);
        const before = statement(l.previousYear!.ledger, kind);
        return t && before ? comparativeColumns('B-18', l, t, before) : [];
      }),
    ),
  },
  {
    id: 'B-8',
    title: 'Noternas jämförelsesiffror och ingående balanser = föregående års årsredovisning',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-8',
    reads: 'notertabellernas jämförelsekolumner och ingående rader (periodisering) och samma tabeller i föregående års rapport',
    checks: withPrevious((l) => {
      const before = new Map(l.previousYear!.ledger.tables.map((t) => [t.id, t]));
      return l.tables
        .filter((t) => t.kind === 'not' || t.kind === 'tabell')
        .flatMap((t) => {
          const b = before.get(t.id);
          return b ? [...comparativeColumns('B-8', l, t, b), ...openingBalances('B-8', l, t, b)] : [];
        });
    }),
  },
  {
    id: 'B-20',
    title: 'Ingående överföringsbelopp per anslagspost = föregående års utgående överföringsbelopp',
    severity: 'fel',
    source: 'FÅB bilaga 3; anslagsförordningen; DOMAIN.md §7 B-20',
    reads: 'anslagsredovisningens ingående överföringsbelopp och föregående års utgående',
    checks: withPrevious((l) => rowCarryOver('B-20', l, 'anslag.', 'ingaende_overforingsbelopp', 'utgaende_overforingsbelopp', 'ingående överföringsbelopp')),
  },
  {
    id: 'F-6',
    title: 'Ingående åtaganden per bemyndigande = föregående års utgående åtaganden',
    severity: 'fel',
    source: 'FÅB bilaga 3 (redovisning av beställningsbemyndiganden); anslagsförordningen 6 §; DOMAIN.md §7 F-3 (föregående års värden)',
    reads: 'bemyndigandenas ingående åtaganden och föregående års utgående',
    checks: withPrevious((l) => rowCarryOver('F-6', l, 'bemyndigande.', 'ingaende_ataganden', 'utgaende_ataganden', 'ingående åtaganden')),
  },
  {
    id: 'D-15',
    title: 'Ingående balans per konto i huvudboken = föregående års utgående balans i föregående års huvudbok',
    severity: 'varning',
    source: 'Kontinuitet mellan räkenskapsår (FÅB 4 kap.); DOMAIN.md §7 D-11 mellan två års huvudböcker (en varning som D-11: årets kapitalförändring förs till myndighetskapitalet först i det nya årets ingående balans)',
    reads: 'årets huvudboks #IB år 0 och föregående års huvudboks #UB år 0, per balanskonto',
    checks: withPrevious(bookBalances),
  },
];

const RULE_IDS = new Set(YEAR_OVER_YEAR.map((r) => r.id));

/**
 * Acknowledges the year-over-year discrepancies whose comparative figure the ledger
 * restates; a restated figure that no check finds changed is stale (the restatement is not
 * needed, or names the wrong figure).
 */
export function applyRestatements(checks: readonly CheckResult[], ledger: Ledger, stale: StaleAcknowledgement[]): CheckResult[] {
  const restated = new Map<string, { reason: string; used: boolean }>();
  for (const r of ledger.restatements ?? []) for (const f of r.figures) restated.set(f, { reason: r.reason, used: false });
  if (!ledger.previousYear || !restated.size) return [...checks];
  const out = checks.map((c) => {
    const r = RULE_IDS.has(c.rule) ? restated.get(c.leftTerms[0]?.figure ?? '') : undefined;
    if (!r || c.status !== 'discrepancy') return c;
    r.used = true;
    return { ...c, status: 'acknowledged' as const, reason: `Omräknad jämförelsesiffra: ${r.reason}` };
  });
  for (const res of ledger.restatements ?? []) {
    const unused = res.figures.filter((f) => !restated.get(f)!.used);
    if (unused.length) {
      stale.push({ check: 'omräknad jämförelsesiffra', figures: unused, reason: res.reason, source: res.source, why: { code: 'inaktuell.oforandrad', params: { ar: ledger.previousYear.ledger.year } } });
    }
  }
  return out;
}
