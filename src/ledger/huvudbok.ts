/**
 * The general ledger's settings at the edge: the `huvudbok:` section of ledger.yaml (which
 * SIE file, and where the anslag and inkomsttitel objects stand) and the ledger's own
 * kontoplan.yaml. Validated with positions; every error collected.
 *
 *   huvudbok:
 *     fil: huvudbok.se
 *     kontoplan: kontoplan.yaml          # optional; kontoplan.yaml is read when present
 *     anslag: {dimension: 7, objekt: "{uo}:{anslag}:{ap}", konton: ["3011-3012", "7311-7312"]}
 *     inkomsttitlar: {dimension: 8, objekt: "{titel}:{undertitel}", konton: ["7211-7212"]}
 */
import * as z from 'zod/mini';
import {
  AVSLUT,
  formatIntervall,
  formatKalla,
  kontoplanForLayout,
  kontoplanAv,
  KONTOPLAN_VERSIONS,
  mappbaraRader,
  overlappningar,
  parseIntervall,
  type Kontointervall,
  type Kontoplan,
  type Mappning,
} from '../domain/kontoplan/index.js';
import { ANSLAG_FALT, byggHuvudbok, INKOMSTTITEL_FALT, type Huvudbok, type HuvudbokKonfig, type Objektkonfig } from '../books/huvudbok.js';
import type { Ledger } from '../domain/model.js';
import { inputError, type InputError, type Place } from './errors.js';
import type { Path, YamlSource } from './yaml-source.js';
import type { SieLasning } from '../sie/lasare.js';
import { provaBok, verifikationsFynd } from '../books/regler.js';

const text = z.string();
const whole = z.string().check(z.regex(/^\d+$/, 'förväntade ett heltal'));
const ranges = z.array(text);

const objektSchema = z.strictObject({ dimension: whole, objekt: text, konton: z.optional(ranges) });

export const huvudbokSchema = z.strictObject({
  fil: text,
  kontoplan: z.optional(text),
  anslag: z.optional(objektSchema),
  inkomsttitlar: z.optional(objektSchema),
});
export type HuvudbokInput = z.infer<typeof huvudbokSchema>;

export const kontoplanSchema = z.strictObject({
  /** The default mapping the file amends, or "ingen" for none. Default: the layout's. */
  grund: z.optional(text),
  rader: z.optional(z.array(z.strictObject({ rad: text, konton: z.array(text) }))),
  avslut: z.optional(ranges),
});
export type KontoplanInput = z.infer<typeof kontoplanSchema>;

/** Where the anslag and inkomsttitel amounts are read when ledger.yaml names no accounts. */
const DEFAULT_KONTON = { anslag: ['3011-3012', '7311-7312'], inkomsttitlar: ['7211-7212'] } as const;

function intervals(texts: readonly string[], src: YamlSource, at: Path, errors: InputError[]): Kontointervall[] {
  const out: Kontointervall[] = [];
  texts.forEach((t, i) => {
    const r = parseIntervall(t);
    if ('fel' in r) errors.push(inputError(src.at([...at, i]), 'kontoplan.intervall', { text: t, fel: r.fel }));
    else out.push(r);
  });
  return out;
}

function objektKonfig(input: HuvudbokInput['anslag'], kind: 'anslag' | 'inkomsttitlar', src: YamlSource, errors: InputError[]): Objektkonfig | undefined {
  if (!input) return undefined;
  const at: Path = ['huvudbok', kind];
  const fields: readonly string[] = kind === 'anslag' ? ANSLAG_FALT : INKOMSTTITEL_FALT;
  for (const m of input.objekt.matchAll(/\{([a-z0-9]+)(?::\d+)?\}/gu)) {
    if (!fields.includes(m[1]!)) errors.push(inputError(src.at([...at, 'objekt']), 'huvudbok.okant_falt', { falt: m[1]!, giltiga: fields }));
  }
  const konton = input.konton ? intervals(input.konton, src, [...at, 'konton'], errors) : DEFAULT_KONTON[kind].map((k) => parseIntervall(k) as Kontointervall);
  return { dimension: input.dimension, format: input.objekt, konton };
}

/** The `huvudbok:` section as configuration. */
export function huvudbokKonfig(input: HuvudbokInput, manifest: YamlSource, errors: InputError[]): HuvudbokKonfig {
  const anslag = objektKonfig(input.anslag, 'anslag', manifest, errors);
  const inkomsttitlar = objektKonfig(input.inkomsttitlar, 'inkomsttitlar', manifest, errors);
  return { fil: input.fil, ...(anslag ? { anslag } : {}), ...(inkomsttitlar ? { inkomsttitlar } : {}), source: manifest.at(['huvudbok']) };
}

/**
 * The kontoplan in force: the ledger's kontoplan.yaml (if any) over the default of the
 * layout version. Unknown lines, malformed ranges and overlapping ranges of the file are
 * input errors; an overlap names both places.
 */
export function kontoplan(layout: string, input: { src: YamlSource; data: KontoplanInput } | undefined, at: Place, errors: InputError[]): Kontoplan | undefined {
  const grund = input?.data.grund;
  const version = grund && grund !== 'ingen' ? KONTOPLAN_VERSIONS.get(grund) : kontoplanForLayout(layout) ?? (grund === 'ingen' ? [...KONTOPLAN_VERSIONS.values()][0] : undefined);
  if (!version) {
    if (grund) errors.push(inputError(input!.src.at(['grund']), 'kontoplan.okand_grund', { grund, giltiga: [...KONTOPLAN_VERSIONS.keys()] }));
    else errors.push(inputError(at, 'kontoplan.saknas_for_layout', { layout }));
    return undefined;
  }
  const egna = input ? egnaMappningar(input.src, input.data, kontoplanAv(version, layout), errors) : [];
  for (const [a, b] of overlappningar(egna)) {
    errors.push(inputError(a.kalla as Place, 'kontoplan.overlapp', { intervall: formatIntervall(a.intervall), rad: a.rad, annat: formatIntervall(b.intervall), annanRad: b.rad, plats: formatKalla(b.kalla) }));
  }
  return kontoplanAv(version, layout, egna, grund === 'ingen');
}

function egnaMappningar(src: YamlSource, data: KontoplanInput, plan: Kontoplan, errors: InputError[]): Mappning[] {
  const lines = mappbaraRader(plan);
  const out: Mappning[] = [];
  (data.rader ?? []).forEach((r, i) => {
    if (!lines.has(r.rad)) {
      errors.push(inputError(src.at(['rader', i, 'rad']), 'kontoplan.okand_rad', { rad: r.rad, layout: plan.layout }));
      return;
    }
    r.konton.forEach((k, j) => {
      const at = src.at(['rader', i, 'konton', j]);
      const iv = parseIntervall(k);
      if ('fel' in iv) errors.push(inputError(at, 'kontoplan.intervall', { text: k, fel: iv.fel }));
      else out.push({ intervall: iv, rad: r.rad, kalla: at });
    });
  });
  (data.avslut ?? []).forEach((k, j) => {
    const at = src.at(['avslut', j]);
    const iv = parseIntervall(k);
    if ('fel' in iv) errors.push(inputError(at, 'kontoplan.intervall', { text: k, fel: iv.fel }));
    else out.push({ intervall: iv, rad: AVSLUT, kalla: at });
  });
  return out;
}

/** What reading the general ledger needs from the loader: paths confined to the ledger directory. */
export interface HuvudbokIo {
  /** The real path of a file named in ledger.yaml at `at`, or undefined (the error pushed). */
  readonly resolve: (name: string, at: Path) => string | undefined;
  readonly exists: (name: string) => boolean;
  readonly loadKontoplan: (name: string, at: Path) => { src: YamlSource; data: KontoplanInput } | undefined;
  /** The SIE reader's result for a real path (perhaps read while the report was parsed). */
  readonly lasSie: (real: string, visas: string) => Promise<SieLasning>;
}

const KONTOPLAN_FIL = 'kontoplan.yaml';

/**
 * Reads the general ledger ledger.yaml names (SIE 4, streaming) and the kontoplan, and
 * derives the statements from them. Syntax errors of the SIE file are input errors.
 */
export async function lasHuvudbok(ledger: Ledger, input: HuvudbokInput, manifest: YamlSource, io: HuvudbokIo, errors: InputError[]): Promise<Huvudbok | undefined> {
  const konfig = huvudbokKonfig(input, manifest, errors);
  const kontoplanFil = input.kontoplan ?? (io.exists(KONTOPLAN_FIL) ? KONTOPLAN_FIL : undefined);
  const kp = kontoplanFil ? io.loadKontoplan(kontoplanFil, ['huvudbok', 'kontoplan']) : undefined;
  const plan = kontoplan(ledger.layout, kp, manifest.at(['huvudbok']), errors);
  const real = io.resolve(input.fil, ['huvudbok', 'fil']);
  if (!real || !plan || errors.length) return undefined;
  const lasning = await io.lasSie(real, input.fil);
  errors.push(...lasning.fel);
  if (errors.length) return undefined;
  // The integrity checks of `avstamning sie`, but D-9, which the kontoplan makes here (rules/books.ts).
  const integritet = provaBok(lasning.bok, verifikationsFynd(input.fil, lasning.avvikelser)).filter((f) => f.rule !== 'D-9');
  return byggHuvudbok(ledger, konfig, lasning.bok, plan, integritet);
}
