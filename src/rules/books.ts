/**
 * The books against the report (DOMAIN.md §7 group E, and D-9): each statement line
 * derived from the general ledger against the published figure, utgifter per anslagspost
 * and inkomster per inkomsttitel against the anslagsredovisning, and every account with a
 * balance mapped to a line; and the books' own integrity (D-1…D-14, as `avstamning sie`
 * checks it). Applies only to a ledger that names its general ledger.
 */
import { statement, type Ledger, type Row, type StatementKind, type Term } from '../domain/model.js';
import type { KontoBelopp } from '../books/derive.js';
import { arFor, integritetsfigur, type Huvudbok } from '../books/huvudbok.js';
import { oreTillKr } from '../books/model.js';
import { SIE_REGLER } from '../books/fynd.js';
import type { CheckResult, CheckSpec, KontoRad, NotApplicable, Rule } from './types.js';
import type { Message } from '../messages/catalogue.js';

const pos = (ref: string): Term => ({ sign: 1, ref });
const rowLine = (r: Row) => r.line ?? r.id;

/** Exact kr text straight from öre (no Decimal per account). */
const kontoRader = (konton: readonly KontoBelopp[]): KontoRad[] => konton.map((k) => ({ konto: k.konto, namn: k.namn, belopp: oreTillKr(k.belopp) }));

/** A derived figure against published ones; an empty right side means the report shows nothing (zero). */
function bookCheck(h: Huvudbok, rule: string, bok: string, published: readonly string[], subject: string): CheckSpec {
  return { id: `${rule}/${bok}`, rule, subject, relation: 'eq', left: [pos(bok)], right: published.map(pos), zeroIfEmpty: true, konton: kontoRader(h.konton.get(bok) ?? []) };
}

const notApplicable = (rule: string, subject: string, reason: Message): NotApplicable[] => [{ notApplicable: true, rule, subject, reason }];
const NO_BOOKS: Message = { code: 'ej_tillamplig.ingen_huvudbok', params: {} };

const KINDS: readonly { kind: StatementKind; prefix: string; title: string }[] = [
  { kind: 'resultatrakning', prefix: 'rr', title: 'resultaträkningen' },
  { kind: 'balansrakning', prefix: 'br', title: 'balansräkningen' },
];

/** E-1: every derived line, both years, against the statement's figure (or zero when the report omits the line). */
function e1(l: Ledger): (CheckSpec | NotApplicable)[] {
  const h = l.huvudbok;
  if (!h) return notApplicable('E-1', 'Resultat- och balansräkningen enligt huvudboken', NO_BOOKS);
  const out: CheckSpec[] = [];
  for (const { kind, prefix, title } of KINDS) {
    const t = statement(l, kind);
    if (!t) continue;
    for (const ar of h.harledning.ar) {
      const year = arFor(l, ar.arsnr);
      if (!t.columns.some((c) => c.id === year)) continue;
      for (const r of ar.rader.values()) {
        if (!r.rad.startsWith(`${prefix}.`)) continue;
        const line = r.rad.slice(prefix.length + 1);
        const published = t.rows.filter((x) => rowLine(x) === line).map((x) => x.cells[year]).filter((f): f is string => !!f);
        const bok = `bok.${r.rad}.${year}`;
        // A line neither the books nor the report has needs no check.
        if (!published.length && r.belopp === 0n) continue;
        // A line the report prints on several rows counts with every instance, as in the layout's sums.
        out.push(bookCheck(h, 'E-1', bok, published, `${r.label} ${year}: huvudboken = ${title}`));
      }
    }
  }
  return out;
}

/** E-2: utgifter per anslagspost (and the printed sums) against the anslagsredovisning. */
function e2(l: Ledger): (CheckSpec | NotApplicable)[] {
  const h = l.huvudbok;
  const a = l.anslagsredovisning;
  const subject = 'Utgifter per anslagspost enligt huvudboken';
  if (!h) return notApplicable('E-2', subject, NO_BOOKS);
  if (!h.konfig.anslag) return notApplicable('E-2', subject, { code: 'ej_tillamplig.ingen_dimension', params: { nyckel: 'anslag' } });
  if (!a) return notApplicable('E-2', subject, { code: 'ej_tillamplig.anslagsredovisning_saknas', params: {} });
  const out: CheckSpec[] = [];
  const bokFor = (postId: string) => h.anslagsfigurer.get(postId)?.figur;
  const sumCheck = (total: string | undefined, postIds: readonly string[], subject: string) => {
    const parts = postIds.map(bokFor).filter((f): f is string => !!f);
    if (total && parts.length) out.push({ id: `E-2/${total}`, rule: 'E-2', subject, relation: 'eq', left: parts.map(pos), right: [pos(total)] });
  };
  for (const uo of a.utgiftsomraden) {
    for (const an of uo.anslag) {
      for (const p of an.poster) {
        const bok = bokFor(p.id);
        if (bok) out.push(bookCheck(h, 'E-2', bok, p.figures.utgifter ? [p.figures.utgifter] : [], `${an.designation} ap ${p.ap} ${p.name}: utgifter enligt huvudboken = anslagsredovisningen`));
      }
      sumCheck(an.summa?.utgifter, an.poster.map((p) => p.id), `Summa ${an.designation} ${an.name}: utgifter enligt huvudboken`);
    }
    sumCheck(uo.summa?.utgifter, uo.anslag.flatMap((an) => an.poster.map((p) => p.id)), `Summa utgiftsområde ${uo.uo}: utgifter enligt huvudboken`);
  }
  sumCheck(a.summa?.utgifter, a.utgiftsomraden.flatMap((uo) => uo.anslag.flatMap((an) => an.poster.map((p) => p.id))), `${a.summaLabel ?? 'Summa'}: utgifter enligt huvudboken`);
  out.push(...strays(h, 'E-2', 'anslag', 'anslagsobjekt', 'anslag'));
  return out;
}

/** Utfall on objects no post of the report has, and postings without an object: should be zero. */
function strays(h: Huvudbok, rule: string, prefix: string, objectPrefix: string, what: string): CheckSpec[] {
  const out: CheckSpec[] = [];
  for (const id of h.figures.keys()) {
    if (id.startsWith(`bok.${objectPrefix}.`)) out.push(bookCheck(h, rule, id, [], `Huvudboken har utfall på ${what}sobjekt ${id.slice(objectPrefix.length + 5)} som årsredovisningen saknar`));
    else if (id === `bok.${prefix}.utan_objekt`) out.push(bookCheck(h, rule, id, [], `Huvudboken har konteringar på ${what}skonton utan ${what}sobjekt`));
  }
  return out;
}

/** E-3: inkomster per inkomsttitel (and the sum) against the inkomsttitel table. */
function e3(l: Ledger): (CheckSpec | NotApplicable)[] {
  const h = l.huvudbok;
  const it = l.anslagsredovisning?.inkomsttitlar;
  const subject = 'Inkomster per inkomsttitel enligt huvudboken';
  if (!h) return notApplicable('E-3', subject, NO_BOOKS);
  if (!h.konfig.inkomsttitlar) return notApplicable('E-3', subject, { code: 'ej_tillamplig.ingen_dimension', params: { nyckel: 'inkomsttitlar' } });
  if (!it) return notApplicable('E-3', subject, { code: 'ej_tillamplig.inkomsttitlar_saknas', params: {} });
  const out: CheckSpec[] = [];
  const parts: string[] = [];
  for (const t of it.titlar) {
    for (const u of t.undertitlar) {
      const bok = h.inkomsttitelfigurer.get(u.id.replace(/^inkomsttitel\./, ''))?.figur;
      if (!bok) continue;
      parts.push(bok);
      out.push(bookCheck(h, 'E-3', bok, u.figures.inkomster ? [u.figures.inkomster] : [], `Inkomsttitel ${t.titel} ${u.undertitel} ${u.name}: inkomster enligt huvudboken = redovisningen mot inkomsttitlar`));
    }
  }
  const total = it.summa?.inkomster;
  if (total && parts.length) out.push({ id: `E-3/${total}`, rule: 'E-3', subject: 'Summa inkomster enligt huvudboken = redovisningen mot inkomsttitlar', relation: 'eq', left: parts.map(pos), right: [pos(total)] });
  out.push(...strays(h, 'E-3', 'inkomsttitel', 'inkomsttitelobjekt', 'inkomsttitel'));
  return out;
}

/** D-9: per year, the accounts with a balance that no line takes (their absolute sum must be zero). */
function d9(l: Ledger): (CheckSpec | NotApplicable)[] {
  const h = l.huvudbok;
  if (!h) return notApplicable('D-9', 'Konton utan rad i kontoplanen', NO_BOOKS);
  return h.harledning.ar.map((ar) => {
    const year = arFor(l, ar.arsnr);
    const konton = ar.omappade.map((k) => `${k.konto} ${k.namn}`).join(', ');
    return bookCheck(h, 'D-9', `bok.omappat.${year}`, [], `Konton med saldo ${year} som inte hör till någon rad i resultat- eller balansräkningen (summa av beloppen utan tecken)${konton ? `: ${konton}` : ''}`);
  });
}

/**
 * D-1 … D-14 but D-9: the books' integrity, as `avstamning sie` checks it (src/books/regler.ts),
 * each finding a check of its figure against zero (a difference in kr, or one deviation), and
 * one check of zero deviations for a rule that found nothing. Only for a ledger with books
 * (engine.ts): without books there is nothing to say.
 */
export const INTEGRITY_RULES: readonly Rule[] = SIE_REGLER.filter((r) => r.id !== 'D-9').map((r) => ({
  id: r.id,
  title: r.title,
  severity: r.severity,
  source: `SIE 4 (SIE-gruppen, filformat 4B); DOMAIN.md §7 ${r.id}`,
  reads: 'Huvudbokens poster, som avstamning sie läser dem',
  checks: (l: Ledger) => integrityChecks(l, r.id, r.title),
}));

function integrityChecks(l: Ledger, rule: string, title: string): (CheckSpec | NotApplicable)[] {
  const h = l.huvudbok;
  if (!h) return [];
  return h.integritet
    .filter((f) => f.rule === rule)
    .map((f): CheckSpec | NotApplicable =>
      f.status === 'skipped'
        ? { notApplicable: true, rule, subject: title, reason: { code: 'ej_tillamplig.huvudbok_ej_provad', params: { orsak: f.message } } }
        : { id: f.status === 'ok' ? rule : f.id, rule, subject: f.status === 'ok' ? `${title}: inga avvikelser i huvudboken` : f.message, relation: 'eq', left: [pos(integritetsfigur(f))], right: [], zeroIfEmpty: true },
    );
}

export const BOOK_RULES: readonly Rule[] = [
  {
    id: 'D-9',
    title: 'Varje konto med saldo hör till en rad i resultat- eller balansräkningen',
    severity: 'fel',
    source: 'Kontoplanen (statens baskontoplan och myndighetens kontoplan.yaml); DOMAIN.md §7 D-9',
    reads: 'Huvudbokens #UB/#RES per konto, kontoplanen',
    checks: d9,
  },
  {
    id: 'E-1',
    title: 'Raden i resultat- och balansräkningen = huvudbokens konton enligt kontoplanen',
    severity: 'fel',
    source: 'FÅB bilagor 1–2; ESV, Samband S-koder och baskontoplan; DOMAIN.md §7 E-1',
    reads: 'Huvudbokens #RES (resultaträkningen) och #UB (balansräkningen), år 0 och −1; resultat- och balansräkningens rader',
    checks: e1,
  },
  {
    id: 'E-2',
    title: 'Utgifter per anslagspost = huvudbokens anslagsavräkning på anslagsobjektet',
    severity: 'fel',
    source: 'FÅB bilaga 3; anslagsförordningen 12 §; DOMAIN.md §7 E-2',
    reads: 'Huvudbokens konteringar med anslagsobjekt; anslagsredovisningens utgifter per anslagspost och summor',
    checks: e2,
  },
  {
    id: 'E-3',
    title: 'Inkomster per inkomsttitel = huvudbokens redovisning mot inkomsttitel',
    severity: 'fel',
    source: 'FÅB bilaga 3 (redovisning mot inkomsttitel); DOMAIN.md §7 E-3',
    reads: 'Huvudbokens konteringar med inkomsttitelobjekt; redovisningen mot inkomsttitlar',
    checks: e3,
  },
];

export interface Kontotackning {
  /** Accounts with a non-zero balance in some year. */
  readonly konton: number;
  readonly lasta: number;
  /** Accounts whose balance reaches no checked line, with the year and balance. */
  readonly olasta: readonly { readonly konto: string; readonly namn: string; readonly ar: string; readonly belopp: string }[];
}

/** Which accounts with a balance some E-check reads, through the line or utfall it feeds. */
export function kontotackning(l: Ledger, checks: readonly CheckResult[]): Kontotackning | undefined {
  const h = l.huvudbok;
  if (!h) return undefined;
  const read = new Set<string>();
  for (const c of checks) {
    if (!c.rule.startsWith('E-')) continue;
    for (const f of c.figures) for (const k of h.konton.get(f) ?? []) read.add(k.konto);
  }
  const all = new Map<string, { namn: string; ar: string; belopp: bigint }>();
  for (const ar of h.harledning.ar) {
    const year = arFor(l, ar.arsnr);
    const leaves = [...ar.rader.values()].filter((r) => !r.summa).flatMap((r) => r.konton);
    for (const k of [...leaves, ...ar.omappade]) if (!all.has(k.konto)) all.set(k.konto, { namn: k.namn, ar: year, belopp: k.belopp });
  }
  const olasta = [...all].filter(([konto]) => !read.has(konto)).map(([konto, x]) => ({ konto, namn: x.namn, ar: x.ar, belopp: oreTillKr(x.belopp) }));
  return { konton: all.size, lasta: all.size - olasta.length, olasta };
}
