/**
 * The structure of the ledger files, as zod schemas over the plain (all-text) YAML data.
 * Amounts stay text here; they are parsed exactly, with their unit, in build.ts.
 */
import { z } from 'zod';
import { ANSLAG_COLUMNS } from '../domain/model.js';

const text = z.string();
const id = z.string().regex(/^[a-z0-9_]+$/, 'förväntade ett id av a–z, 0–9 och _');
const whole = z.string().regex(/^\d+$/, 'förväntade ett heltal');
const seed = z.string().regex(/^\d+(-\d+)?$/, 'förväntade ett radnummer eller ett intervall som "6100-6101"');
const bool = z.enum(['true', 'false'], { message: 'förväntade true eller false' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'förväntade ett datum ÅÅÅÅ-MM-DD');
/** One printed figure; null is a YAML empty value. */
const amount = z.string().nullable();
const cells = z.array(amount);
const refs = z.union([text, z.array(text)]);
const notes = z.union([whole, z.array(whole)]);

export const manifestSchema = z.strictObject({
  myndighet: text,
  organisationsnummer: text.optional(),
  ar: z.string().regex(/^\d{4}$/, 'förväntade ett årtal'),
  layout: text,
  enhet: text,
  kalla: text.optional(),
  filer: z.array(text).min(1, 'förväntade minst en fil'),
  kanda_avvikelser: text.optional(),
});
export type ManifestInput = z.infer<typeof manifestSchema>;

const rowSchema = z.strictObject({
  id,
  text: text.optional(),
  v: cells.optional(),
  not: notes.optional(),
  seed: seed.optional(),
  summa: z.array(text).optional(),
  lika: refs.optional(),
  specificerar: refs.optional(),
  hogst: refs.optional(),
  enhet: text.optional(),
  anslagspost: text.optional(),
  rad: id.optional(),
  egen: bool.optional(),
});

const tableSchema = z.strictObject({
  id,
  titel: text,
  typ: z.enum(['resultatrakning', 'balansrakning', 'finansieringsanalys', 'vasentliga_uppgifter', 'not', 'tabell'], {
    message: 'förväntade resultatrakning, balansrakning, finansieringsanalys, vasentliga_uppgifter, not eller tabell',
  }),
  enhet: text.optional(),
  not: whole.optional(),
  specificerar: refs.optional(),
  kolumner: z.array(z.strictObject({ id, rubrik: text })).min(1, 'förväntade minst en kolumn'),
  rader: z.array(rowSchema),
  periodisering: z.array(z.strictObject({ ingaende: id, utgaende: id })).optional(),
});

const tieSchema = z.strictObject({
  id,
  titel: text,
  vanster: z.array(text).min(1),
  hoger: z.array(text).min(1),
});

const sumRow = z.strictObject({ text: text.optional(), v: cells, seed: seed.optional() });

const anslagSchema = z.strictObject({
  anslag: z.string().regex(/^\d+:\d+$/, 'förväntade en anslagsbeteckning som "1:2"'),
  namn: text,
  typ: text.optional(),
  rantebarande: bool.optional(),
  poster: z.array(
    z.strictObject({ ap: whole, namn: text, v: cells, not: notes.optional(), seed: seed.optional() }),
  ).min(1),
  summa: sumRow.optional(),
});

const anslagsredovisningSchema = z.strictObject({
  enhet: text.optional(),
  kolumner: z.array(z.enum(ANSLAG_COLUMNS, { message: `förväntade en av ${ANSLAG_COLUMNS.join(', ')}` })),
  utgiftsomraden: z.array(
    z.strictObject({ uo: whole, namn: text, anslag: z.array(anslagSchema), summa: sumRow.optional() }),
  ),
  summa: sumRow.optional(),
  inkomsttitlar: z
    .strictObject({
      kolumner: z.array(id),
      titlar: z.array(
        z.strictObject({
          titel: whole,
          namn: text,
          undertitlar: z.array(z.strictObject({ undertitel: whole, namn: text, v: cells, seed: seed.optional() })),
        }),
      ),
      summa: sumRow.optional(),
    })
    .optional(),
  bemyndiganden: z
    .strictObject({
      kolumner: z.array(id),
      rader: z.array(z.strictObject({ anslagspost: text, v: cells, slutar: whole.optional(), seed: seed.optional() })),
    })
    .optional(),
  finansiella_villkor: z
    .strictObject({
      kolumner: z.array(id),
      rader: z.array(
        z.strictObject({
          id,
          anslagspost: text,
          text,
          typ: z.enum(['tak', 'golv', 'exakt', 'annat'], { message: 'förväntade tak, golv, exakt eller annat' }),
          v: cells,
          seed: seed.optional(),
        }),
      ),
    })
    .optional(),
});

const ramSchema = z.strictObject({
  datum: date.optional(),
  referens: text.optional(),
  belopp: text,
  seed: seed.optional(),
});

const regleringsbrevSchema = z.strictObject({
  enhet: text.optional(),
  anslagsposter: z
    .array(
      z.strictObject({
        anslagspost: text,
        beslut: z.array(
          z.strictObject({
            datum: date,
            referens: text.optional(),
            tilldelning: amount.optional(),
            anslagskredit: amount.optional(),
            medgivet_overskridande: amount.optional(),
            minskning: amount.optional(),
            seed: seed.optional(),
            seed_tilldelning: seed.optional(),
            seed_anslagskredit: seed.optional(),
            seed_medgivet: seed.optional(),
          }),
        ).min(1),
      }),
    )
    .optional(),
  bemyndiganderamar: z
    .array(z.strictObject({ anslagspost: text, belopp: text, slutar: whole.optional(), seed: seed.optional() }))
    .optional(),
  laneram: z.array(ramSchema).optional(),
  kontokredit: z.array(ramSchema).optional(),
});

const noteSchema = z.strictObject({ not: whole, titel: text, text: text.optional() });

export const ledgerFileSchema = z.strictObject({
  noter: z.array(noteSchema).optional(),
  tabeller: z.array(tableSchema).optional(),
  avstamningar: z.array(tieSchema).optional(),
  anslagsredovisning: anslagsredovisningSchema.optional(),
  regleringsbrev: regleringsbrevSchema.optional(),
});
export type LedgerFileInput = z.infer<typeof ledgerFileSchema>;
export type TableInput = z.infer<typeof tableSchema>;
export type AnslagsredovisningInput = z.infer<typeof anslagsredovisningSchema>;
export type RegleringsbrevInput = z.infer<typeof regleringsbrevSchema>;

export const acknowledgementsSchema = z.strictObject({
  kanda_avvikelser: z.array(
    z.strictObject({ kontroll: text, figurer: z.array(text).optional(), orsak: z.string().min(1, 'förväntade en orsak') }),
  ),
  olasta_figurer: z
    .array(z.strictObject({ figurer: z.array(text).min(1), orsak: z.string().min(1, 'förväntade en orsak') }))
    .optional(),
});
export type AcknowledgementsInput = z.infer<typeof acknowledgementsSchema>;
