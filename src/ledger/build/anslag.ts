/**
 * The anslagsredovisning: utgiftsområden, anslag and anslagsposter with their figures, the
 * inkomsttitlar, the bemyndiganden and the finansiella villkor.
 */
import type { UnitId } from '../../domain/amount.js';
import type { Anslag, AnslagColumn, AnslagRowFigures, Anslagsredovisning, Bemyndigande, FinansielltVillkor, Utgiftsomrade } from '../../domain/model.js';
import type { AnslagsredovisningInput } from '../schema.js';
import type { Path, YamlSource } from '../yaml-source.js';
import { asList, type BuildContext } from './context.js';

/** An anslag designation as an id part: `1:2` → `1_2`, `1:2:1` → `1_2_1`, `A1` → `a1`. */
const anslagKey = (designation: string) => designation.toLowerCase().replace(/[^a-z0-9]+/g, '_');

const BASE: Path = ['anslagsredovisning'];

/** Reads one row of printed figures, a figure a column: `<ids><prefix>.<column>`. */
type RowReader = (prefix: string, columns: readonly string[], v: readonly (string | null)[], path: Path, label: string, seed?: string) => Record<string, string>;

/** `ids` and `labels` put before every figure id and label (the anslag rows' `anslag.` and `Anslagsredovisning · `). */
function rowReader(cx: BuildContext, unit: UnitId, src: YamlSource, ids = '', labels = ''): RowReader {
  return (prefix, columns, v, path, label, seed) => {
    if (v.length !== columns.length) cx.err(src.at([...path, 'v']), 'rad.antal_varden', { rad: prefix, forvantat: columns.length, fick: v.length });
    columns.slice(v.length).forEach((c) => cx.reported.add(`${ids}${prefix}.${c}`));
    // Column ids are the user's: no plain object, where `__proto__` would vanish.
    const out: Record<string, string> = Object.create(null);
    columns.forEach((c, ci) => {
      const fid = cx.figure(`${ids}${prefix}.${c}`, v[ci], unit, src, [...path, 'v', ci], `${labels}${label} · ${c}`, seed);
      if (fid) out[c] = fid;
    });
    return out;
  };
}

export function buildAnslag(cx: BuildContext, a: AnslagsredovisningInput, src: YamlSource): Anslagsredovisning {
  const unit = cx.resolveUnit(a.enhet, cx.ledgerUnit, src, [...BASE, 'enhet']);
  const cols = a.kolumner as AnslagColumn[];
  const read = rowReader(cx, unit, src);
  const readAnslag = rowReader(cx, unit, src, 'anslag.', 'Anslagsredovisning · ');
  const anslagRow: AnslagRow = (prefix, v, path, label, seed) => readAnslag(prefix, cols, v, path, label, seed);
  const utgiftsomraden = a.utgiftsomraden.map((u, ui) => buildUtgiftsomrade(cx, u, [...BASE, 'utgiftsomraden', ui], src, anslagRow));
  const postIds = new Set(utgiftsomraden.flatMap((u) => u.anslag.flatMap((an) => an.poster.map((p) => p.id))));
  const checkPost = (id: string, path: Path) => {
    if (!postIds.has(id)) cx.pending.push({ kind: 'anslagspost', ref: id, at: src.at(path), what: 'anslagsredovisning' });
  };
  const inkomsttitlar = a.inkomsttitlar && buildInkomsttitlar(a.inkomsttitlar, src, read);
  const bemCols = a.bemyndiganden?.kolumner ?? [];
  const bemyndiganden: Bemyndigande[] = (a.bemyndiganden?.rader ?? []).map((r, ri) => {
    const path: Path = [...BASE, 'bemyndiganden', 'rader', ri];
    checkPost(r.anslagspost, [...path, 'anslagspost']);
    return {
      anslagspost: r.anslagspost,
      figures: read(`bemyndigande.${r.anslagspost}`, bemCols, r.v, path, `Bemyndigande ${r.anslagspost}`, r.seed),
      years: bemCols.filter((c) => /^\d{4}$/.test(c)),
      ...(r.slutar ? { slutar: r.slutar } : {}),
      source: src.at(path),
    };
  });
  const villkorCols = a.finansiella_villkor?.kolumner ?? [];
  const finansiellaVillkor: FinansielltVillkor[] = (a.finansiella_villkor?.rader ?? []).map((r, ri) => {
    const path: Path = [...BASE, 'finansiella_villkor', 'rader', ri];
    checkPost(r.anslagspost, [...path, 'anslagspost']);
    const f = read(`villkor.${r.id}`, villkorCols, r.v, path, `Finansiellt villkor ${r.text}`, r.seed);
    return { id: r.id, anslagspost: r.anslagspost, text: r.text, typ: r.typ, ...(f.villkor ? { villkor: f.villkor } : {}), ...(f.utfall ? { utfall: f.utfall } : {}), source: src.at(path) };
  });
  return {
    unit,
    columns: cols,
    utgiftsomraden,
    ...(a.summa ? { summa: anslagRow('summa', a.summa.v, [...BASE, 'summa'], a.summa.text ?? 'Summa', a.summa.seed), summaLabel: a.summa.text ?? 'Summa' } : {}),
    ...(inkomsttitlar ? { inkomsttitlar } : {}),
    bemyndiganden,
    bemyndigandeColumns: bemCols,
    finansiellaVillkor,
  };
}

type AnslagRow = (prefix: string, v: readonly (string | null)[], path: Path, label: string, seed?: string) => AnslagRowFigures;
type UtgiftsomradeInput = AnslagsredovisningInput['utgiftsomraden'][number];
type AnslagInput = UtgiftsomradeInput['anslag'][number];

function buildUtgiftsomrade(cx: BuildContext, u: UtgiftsomradeInput, up: Path, src: YamlSource, anslagRow: AnslagRow): Utgiftsomrade {
  const uoId = `uo${u.uo}`;
  return {
    id: uoId,
    uo: u.uo,
    name: u.namn,
    anslag: u.anslag.map((an, ai) => buildAnslagEtt(cx, an, `${uoId}.${anslagKey(an.anslag)}`, [...up, 'anslag', ai], src, anslagRow)),
    ...(u.summa ? { summa: anslagRow(`${uoId}.summa`, u.summa.v, [...up, 'summa'], `Summa utgiftsområde ${u.uo}`, u.summa.seed) } : {}),
  };
}

/** One anslag and its anslagsposter; an anslag without anslagsposter is its own one post, with the anslag's id. */
function buildAnslagEtt(cx: BuildContext, an: AnslagInput, anslagId: string, ap: Path, src: YamlSource, anslagRow: AnslagRow): Anslag {
  if (!an.poster === !an.v) cx.err(src.at(ap), 'anslag.poster_eller_v', { anslag: an.anslag, bada: !!an.poster });
  const own = !an.poster && an.v ? [{ ap: '', namn: an.namn, v: an.v, not: an.not, seed: an.seed, path: ap }] : [];
  const poster = [...(an.poster ?? []).map((p, pi) => ({ ...p, path: [...ap, 'poster', pi] as Path })), ...own].map((p) => {
    const pp = p.path;
    const postId = p.ap ? `${anslagId}.ap${p.ap.replace(/\./g, '_')}` : anslagId;
    const notes = asList(p.not).map(Number);
    notes.forEach((n) => cx.pending.push({ kind: 'note', ref: String(n), at: src.at([...pp, 'not']), what: postId }));
    return {
      id: postId,
      ap: p.ap,
      name: p.namn,
      notes,
      figures: anslagRow(postId, p.v, pp, `${an.anslag}${p.ap ? ` ap ${p.ap}` : ''} ${p.namn}`, p.seed),
      source: src.at(pp),
    };
  });
  return {
    id: anslagId,
    designation: an.anslag,
    name: an.namn,
    typ: an.typ ?? 'ramanslag',
    rantebarande: an.rantebarande === 'true',
    poster,
    ...(an.summa ? { summa: anslagRow(`${anslagId}.summa`, an.summa.v, [...ap, 'summa'], `Summa ${an.anslag}`, an.summa.seed) } : {}),
  };
}

function buildInkomsttitlar(it: NonNullable<AnslagsredovisningInput['inkomsttitlar']>, src: YamlSource, read: RowReader): NonNullable<Anslagsredovisning['inkomsttitlar']> {
  const base: Path = [...BASE, 'inkomsttitlar'];
  return {
    columns: it.kolumner,
    titlar: it.titlar.map((t, ti) => ({
      titel: t.titel,
      name: t.namn,
      // A titel's own figures: the titel without undertitlar, or its printed subtotal.
      ...(t.v ? { figures: read(`inkomsttitel.${t.titel}`, it.kolumner, t.v, [...base, 'titlar', ti], `Inkomsttitel ${t.titel} ${t.namn}`, t.seed) } : {}),
      undertitlar: (t.undertitlar ?? []).map((u, ui) => {
        const path: Path = [...base, 'titlar', ti, 'undertitlar', ui];
        const fid = `inkomsttitel.${t.titel}.${u.undertitel}`;
        return { id: fid, undertitel: u.undertitel, name: u.namn, figures: read(fid, it.kolumner, u.v, path, `Inkomsttitel ${t.titel} ${u.undertitel} ${u.namn}`, u.seed), source: src.at(path) };
      }),
    })),
    ...(it.summa ? { summa: read('inkomsttitel.summa', it.kolumner, it.summa.v, [...base, 'summa'], 'Inkomsttitlar · Summa', it.summa.seed) } : {}),
  };
}
