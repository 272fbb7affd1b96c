/**
 * Findings of the ledger integrity rules (DOMAIN.md §7 group D): plain, serialisable data,
 * amounts as exact decimal strings in kr. Pure: no I/O.
 */
import type { Severity } from '../rules/types.js';

export type FyndStatus = 'ok' | 'discrepancy' | 'warning' | 'skipped';
/** The same two severities as the report's rules. */
export type Allvarlighet = Severity;

export interface Fynd {
  /** Stable id: the rule, then what it is about, e.g. `D-3/A/12`, `D-6/1930`, `D-8/IB`. */
  readonly id: string;
  readonly rule: string;
  readonly status: FyndStatus;
  /** The difference in kr (decimal string), or null where no amount is compared. */
  readonly difference: string | null;
  readonly source: { readonly file: string; readonly line: number } | null;
  /** Swedish, for people. */
  readonly message: string;
}

export interface SieRegel {
  readonly id: string;
  readonly title: string;
  readonly severity: Allvarlighet;
}

/** The D-rules, declared once. A failed `fel` rule is a discrepancy, a failed `varning` a warning. */
export const SIE_REGLER: readonly SieRegel[] = [
  { id: 'D-1', title: '#FLAGGA först och filtypens obligatoriska poster finns', severity: 'fel' },
  { id: 'D-2', title: 'Lexikalt giltig fil (teckenkodning, belopp, datum, klamrar)', severity: 'fel' },
  { id: 'D-3', title: 'Varje verifikation balanserar (Σ #TRANS = 0)', severity: 'fel' },
  { id: 'D-4', title: 'Varje #RTRANS följs av en identisk #TRANS', severity: 'fel' },
  { id: 'D-5', title: 'Varje använt konto är deklarerat med #KONTO', severity: 'fel' },
  { id: 'D-6', title: 'Balanskonton: #IB + Σ #TRANS = #UB', severity: 'fel' },
  { id: 'D-7', title: 'Resultatkonton: Σ #TRANS = #RES och ingen #IB', severity: 'fel' },
  { id: 'D-8', title: 'Provbalansen går jämnt ut', severity: 'fel' },
  { id: 'D-9', title: 'Varje konto med saldo hör till exakt en rad i RR/BR', severity: 'fel' },
  { id: 'D-10', title: '#PSALDO stämmer med årets förändring', severity: 'varning' },
  { id: 'D-11', title: '#IB år 0 = #UB år −1', severity: 'varning' },
  { id: 'D-12', title: 'Verifikationsdatum inom räkenskapsåret och stigande nummer per serie', severity: 'varning' },
  { id: 'D-13', title: '#KSUMMA stämmer', severity: 'fel' },
  { id: 'D-14', title: 'Dimensioner och objekt är deklarerade', severity: 'varning' },
];

const SEVERITY = new Map(SIE_REGLER.map((r) => [r.id, r.severity]));

/** A failed check of a rule: a discrepancy or a warning by the rule's severity. */
export function avvikelse(rule: string, id: string, message: string, source: Fynd['source'], difference: string | null = null): Fynd {
  const status: FyndStatus = SEVERITY.get(rule) === 'varning' ? 'warning' : 'discrepancy';
  return { id, rule, status, difference, source, message };
}

/**
 * Every rule once: its failures as they are, and one `ok` row (or `skipped` with a
 * reason) for a rule that found nothing, so that the report lists all fourteen.
 */
export function medGodkanda(fynd: readonly Fynd[], ejProvade: ReadonlyMap<string, string>): Fynd[] {
  const failed = new Set(fynd.map((f) => f.rule));
  const rows: Fynd[] = [];
  for (const r of SIE_REGLER) {
    if (failed.has(r.id)) rows.push(...fynd.filter((f) => f.rule === r.id));
    else {
      const why = ejProvade.get(r.id);
      rows.push({ id: r.id, rule: r.id, status: why ? 'skipped' : 'ok', difference: null, source: null, message: why ?? r.title });
    }
  }
  return rows;
}
