/**
 * The rule catalogue: every rule declared once, with its stable id, Swedish title,
 * severity and source, and the checks it makes of a ledger. Rules over the standard
 * layouts work for any agency's ledger; ties only one agency has come from the ledger's
 * own declarations (summa, lika, specificerar, periodisering, avstamningar).
 */
import { LAYOUT_VERSIONS, layoutFor } from '../domain/layouts/index.js';
import {
  ANSLAG_COLUMNS,
  postDesignation,
  statement,
  type AnslagColumn,
  type AnslagRowFigures,
  type Ledger,
  type LineRef,
  type LineTie,
  type Row,
  type RuleLines,
  type StatementKind,
  type Table,
  type Term,
} from '../domain/model.js';
import type { CheckSpec, NotApplicable, Rule } from './types.js';
import type { Message } from '../messages/catalogue.js';
import { BOOK_RULES } from './books.js';

// ---------------------------------------------------------------------------------------
// Helpers over the model

const pos = (ref: string): Term => ({ sign: 1, ref });
const neg = (ref: string): Term => ({ sign: -1, ref });
const flip = (t: Term): Term => ({ sign: t.sign === 1 ? -1 : 1, ref: t.ref });
const rowLine = (r: Row) => r.line ?? r.id;
/** A table's rows by line, made once per table: a rule looks up lines, it does not search the rows for each. */
const rowsByLine = new WeakMap<Table, ReadonlyMap<string, readonly Row[]>>();
const rowsOf = (t: Table | undefined, line: string): readonly Row[] => {
  if (!t) return [];
  let byLine = rowsByLine.get(t);
  if (!byLine) {
    const m = new Map<string, Row[]>();
    for (const r of t.rows) {
      const rows = m.get(rowLine(r));
      if (rows) rows.push(r);
      else m.set(rowLine(r), [r]);
    }
    rowsByLine.set(t, (byLine = m));
  }
  return byLine.get(line) ?? [];
};
const rowOf = (t: Table | undefined, line: string) => rowsOf(t, line)[0];
/** Years of a table's period columns ("2024"), newest first as printed. */
const yearColumns = (t: Table) => t.columns.map((c) => c.id).filter((c) => /^\d{4}$/.test(c));
/** The year before a year column's id: "2024" → "2023". */
const previousYear = (y: string) => String(Number(y) - 1);
const label = (t: Table, r: Row) => `${t.title}: ${r.label}`;

/** `total = Σ parts` (figure ids), or nothing when a side is missing. Id: rule/total. */
function equation(rule: string, subject: string, total: string | undefined, parts: readonly (string | undefined)[]): CheckSpec[] {
  const present = parts.filter((f): f is string => !!f);
  return total && present.length ? [{ id: `${rule}/${total}`, rule, subject, relation: 'eq', left: [pos(total)], right: present.map(pos) }] : [];
}

type SignedRow = { readonly sign: 1 | -1; readonly row: Row };

/** A declared `summa`'s rows: a term names a row by id, or else every row of that layout line. */
function declaredParts(t: Table, terms: readonly Term[]): SignedRow[] {
  const rowById = new Map(t.rows.map((r) => [r.id, r]));
  return terms.flatMap((term) => (rowById.has(term.ref) ? [rowById.get(term.ref)!] : rowsOf(t, term.ref)).map((row) => ({ sign: term.sign, row })));
}

/**
 * A layout sum line's rows: every instance of each line it sums (whatever the rows' ids),
 * and every row that declares it counts in the line (`ingar_i`).
 */
function layoutParts(t: Table, line: string, sum: readonly string[]): SignedRow[] {
  const fromLines = sum.flatMap((s) => {
    const sign = s.startsWith('-') ? -1 : 1;
    return rowsOf(t, s.replace(/^-/, '')).map((row) => ({ sign, row }) as SignedRow);
  });
  const declared = t.rows.flatMap((row) => row.partOf.filter((p) => p.ref === line).map((p) => ({ sign: p.sign, row })));
  return [...fromLines, ...declared];
}

/** Sum checks of rows over every column: `total = Σ parts`. */
function sumChecks(rule: string, t: Table, total: Row, parts: readonly SignedRow[]): CheckSpec[] {
  const out: CheckSpec[] = [];
  for (const c of t.columns) {
    const left = total.cells[c.id];
    if (!left) continue;
    const right: Term[] = [];
    for (const { sign, row } of parts) {
      const f = row.cells[c.id];
      if (f) right.push({ sign, ref: f });
    }
    if (right.length) out.push({ id: `${rule}/${left}`, rule, subject: `${label(t, total)} (${c.label})`, relation: 'eq', left: [pos(left)], right });
  }
  return out;
}

/** Two rows compared column by column (equal, or a limit), for the column ids both tables have. */
function rowTie(rule: string, a: { t: Table; r: Row }, b: { t: Table; r: Row }, sign: 1 | -1, relation: 'eq' | 'le' = 'eq'): CheckSpec[] {
  const out: CheckSpec[] = [];
  for (const c of a.t.columns) {
    const left = a.r.cells[c.id];
    // The declaring table's column mapping names the other table's column, else the same id.
    const right = b.r.cells[a.t.columnMap[c.id] ?? c.id];
    if (left && right) {
      out.push({
        id: `${rule}/${left}~${right}`,
        rule,
        subject: `${label(a.t, a.r)} ${relation === 'eq' ? '=' : '≤'} ${sign < 0 ? '−' : ''}${label(b.t, b.r)} (${c.label})`,
        relation,
        left: [pos(left)],
        right: [{ sign, ref: right }],
      });
    }
  }
  return out;
}

/** Opening of year N equals closing of year N−1, within one table. */
function openingChecks(rule: string, t: Table, opening: string, closing: string): CheckSpec[] {
  const o = t.rows.find((r) => r.id === opening) ?? rowOf(t, opening);
  const c = t.rows.find((r) => r.id === closing) ?? rowOf(t, closing);
  if (!o || !c) return [];
  return yearColumns(t).flatMap((y) => {
    const left = o.cells[y];
    const right = c.cells[previousYear(y)];
    return left && right
      ? [{ id: `${rule}/${left}`, rule, subject: `${label(t, o)} ${y} = ${c.label} ${previousYear(y)}`, relation: 'eq' as const, left: [pos(left)], right: [pos(right)] }]
      : [];
  });
}

// ---------------------------------------------------------------------------------------
// Statement lines the rules read: from the layout version's rule data (RuleLines), never
// named in this file. A line the version or the ledger lacks makes a check not applicable.

type Output = CheckSpec | NotApplicable;
const notApplicable = (rule: string, subject: string, reason: Message): NotApplicable => ({ notApplicable: true, rule, subject, reason });
const isNotApplicable = (x: unknown): x is NotApplicable => !!x && typeof x === 'object' && 'notApplicable' in x;

const SHORT_NAME: Readonly<Record<StatementKind, string>> = { resultatrakning: 'RR', balansrakning: 'BR', finansieringsanalys: 'FA', vasentliga_uppgifter: 'VU' };

/** A role's line(s) in the ledger's layout version, or why the rule cannot apply. */
function role<K extends keyof RuleLines>(l: Ledger, rule: string, key: K, what: string): NonNullable<RuleLines[K]> | NotApplicable {
  const value = LAYOUT_VERSIONS.get(l.layout)?.regler[key];
  return value ?? notApplicable(rule, what, { code: 'ej_tillamplig.layout_saknar_roll', params: { layout: l.layout, vad: what } });
}

/** The rows of a statement line (every instance of it), or why there are none. */
function lineRows(l: Ledger, rule: string, [kind, line]: LineRef, what = line): { t: Table; rows: readonly Row[] } | NotApplicable {
  const t = statement(l, kind);
  if (!t) return notApplicable(rule, what, { code: 'ej_tillamplig.rakning_saknas', params: { rakning: kind } });
  const rows = rowsOf(t, line);
  return rows.length ? { t, rows } : notApplicable(rule, what, { code: 'ej_tillamplig.rad_saknas', params: { rakning: kind, rad: line } });
}

/** The figures of a line's rows in one column (several when the line has several instances). */
const lineCells = (rows: readonly Row[], col: string) => rows.map((r) => r.cells[col]).filter((f): f is string => !!f);

/** A declared line tie of the layout data: left line (=|≤) sign × right line, per shared column. */
function lineTie(l: Ledger, tie: LineTie): Output[] {
  const name = ([kind, line]: LineRef) => `${SHORT_NAME[kind]} ${line}`;
  const what = `${name(tie.left)} ${tie.relation === 'le' ? '≤' : '='} ${tie.sign === -1 ? '−' : ''}${name(tie.right)}`;
  const a = lineRows(l, tie.rule, tie.left, what);
  const b = lineRows(l, tie.rule, tie.right, what);
  if (isNotApplicable(a)) return [a];
  if (isNotApplicable(b)) return [b];
  const relation = tie.relation ?? 'eq';
  const sign = tie.sign ?? 1;
  return a.t.columns.flatMap((c): CheckSpec[] => {
    const left = lineCells(a.rows, c.id);
    const right = lineCells(b.rows, c.id);
    if (!left.length || !right.length) return [];
    return [{
      id: `${tie.rule}/${left[0]}~${right[0]}`,
      rule: tie.rule,
      subject: `${label(a.t, a.rows[0]!)} ${relation === 'eq' ? '=' : '≤'} ${sign < 0 ? '−' : ''}${label(b.t, b.rows[0]!)} (${c.label})`,
      relation,
      left: left.map(pos),
      right: right.map((f) => ({ sign, ref: f })),
    }];
  });
}

/** Every tie the layout version declares for a rule. */
function layoutTies(l: Ledger, rule: string): Output[] {
  const ties = (LAYOUT_VERSIONS.get(l.layout)?.regler.ties ?? []).filter((t) => t.rule === rule);
  return ties.length ? ties.flatMap((t) => lineTie(l, t)) : [notApplicable(rule, rule, { code: 'ej_tillamplig.layout_utan_rader', params: { layout: l.layout } })];
}

/** The first figure of a line in a column, when the ledger has the line. */
const lineCell = (l: Ledger, ref: LineRef, col: string) => rowOf(statement(l, ref[0]), ref[1])?.cells[col];

/** All anslag rows: posts and printed subtotals, with a label. */
function anslagRows(ledger: Ledger): { id: string; label: string; figures: AnslagRowFigures }[] {
  const a = ledger.anslagsredovisning;
  if (!a) return [];
  const out: { id: string; label: string; figures: AnslagRowFigures }[] = [];
  for (const uo of a.utgiftsomraden) {
    for (const an of uo.anslag) {
      for (const p of an.poster) out.push({ id: p.id, label: `${postDesignation(an, p)} ${p.name}`, figures: p.figures });
      if (an.summa) out.push({ id: `${an.id}.summa`, label: `Summa ${an.designation}`, figures: an.summa });
    }
    if (uo.summa) out.push({ id: `${uo.id}.summa`, label: `Summa utgiftsområde ${uo.uo}`, figures: uo.summa });
  }
  if (a.summa) out.push({ id: 'summa', label: a.summaLabel ?? 'Summa', figures: a.summa });
  return out;
}

const posts = (ledger: Ledger) =>
  ledger.anslagsredovisning?.utgiftsomraden.flatMap((u) => u.anslag.flatMap((an) => an.poster.map((p) => ({ ...p, anslag: an })))) ?? [];

/** The decision in force at year end for one amount: the latest decision that sets it. */
function latest(ledger: Ledger, anslagspost: string, field: 'tilldelning' | 'anslagskredit' | 'medgivetOverskridande'): string | undefined {
  const p = ledger.regleringsbrev?.anslagsposter.find((x) => x.anslagspost === anslagspost);
  const setting = [...(p?.beslut ?? [])].filter((b) => b[field]).sort((x, y) => (x.datum < y.datum ? -1 : x.datum > y.datum ? 1 : 0));
  return setting.at(-1)?.[field];
}
const latestRam = (rams: readonly { datum?: string; belopp: string }[] | undefined) =>
  [...(rams ?? [])].sort((x, y) => ((x.datum ?? '') < (y.datum ?? '') ? -1 : 1)).at(-1)?.belopp;

const figureValue = (ledger: Ledger, id: string | undefined) => (id ? ledger.figures.get(id)?.value ?? null : null);

// ---------------------------------------------------------------------------------------
// Layout rules: sums, equalities and openings declared by the layout data.

/** The rule that reports a layout's sums and equalities (the five-year table has none). */
const LAYOUT_SUM_RULE: Partial<Record<StatementKind, string>> = {
  resultatrakning: 'A-1',
  balansrakning: 'A-6',
  finansieringsanalys: 'A-13',
};

function layoutChecks(ledger: Ledger, kind: StatementKind, kinds: 'sum' | 'equal' | 'opening'): Output[] {
  const t = statement(ledger, kind);
  const layout = layoutFor(ledger.layout, kind);
  const rule = LAYOUT_SUM_RULE[kind];
  if (!t && layout && rule && kinds === 'sum') return [notApplicable(rule, layout.title, { code: 'ej_tillamplig.rakning_saknas', params: { rakning: kind } })];
  if (!t || !layout) return [];
  if (kinds === 'opening') return (layout.opening ?? []).flatMap((o) => openingChecks('P-1', t, o.opening, o.closing));
  if (!rule) return [];
  if (kinds === 'sum') {
    return layout.lines.flatMap((line) => (line.sum ? rowsOf(t, line.id).flatMap((total) => sumChecks(rule, t, total, layoutParts(t, line.id, line.sum!))) : []));
  }
  if (kinds === 'equal') {
    return (layout.equal ?? []).flatMap((e) => {
      const a = rowOf(t, e.left);
      const b = rowOf(t, e.right);
      return a && b ? rowTie(rule, { t, r: a }, { t, r: b }, 1) : [];
    });
  }
  return [];
}

// ---------------------------------------------------------------------------------------
// The catalogue

const A_COLS = (cols: readonly AnslagColumn[]) => cols;

export const RULES: readonly Rule[] = [
  {
    id: 'A-1',
    title: 'Resultaträkningens summor och saldon stämmer med sina rader',
    severity: 'fel',
    source: 'FÅB bilaga 1 (uppställningsform för resultaträkning); DOMAIN.md §7 A-1–A-5',
    reads: 'Resultaträkningens rader och summarader, båda åren',
    checks: (l) => layoutChecks(l, 'resultatrakning', 'sum'),
  },
  {
    id: 'A-6',
    title: 'Balansräkningens delsummor stämmer och tillgångar = kapital och skulder',
    severity: 'fel',
    source: 'FÅB bilaga 2 (uppställningsform för balansräkning); DOMAIN.md §7 A-6',
    reads: 'Balansräkningens rader och summarader, båda åren',
    checks: (l) => [...layoutChecks(l, 'balansrakning', 'sum'), ...layoutChecks(l, 'balansrakning', 'equal')],
  },
  {
    id: 'A-13',
    title: 'Finansieringsanalysens kassaflöden och förändring av likvida medel stämmer',
    severity: 'fel',
    source: 'FÅB bilaga 4 (uppställningsform för finansieringsanalys); DOMAIN.md §7 A-13',
    reads: 'Finansieringsanalysens rader, summor och specifikation av likvida medel',
    checks: (l) => [...layoutChecks(l, 'finansieringsanalys', 'sum'), ...layoutChecks(l, 'finansieringsanalys', 'equal')],
  },
  {
    id: 'P-1',
    title: 'Ingående belopp i år = utgående belopp föregående år',
    severity: 'fel',
    source: 'Kontinuitet mellan räkenskapsår (FÅB 4 kap.); DOMAIN.md §7 B-8',
    reads: 'Ingående och utgående rader i tabeller med två årskolumner',
    checks: (l) => [
      ...STATEMENT_KINDS.flatMap((k) => layoutChecks(l, k, 'opening')),
      ...l.tables.flatMap((t) => t.periodisering.flatMap((p) => openingChecks('P-1', t, p.opening, p.closing))),
    ],
  },
  {
    id: 'A-7',
    title: 'Totalt disponibelt belopp = ingående överföringsbelopp + tilldelning + omdisponerat + utnyttjat överskridande + indragning',
    severity: 'fel',
    source: 'FÅB bilaga 3 (anslagsredovisning); DOMAIN.md §7 A-7',
    reads: 'Anslagsredovisningens kolumner per anslagspost och summarad',
    checks: (l) =>
      anslagRows(l).flatMap((r) =>
        equation('A-7', `${r.label}: totalt disponibelt belopp`, r.figures.totalt_disponibelt, A_COLS(['ingaende_overforingsbelopp', 'tilldelning', 'omdisponerat', 'utnyttjat_medgivet_overskridande', 'indragning']).map((c) => r.figures[c])),
      ),
  },
  {
    id: 'A-8',
    title: 'Utgående överföringsbelopp = totalt disponibelt belopp + utgifter + inkomster',
    severity: 'fel',
    source: 'FÅB bilaga 3 (anslagsredovisning); DOMAIN.md §7 A-8',
    reads: 'Anslagsredovisningens kolumner per anslagspost och summarad',
    checks: (l) =>
      anslagRows(l).flatMap((r) =>
        equation('A-8', `${r.label}: utgående överföringsbelopp`, r.figures.utgaende_overforingsbelopp, A_COLS(['totalt_disponibelt', 'utgifter', 'inkomster']).map((c) => r.figures[c])),
      ),
  },
  {
    id: 'A-9',
    title: 'Summor per anslag, utgiftsområde och totalt = summan av raderna, i varje kolumn',
    severity: 'fel',
    source: 'FÅB bilaga 3 (anslagsredovisning); DOMAIN.md §7 A-9',
    reads: 'Anslagsposter och tryckta summarader i anslagsredovisningen',
    checks: (l) => {
      const a = l.anslagsredovisning;
      if (!a) return [];
      const out: CheckSpec[] = [];
      const sum = (total: AnslagRowFigures | undefined, parts: AnslagRowFigures[], what: string) => {
        if (!total) return;
        for (const c of ANSLAG_COLUMNS) {
          const left = total[c];
          const right = parts.map((p) => p[c]).filter((f): f is string => !!f);
          if (left && right.length) out.push({ id: `A-9/${left}`, rule: 'A-9', subject: `${what}: ${c.replace(/_/g, ' ')}`, relation: 'eq', left: [pos(left)], right: right.map(pos) });
        }
      };
      const uoParts = a.utgiftsomraden.map((uo) => {
        const anslagParts = uo.anslag.map((an) => {
          sum(an.summa, an.poster.map((p) => p.figures), `Summa ${uo.id} ${an.designation}`);
          return an.summa ? [an.summa] : an.poster.map((p) => p.figures);
        });
        sum(uo.summa, anslagParts.flat(), `Summa utgiftsområde ${uo.uo}`);
        return uo.summa ? [uo.summa] : anslagParts.flat();
      });
      sum(a.summa, uoParts.flat(), a.summaLabel ?? 'Summa');
      return out;
    },
  },
  {
    id: 'A-10',
    title: 'Redovisning mot inkomsttitlar: summan = summan av titlarna, och en titel = summan av sina undertitlar',
    severity: 'fel',
    source: 'FÅB bilaga 3 (anslagsredovisning); DOMAIN.md §7 A-10',
    reads: 'Inkomsttitlar och undertitlar, alla kolumner',
    checks: (l) => {
      const it = l.anslagsredovisning?.inkomsttitlar;
      if (!it) return [];
      // A titel counts with its own figures where it has them (no undertitlar, or a printed
      // subtotal, itself checked against its undertitlar), else with its undertitlar's.
      const parts = (t: (typeof it.titlar)[number], c: string) => (t.figures?.[c] ? [t.figures[c]] : t.undertitlar.map((u) => u.figures[c]));
      return it.columns.flatMap((c) => [
        ...it.titlar.flatMap((t) => (t.figures && t.undertitlar.length ? equation('A-10', `Inkomsttitel ${t.titel}: summa ${c.replace(/_/g, ' ')}`, t.figures[c], t.undertitlar.map((u) => u.figures[c])) : [])),
        ...(it.summa ? equation('A-10', `Inkomsttitlar: summa ${c.replace(/_/g, ' ')}`, it.summa[c], it.titlar.flatMap((t) => parts(t, c))) : []),
      ]);
    },
  },
  {
    id: 'A-11',
    title: 'Bemyndiganden: åtaganden vid årets slut = vid årets början + nya + utgifter + övriga förändringar',
    severity: 'fel',
    source: 'FÅB bilaga 3:2 (redovisning av beställningsbemyndiganden); DOMAIN.md §7 A-11',
    reads: 'Beställningsbemyndiganden per anslagspost',
    checks: (l) =>
      (l.anslagsredovisning?.bemyndiganden ?? []).flatMap((b) =>
        equation(
          'A-11',
          `Bemyndigande ${b.anslagspost}: åtaganden vid årets slut`,
          b.figures.utgaende_ataganden,
          ['ingaende_ataganden', 'nya_ataganden', 'utgifter', 'ovriga_forandringar'].map((c) => b.figures[c]),
        ),
      ),
  },
  {
    id: 'A-12',
    title: 'Bemyndiganden: förväntad redovisning mot anslag kommande år = åtaganden vid årets slut',
    severity: 'fel',
    source: 'FÅB bilaga 3:2 (redovisning av beställningsbemyndiganden); DOMAIN.md §7 A-12',
    reads: 'Beställningsbemyndiganden: åtaganden vid årets slut och fördelning per år',
    checks: (l) =>
      (l.anslagsredovisning?.bemyndiganden ?? []).flatMap((b) =>
        equation('A-12', `Bemyndigande ${b.anslagspost}: fördelning på kommande år`, b.figures.utgaende_ataganden, b.years.map((y) => b.figures[y])),
      ),
  },
  {
    id: 'A-19',
    title: 'Summarad i not eller tabell = summan av sina rader',
    severity: 'fel',
    source: 'Årsredovisningsfilernas deklaration (summa:) av notens summarader',
    reads: 'Rader som årsredovisningsfilerna anger som summor, alla kolumner',
    checks: (l) => l.tables.flatMap((t) => t.rows.flatMap((r) => (r.sum ? sumChecks('A-19', t, r, declaredParts(t, r.sum)) : []))),
  },
  {
    id: 'A-21',
    title: 'Summakolumn = summan av sina kolumner, på varje rad',
    severity: 'fel',
    source: 'Årsredovisningsfilernas deklaration (kolumnsummor:), t.ex. Totalt i tabeller över avgiftsbelagd verksamhet',
    reads: 'Rader i tabeller som anger kolumnsummor, alla kolumner',
    checks: (l) =>
      l.tables.flatMap((t) =>
        t.columnSums.flatMap((cs) => {
          const heading = t.columns.find((c) => c.id === cs.column)?.label ?? cs.column;
          return t.rows.flatMap((r): CheckSpec[] => {
            const total = r.cells[cs.column];
            const right = cs.terms.flatMap((term) => (r.cells[term.ref] ? [{ sign: term.sign, ref: r.cells[term.ref]! }] : []));
            return total && right.length ? [{ id: `A-21/${total}`, rule: 'A-21', subject: `${label(t, r)}: ${heading} = summan av kolumnerna`, relation: 'eq', left: [pos(total)], right }] : [];
          });
        }),
      ),
  },
  {
    id: 'A-20',
    title: 'Ansvarsförbindelser redovisas med belopp som inte är negativa',
    severity: 'fel',
    source: 'FÅB bilaga 2 (ansvarsförbindelser under balansräkningen: åtaganden staten kan komma att infria)',
    reads: 'Balansräkningens ansvarsförbindelser, båda åren',
    checks: (l) => {
      const lines = role(l, 'A-20', 'ansvarsforbindelser', 'ansvarsförbindelser');
      if (isNotApplicable(lines)) return [lines];
      return lines.flatMap((ref): Output[] => {
        const found = lineRows(l, 'A-20', ref);
        if (isNotApplicable(found)) return [found];
        return found.rows.flatMap((r) =>
          found.t.columns.flatMap((c): CheckSpec[] => {
            const f = r.cells[c.id];
            return f ? [{ id: `A-20/${f}`, rule: 'A-20', subject: `${label(found.t, r)} (${c.label}) ≥ 0`, relation: 'le', left: [neg(f)], right: [], zeroIfEmpty: true }] : [];
          }),
        );
      });
    },
  },
  {
    id: 'B-1',
    title: 'Kapitalförändring enligt resultaträkningen i balansräkningen = årets kapitalförändring i resultaträkningen',
    severity: 'fel',
    source: 'FÅB bilagor 1–2; DOMAIN.md §7 B-1',
    reads: 'BR kapitalförändring enligt RR, RR årets kapitalförändring',
    checks: (l) => layoutTies(l, 'B-1'),
  },
  {
    id: 'B-2',
    title: 'Väsentliga uppgifter: kapitalförändringen = resultat- och balansräkningen',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-2',
    reads: 'VU årets och balanserad kapitalförändring, RR, BR',
    checks: (l) => layoutTies(l, 'B-2'),
  },
  {
    id: 'B-9',
    title: 'Finansieringsanalysens rader = motsvarande rader i resultaträkningen',
    severity: 'fel',
    source: 'FÅB bilaga 4; ESV 2000:5; DOMAIN.md §7 B-9',
    reads: 'FA:s intäkter av anslag och bidrag, övriga intäkter, uppbörds- och transfereringsrader; RR',
    checks: (l) => layoutTies(l, 'B-9'),
  },
  {
    id: 'B-11',
    title: 'Likvida medel i finansieringsanalysen = likvida medel i balansräkningen, och deras förändring',
    severity: 'fel',
    source: 'FÅB bilagor 2 och 4; DOMAIN.md §7 B-11',
    reads: 'FA likvida medel vid årets slut och specifikationen; BR kassa och bank, räntekonto, avräkning med statsverket, kortfristiga placeringar',
    checks: (l) => {
      const lm = role(l, 'B-11', 'likvidaMedel', 'likvida medel');
      if (isNotApplicable(lm)) return [lm];
      const fa = lineRows(l, 'B-11', lm.ub, 'likvida medel vid årets slut');
      if (isNotApplicable(fa)) return [fa];
      const out: Output[] = [];
      const brCells = (refs: readonly LineRef[], y: string) => refs.map((ref) => lineCell(l, ref, y)).filter((f): f is string => !!f);
      for (const y of yearColumns(fa.t)) {
        const ub = lineCells(fa.rows, y)[0];
        const parts = brCells(lm.delar, y);
        if (ub && parts.length) out.push({ id: `B-11/${ub}`, rule: 'B-11', subject: `Likvida medel vid årets slut ${y}`, relation: 'eq', left: [pos(ub)], right: parts.map(pos) });
        const prev = previousYear(y);
        for (const change of lm.forandringar) {
          const f = lineCell(l, change.rad, y);
          const now = brCells(change.delar, y);
          const before = brCells(change.delar, prev);
          if (f && now.length && before.length) {
            out.push({ id: `B-11/${f}`, rule: 'B-11', subject: `${rowOf(fa.t, change.rad[1])!.label} ${y} = förändringen i balansräkningen`, relation: 'eq', left: [pos(f)], right: [...now.map(pos), ...before.map(neg)] });
          }
        }
      }
      return out;
    },
  },
  {
    id: 'B-12',
    title: 'Väsentliga uppgifter: utnyttjad låneram = lån i Riksgäldskontoret i balansräkningen',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-12',
    reads: 'VU låneram utnyttjad, BR lån i Riksgäldskontoret',
    checks: (l) => layoutTies(l, 'B-12'),
  },
  {
    id: 'B-13',
    title: 'Väsentliga uppgifter: räntekontots ränteintäkter och räntekostnader ryms i resultaträkningens finansiella intäkter och kostnader',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-13 (noternas räntekontorader stäms av genom lika:)',
    reads: 'VU räntekontots ränteintäkter och räntekostnader; RR finansiella intäkter och kostnader (år som båda visar)',
    checks: (l) => layoutTies(l, 'B-13'),
  },
  {
    id: 'B-14',
    title: 'Väsentliga uppgifter: avgiftsintäkter = resultaträkningen',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-14',
    reads: 'VU avgiftsintäkter som disponeras och som inte disponeras; RR',
    checks: (l) => layoutTies(l, 'B-14'),
  },
  {
    id: 'B-15',
    title: 'Väsentliga uppgifter: anslagssparande och utnyttjad anslagskredit = anslagsredovisningens överföringsbelopp',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 § och bilaga 3; DOMAIN.md §7 B-15, B-20',
    reads: 'VU anslagssparande och utnyttjad kredit (räkenskapsåret och året före); utgående och ingående överföringsbelopp per anslagspost',
    checks: (l) => {
      const sparandeLine = role(l, 'B-15', 'summaAnslagssparande', 'summa anslagssparande');
      const kreditLine = role(l, 'B-15', 'anslagskreditUtnyttjad', 'utnyttjad anslagskredit');
      const skipped = [sparandeLine, kreditLine].filter(isNotApplicable);
      if (skipped.length) return skipped;
      if (!l.anslagsredovisning) return [notApplicable('B-15', 'anslagssparande och anslagskredit', { code: 'ej_tillamplig.anslagsredovisning_saknas', params: {} })];
      const out: Output[] = [];
      // The closing balances give this year's figures; the opening balances, which are last
      // year's closing ones (B-20), give the previous year's.
      const years: [string, 'utgaende_overforingsbelopp' | 'ingaende_overforingsbelopp', string][] = [
        [l.year, 'utgaende_overforingsbelopp', 'utgående'],
        [previousYear(l.year), 'ingaende_overforingsbelopp', 'ingående'],
      ];
      // Which anslag count (definitioner.anslagssparande): ramanslag by default, as the row reads.
      const covered = posts(l).filter((p) => l.definitions.anslagssparande === 'alla' || p.anslag.typ === 'ramanslag');
      const scope = l.definitions.anslagssparande === 'alla' ? 'alla anslag' : 'ramanslag';
      for (const [year, column, word] of years) {
        for (const [ref, what, sign] of [[sparandeLine as LineRef, 'positiva', 1], [kreditLine as LineRef, 'negativa', -1]] as const) {
          // A row with `anslag:` covers that anslag's posts; a row without, every post in scope.
          for (const r of rowsOf(statement(l, ref[0]), ref[1])) {
            const left = r.cells[year];
            if (!left) continue;
            const balances = covered.filter((p) => !r.anslag || p.anslag.id === r.anslag).map((p) => p.figures[column]).filter((f): f is string => !!f);
            const right = balances.filter((f) => (sign > 0 ? figureValue(l, f)?.isPositive() && !figureValue(l, f)?.isZero() : figureValue(l, f)?.isNegative()));
            const of = r.anslag ? `anslag ${covered.find((p) => p.anslag.id === r.anslag)?.anslag.designation ?? r.anslag}` : scope;
            out.push({ id: `B-15/${left}`, rule: 'B-15', subject: `${r.label} ${year} = summan av ${what} ${word} överföringsbelopp ${l.year} (${of})`, relation: 'eq', left: [pos(left)], right: right.map((f) => ({ sign, ref: f })), zeroIfEmpty: true });
          }
        }
      }
      return out;
    },
  },
  {
    id: 'B-16',
    title: 'Väsentliga uppgifter: bemyndiganden = redovisningen av beställningsbemyndiganden',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 § och bilaga 3:2; DOMAIN.md §7 B-16',
    reads: 'VU åtaganden och tilldelade bemyndiganden per anslagspost; bemyndigandetabellen',
    checks: (l) => {
      const bem = l.anslagsredovisning?.bemyndiganden ?? [];
      return (
        [
          ['bemyndigandenAtaganden', 'utgaende_ataganden', 'bemyndiganden: åtaganden'],
          ['bemyndigandenTilldelade', 'bemyndigande', 'bemyndiganden: tilldelade'],
        ] as const
      ).flatMap(([key, col, what]): Output[] => {
        const ref = role(l, 'B-16', key, what);
        if (isNotApplicable(ref)) return [ref];
        const found = lineRows(l, 'B-16', ref, what);
        if (isNotApplicable(found)) return [found];
        return found.rows.flatMap((r) => equation('B-16', `${r.label} ${l.year}`, r.cells[l.year], [bem.find((x) => x.anslagspost === r.anslagspost)?.figures[col]]));
      });
    },
  },
  {
    id: 'B-17',
    title: 'Väsentliga uppgifter: driftkostnad per årsarbetskraft × årsarbetskrafter = personal + lokaler + övriga driftkostnader',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §; DOMAIN.md §7 B-17 (definitionen enligt ESV:s praxis)',
    reads: 'VU driftkostnad per årsarbetskraft och årsarbetskrafter; RR kostnader för personal, lokaler och övriga driftkostnader',
    checks: (l) => {
      const perLine = role(l, 'B-17', 'driftkostnadPerArsarbetskraft', 'driftkostnad per årsarbetskraft');
      const aaLine = role(l, 'B-17', 'antalArsarbetskrafter', 'årsarbetskrafter');
      // The ledger's definition (rows by line or id), else the layout version's lines.
      const defined = l.definitions.driftkostnader?.map((ref): LineRef => ['resultatrakning', ref]);
      const costLines = defined ?? role(l, 'B-17', 'driftkostnader', 'driftkostnader');
      const skipped = [perLine, aaLine, costLines].filter(isNotApplicable);
      if (skipped.length) return skipped;
      const per = lineRows(l, 'B-17', perLine as LineRef, 'driftkostnad per årsarbetskraft');
      if (isNotApplicable(per)) return [per];
      return yearColumns(per.t).flatMap((y) => {
        const perFigure = lineCells(per.rows, y)[0];
        const aa = lineCell(l, aaLine as LineRef, y);
        const costs = (costLines as readonly LineRef[]).flatMap(([kind, ref]) => {
          const t = statement(l, kind);
          const byId = t?.rows.filter((r) => r.id === ref && rowLine(r) !== ref) ?? [];
          return lineCells([...rowsOf(t, ref), ...byId], y);
        });
        return perFigure && aa && costs.length
          ? [{ id: `B-17/${perFigure}`, rule: 'B-17', subject: `Driftkostnad per årsarbetskraft ${y}`, relation: 'eq' as const, left: [pos(perFigure), pos(aa)], right: costs.map(neg), product: true }]
          : [];
      });
    },
  },
  {
    id: 'B-19',
    title: 'Notens summa = raden i resultat- eller balansräkningen som noten specificerar',
    severity: 'fel',
    source: 'FÅB 7 kap. (noter); DOMAIN.md §7 B-19; årsredovisningsfilernas deklaration (specificerar:)',
    reads: 'Notrader som anger specificerar:, och den specificerade raden',
    checks: (l) => declaredRowTies(l, 'B-19', (r) => r.specifies),
  },
  {
    id: 'B-22',
    title: 'Samma uppgift tryckt på två ställen har samma belopp',
    severity: 'fel',
    source: 'Årsredovisningsfilernas deklaration (lika:)',
    reads: 'Rader som anger lika:, och raden de upprepar',
    checks: (l) => declaredRowTies(l, 'B-22', (r) => r.equals),
  },
  {
    id: 'B-25',
    title: 'Väsentliga uppgifter: årsarbetskrafter ≤ medelantal anställda',
    severity: 'fel',
    source: 'FÅB 2 kap. 4 §: en anställd bidrar med högst en årsarbetskraft',
    reads: 'VU årsarbetskrafter och medelantal anställda, alla år',
    checks: (l) => layoutTies(l, 'B-25'),
  },
  {
    id: 'B-26',
    title: 'En del är högst det den är en del av (varav-rad, nedre gräns av ett intervall)',
    severity: 'fel',
    source: 'Årsredovisningsfilernas deklaration (hogst:)',
    reads: 'Rader som anger hogst:, och raden de är en del av',
    // A part has its whole's sign and at most its amount: 0 ≤ del ≤ helhet, and for a negative
    // whole (costs, deficits) 0 ≤ −del ≤ −helhet.
    checks: (l) =>
      declaredRowTies(l, 'B-26', (r) => r.atMost, 'le').flatMap((c) => {
        const bound = figureValue(l, c.right[0]?.ref)?.isNegative() ? { ...c, left: c.left.map(flip), right: c.right.map(flip) } : c;
        const sign: CheckSpec = { ...bound, id: `${c.id}~tecken`, subject: c.subject.replace(' ≤ ', ' har samma tecken som '), left: bound.left.map(flip), right: [], zeroIfEmpty: true };
        return [bound, sign];
      }),
  },
  {
    id: 'B-23',
    title: 'Avstämning som årsredovisningen anger',
    severity: 'fel',
    source: 'Årsredovisningsfilernas deklaration (avstamningar:)',
    reads: 'Figurerna som avstämningen räknar upp',
    checks: (l) => l.ties.map((t) => ({ id: `B-23/${t.id}`, rule: 'B-23', subject: t.title, relation: 'eq' as const, left: t.left, right: t.right, zeroIfEmpty: true })),
  },
  {
    id: 'B-24',
    title: 'Väsentliga uppgifter: beviljad låneram, kontokredit och bemyndiganderam = senaste regeringsbeslut',
    severity: 'fel',
    source: 'Regleringsbrev; FÅB 2 kap. 4 §',
    reads: 'VU beviljade belopp för räkenskapsåret; regleringsbrevets beslut',
    checks: (l) => {
      const rb = l.regleringsbrev;
      if (!rb) return [notApplicable('B-24', 'beviljade belopp', { code: 'ej_tillamplig.regleringsbrev_saknas', params: {} })];
      const out: Output[] = [];
      for (const [key, ram, what] of [['laneramBeviljad', latestRam(rb.laneram), 'beviljad låneram'], ['kontokreditBeviljad', latestRam(rb.kontokredit), 'beviljad kontokredit']] as const) {
        const ref = role(l, 'B-24', key, what);
        if (isNotApplicable(ref)) {
          if (ram) out.push(ref);
          continue;
        }
        const left = lineCell(l, ref, l.year);
        if (left && ram) out.push({ id: `B-24/${left}`, rule: 'B-24', subject: `${rowOf(statement(l, ref[0]), ref[1])!.label} ${l.year}`, relation: 'eq', left: [pos(left)], right: [pos(ram)] });
      }
      const tilldelade = LAYOUT_VERSIONS.get(l.layout)?.regler.bemyndigandenTilldelade;
      for (const r of tilldelade ? rowsOf(statement(l, tilldelade[0]), tilldelade[1]) : []) {
        const left = r.cells[l.year];
        const ram = rb.bemyndiganderamar.find((b) => b.anslagspost === r.anslagspost)?.belopp;
        if (left && ram) out.push({ id: `B-24/${left}`, rule: 'B-24', subject: `${r.label} ${l.year}`, relation: 'eq', left: [pos(left)], right: [pos(ram)] });
      }
      return out;
    },
  },
  {
    id: 'C-1',
    title: 'Utgående överföringsbelopp ≥ −anslagskredit enligt senaste beslut (ett negativt belopp ryms i krediten)',
    severity: 'fel',
    source: 'Anslagsförordningen (2011:223) 6 och 8 §§; regleringsbrev; DOMAIN.md §7 C-1, C-2',
    reads: 'Utgående överföringsbelopp per anslagspost; anslagskredit i regleringsbrevets senaste beslut',
    checks: (l) =>
      posts(l).flatMap((p): Output[] => {
        const ub = p.figures.utgaende_overforingsbelopp;
        const kredit = latest(l, p.id, 'anslagskredit');
        // Checked wherever a credit is decided or the balance is negative; without a
        // granted credit the limit is zero (C-2): the right side is empty. Without the
        // regleringsbrev (an imported report has none) the credit is unknown.
        if (!ub || (!kredit && !figureValue(l, ub)?.isNegative())) return [];
        if (!l.regleringsbrev) return [notApplicable('C-1', `${postDesignation(p.anslag, p)}: anslagskredit`, { code: 'ej_tillamplig.regleringsbrev_saknas', params: {} })];
        return [{ id: `C-1/${p.id}`, rule: 'C-1', subject: `${postDesignation(p.anslag, p)}: −utgående överföringsbelopp ≤ anslagskredit`, relation: 'le' as const, left: [neg(ub)], right: kredit ? [pos(kredit)] : [], zeroIfEmpty: true }];
      }),
  },
  {
    id: 'C-4',
    title: 'Utnyttjad del av medgivet överskridande ≤ medgivet belopp',
    severity: 'fel',
    source: 'FÅB bilaga 3 fotnot 5; anslagsförordningen; DOMAIN.md §7 C-4',
    reads: 'Utnyttjat medgivet överskridande per anslagspost; medgivet överskridande i regleringsbrevets senaste beslut',
    checks: (l) =>
      posts(l).flatMap((p) => {
        const used = p.figures.utnyttjat_medgivet_overskridande;
        const medgivet = latest(l, p.id, 'medgivetOverskridande');
        if (!used || (!medgivet && !figureValue(l, used)?.abs().gt(0))) return [];
        return [{ id: `C-4/${p.id}`, rule: 'C-4', subject: `${postDesignation(p.anslag, p)}: utnyttjat överskridande ≤ medgivet`, relation: 'le' as const, left: [pos(used)], right: medgivet ? [pos(medgivet)] : [], zeroIfEmpty: true }];
      }),
  },
  {
    id: 'C-6',
    title: 'Omdisponeringar inom ett anslag tar ut varandra',
    severity: 'varning',
    source: 'FÅB bilaga 3 fotnot 4; DOMAIN.md §7 C-6 (gäller inte när ett beslut för medel till eller från regeringens disposition)',
    reads: 'Omdisponerat anslagsbelopp per anslagspost',
    checks: (l) =>
      (l.anslagsredovisning?.utgiftsomraden ?? []).flatMap((uo) =>
        uo.anslag.flatMap((an): CheckSpec[] => {
          const moved = an.poster.map((p) => p.figures.omdisponerat).filter((f): f is string => !!f && !figureValue(l, f)?.isZero());
          return moved.length ? [{ id: `C-6/${an.id}`, rule: 'C-6', subject: `${an.designation} ${an.name}: summan av omdisponerade belopp = 0`, relation: 'eq', left: moved.map(pos), right: [], zeroIfEmpty: true }] : [];
        }),
      ),
  },
  {
    id: 'C-7',
    title: 'Årets tilldelning med omdisponeringar = anslagsbeloppet i senaste regeringsbeslut',
    severity: 'fel',
    source: 'Regleringsbrev och ändringsbeslut; ESV Hermes "stämmer överens med regleringsbrev"; DOMAIN.md §7 C-7',
    reads: 'Tilldelning och omdisponerat belopp per anslagspost; tilldelning i regleringsbrevets senaste beslut',
    checks: (l) =>
      posts(l).flatMap((p) => {
        const rb = latest(l, p.id, 'tilldelning');
        // When the omdisponerat column also moves ingående överföringsbelopp, it cannot be told
        // apart from this year's money: the tilldelning column alone is compared.
        const parts = (l.definitions.omdisponeratFlyttarIngaende ? [p.figures.tilldelning] : [p.figures.tilldelning, p.figures.omdisponerat]).filter((f): f is string => !!f);
        return rb && parts.length ? [{ id: `C-7/${p.id}`, rule: 'C-7', subject: `${postDesignation(p.anslag, p)}: tilldelning enligt regleringsbrev`, relation: 'eq' as const, left: parts.map(pos), right: [pos(rb)] }] : [];
      }),
  },
  {
    id: 'C-8',
    title: 'Ekonomiska åtaganden vid årets slut ≤ beslutat bemyndigande',
    severity: 'fel',
    source: 'Budgetlagen 6 kap.; regleringsbrev; DOMAIN.md §7 C-8',
    reads: 'Åtaganden vid årets slut; bemyndigandet i tabellen, regleringsbrevet och väsentliga uppgifter (alla år)',
    checks: (l) => {
      const out: CheckSpec[] = [];
      for (const b of l.anslagsredovisning?.bemyndiganden ?? []) {
        const ub = b.figures.utgaende_ataganden;
        const ram = l.regleringsbrev?.bemyndiganderamar.find((r) => r.anslagspost === b.anslagspost)?.belopp ?? b.figures.bemyndigande;
        if (ub && ram) out.push({ id: `C-8/${b.anslagspost}`, rule: 'C-8', subject: `Bemyndigande ${b.anslagspost}: åtaganden ≤ bemyndigande`, relation: 'le', left: [pos(ub)], right: [pos(ram)] });
      }
      const { bemyndigandenAtaganden: ataganden, bemyndigandenTilldelade: tilldelat } = LAYOUT_VERSIONS.get(l.layout)?.regler ?? {};
      const vu = ataganden && statement(l, ataganden[0]);
      for (const r of ataganden ? rowsOf(vu, ataganden[1]) : []) {
        const tilldelade = tilldelat ? rowsOf(statement(l, tilldelat[0]), tilldelat[1]).find((x) => x.anslagspost === r.anslagspost) : undefined;
        for (const y of vu ? yearColumns(vu) : []) {
          const left = r.cells[y];
          const right = tilldelade?.cells[y];
          if (left && right) out.push({ id: `C-8/${left}`, rule: 'C-8', subject: `${r.label} ${y} ≤ tilldelat bemyndigande`, relation: 'le', left: [pos(left)], right: [pos(right)] });
        }
      }
      return out;
    },
  },
  {
    id: 'C-9',
    title: 'Lån i Riksgäldskontoret ≤ beviljad låneram, och utnyttjad kontokredit ≤ beviljad kontokredit',
    severity: 'fel',
    source: 'Kapitalförsörjningsförordningen (2011:210) 2 kap. 1 §; budgetlagen 7 kap.; regleringsbrev; DOMAIN.md §7 C-9, C-11',
    reads: 'BR lån i Riksgäldskontoret; regleringsbrevets låneram och kontokredit; VU låneram och kontokredit (alla år)',
    checks: (l) => {
      const out: CheckSpec[] = [];
      const { lanIRgk, granser = [] } = LAYOUT_VERSIONS.get(l.layout)?.regler ?? {};
      const lan = lanIRgk && lineCell(l, lanIRgk, l.year);
      const ram = latestRam(l.regleringsbrev?.laneram);
      if (lan && ram) out.push({ id: `C-9/${lan}`, rule: 'C-9', subject: `Lån i Riksgäldskontoret ${l.year} ≤ låneram enligt senaste beslut`, relation: 'le', left: [pos(lan)], right: [pos(ram)] });
      for (const { utnyttjat, beviljat } of granser) {
        const t = statement(l, utnyttjat[0]);
        const granted = rowsOf(statement(l, beviljat[0]), beviljat[1]);
        // Used and granted pair by anslag (rows with `anslag:`), the totals with each other.
        for (const used of rowsOf(t, utnyttjat[1])) {
          const limit = granted.find((g) => g.anslag === used.anslag);
          for (const y of t && limit ? yearColumns(t) : []) {
            const left = used.cells[y];
            const right = limit!.cells[y];
            if (left && right) out.push({ id: `C-9/${left}`, rule: 'C-9', subject: `${used.label} ${y} ≤ ${limit!.label.toLowerCase()}`, relation: 'le', left: [pos(left)], right: [pos(right)] });
          }
        }
      }
      return out;
    },
  },
  {
    id: 'C-12',
    title: 'Finansiella villkor: utfallet håller sig inom villkoret',
    severity: 'fel',
    source: 'Regleringsbrev (finansiella villkor); DOMAIN.md §7 C-12',
    reads: 'Villkor och utfall per finansiellt villkor',
    checks: (l) =>
      (l.anslagsredovisning?.finansiellaVillkor ?? []).flatMap((v): CheckSpec[] => {
        if (!v.villkor || !v.utfall || v.typ === 'annat') return [];
        const base = { rule: 'C-12', subject: `Finansiellt villkor ${v.anslagspost}: ${v.text}` };
        if (v.typ === 'tak') return [{ ...base, id: `C-12/${v.id}`, relation: 'le' as const, left: [pos(v.utfall)], right: [pos(v.villkor)] }];
        if (v.typ === 'golv') return [{ ...base, id: `C-12/${v.id}`, relation: 'le' as const, left: [pos(v.villkor)], right: [pos(v.utfall)] }];
        return [{ ...base, id: `C-12/${v.id}`, relation: 'eq' as const, left: [pos(v.utfall)], right: [pos(v.villkor)] }];
      }),
  },
  // The books against the report (src/rules/books.ts).
  ...BOOK_RULES,
];

const STATEMENT_KINDS: readonly StatementKind[] = ['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter'];

/** Row-to-row ties a ledger declares (lika, specificerar, hogst), per shared column. */
function declaredRowTies(l: Ledger, rule: string, terms: (r: Row) => readonly Term[], relation: 'eq' | 'le' = 'eq'): CheckSpec[] {
  const byId = new Map(l.tables.map((t) => [t.id, t]));
  return l.tables.flatMap((t) =>
    t.rows.flatMap((r) =>
      terms(r).flatMap((term) => {
        const dot = term.ref.indexOf('.');
        const other = byId.get(term.ref.slice(0, dot));
        const otherRow = other?.rows.find((x) => x.id === term.ref.slice(dot + 1));
        return other && otherRow ? rowTie(rule, { t, r }, { t: other, r: otherRow }, term.sign, relation) : [];
      }),
    ),
  );
}

