/**
 * The mapping from accounts to statement lines (kontoplan) as versioned data, and the
 * pure functions over it: account ranges, overlaps, the line an account feeds and the
 * sign with which it feeds it. A ledger's own kontoplan.yaml (read in src/ledger/) comes
 * first; the version's default ranges apply to the accounts it does not name.
 */
import { LAYOUT_VERSIONS } from '../layouts/index.js';
import type { Layout, SourceRef, StatementKind } from '../model.js';
import { KONTOPLAN_ESV_2024 } from './esv-2024.js';

/** One line's accounts in a version's data: `rad` is `rr.<line>` or `br.<line>`. */
export interface KontoplanRad {
  readonly rad: string;
  readonly konton: readonly string[];
  /** The S-koder the line is reported under in Hermes, for reference. */
  readonly sKoder?: readonly string[];
}

export interface KontoplanVersion {
  readonly id: string;
  /** The layout versions whose line ids `rader` uses; lines a version leaves out take no accounts. */
  readonly layouts: readonly string[];
  readonly kalla: string;
  /** The layout lines the statements add up to: the sign of a line follows from them. */
  readonly rotter: { readonly resultat: string; readonly tillgangar: string; readonly kapitalOchSkulder: string };
  /** Accounts of the closing entry (årets kapitalförändring to the balance sheet): no line. */
  readonly avslut: readonly string[];
  readonly rader: readonly KontoplanRad[];
}

export const KONTOPLAN_VERSIONS: ReadonlyMap<string, KontoplanVersion> = new Map([[KONTOPLAN_ESV_2024.id, KONTOPLAN_ESV_2024]]);

/** The closing entry's pseudo-line. */
export const AVSLUT = 'avslut';

/** Accounts whose leading digits (as many as the bounds have) lie in [fran, till]. */
export interface Kontointervall {
  readonly fran: string;
  readonly till: string;
}

/** Where a mapping was declared: a ledger file position, or a version of the default data. */
export type Kalla = SourceRef | { readonly version: string };

export interface Mappning {
  readonly intervall: Kontointervall;
  /** `rr.<line>`, `br.<line>` or AVSLUT. */
  readonly rad: string;
  readonly kalla: Kalla;
}

/** A kontoplan in force: the ledger's own mappings first, then the version's defaults. */
export interface Kontoplan {
  readonly version: string;
  /** The ledger's layout version: the lines accounts can feed. */
  readonly layout: string;
  readonly rotter: KontoplanVersion['rotter'];
  readonly egna: readonly Mappning[];
  readonly standard: readonly Mappning[];
}

const RANGE = /^(\d+)(?:\s*[-–]\s*(\d+))?$/u;

/** Parses "3011-3012" or "1930"; what is wrong when the text is not a range. */
export function parseIntervall(text: string): Kontointervall | { fel: 'syntax' | 'langd' | 'ordning' } {
  const m = RANGE.exec(text.trim());
  if (!m) return { fel: 'syntax' };
  const fran = m[1]!;
  const till = m[2] ?? fran;
  if (fran.length !== till.length) return { fel: 'langd' };
  if (till < fran) return { fel: 'ordning' };
  return { fran, till };
}

export function iIntervall(konto: string, r: Kontointervall): boolean {
  if (konto.length < r.fran.length) return false;
  const head = konto.slice(0, r.fran.length);
  return head >= r.fran && head <= r.till;
}

/** Whether some account lies in both ranges. */
export function overlappar(a: Kontointervall, b: Kontointervall): boolean {
  const [short, long] = a.fran.length <= b.fran.length ? [a, b] : [b, a];
  const n = short.fran.length;
  return long.fran.slice(0, n) <= short.till && long.till.slice(0, n) >= short.fran;
}

/** Every pair of mappings whose ranges overlap, each pair once. */
export function overlappningar(mappningar: readonly Mappning[]): [Mappning, Mappning][] {
  const out: [Mappning, Mappning][] = [];
  for (let i = 0; i < mappningar.length; i++) {
    for (let j = i + 1; j < mappningar.length; j++) {
      if (overlappar(mappningar[i]!.intervall, mappningar[j]!.intervall)) out.push([mappningar[i]!, mappningar[j]!]);
    }
  }
  return out;
}

export const formatIntervall = (r: Kontointervall) => (r.fran === r.till ? r.fran : `${r.fran}-${r.till}`);
export const formatKalla = (k: Kalla) => ('version' in k ? `standardkontoplanen ${k.version}` : `${k.file}:${k.line}:${k.column}`);

/** The default mappings of a version, as mappings, made once per version. Throws on malformed data (a bug). */
const standard = new WeakMap<KontoplanVersion, readonly Mappning[]>();
export function standardMappningar(version: KontoplanVersion): readonly Mappning[] {
  let out = standard.get(version);
  if (!out) standard.set(version, (out = mappningarAv(version)));
  return out;
}

function mappningarAv(version: KontoplanVersion): Mappning[] {
  const kalla = { version: version.id };
  const out: Mappning[] = [];
  const add = (text: string, rad: string) => {
    const r = parseIntervall(text);
    if ('fel' in r) throw new Error(`kontoplan ${version.id}: ogiltigt intervall ${text} (${r.fel})`);
    out.push({ intervall: r, rad, kalla });
  };
  for (const r of version.rader) r.konton.forEach((k) => add(k, r.rad));
  version.avslut.forEach((k) => add(k, AVSLUT));
  return out;
}

/** The mapping that decides an account's line: the ledger's own first. */
export function mappningFor(plan: Kontoplan, konto: string): Mappning | undefined {
  return plan.egna.find((m) => iIntervall(konto, m.intervall)) ?? plan.standard.find((m) => iIntervall(konto, m.intervall));
}

/** What a mappable line is: its statement, label, sign and which balance feeds it. */
export interface RadInfo {
  readonly rad: string;
  readonly kind: 'resultatrakning' | 'balansrakning';
  readonly line: string;
  readonly label: string;
  /** RR −Σ#RES, assets +Σ#UB, capital and liabilities −Σ#UB. */
  readonly tecken: 1 | -1;
  readonly saldo: 'RES' | 'UB';
}

export const STATEMENT_PREFIX: Readonly<Record<'resultatrakning' | 'balansrakning', string>> = { resultatrakning: 'rr', balansrakning: 'br' };

/** Lines a sum line adds up, transitively, down to the leaves. */
function leaves(layout: Layout, root: string): string[] {
  const byId = new Map(layout.lines.map((l) => [l.id, l]));
  const out: string[] = [];
  const walk = (id: string) => {
    const line = byId.get(id.replace(/^-/, ''));
    if (!line) return;
    if (line.sum) line.sum.forEach(walk);
    else out.push(line.id);
  };
  walk(root);
  return out;
}

/** Every line accounts may feed, by `rr.<line>` / `br.<line>`: the leaves under the roots. */
export function mappbaraRader(plan: Pick<Kontoplan, 'layout' | 'rotter'>): Map<string, RadInfo> {
  const version = LAYOUT_VERSIONS.get(plan.layout);
  if (!version) throw new Error(`okänd layout ${plan.layout}`);
  const layout = (kind: StatementKind) => version.layouts.find((l) => l.kind === kind)!;
  const out = new Map<string, RadInfo>();
  const add = (kind: 'resultatrakning' | 'balansrakning', root: string, tecken: 1 | -1, saldo: 'RES' | 'UB') => {
    const l = layout(kind);
    for (const line of leaves(l, root)) {
      const rad = `${STATEMENT_PREFIX[kind]}.${line}`;
      out.set(rad, { rad, kind, line, label: l.lines.find((x) => x.id === line)!.label, tecken, saldo });
    }
  };
  add('resultatrakning', plan.rotter.resultat, -1, 'RES');
  add('balansrakning', plan.rotter.tillgangar, 1, 'UB');
  add('balansrakning', plan.rotter.kapitalOchSkulder, -1, 'UB');
  return out;
}

/** The kontoplan version that goes with a layout version. */
export function kontoplanForLayout(layout: string): KontoplanVersion | undefined {
  return [...KONTOPLAN_VERSIONS.values()].find((v) => v.layouts.includes(layout));
}

/** A version's kontoplan for a layout, with the ledger's own mappings first. */
export function kontoplanAv(version: KontoplanVersion, layout: string, egna: readonly Mappning[] = [], utanStandard = false): Kontoplan {
  return { version: version.id, layout, rotter: version.rotter, egna, standard: utanStandard ? [] : standardMappningar(version) };
}
