/**
 * The anslagsredovisning: redovisning mot anslag (one row per anslagspost, subtotals per
 * anslag and utgiftsområde), mot inkomsttitlar, beställningsbemyndiganden and finansiella
 * villkor. A row's reading must agree with the table's own arithmetic where it has any
 * (totalt disponibelt = ingående + tilldelning + omdisponerat + medgivet + indragning;
 * utgående = totalt + utgifter + inkomster); a row still ambiguous is left out.
 */
import { ANSLAG_COLUMNS, type AnslagColumn } from '../domain/model.js';
import { Decimal } from '../domain/amount.js';
import type { SourceLine } from './source.js';
import type { Section, Skipped } from './model.js';
import { choose, type Cell } from './cells.js';
import { joinLabel, numberBearing, readRow, unitOf, type Candidate, type Columns } from './rows.js';
import { isContinuation } from './sections.js';
import { key } from './statements.js';
import { slugId } from './ids.js';
import { scalar } from './yaml.js';
import { within } from './sums.js';

export interface AnslagResult {
  readonly yaml?: string;
  readonly figures: number;
  readonly skipped: Skipped[];
  /** Lines whose figures were imported. */
  readonly lines: Set<number>;
}

/** Header stems of the anslag columns, in the prescribed order. */
const ANSLAG_STEMS: Readonly<Record<AnslagColumn, RegExp>> = {
  ingaende_overforingsbelopp: /ingående/,
  // Heads broken over lines in columns ("Årets till-" above "delning") keep their first part.
  tilldelning: /tilldelning|årets till/,
  omdisponerat: /omdis/,
  utnyttjat_medgivet_overskridande: /medgivet/,
  indragning: /indrag/,
  totalt_disponibelt: /disponibelt/,
  utgifter: /utgifter/,
  inkomster: /inkomster/,
  utgaende_overforingsbelopp: /utgående|saldo/,
};

const POST = /^(\d+:\d+)\s+ap\.?\s*(\d+)\s*(.*)$/i;
const ANSLAG_HEAD = /^(\d+:\d+)\s+(.+?)\s*(?:\((\p{L}+)\))?$/iu;
const UO = /^(?:utgiftsområde|uo)\s*0?(\d+)\b\s*(.*)$/i;

interface Row {
  readonly label: string;
  readonly line: SourceLine;
  readonly values: readonly string[];
  readonly note?: number;
  readonly extra?: string;
}

export function readAnslagsredovisning(sections: readonly Section[], lines: readonly SourceLine[], broken: boolean, known: ReadonlyMap<number, string>): AnslagResult {
  const part = (kind: Section['kind']) => {
    const s = sections.find((x) => x.kind === kind);
    return s ? lines.slice(s.start, s.end - 1) : undefined;
  };
  const skipped: Skipped[] = [];
  const used = new Set<number>();
  const anslag = part('anslag');
  if (!anslag) return { figures: 0, skipped, lines: used };
  const out: string[] = ['# Anslagsredovisning: imported from kalla.txt.', 'anslagsredovisning:'];
  let figures = 0;
  const a = readAnslag(anslag, broken, skipped, known);
  out.push(...a.yaml);
  figures += a.figures;
  for (const [kind, read] of [
    ['inkomsttitlar', readInkomsttitlar],
    ['bemyndiganden', readBemyndiganden],
    ['finansiella_villkor', readVillkor],
  ] as const) {
    const ls = part(kind);
    if (!ls) continue;
    const r = read(ls, broken, skipped);
    out.push(...r.yaml);
    figures += r.figures;
  }
  for (const m of out.join('\n').matchAll(/seed: (\d+)/g)) used.add(Number(m[1]));
  return { yaml: out.join('\n') + '\n', figures, skipped, lines: used };
}

/** Columns named in the lines above the first row (header words may be split over lines). */
function headerText(ls: readonly SourceLine[], stop: RegExp): string {
  const end = ls.findIndex((l) => stop.test(l.text));
  // Words hyphenated over lines join again: "till- delning" → "tilldelning".
  return ls.slice(0, end < 0 ? 20 : end).map((l) => l.text).join(' ').replace(/(\p{L})-\s+(\p{Ll})/gu, '$1$2');
}

const val = (c: Cell | undefined) => c?.value ?? new Decimal(0);

/** The anslag row's arithmetic: does this reading satisfy it? */
function anslagArithmetic(cols: readonly AnslagColumn[]) {
  const at = (c: AnslagColumn) => cols.indexOf(c);
  const parts = (['ingaende_overforingsbelopp', 'tilldelning', 'omdisponerat', 'utnyttjat_medgivet_overskridande', 'indragning'] as const).filter((c) => at(c) >= 0);
  return (cells: readonly Cell[]): boolean => {
    let ok = true;
    if (at('totalt_disponibelt') >= 0 && parts.length) {
      const sum = parts.reduce((s, c) => s.plus(val(cells[at(c)])), new Decimal(0));
      ok &&= within(sum, val(cells[at('totalt_disponibelt')]), parts.length);
    }
    if (at('utgaende_overforingsbelopp') >= 0 && at('totalt_disponibelt') >= 0 && at('utgifter') >= 0) {
      const sum = val(cells[at('totalt_disponibelt')]).plus(val(cells[at('utgifter')])).plus(at('inkomster') >= 0 ? val(cells[at('inkomster')]) : 0);
      ok &&= within(sum, val(cells[at('utgaende_overforingsbelopp')]), 3);
    }
    return ok;
  };
}

/**
 * One row's reading: those that satisfy the row's arithmetic if any do, else the only
 * reading there is; then the clearly best one, or none.
 */
export function pick(cands: readonly Candidate[], arithmetic?: (cells: readonly Cell[]) => boolean): Candidate | undefined {
  const fitting = arithmetic ? cands.filter((c) => arithmetic(c.values)) : [];
  const pool = fitting.length ? fitting : cands;
  if (!fitting.length && arithmetic && new Set(cands.map(key)).size > 1) return undefined;
  const c = choose(pool, key);
  return c.ok ? c.value : undefined;
}

/** Walks rows whose label starts on a line matching `start` and ends with figures. */
function walkRows(
  ls: readonly SourceLine[],
  cols: Columns,
  broken: boolean,
  skipped: Skipped[],
  isStart: (text: string) => boolean,
  onHeading: (l: SourceLine) => void,
  onRow: (r: Row) => void,
  arithmetic?: (cells: readonly Cell[]) => boolean,
  extraLast = false,
) {
  let pending: SourceLine[] = [];
  for (const l of ls) {
    if (!l.text || isContinuation(l.text)) continue;
    const starts = isStart(l.text);
    const raw = starts || pending.length ? readRow(l, extraLast ? { ...cols, ids: [...cols.ids, 'extra'], note: 'none' } : cols) : undefined;
    if (!raw) {
      if (starts) pending = [l];
      else if (pending.length && pending.length < 4 && !isHeadingLine(l.text)) pending.push(l);
      else {
        pending = [];
        onHeading(l);
        if (numberBearing(l.text) && isRowLike(l.text)) skipped.push({ nr: l.nr, page: l.page, text: l.text, reason: 'en rad med tal som inte kunde föras till en anslagspost' });
      }
      continue;
    }
    const parts = [...pending.filter((p) => p !== l), l];
    const c = pick(raw.candidates, arithmetic && ((cells) => arithmetic(extraLast ? cells.slice(0, -1) : cells)));
    pending = [];
    if (!c) {
      skipped.push({ nr: l.nr, page: l.page, text: l.text, reason: `raden kan läsas på flera sätt (${new Set(raw.candidates.map(key)).size}); utelämnad hellre än gissad` });
      continue;
    }
    const label = joinLabel([...parts.slice(0, -1).map((p) => ({ text: p.text, trailingSpace: p.trailingSpace })), { text: c.label, trailingSpace: true }], broken);
    const values = c.values.map((x) => x.printed);
    onRow({ label, line: l, values: extraLast ? values.slice(0, -1) : values, ...(c.note !== undefined ? { note: c.note } : {}), ...(extraLast ? { extra: values[values.length - 1]! } : {}) });
  }
}
const isHeadingLine = (t: string) => UO.test(t) || (ANSLAG_HEAD.test(t) && !POST.test(t)) || /^summa\b/i.test(t);
const isRowLike = (t: string) => /\d[\d ]*$/.test(t) && !/^\d{1,3}\s/.test(t);

const rowRef = (l: SourceLine) => `seed: ${l.nr}${l.page ? `, sida: ${l.page}` : ''}`;
const flow = (xs: readonly string[]) => `[${xs.map(scalar).join(', ')}]`;

interface Uo { uo: string; namn: string; anslag: An[]; summa?: string }
interface An { anslag: string; namn: string; typ?: string; poster: string[]; summa?: string }

function readAnslag(ls: readonly SourceLine[], broken: boolean, skipped: Skipped[], known: ReadonlyMap<number, string>): { yaml: string[]; figures: number } {
  const header = headerText(ls, UO).toLowerCase();
  const cols = ANSLAG_COLUMNS.filter((c) => ANSLAG_STEMS[c].test(header));
  const columns: Columns = { ids: cols, rubriker: cols, note: /\bnot\b/.test(header) ? 'last' : 'none', unit: unitOf(header) };
  const uos: Uo[] = [];
  let total: string | undefined;
  let figures = 0;
  const uo = () => uos[uos.length - 1];
  const an = () => uo()?.anslag[uo()!.anslag.length - 1];
  walkRows(
    ls,
    columns,
    broken,
    skipped,
    (t) => POST.test(t) || /^summa\b/i.test(t),
    (l) => {
      const u = UO.exec(l.text);
      if (u) uos.push({ uo: u[1]!, namn: u[2]!.trim() || `Utgiftsområde ${u[1]}`, anslag: [] });
      const h = !u && !POST.test(l.text) ? ANSLAG_HEAD.exec(l.text) : null;
      if (h && uo()) uo()!.anslag.push({ anslag: h[1]!, namn: h[2]!, ...(h[3] ? { typ: h[3].toLowerCase() } : {}), poster: [] });
    },
    (r) => {
      const v = `v: ${flow(r.values)}`;
      const p = POST.exec(r.label);
      if (p) {
        const target = an();
        if (!target || target.anslag !== p[1]) {
          skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: 'anslagsposten står inte under sitt anslag och utgiftsområde' });
          return;
        }
        const note = r.note !== undefined && known.has(r.note) ? `, not: ${r.note}` : '';
        if (r.note !== undefined && !note) skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: `notreferensen ${r.note} pekar på en not som inte hittades; figurerna är med, referensen inte` });
        target.poster.push(`{ap: ${p[2]}, namn: ${scalar(p[3]!.trim() || `ap ${p[2]}`)}, ${v}${note}, ${rowRef(r.line)}}`);
      } else {
        const uoNumbers = [...r.label.matchAll(/\d+/g)].length;
        const text = scalar(r.label);
        if (/utgiftsområde/i.test(r.label) && uoNumbers === 1 && uo()) uo()!.summa = `{text: ${text}, ${v}, ${rowRef(r.line)}}`;
        else if (/^summa$/i.test(r.label.trim()) && an() && !an()!.summa && !uo()!.summa) an()!.summa = `{${v}, ${rowRef(r.line)}}`;
        else if (!total) total = `{text: ${text}, ${v}, ${rowRef(r.line)}}`;
        else {
          skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: 'en summarad som inte kunde placeras' });
          return;
        }
      }
      figures += r.values.filter((x) => x !== '–').length;
    },
    anslagArithmetic(cols),
  );
  return { yaml: anslagYaml(columns.unit, cols, uos, total), figures };
}

function anslagYaml(unit: string, cols: readonly AnslagColumn[], uos: readonly Uo[], total: string | undefined): string[] {
  const read = uos.filter((x) => x.anslag.some((y) => y.poster.length));
  const out = ['  enhet: ' + unit, `  kolumner: [${cols.join(', ')}]`, read.length ? '  utgiftsomraden:' : '  utgiftsomraden: []'];
  for (const u of read) {
    out.push(`    - uo: ${u.uo}`, `      namn: ${scalar(u.namn)}`, '      anslag:');
    for (const x of u.anslag.filter((y) => y.poster.length)) {
      out.push(`        - anslag: "${x.anslag}"`, `          namn: ${scalar(x.namn)}`);
      if (x.typ) out.push(`          typ: ${x.typ}`);
      out.push('          poster:', ...x.poster.map((p) => `            - ${p}`));
      if (x.summa) out.push(`          summa: ${x.summa}`);
    }
    if (u.summa) out.push(`      summa: ${u.summa}`);
  }
  if (total) out.push(`  summa: ${total}`);
  return out;
}

function readInkomsttitlar(ls: readonly SourceLine[], broken: boolean, skipped: Skipped[]): { yaml: string[]; figures: number } {
  const header = headerText(ls, /^\d{4}\s+\p{L}/u).toLowerCase();
  const ids = [...(/beräknat/.test(header) ? ['beraknat_belopp'] : []), 'inkomster'];
  const cols: Columns = { ids, rubriker: ids, note: 'none', unit: unitOf(header) };
  const titlar: { titel: string; namn: string; under: string[] }[] = [];
  let summa: string | undefined;
  let figures = 0;
  walkRows(
    ls,
    cols,
    broken,
    skipped,
    (t) => /^\d{3}\s+\p{L}/u.test(t) || /^summa\b/i.test(t),
    (l) => {
      const m = /^(\d{4})\s+(\p{L}.*)$/u.exec(l.text);
      if (m && !readRow(l, cols)) titlar.push({ titel: m[1]!, namn: m[2]!.trim(), under: [] });
    },
    (r) => {
      const m = /^(\d{3})\s+(.*)$/.exec(r.label);
      const t = titlar[titlar.length - 1];
      if (m && t) t.under.push(`{undertitel: "${m[1]}", namn: ${scalar(m[2]!.trim())}, v: ${flow(r.values)}, ${rowRef(r.line)}}`);
      else if (/^summa\b/i.test(r.label) && !summa) summa = `{v: ${flow(r.values)}, ${rowRef(r.line)}}`;
      else {
        skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: 'en inkomsttitelrad utan inkomsttitel' });
        return;
      }
      figures += r.values.filter((x) => x !== '–').length;
    },
  );
  const out = ['  inkomsttitlar:', `    kolumner: [${ids.join(', ')}]`, '    titlar:'];
  for (const t of titlar.filter((x) => x.under.length)) {
    out.push(`      - titel: "${t.titel}"`, `        namn: ${scalar(t.namn)}`, '        undertitlar:', ...t.under.map((u) => `          - ${u}`));
  }
  if (summa) out.push(`    summa: ${summa}`);
  return { yaml: out, figures };
}

const BEM_STEMS: readonly [string, RegExp][] = [
  ['bemyndigande', /bemyndi\s*-?\s*gande/],
  ['ingaende_ataganden', /årets\s+början/],
  ['nya_ataganden', /nya\s+ekonomiska/],
  ['utgifter', /utgifter\s+mot/],
  ['ovriga_forandringar', /övriga\s+förän/],
  ['utgaende_ataganden', /årets\s+slut/],
];

function readBemyndiganden(ls: readonly SourceLine[], broken: boolean, skipped: Skipped[]): { yaml: string[]; figures: number } {
  const header = headerText(ls, /\bap\.?\s*\d+\b/).toLowerCase();
  const years = [...header.matchAll(/(?<![\d-])(20\d\d)(?![\d-])/g)].map((m) => m[1]!);
  const ids = [...BEM_STEMS.filter(([, re]) => re.test(header)).map(([id]) => id), ...years];
  const slutar = /slutår/.test(header);
  const cols: Columns = { ids, rubriker: ids, note: 'none', unit: unitOf(header) };
  const rows: string[] = [];
  let uo: string | undefined;
  let figures = 0;
  const at = (id: string) => ids.indexOf(id);
  const arithmetic = (cells: readonly Cell[]) =>
    ['ingaende_ataganden', 'nya_ataganden', 'utgifter', 'ovriga_forandringar', 'utgaende_ataganden'].every((c) => at(c) >= 0)
      ? within(['ingaende_ataganden', 'nya_ataganden', 'utgifter', 'ovriga_forandringar'].reduce((s, c) => s.plus(val(cells[at(c)])), new Decimal(0)), val(cells[at('utgaende_ataganden')]), 4)
      : true;
  walkRows(
    ls,
    cols,
    broken,
    skipped,
    // "UO8 1:8 ap 1 650 000 …", or with the post's name: "1:9 ap 1 Ängsverket 20 000 …".
    (t) => /\bap\.?\s*\d+\b/.test(t) && !/^anslag\b/i.test(t),
    (l) => {
      const u = UO.exec(l.text);
      if (u) uo = u[1];
    },
    (r) => {
      const m = /(?:\bU|\bUO|utgiftsområde)?\s?0?(\d+)?\s*(\d+:\d+)\s+ap\.?\s*(\d+)/i.exec(r.label);
      const u = m?.[1] ?? uo;
      if (!m || !u) {
        skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: 'bemyndiganderaden saknar anslagspost' });
        return;
      }
      const end = slutar && r.extra && /^\d{4}$/.test(r.extra) ? `, slutar: "${r.extra}"` : '';
      rows.push(`      - {anslagspost: uo${u}.${m[2]!.replace(':', '_')}.ap${m[3]}, v: ${flow(r.values)}${end}, ${rowRef(r.line)}}`);
      figures += r.values.filter((x) => x !== '–').length;
    },
    arithmetic,
    slutar,
  );
  return { yaml: ['  bemyndiganden:', `    kolumner: [${ids.map((x) => scalar(x)).join(', ')}]`, rows.length ? '    rader:' : '    rader: []', ...rows], figures };
}

/**
 * The kind of a finansiellt villkor, from the regleringsbrev's words as the report quotes
 * them in the row's footnote (or its label): "högst", "upp till", "får … använda" make a
 * ceiling (tak), "minst", "lägst" a floor (golv). Neither, or both: annat, to set by hand.
 */
export function villkorTyp(text: string): 'tak' | 'golv' | 'annat' {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  const tak = /\b(högst|upp till|maximalt|som mest)\b|\bfår\b[^.]{0,80}?\b(använda|användas|utbetala|betala ut|disponera)\b/.test(t);
  const golv = /\b(minst|lägst|som minst)\b/.test(t);
  return tak === golv ? 'annat' : tak ? 'tak' : 'golv';
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** The footnote a row's label points to: a superscript digit, or digits glued to its last word. */
function footnoteMark(text: string): number | undefined {
  const sup = [...text].filter((c) => SUPERSCRIPT_DIGITS.includes(c));
  if (sup.length) return Number(sup.map((c) => SUPERSCRIPT_DIGITS.indexOf(c)).join(''));
  const glued = /(?:\p{Ll}{3,}|\))(\d{1,2})(?=\s)/u.exec(text);
  return glued ? Number(glued[1]) : undefined;
}

/** Footnotes below a table: "1 Migrationsverket får …", running on until a blank line or the next. */
function footnotes(ls: readonly SourceLine[]): Map<number, string> {
  const out = new Map<number, string>();
  let cur: number | undefined;
  for (const l of ls) {
    const m = /^(\d{1,2})\s+(\p{Lu}.*)$/u.exec(l.text);
    if (m && !readRow(l, { ids: ['a', 'b'], rubriker: [], note: 'none', unit: 'tkr' })) {
      cur = Number(m[1]);
      out.set(cur, m[2]!);
    } else if (!l.text) cur = undefined;
    else if (cur !== undefined) out.set(cur, `${out.get(cur)} ${l.text}`);
  }
  return out;
}

function readVillkor(ls: readonly SourceLine[], broken: boolean, skipped: Skipped[]): { yaml: string[]; figures: number } {
  const notes = footnotes(ls);
  const cols: Columns = { ids: ['villkor', 'utfall'], rubriker: ['Villkor', 'Utfall'], note: 'none', unit: unitOf(headerText(ls, POST)) };
  const rows: string[] = [];
  const ids = new Set<string>();
  let uo: string | undefined;
  let figures = 0;
  walkRows(
    ls,
    cols,
    broken,
    skipped,
    (t) => POST.test(t),
    (l) => {
      const u = UO.exec(l.text);
      if (u) uo = u[1];
    },
    (r) => {
      const p = POST.exec(r.label);
      if (!p || !uo) {
        skipped.push({ nr: r.line.nr, page: r.line.page, text: r.line.text, reason: 'villkorsraden saknar anslagspost eller utgiftsområde' });
        return;
      }
      const text = p[3]!.trim();
      let id = slugId(text) || 'villkor';
      for (let n = 2; ids.has(id); n++) id = `${slugId(text)}_${n}`;
      ids.add(id);
      // The kind of condition (tak, golv) is in the regleringsbrev's words, quoted in the footnote.
      const mark = footnoteMark(r.line.text);
      const typ = villkorTyp(`${text} ${mark !== undefined ? (notes.get(mark) ?? '') : ''}`);
      rows.push(`      - {id: ${id}, anslagspost: uo${uo}.${p[1]!.replace(':', '_')}.ap${p[2]}, text: ${scalar(text)}, typ: ${typ}, v: ${flow(r.values)}, ${rowRef(r.line)}}`);
      figures += r.values.filter((x) => x !== '–').length;
    },
  );
  return { yaml: ['  finansiella_villkor:', '    kolumner: [villkor, utfall]', rows.length ? '    rader:' : '    rader: []', ...rows], figures };
}

