/**
 * The domain model of an agency's annual accounts, as loaded from a ledger directory.
 * Pure data: no I/O here. Identifiers follow the Swedish accounting terms.
 */
import type { Decimal, UnitId } from './amount.js';
import { KONTO_SALDO, kontoSaldoFigur, type Huvudbok } from '../books/huvudbok.js';

/** Where a value was written: file relative to the ledger directory, 1-based line and column. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One printed figure with a stable id, e.g. `rr.intakter_av_anslag.2024`. */
export interface Figure {
  readonly id: string;
  /** null when the report prints no amount (`–`). */
  readonly value: Decimal | null;
  /** The figure as written in the ledger (as printed in the report). */
  readonly printed: string;
  readonly unit: UnitId;
  /** Decimals as printed: the rounding interval of a rounded figure depends on them. */
  readonly decimals: number;
  readonly source: SourceRef;
  /** Human label: table title, row label and column heading. */
  readonly label: string;
  /** True when the value is the printed amount negated by the table's sign convention (`tecken`). */
  readonly negated?: boolean;
  /** Line range of the published text where the figure stands, when the ledger gives it. */
  readonly seed?: readonly [number, number];
}

/** A signed reference: `-rr.x` is the negated figure or row. */
export interface Term {
  readonly sign: 1 | -1;
  readonly ref: string;
}

export type StatementKind = 'resultatrakning' | 'balansrakning' | 'finansieringsanalys' | 'vasentliga_uppgifter';
export type TableKind = StatementKind | 'not' | 'tabell';

export interface Column {
  readonly id: string;
  readonly label: string;
}

export interface Row {
  readonly id: string;
  readonly label: string;
  /** The layout line this row instantiates (statements), defaults to the id. */
  readonly line?: string;
  readonly notes: readonly number[];
  /** Figure id per column id, for the cells the row has. */
  readonly cells: Readonly<Record<string, string>>;
  readonly unit: UnitId;
  /** Declared in the ledger: this row is the sum of these rows of the same table. */
  readonly sum?: readonly Term[];
  /** Declared: this row equals these rows of other tables, column by column. */
  readonly equals: readonly Term[];
  /** Declared: the statement line this row (a note total) specifies. */
  readonly specifies: readonly Term[];
  /** Declared: this row (a "varav" row) is at most these rows, column by column. */
  readonly atMost: readonly Term[];
  /** Declared (`ingar_i`): the layout sum lines this row counts in, with its sign. */
  readonly partOf: readonly Term[];
  readonly anslagspost?: string;
  /** The anslag a row of the five-year table is about (`uo8.1_2`): anslagssparande per anslag. */
  readonly anslag?: string;
  /** A statement row outside the layout. */
  readonly own: boolean;
  /** A row with no figures (heading). */
  readonly heading: boolean;
  readonly source: SourceRef;
}

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly kind: TableKind;
  readonly unit: UnitId;
  readonly note?: number;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** Opening row of year N equals closing row of year N−1. */
  readonly periodisering: readonly { readonly opening: string; readonly closing: string }[];
  /** Total columns declared once per table: the column is the signed sum of other columns, in every row. */
  readonly columnSums: readonly { readonly column: string; readonly terms: readonly Term[] }[];
  /** Column ids of this table → column ids of the tables its rows tie to (lika, specificerar, hogst). */
  readonly columnMap: Readonly<Record<string, string>>;
  readonly file: string;
  readonly source: SourceRef;
}

/** A tie declared by the ledger between arbitrary figures. */
export interface DeclaredTie {
  readonly id: string;
  readonly title: string;
  readonly left: readonly Term[];
  readonly right: readonly Term[];
  readonly source: SourceRef;
}

export const ANSLAG_COLUMNS = [
  'ingaende_overforingsbelopp',
  'tilldelning',
  'omdisponerat',
  'utnyttjat_medgivet_overskridande',
  'indragning',
  'totalt_disponibelt',
  'utgifter',
  'inkomster',
  'utgaende_overforingsbelopp',
] as const;
export type AnslagColumn = (typeof ANSLAG_COLUMNS)[number];

export const ANSLAG_COLUMN_LABELS: Readonly<Record<AnslagColumn, string>> = {
  ingaende_overforingsbelopp: 'Ingående överföringsbelopp',
  tilldelning: 'Årets tilldelning enligt regleringsbrev',
  omdisponerat: 'Omdisponerade anslagsbelopp',
  utnyttjat_medgivet_overskridande: 'Utnyttjad del av medgivet överskridande',
  indragning: 'Indragning',
  totalt_disponibelt: 'Totalt disponibelt belopp',
  utgifter: 'Utgifter',
  inkomster: 'Inkomster',
  utgaende_overforingsbelopp: 'Utgående överföringsbelopp',
};

/** Figure ids per anslag column for one row (an anslagspost or a subtotal). */
export type AnslagRowFigures = Partial<Record<AnslagColumn, string>>;

export interface Anslagspost {
  /** `uo8.1_2.ap2`; `uo8.1_2` for an anslag without anslagsposter; `uo8.1_2.ap1_1` for delpost 1.1. */
  readonly id: string;
  /** `2`, `1.1` as printed; empty for an anslag without anslagsposter. */
  readonly ap: string;
  readonly name: string;
  readonly notes: readonly number[];
  readonly figures: AnslagRowFigures;
  readonly source: SourceRef;
}

/** `1:2 ap 3` for a post; `1:2` for an anslag without anslagsposter. */
export const postDesignation = (anslag: { readonly designation: string }, post: { readonly ap: string }) =>
  post.ap ? `${anslag.designation} ap ${post.ap}` : anslag.designation;

export interface Anslag {
  /** `uo8.1_2` */
  readonly id: string;
  /** `1:2` as printed */
  readonly designation: string;
  readonly name: string;
  readonly typ: string;
  readonly rantebarande: boolean;
  readonly poster: readonly Anslagspost[];
  readonly summa?: AnslagRowFigures;
}

export interface Utgiftsomrade {
  readonly id: string;
  readonly uo: string;
  readonly name: string;
  readonly anslag: readonly Anslag[];
  readonly summa?: AnslagRowFigures;
}

export interface Inkomsttitel {
  readonly titel: string;
  readonly name: string;
  /** The titel's own figures: without undertitlar, or its printed subtotal over them. */
  readonly figures?: Readonly<Record<string, string>>;
  readonly undertitlar: readonly { readonly id: string; readonly undertitel: string; readonly name: string; readonly figures: Readonly<Record<string, string>>; readonly source: SourceRef }[];
}

export interface Bemyndigande {
  readonly anslagspost: string;
  /** Figure id per column (bemyndigande, ingaende_ataganden, ..., future years). */
  readonly figures: Readonly<Record<string, string>>;
  /** The future years' columns, in order. */
  readonly years: readonly string[];
  readonly slutar?: string;
  readonly source: SourceRef;
}

export type VillkorTyp = 'tak' | 'golv' | 'exakt' | 'annat';

export interface FinansielltVillkor {
  readonly id: string;
  readonly anslagspost: string;
  readonly text: string;
  readonly typ: VillkorTyp;
  readonly villkor?: string;
  readonly utfall?: string;
  readonly source: SourceRef;
}

export interface Anslagsredovisning {
  readonly unit: UnitId;
  readonly columns: readonly AnslagColumn[];
  readonly utgiftsomraden: readonly Utgiftsomrade[];
  readonly summa?: AnslagRowFigures;
  readonly summaLabel?: string;
  readonly inkomsttitlar?: { readonly titlar: readonly Inkomsttitel[]; readonly columns: readonly string[]; readonly summa?: Readonly<Record<string, string>> };
  readonly bemyndiganden: readonly Bemyndigande[];
  readonly bemyndigandeColumns: readonly string[];
  readonly finansiellaVillkor: readonly FinansielltVillkor[];
}

/** One regleringsbrev decision for an anslagspost; figure ids of the amounts it sets. */
export interface Beslut {
  readonly datum: string;
  readonly referens?: string;
  readonly tilldelning?: string;
  readonly anslagskredit?: string;
  readonly medgivetOverskridande?: string;
  readonly source: SourceRef;
}

export interface Ram {
  readonly datum?: string;
  readonly referens?: string;
  /** figure id */
  readonly belopp: string;
  readonly source: SourceRef;
}

export interface Regleringsbrev {
  readonly unit: UnitId;
  readonly anslagsposter: readonly { readonly anslagspost: string; readonly beslut: readonly Beslut[] }[];
  readonly bemyndiganderamar: readonly { readonly anslagspost: string; readonly belopp: string; readonly slutar?: string; readonly source: SourceRef }[];
  readonly laneram: readonly Ram[];
  readonly kontokredit: readonly Ram[];
}

/** A note (not): numbered and titled; its figures are in the tables that name its number. */
export interface Note {
  readonly number: number;
  readonly title: string;
  readonly text?: string;
  /** Ids of the tables that belong to the note. */
  readonly tables: readonly string[];
  readonly source: SourceRef;
}

/** An acknowledged difference (känd avvikelse) from the ledger. */
export interface Acknowledgement {
  readonly check: string;
  readonly figures?: readonly string[];
  readonly reason: string;
  readonly source: SourceRef;
}

/**
 * A comparative figure the report restates (omräknad jämförelsesiffra): it may differ from
 * the same figure in last year's report, for the reason given.
 */
export interface Restatement {
  /** Ids of this year's comparative figures. */
  readonly figures: readonly string[];
  readonly reason: string;
  readonly source: SourceRef;
}

/**
 * Last year's report of the same agency, when a run over many ledgers has it. Its figures
 * are read as `fg:<id>` (PREVIOUS_YEAR), so that they never clash with this year's ids.
 */
export interface PreviousYear {
  readonly ledger: Ledger;
  /** Where that ledger is, as the run names it. */
  readonly path: string;
}

/** Prefix of a figure id of last year's report. */
export const PREVIOUS_YEAR = 'fg:';

/** Last year's figures under their `fg:` ids, made once each as they are asked for. */
const previousFigures = new WeakMap<PreviousYear, Map<string, Figure>>();
function previousFigure(p: PreviousYear, id: string): Figure | undefined {
  let cache = previousFigures.get(p);
  if (!cache) previousFigures.set(p, (cache = new Map()));
  let f = cache.get(id);
  if (!f) {
    const own = ownFigure(p.ledger, id.slice(PREVIOUS_YEAR.length));
    if (!own) return undefined;
    const source = { ...own.source, file: `${p.path}/${own.source.file}` };
    cache.set(id, (f = { ...own, id, label: `Årsredovisning ${p.ledger.year} · ${own.label}`, source }));
  }
  return f;
}

/** Why some figures are read by no check (e.g. years of the five-year table nothing else restates). */
export interface CoverageNote {
  /** Figure ids; `*` matches any run of characters. */
  readonly figures: readonly string[];
  readonly reason: string;
  readonly source: SourceRef;
}

/** Definitions where agencies' practice differs, read by the rules; defaults in docs/ledger-format.md. */
export interface Definitions {
  /** Resultaträkning rows (line or row ids) of driftkostnad per årsarbetskraft; absent: the layout version's lines. */
  readonly driftkostnader?: readonly string[];
  /** Which anslag anslagssparande and utnyttjad anslagskredit cover: ramanslag (default) or all. */
  readonly anslagssparande: 'ramanslag' | 'alla';
  /** The omdisponerat column also moves ingående överföringsbelopp (default false). */
  readonly omdisponeratFlyttarIngaende: boolean;
}

export interface Ledger {
  readonly agency: string;
  readonly orgnr?: string;
  readonly year: string;
  readonly layout: string;
  readonly unit: UnitId;
  readonly dir: string;
  readonly files: readonly string[];
  /** Path of the published text, relative to the ledger directory, if given. */
  readonly kalla?: string;
  readonly tables: readonly Table[];
  /** Every note, declared or holding tables, by number. */
  readonly notes: readonly Note[];
  readonly anslagsredovisning?: Anslagsredovisning;
  readonly regleringsbrev?: Regleringsbrev;
  readonly ties: readonly DeclaredTie[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly coverageNotes: readonly CoverageNote[];
  readonly definitions: Definitions;
  /** Every loaded figure by id, in load order. */
  readonly figures: ReadonlyMap<string, Figure>;
  /** The general ledger, when ledger.yaml names one: the books and what is derived from them. */
  readonly huvudbok?: Huvudbok;
  /** Comparative figures the report restates, with their reasons (omraknade_jamforelsesiffror). */
  readonly restatements?: readonly Restatement[];
  /** Last year's report, when the run has it (rules/year-over-year.ts). */
  readonly previousYear?: PreviousYear;
}

/** A figure of the report, or an amount derived from the books (`bok.…`). */
export function figureById(ledger: Ledger, id: string): Figure | undefined {
  return ownFigure(ledger, id) ?? (ledger.previousYear && id.startsWith(PREVIOUS_YEAR) ? previousFigure(ledger.previousYear, id) : undefined);
}

/** A figure of the ledger itself: of its report, derived from its books, or an account's balance in them. */
function ownFigure(ledger: Ledger, id: string): Figure | undefined {
  const h = ledger.huvudbok;
  return ledger.figures.get(id) ?? h?.figures.get(id) ?? (h && id.startsWith(KONTO_SALDO) ? kontoSaldoFigur(h, ledger.year, id) : undefined);
}

/** A statement table by kind, if the ledger has it. */
export function statement(ledger: Ledger, kind: StatementKind): Table | undefined {
  return ledger.tables.find((t) => t.kind === kind);
}

/** One line of a prescribed layout. `sum` lists signed line ids (`-x` subtracts). */
export interface LayoutLine {
  readonly id: string;
  readonly label: string;
  readonly sum?: readonly string[];
  /** The line's unit when it is not money (årsarbetskrafter: antal). */
  readonly unit?: UnitId;
  /** Printed as a negative amount in the prescribed form (costs, amounts paid to the state budget). */
  readonly negativ?: boolean;
}

export interface Layout {
  readonly kind: StatementKind;
  readonly title: string;
  /** The regulation the layout comes from. */
  readonly source: string;
  readonly lines: readonly LayoutLine[];
  /** Pairs of lines that must be equal. */
  readonly equal?: readonly { readonly left: string; readonly right: string }[];
  /** Opening line of year N equals closing line of year N−1. */
  readonly opening?: readonly { readonly opening: string; readonly closing: string }[];
}

/** A statement line a rule reads: the statement and the line id, `['resultatrakning', 'summa_intakter']`. */
export type LineRef = readonly [StatementKind, string];

/** A line-to-line tie between (or within) statements that a rule makes, per shared column. */
export interface LineTie {
  readonly rule: string;
  readonly left: LineRef;
  readonly right: LineRef;
  /** −1: the left line equals (or is at most) the negated right line. */
  readonly sign?: 1 | -1;
  readonly relation?: 'eq' | 'le';
}

/**
 * Every statement line the cross-statement rules read, by role, in the layout version's
 * data rather than in the rule code. A role a version leaves out makes the rules that need
 * it not applicable ("ej tillämplig") for ledgers of that version, with the reason shown.
 */
export interface RuleLines {
  readonly ties: readonly LineTie[];
  /** contingent liabilities, never negative. */
  readonly ansvarsforbindelser?: readonly LineRef[];
  /** B-11: liquid funds at year end in the FA, the BR lines that make them up, and each FA change line with its BR lines. */
  readonly likvidaMedel?: {
    readonly ub: LineRef;
    readonly delar: readonly LineRef[];
    readonly forandringar: readonly { readonly rad: LineRef; readonly delar: readonly LineRef[] }[];
  };
  /** B-15: anslagssparande and utnyttjad anslagskredit in the five-year table. */
  readonly summaAnslagssparande?: LineRef;
  readonly anslagskreditUtnyttjad?: LineRef;
  /** B-16, B-24, C-8: bemyndiganden in the five-year table, one row per anslagspost. */
  readonly bemyndigandenAtaganden?: LineRef;
  readonly bemyndigandenTilldelade?: LineRef;
  /** B-17: the default cost lines of driftkostnad per årsarbetskraft (a ledger may define its own). */
  readonly driftkostnadPerArsarbetskraft?: LineRef;
  readonly antalArsarbetskrafter?: LineRef;
  readonly driftkostnader?: readonly LineRef[];
  /** B-24, C-9: granted limits in the five-year table and the loan in the balance sheet. */
  readonly laneramBeviljad?: LineRef;
  readonly kontokreditBeviljad?: LineRef;
  readonly lanIRgk?: LineRef;
  /** C-9: used ≤ granted, every year of the five-year table. */
  readonly granser?: readonly { readonly utnyttjat: LineRef; readonly beviljat: LineRef }[];
}

/** A layout version: the prescribed statement layouts of a period, and the lines its rules read. */
export interface LayoutVersion {
  readonly id: string;
  /** What the version is, in Swedish, for `avstamning layout`. */
  readonly title: string;
  readonly layouts: readonly Layout[];
  readonly regler: RuleLines;
}
