/** What the importer produces: ledger tables as plain data, and what it left out. */

export interface ImportedRow {
  readonly id: string;
  readonly text: string;
  /** The figures as printed, one per column; absent for a heading row. */
  readonly v?: readonly string[];
  readonly not?: number;
  /** Line (or first-last lines) of the source text the figures stand on. */
  readonly seed?: string;
  readonly sida?: number;
  readonly egen?: boolean;
  readonly rad?: string;
  readonly anslagspost?: string;
  readonly enhet?: string;
  /** The statement line this note row specifies: `rr.intakter_av_anslag`. */
  readonly specificerar?: string;
  /** The rows of the same table this row adds up (a sum row). */
  readonly summa?: readonly string[];
  /** A row of another table this row restates: `not02.icke_statliga_medel`. */
  readonly lika?: string;
}

export interface ImportedTable {
  readonly id: string;
  readonly titel: string;
  readonly typ: 'resultatrakning' | 'balansrakning' | 'finansieringsanalys' | 'vasentliga_uppgifter' | 'not' | 'tabell';
  readonly enhet: string;
  readonly not?: number;
  readonly kolumner: readonly { id: string; rubrik: string }[];
  readonly rader: readonly ImportedRow[];
  /** A last column that totals the others. */
  readonly kolumnsummor?: readonly { kolumn: string; summa: readonly string[] }[];
}

/** A line of the financial part with figures that did not become figures of the ledger. */
export interface Skipped {
  readonly nr: number;
  readonly page: number;
  readonly text: string;
  /** Why, in Swedish, for the import report. */
  readonly reason: string;
}

export interface Section {
  readonly kind: SectionKind;
  /** Heading line (1-based) and the line after the section's last line. */
  readonly start: number;
  readonly end: number;
}

export type SectionKind =
  | 'vasentliga_uppgifter'
  | 'resultatrakning'
  | 'balansrakning'
  | 'anslag'
  | 'inkomsttitlar'
  | 'bemyndiganden'
  | 'finansiella_villkor'
  | 'utestaende_ataganden'
  | 'finansieringsanalys'
  | 'noter';
