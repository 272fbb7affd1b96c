/**
 * The structure of the ledger files, as zod schemas over the plain (all-text) YAML data.
 * Amounts stay text here; they are parsed exactly, with their unit, in build.ts.
 * zod/mini: the same validation as zod's classic API, at a fraction of its start-up cost.
 */
import * as z from 'zod/mini';
import { huvudbokSchema } from './huvudbok.js';
import { ANSLAG_COLUMNS } from '../domain/model.js';
import type { Format } from '../messages/catalogue.js';

// A check's message is a format code of the message catalogue (load.ts turns it into text).
const pattern = (re: RegExp, format: Format) => z.string().check(z.regex(re, format));
const opt = z.optional;
const nonEmpty = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));

const text = z.string();
const id = pattern(/^[a-z0-9_]+$/, 'id');
const whole = pattern(/^\d+$/, 'heltal');
/** `sida` beside `seed`: the page of the published report the figures stand on (written by `import`). */
const seed = pattern(/^\d+(-\d+)?$/, 'seed');
const bool = z.enum(['true', 'false']);
const date = pattern(/^\d{4}-\d{2}-\d{2}$/, 'datum');
/** One printed figure; null is a YAML empty value. */
const amount = z.nullable(z.string());
const cells = z.array(amount);
const refs = z.union([text, z.array(text)]);
const notes = z.union([whole, z.array(whole)]);

export const manifestSchema = z.strictObject({
  myndighet: text,
  organisationsnummer: opt(text),
  ar: pattern(/^\d{4}$/, 'artal'),
  layout: text,
  enhet: text,
  kalla: opt(text),
  filer: nonEmpty(text),
  kanda_avvikelser: opt(text),
  /** The files' character encoding when it is not UTF-8, e.g. windows-1252. */
  kodning: opt(text),
  /** Definitions the rules read, where practice differs between agencies (docs/ledger-format.md). */
  definitioner: opt(
    z.strictObject({
      /** Resultaträkning rows (line or row ids) whose sum is driftkostnad per årsarbetskraft × årsarbetskrafter. */
      driftkostnader: opt(nonEmpty(id)),
      /** Which anslag the anslagssparande and anslagskredit of the five-year table cover. */
      anslagssparande: opt(z.enum(['ramanslag', 'alla'])),
      /** Whether the omdisponerat column also moves ingående överföringsbelopp (FÅB bilaga 3). */
      omdisponerat_flyttar_ingaende: opt(bool),
    }),
  ),
  /** The general ledger (SIE 4) and where its anslag and inkomsttitel objects stand. */
  huvudbok: opt(huvudbokSchema),
});
export type ManifestInput = z.infer<typeof manifestSchema>;

const rowSchema = z.strictObject({
  id,
  text: opt(text),
  v: opt(cells),
  not: opt(notes),
  seed: opt(seed), sida: opt(whole),
  summa: opt(z.array(text)),
  lika: opt(refs),
  specificerar: opt(refs),
  hogst: opt(refs),
  enhet: opt(text),
  anslagspost: opt(text),
  /** The anslag a row of the five-year table is about (anslagssparande per anslag): `uo8.1_2`. */
  anslag: opt(text),
  rad: opt(id),
  egen: opt(bool),
  /** The layout sum line(s) an agency's own row counts in: `summa_kostnader`, `-x` subtracts. */
  ingar_i: opt(refs),
});

/** Sign conventions a statement may be printed in (layout lines marked `negativ`). */
export const TECKEN = ['med_minus', 'kostnader_utan_minus'] as const;

const tableSchema = z.strictObject({
  id,
  titel: text,
  typ: z.enum(['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter', 'not', 'tabell']),
  enhet: opt(text),
  not: opt(whole),
  specificerar: opt(refs),
  kolumner: nonEmpty(z.strictObject({ id, rubrik: text })),
  rader: z.array(rowSchema),
  periodisering: opt(z.array(z.strictObject({ ingaende: id, utgaende: id }))),
  tecken: opt(z.enum(TECKEN, { message: `förväntade ${TECKEN.join(' eller ')}` })),
  /** Total columns: each row's cell in `kolumn` = Σ its cells in `summa` (`-x` subtracts). */
  kolumnsummor: opt(z.array(z.strictObject({ kolumn: id, summa: nonEmpty(text) }))),
  /** For ties to rows of other tables: this table's column → the other table's column id. */
  kolumnmappning: opt(z.record(id, text)),
});

const tieSchema = z.strictObject({
  id,
  titel: text,
  vanster: nonEmpty(text),
  /** Empty: the left side is zero (a credit removed, a balance cleared). */
  hoger: z.array(text),
});

const sumRow = z.strictObject({ text: opt(text), v: cells, seed: opt(seed), sida: opt(whole) });

const anslagSchema = z.strictObject({
  /** `1:2`, `1:2:1`, and older designations such as `A1` or `33:1`. */
  anslag: pattern(/^[0-9A-Za-z]+([:.][0-9A-Za-z]+)*$/, 'anslag'),
  namn: text,
  typ: opt(text),
  rantebarande: opt(bool),
  /** An anslag without anslagsposter has its own figures (`v`) instead. */
  poster: opt(nonEmpty(z.strictObject({ ap: pattern(/^\d+(\.\d+)*$/, 'ap'), namn: text, v: cells, not: opt(notes), seed: opt(seed), sida: opt(whole) }))),
  v: opt(cells),
  not: opt(notes),
  seed: opt(seed),
  sida: opt(whole),
  summa: opt(sumRow),
});

const anslagsredovisningSchema = z.strictObject({
  enhet: opt(text),
  kolumner: z.array(z.enum(ANSLAG_COLUMNS)),
  utgiftsomraden: z.array(z.strictObject({ uo: whole, namn: text, anslag: z.array(anslagSchema), summa: opt(sumRow) })),
  summa: opt(sumRow),
  inkomsttitlar: opt(
    z.strictObject({
      kolumner: z.array(id),
      titlar: z.array(
        z.strictObject({
          titel: whole,
          namn: text,
          /** A titel without undertitlar has its own figures; with both, `v` is the titel's subtotal. */
          v: opt(cells),
          seed: opt(seed),
          sida: opt(whole),
          undertitlar: opt(z.array(z.strictObject({ undertitel: whole, namn: text, v: cells, seed: opt(seed), sida: opt(whole) }))),
        }),
      ),
      summa: opt(sumRow),
    }),
  ),
  bemyndiganden: opt(
    z.strictObject({
      kolumner: z.array(id),
      rader: z.array(z.strictObject({ anslagspost: text, v: cells, slutar: opt(whole), seed: opt(seed), sida: opt(whole) })),
    }),
  ),
  finansiella_villkor: opt(
    z.strictObject({
      kolumner: z.array(id),
      rader: z.array(
        z.strictObject({
          id,
          anslagspost: text,
          text,
          typ: z.enum(['tak', 'golv', 'exakt', 'annat']),
          v: cells,
          seed: opt(seed), sida: opt(whole),
        }),
      ),
    }),
  ),
});

const ramSchema = z.strictObject({
  datum: opt(date),
  referens: opt(text),
  belopp: text,
  seed: opt(seed), sida: opt(whole),
});

const regleringsbrevSchema = z.strictObject({
  enhet: opt(text),
  anslagsposter: opt(
    z.array(
      z.strictObject({
        anslagspost: text,
        beslut: nonEmpty(
          z.strictObject({
            datum: date,
            referens: opt(text),
            tilldelning: opt(amount),
            anslagskredit: opt(amount),
            medgivet_overskridande: opt(amount),
            minskning: opt(amount),
            seed: opt(seed), sida: opt(whole),
            seed_tilldelning: opt(seed),
            seed_anslagskredit: opt(seed),
            seed_medgivet: opt(seed),
          }),
        ),
      }),
    ),
  ),
  bemyndiganderamar: opt(z.array(z.strictObject({ anslagspost: text, belopp: text, slutar: opt(whole), seed: opt(seed), sida: opt(whole) }))),
  laneram: opt(z.array(ramSchema)),
  kontokredit: opt(z.array(ramSchema)),
});

const noteSchema = z.strictObject({ not: whole, titel: text, text: opt(text) });

export const ledgerFileSchema = z.strictObject({
  noter: opt(z.array(noteSchema)),
  tabeller: opt(z.array(tableSchema)),
  avstamningar: opt(z.array(tieSchema)),
  anslagsredovisning: opt(anslagsredovisningSchema),
  regleringsbrev: opt(regleringsbrevSchema),
});
export type LedgerFileInput = z.infer<typeof ledgerFileSchema>;
export type TableInput = z.infer<typeof tableSchema>;
export type AnslagsredovisningInput = z.infer<typeof anslagsredovisningSchema>;
export type RegleringsbrevInput = z.infer<typeof regleringsbrevSchema>;

const reason = z.string().check(z.minLength(1, 'orsak'));

export const acknowledgementsSchema = z.strictObject({
  kanda_avvikelser: z.array(
    z.strictObject({ kontroll: text, figurer: opt(z.array(text)), orsak: reason }),
  ),
  olasta_figurer: opt(z.array(z.strictObject({ figurer: nonEmpty(text), orsak: reason }))),
  /** Comparative figures restated since last year's report, with the reason. */
  omraknade_jamforelsesiffror: opt(z.array(z.strictObject({ figurer: nonEmpty(text), orsak: reason }))),
});
export type AcknowledgementsInput = z.infer<typeof acknowledgementsSchema>;
