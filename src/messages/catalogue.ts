/**
 * The message catalogue: every error the tool reports to a user, as a stable code and
 * the Swedish text made from its parameters. Pure: no I/O. An error is data
 * (`{ code, params }`); only here does it become text. docs/errors.md lists every code.
 *
 * Codes are readable slugs, `area.what` in Swedish ASCII (`belopp.ogiltigt`). A code, once
 * published, keeps its meaning; new codes are added as new entries of MESSAGES.
 */

/** `1 avvikelse`, `2 avvikelser`: a count with the right Swedish form of its noun. */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** `a, b och c` */
export const listOf = (items: readonly string[], and = 'och'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

/** The prefix naming where in a file an error is, when its position alone is not enough. */
const where = (plats?: string): string => (plats ? `${plats}: ` : '');

/** Value formats the schema asks for (zod check messages name one of these). */
export const FORMATS = {
  id: 'ett id av a–z, 0–9 och _',
  heltal: 'ett heltal',
  seed: 'ett radnummer eller ett intervall som "6100-6101"',
  datum: 'ett datum ÅÅÅÅ-MM-DD',
  artal: 'ett årtal',
  anslag: 'en anslagsbeteckning som "1:2", "1:2:1" eller "A1"',
  ap: 'ett anslagspostnummer som "2", eller en delpost som "1.1"',
  orsak: 'en orsak (en text som inte är tom)',
} as const;
export type Format = keyof typeof FORMATS;
export const isFormat = (s: string): s is Format => Object.prototype.hasOwnProperty.call(FORMATS, s);

const TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['string', 'en text'],
  ['array', 'en lista'],
  ['object', 'en mappning (nyckel: värde)'],
  ['null', 'ett tomt värde'],
]);
/** A kind of value zod expected (`string`, `array`, …), in words. */
export const typeName = (expected: string): string => TYPE_NAMES.get(expected) ?? expected;

/** A value found in a ledger, in words: `"12a"`, `en lista`, `ett tomt värde`. */
export const describeValue = (input: unknown): string =>
  input === undefined ? 'ingenting' : input === null ? 'ett tomt värde' : Array.isArray(input) ? 'en lista' : typeof input === 'object' ? 'en mappning' : `"${String(input)}"`;

/** What one element of each list is called. */
const ELEMENT: ReadonlyMap<string, string> = new Map([
  ['tabeller', 'tabell'],
  ['kolumner', 'kolumn'],
  ['avstamningar', 'avstämning'],
  ['noter', 'not'],
  ['utgiftsomraden', 'utgiftsområde'],
  ['anslagsposter', 'anslagspost'],
  ['bemyndiganderamar', 'bemyndiganderam'],
  ['laneram', 'låneram'],
  ['kontokredit', 'kontokredit'],
  ['titlar', 'inkomsttitel'],
  ['undertitlar', 'undertitel'],
  ['kanda_avvikelser', 'känd avvikelse'],
  ['olasta_figurer', 'oläst figur'],
  ['filer', 'fil'],
  ['periodisering', 'periodisering'],
  ['beslut', 'beslut'],
  ['figurer', 'figur'],
  ['vanster', 'vänster term'],
  ['hoger', 'höger term'],
  ['summa', 'term'],
  ['rader', 'rad'],
]);

/** Sections named in words. */
const SECTION: ReadonlyMap<string, string> = new Map([
  ['anslagsredovisning', 'anslagsredovisningen'],
  ['regleringsbrev', 'regleringsbrevet'],
  ['inkomsttitlar', 'inkomsttitlarna'],
  ['bemyndiganden', 'bemyndigandena'],
  ['finansiella_villkor', 'finansiella villkor'],
]);

/**
 * The words that name a place in a ledger file (src/ledger/location.ts builds the place from
 * these): `rad br.kassa_och_bank "Kassa och bank"`, `figur br.kassa_och_bank.2024`.
 */
export const PLATS = {
  nr: (n: number) => `nr ${n}`,
  avsnitt: (key: string): string | undefined => SECTION.get(key),
  tabell: (id: string | undefined, n: number) => `tabell ${id ?? `nr ${n}`}`,
  rad: (id: string, text: string | undefined) => `rad ${id}${text ? ` "${text}"` : ''}`,
  radNr: (n: number) => `rad nr ${n}`,
  figur: (id: string) => `figur ${id}`,
  varde: (n: number) => `värde ${n}`,
  utgiftsomrade: (uo: string | undefined, n: number) => `utgiftsområde ${uo ?? `nr ${n}`}`,
  anslag: (id: string) => `anslag ${id}`,
  anslagspost: (id: string) => `anslagspost ${id}`,
  element: (list: string, name: string) => `${ELEMENT.get(list) ?? list} ${name}`,
} as const;

const ITEMS: ReadonlyMap<string, string> = new Map([
  ['filer', 'fil'],
  ['kolumner', 'kolumn'],
  ['poster', 'anslagspost'],
  ['beslut', 'beslut'],
  ['figurer', 'figur'],
  ['vanster', 'term'],
]);
/** What one item of a list under this key is, for "förväntade minst 1 …". */
export const itemName = (key: string): string => ITEMS.get(key) ?? 'element';

/** js-yaml's reasons (English) in Swedish, by their start; unknown ones are kept as they are. */
const YAML_REASONS: readonly (readonly [string, string])[] = [
  ['duplicated mapping key', 'nyckeln finns redan i samma mappning'],
  ['bad indentation of a mapping entry', 'fel indrag för en nyckel'],
  ['bad indentation of a sequence entry', 'fel indrag för ett listelement (- …)'],
  ['tab characters must not be used in indentation', 'tabbtecken får inte användas för indrag, bara mellanslag'],
  ['missed comma between flow collection entries', 'kommatecken saknas mellan elementen i [ … ] eller { … }'],
  ['can not read an implicit mapping pair; a colon is missed', 'kolon saknas efter nyckeln'],
  ['can not read a block mapping entry; a multiline key may not be an implicit key', 'en nyckel får inte fortsätta på nästa rad (kolon saknas?)'],
  ['end of the stream or a document separator is expected', 'oväntad text: förväntade radslut eller en ny nyckel på rätt indrag'],
  ['unexpected end of the stream within a flow collection', 'filen tar slut innan ] eller } som stänger listan eller mappningen'],
  ['unexpected end of the stream within a double quoted scalar', 'filen tar slut innan det avslutande citattecknet (")'],
  ['unexpected end of the stream within a single quoted scalar', "filen tar slut innan det avslutande citattecknet (')"],
  ['unexpected end of the document within a double quoted scalar', 'dokumentet tar slut innan det avslutande citattecknet (")'],
  ['unexpected end of the document within a single quoted scalar', "dokumentet tar slut innan det avslutande citattecknet (')"],
  ['a line break is expected', 'förväntade radslut'],
  ['a whitespace character is expected after the key-value separator', 'förväntade ett mellanslag efter kolon'],
  ['incomplete explicit mapping pair', 'ofullständigt nyckel–värde-par: nyckeln saknas'],
  ['the stream contains non-printable characters', 'filen innehåller tecken som inte kan skrivas ut (kontrolltecken)'],
  ['null byte is not allowed in input', 'filen innehåller en nollbyte: är det en textfil?'],
  ['unknown escape sequence', 'okänd escape-sekvens efter \\ i en text inom "…"'],
  ['expected hexadecimal character', 'förväntade en hexadecimal siffra i escape-sekvensen'],
  ['missing indentation for block scalar', 'indrag saknas i texten efter | eller >'],
  ['unknown tag', 'okänd YAML-tagg (!…)'],
  ['unidentified alias', 'okänt alias (*namn)'],
  ['duplication of an anchor property', 'ankaret anges två gånger'],
  ['expected a single document in the stream, but found more', 'filen innehåller flera YAML-dokument (---): förväntade ett'],
  ['nesting exceeded maxDepth', 'för djup nästling'],
  ["expected the node content, but found ','", 'oväntat kommatecken: ett värde saknas'],
];

export function yamlReason(reason: string): string {
  return YAML_REASONS.find(([en]) => reason.startsWith(en))?.[1] ?? reason;
}

const UTF8_HINT = 'spara filen som UTF-8 (i Anteckningar: Spara som → Kodning: UTF-8), eller ange filernas kodning i ledger.yaml, t.ex. kodning: windows-1252';

/** `32 767`: a count with a space between thousands, as Swedish prints it. */
export const tal = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** A report or standard stream that could not be written, and what of the set was replaced. */
export interface Utdata {
  readonly sokvag: string;
  readonly felkod?: string;
  /** inget: no previous report replaced; delvis: a rename failed after others; allt: all in place. */
  readonly ersatt: 'inget' | 'delvis' | 'allt';
}
const ERSATT = { inget: ' Inga tidigare rapporter har ersatts.', delvis: ' Rapportuppsättningen kan vara blandad: kör om.', allt: '' } as const;
const utdata = (p: Utdata, orsak: string): string => `kunde inte skriva ${p.sokvag}: ${orsak}${p.felkod ? ` (${p.felkod})` : ''}.${ERSATT[p.ersatt]}`;

/** The statements, as a rule's reason names them: indefinite and definite form. */
type Rakning = 'resultatrakning' | 'balansrakning' | 'finansieringsanalys' | 'vasentliga_uppgifter';
const RAKNING: Readonly<Record<Rakning, readonly [string, string]>> = {
  resultatrakning: ['resultaträkning', 'resultaträkningen'],
  balansrakning: ['balansräkning', 'balansräkningen'],
  finansieringsanalys: ['finansieringsanalys', 'finansieringsanalysen'],
  vasentliga_uppgifter: ['sammanställning över väsentliga uppgifter', 'sammanställningen över väsentliga uppgifter'],
};

/** A check's status in words, as the console's summary names it. */
const STATUS = { ok: 'ok', rounding: 'avrundning', discrepancy: 'avvikelse', acknowledged: 'känd avvikelse' } as const;

/**
 * Every message: code → (params) → Swedish text. Parameters are named in Swedish ASCII.
 * `plats` is a location in words ("tabell br, rad kassa"), where one helps.
 */
export const MESSAGES = {
  // Reading files
  'mapp.saknas': (_: { mapp: string }) => 'förväntade en årsredovisningsmapp som finns',
  'mapp.ingen_mapp': (_: { mapp: string }) => 'förväntade en årsredovisningsmapp, fick en fil',
  'mapp.olasbar': (p: { mapp: string; orsak: string }) => `mappen kan inte läsas: ${p.orsak}`,
  'manifest.saknas': (p: { fil: string }) => `årsredovisningsmappen saknar ${p.fil}`,
  'fil.utanfor': (p: { sokvag: string }) => `sökvägen "${p.sokvag}" pekar utanför årsredovisningsmappen: förväntade en relativ sökväg inom mappen`,
  'fil.utanfor_lank': (p: { sokvag: string }) => `sökvägen "${p.sokvag}" pekar utanför årsredovisningsmappen (via en symbolisk länk)`,
  'fil.saknas': (p: { sokvag: string }) => `filen "${p.sokvag}" finns inte`,
  'fil.ingen_fil': (p: { sokvag: string }) => `"${p.sokvag}" är ingen fil`,
  'fil.olasbar': (p: { sokvag: string; orsak: string }) => `filen "${p.sokvag}" kan inte läsas: ${p.orsak}`,
  'fil.for_stor': (p: { sokvag: string; mib: number }) => `filen "${p.sokvag}" är större än ${p.mib} MiB`,
  'fil.dubblett': (p: { sokvag: string }) => `filen "${p.sokvag}" finns redan i listan`,
  'fil.tom': (_: Record<never, never>) => 'filen är tom',
  'kodning.ej_utf8': (p: { byte: string; ansi?: string }) =>
    `filen är inte giltig UTF-8 (byte 0x${p.byte}${p.ansi ? `, "${p.ansi}" i Windows-1252` : ''}): ${UTF8_HINT}`,
  'kodning.utf16': (_: Record<never, never>) => `filen är sparad som UTF-16: ${UTF8_HINT}`,
  'kodning.okand': (p: { kodning: string }) => `okänd teckenkodning "${p.kodning}": förväntade t.ex. utf-8, windows-1252 eller iso-8859-1`,

  // YAML
  'yaml.syntax': (p: { orsak: string }) => `ogiltig YAML: ${yamlReason(p.orsak)}`,
  'yaml.ankare': (_: Record<never, never>) => 'YAML-ankare och alias (&namn, *namn) är inte tillåtna i årsredovisningsfilerna',

  // Structure (the schema)
  'schema.typ': (p: { plats?: string; forvantat: string; fick: string }) => `${where(p.plats)}förväntade ${p.forvantat}, fick ${p.fick}`,
  'schema.nyckel_saknas': (p: { plats?: string; nyckel: string }) => `${where(p.plats)}saknar obligatorisk nyckel "${p.nyckel}"`,
  'schema.okand_nyckel': (p: { plats?: string; nyckel: string }) => `${where(p.plats)}okänd nyckel "${p.nyckel}"`,
  'schema.format': (p: { plats?: string; format: Format; fick?: string }) =>
    `${where(p.plats)}förväntade ${FORMATS[p.format]}${p.fick === undefined ? '' : `, fick ${p.fick}`}`,
  'schema.val': (p: { plats?: string; varden: readonly string[]; fick: string }) => `${where(p.plats)}förväntade ${listOf(p.varden, 'eller')}, fick ${p.fick}`,
  'schema.for_fa': (p: { plats?: string; minst: number; vad: string }) => `${where(p.plats)}förväntade minst ${p.minst} ${p.vad}`,
  'schema.annat': (p: { plats?: string; text: string }) => `${where(p.plats)}${p.text}`,

  // Amounts and units
  'belopp.ogiltigt': (p: { figur: string; text: string }) => `${p.figur}: förväntade ett belopp som "5 611 532", "-1 163 260" eller "–", fick "${p.text}"`,
  'belopp.for_langt': (p: { figur: string; text: string; max: number }) => `${p.figur}: beloppet "${p.text}" har fler än ${p.max} siffror`,
  'belopp.decimaler': (p: { figur: string; text: string; decimaler: number; enhet: string; tillatna: number }) =>
    `${p.figur}: beloppet "${p.text}" har ${plural(p.decimaler, 'decimal', 'decimaler')}, enheten ${p.enhet} tillåter ${p.tillatna}`,
  'enhet.okand': (p: { enhet: string; giltiga: readonly string[] }) => `okänd enhet "${p.enhet}": förväntade ${p.giltiga.join(', ')}`,
  'layout.okand': (p: { layout: string; giltiga: readonly string[] }) => `okänd layoutversion "${p.layout}": förväntade ${p.giltiga.join(', ')}`,

  // Ids declared twice
  'figur.dubblett': (p: { figur: string; fil: string; rad: number }) => `dubblett av figur-id "${p.figur}" (finns redan i ${p.fil}:${p.rad})`,
  'tabell.dubblett': (p: { tabell: string }) => `dubblett av tabell-id "${p.tabell}"`,
  'rad.dubblett': (p: { rad: string; tabell: string }) => `dubblett av rad-id "${p.rad}" i tabell ${p.tabell}`,
  'not.dubblett': (p: { not: number }) => `not ${p.not} är redan deklarerad`,
  'avstamning.dubblett': (p: { id: string }) => `dubblett av avstämnings-id "${p.id}"`,
  'del.dubblett': (p: { del: string; tabell?: string }) =>
    p.tabell ? `${p.del} finns redan som tabell ${p.tabell}` : `${p.del} är redan inläst från en annan fil`,
  'del.saknas': (p: { del: string }) => `saknar obligatorisk del: ${p.del}`,

  // Rows and references
  'rad.okand_i_layout': (p: { rad: string; rapport: string; layout: string }) =>
    `okänd rad "${p.rad}" i ${p.rapport}: förväntade en rad i layouten ${p.layout} eller egen: true`,
  'rad.antal_varden': (p: { rad: string; forvantat: number; fick: number }) =>
    `${p.rad}: förväntade ${plural(p.forvantat, 'värde', 'värden')} (ett per kolumn), fick ${p.fick}`,
  'summa.okand_rad': (p: { rad: string; ref: string; tabell: string }) => `summa i ${p.rad}: okänd rad "${p.ref}": förväntade en rad i samma tabell (${p.tabell})`,
  'summa.cykel': (p: { tabell: string; rader: readonly string[] }) =>
    `summorna i tabell ${p.tabell} bildar en cirkel: ${[...p.rader, p.rader[0]].join(' → ')}; en summarad kan inte ingå i sig själv`,
  'ingar_i.ingen_summa': (p: { rad: string; ref: string; layout?: string }) =>
    `ingar_i i ${p.rad}: "${p.ref}" är ingen summarad i ${p.layout ? `layouten ${p.layout}` : 'en not eller tabell'}: förväntade en summarad som summa_kostnader`,
  'tecken.ej_rapport': (p: { tabell: string }) =>
    `tecken i tabell ${p.tabell}: gäller bara resultaträkning, balansräkning och finansieringsanalys; ange tecknet med lika: -<rad> i en not`,
  'kolumn.okand': (p: { vad: string; tabell: string; kolumn: string; giltiga: readonly string[] }) =>
    `${p.vad} i tabell ${p.tabell}: okänd kolumn "${p.kolumn}": förväntade en av ${p.giltiga.join(', ')}`,
  'anslag.poster_eller_v': (p: { anslag: string; bada: boolean }) =>
    p.bada
      ? `anslag ${p.anslag}: har både poster och v: förväntade poster (anslagsposterna) eller v (ett anslag utan anslagsposter), inte båda`
      : `anslag ${p.anslag}: saknar belopp: förväntade poster (anslagsposterna) eller v (ett anslag utan anslagsposter)`,
  'periodisering.okand_rad': (p: { ref: string; tabell: string }) => `okänd rad "${p.ref}" i tabell ${p.tabell}`,
  'ref.okand_rad': (p: { vad: string; ref: string }) => `${p.vad}: okänd rad "${p.ref}": förväntade <tabell>.<rad> för en rad som finns`,
  'ref.okand_figur': (p: { vad: string; ref: string }) => `${p.vad}: okänd figur "${p.ref}": förväntade ett figur-id som <tabell>.<rad>.<kolumn>`,
  'ref.tom_figur': (p: { vad: string; ref: string }) => `${p.vad}: figuren "${p.ref}" är tom (–) i rapporten och kan inte stämmas av`,
  'ref.okand_anslagspost': (p: { vad: string; ref: string }) =>
    `${p.vad}: okänd anslagspost "${p.ref}": förväntade en anslagspost i anslagsredovisningen, som uo8.1_2.ap2`,
  'ref.okand_anslag': (p: { vad: string; ref: string }) => `${p.vad}: okänt anslag "${p.ref}": förväntade ett anslag i anslagsredovisningen, som uo8.1_2`,
  'definition.okand_rad': (p: { ref: string }) =>
    `driftkostnader: okänd rad "${p.ref}": förväntade en rad i resultaträkningen (ett rad-id i layouten eller i årsredovisningens resultaträkning)`,
  'ref.okand_not': (p: { vad: string; not: string }) => `${p.vad}: okänd not ${p.not}: förväntade en not deklarerad under noter: eller en tabell med not: ${p.not}`,
  'ref.sig_sjalv': (p: { vad: string; ref: string }) => `${p.vad}: raden jämförs med sig själv ("${p.ref}"): förväntade en annan rad`,
  'avstamning.samma_sidor': (p: { id: string }) => `avstämning ${p.id}: vänster och höger sida är samma figurer, så avstämningen prövar ingenting`,
  'avstamning.enheter': (p: { vad: string; enheter: readonly string[] }) =>
    `${p.vad}: figurerna har enheter som inte kan jämföras (${p.enheter.join(', ')}): förväntade belopp i kr, tkr eller mnkr, eller samma enhet på båda sidor`,

  'kontroll.enheter': (p: { kontroll: string; figurer: readonly { figur: string; enhet: string }[] }) =>
    `kontroll ${p.kontroll}: figurerna har enheter som inte kan jämföras (${p.figurer.map((f) => `${f.figur} i ${f.enhet}`).join(', ')}): rätta enhet: för raden som har fel enhet`,

  // Acknowledgements (kanda_avvikelser)
  'avvikelse.okand_figur': (p: { figur: string }) => `okänd figur "${p.figur}" i känd avvikelse`,
  'avvikelse.okand_kontroll': (p: { kontroll: string }) =>
    `känd avvikelse för okänd kontroll "${p.kontroll}": förväntade ett kontroll-id som reconcile skriver ut, t.ex. A-1/rr.summa_intakter.2024`,
  // Why an acknowledgement (or a restatement) is stale: a warning, not an error (docs/output.md).
  'inaktuell.okand_kontroll': (_: Record<never, never>) => 'ingen kontroll har detta id',
  'inaktuell.redan_kvitterad': (_: Record<never, never>) => 'kontrollen är redan kvitterad av en annan känd avvikelse',
  'inaktuell.status': (p: { status: 'ok' | 'rounding' | 'discrepancy' | 'acknowledged' }) => `kontrollen har status ${STATUS[p.status]}, inte avvikelse`,
  'inaktuell.figurer': (_: Record<never, never>) => 'kontrollen läser inte de angivna figurerna',
  'inaktuell.oforandrad': (p: { ar: number | string }) => `jämförelsesiffran är oförändrad mot årsredovisningen ${p.ar}`,
  // Why a rule makes no check ("ej tillämplig"): part of the report, not an error.
  'ej_tillamplig.layout_saknar_roll': (p: { layout: string; vad: string }) => `layoutversionen ${p.layout} har ingen rad för ${p.vad}`,
  'ej_tillamplig.layout_utan_rader': (p: { layout: string }) => `layoutversionen ${p.layout} har inga rader för regeln`,
  'ej_tillamplig.rakning_saknas': (p: { rakning: Rakning }) => `årsredovisningen har ingen ${RAKNING[p.rakning][0]}`,
  'ej_tillamplig.rad_saknas': (p: { rakning: Rakning; rad: string }) => `${RAKNING[p.rakning][1]} har ingen rad ${p.rad}`,
  'ej_tillamplig.anslagsredovisning_saknas': (_: Record<never, never>) => 'årsredovisningen har ingen anslagsredovisning',
  'ej_tillamplig.inkomsttitlar_saknas': (_: Record<never, never>) => 'anslagsredovisningen har ingen redovisning mot inkomsttitlar',
  'ej_tillamplig.regleringsbrev_saknas': (_: Record<never, never>) => 'årsredovisningsmappen har inget regleringsbrev',
  'ej_tillamplig.inga_figurer': (_: Record<never, never>) => 'årsredovisningen har inga figurer som regeln läser',
  'ej_tillamplig.ingen_huvudbok': (_: Record<never, never>) => 'ledger.yaml anger ingen huvudbok (huvudbok:)',
  'ej_tillamplig.ingen_huvudbok_ar': (p: { ar: readonly string[] }) =>
    `${p.ar.length === 1 ? 'årsredovisningen' : 'årsredovisningarna'} ${listOf(p.ar)} har ingen huvudbok (huvudbok: i ledger.yaml)`,
  'ej_tillamplig.ingen_dimension': (p: { nyckel: 'anslag' | 'inkomsttitlar' }) =>
    `huvudbok: anger ingen dimension för ${p.nyckel === 'anslag' ? 'anslag' : 'inkomsttitlar'} (${p.nyckel}:)`,
  // Why a D-rule is not tried on the books, as `avstamning sie` says it (src/books/regler.ts).
  // The D-rules' reason starts a sentence in `avstamning sie`; here it follows a colon.
  'ej_tillamplig.huvudbok_ej_provad': (p: { orsak: string }) => p.orsak.charAt(0).toLowerCase() + p.orsak.slice(1),
  // The general ledger (huvudbok: in ledger.yaml) and the kontoplan (kontoplan.yaml)
  'kontoplan.intervall': (p: { text: string; fel: 'syntax' | 'langd' | 'ordning' }) =>
    p.fel === 'syntax'
      ? `förväntade ett konto eller ett kontointervall som "3011-3012", fick "${p.text}"`
      : p.fel === 'langd'
        ? `"${p.text}": intervallets gränser måste ha lika många siffror`
        : `"${p.text}": intervallets övre gräns är lägre än den nedre`,
  'kontoplan.okand_rad': (p: { rad: string; layout: string }) =>
    `okänd rad "${p.rad}": förväntade rr.<rad> eller br.<rad> för en rad utan summa i layouten ${p.layout}`,
  'kontoplan.overlapp': (p: { intervall: string; rad: string; annat: string; annanRad: string; plats: string }) =>
    `kontointervallet ${p.intervall} (${p.rad}) överlappar ${p.annat} (${p.annanRad}) i ${p.plats}: ett konto får höra till en enda rad`,
  'kontoplan.okand_grund': (p: { grund: string; giltiga: readonly string[] }) => `okänd kontoplan "${p.grund}": förväntade ${listOf([...p.giltiga, 'ingen'], 'eller')}`,
  'kontoplan.saknas_for_layout': (p: { layout: string }) => `det finns ingen standardkontoplan för layouten ${p.layout}: ange grund: ingen och alla konton i kontoplan.yaml`,
  'huvudbok.okant_falt': (p: { falt: string; giltiga: readonly string[] }) => `okänt fält {${p.falt}} i objektformatet: förväntade ${listOf(p.giltiga.map((f) => `{${f}}`), 'eller')}`,

  // SIE 4 files (avstamning sie)
  'sie.ingen_post': (_: Record<string, never>) => 'raden ska börja med en post som #VER (eller vara tom)',
  'sie.citat_oppet': (p: { falt: string }) => `citattecknet stängs aldrig: fältet ${p.falt} är avkortat`,
  'sie.lista_oppen': (_: Record<string, never>) => 'objektlistan stängs aldrig med }',
  'sie.klammer_utanfor_lista': (_: Record<string, never>) => 'oväntad } utanför en objektlista',
  'sie.styrtecken': (_: Record<string, never>) => 'otillåtet styrtecken (ASCII 0–31 eller 127)',
  'sie.lista_nastlad': (_: Record<string, never>) => 'objektlistor kan inte nästlas',
  'sie.falt_saknas': (p: { falt: string }) => `${p.falt} saknas`,
  'sie.belopp_ogiltigt': (p: { falt: string; varde: string }) => `${p.falt} ska vara ett belopp med högst två decimaler och punkt som decimaltecken, till exempel -1234.50; fick "${p.varde}"`,
  'sie.belopp_plus': (p: { falt: string; varde: string }) => `${p.falt} får inte ha plustecken; fick "${p.varde}"`,
  'sie.belopp_decimaler': (p: { falt: string; varde: string }) => `${p.falt} har fler än två decimaler; fick "${p.varde}"`,
  'sie.datum_ogiltigt': (p: { falt: string; varde: string }) => `${p.falt} ska vara ett datum ÅÅÅÅMMDD; fick "${p.varde}"`,
  'sie.period_ogiltig': (p: { falt: string; varde: string }) => `${p.falt} ska vara en period ÅÅÅÅMM; fick "${p.varde}"`,
  'sie.arsnr_ogiltigt': (p: { varde: string }) => `årsnumret ska vara 0, -1, -2 …; fick "${p.varde}"`,
  'sie.objektlista_saknas': (p: { falt: string }) => `${p.falt} ska vara en objektlista som {1 "100"} eller {}`,
  'sie.objektlista_udda': (_: Record<string, never>) => 'objektlistan ska bestå av par: dimension och objekt',
  'sie.ver_utan_klammer': (_: Record<string, never>) => '#VER ska följas av { ensam på nästa rad',
  'sie.klammer_oppna': (_: Record<string, never>) => '{ ska stå ensam på sin rad, direkt efter #VER',
  'sie.klammer_stang': (_: Record<string, never>) => '} ska stå ensam på sin rad och avsluta en verifikation',
  'sie.trans_utanfor_ver': (p: { post: string }) => `${p.post} får bara stå inom en verifikations { }`,
  'sie.post_i_ver': (p: { post: string }) => `${p.post} får inte stå inom en verifikation; saknas en }?`,
  'sie.ver_oavslutad': (p: { rad: number }) => `verifikationen på rad ${p.rad} avslutas aldrig med }`,
  'sie.konto_tomt': (_: Record<string, never>) => 'kontonumret är tomt',
  'sie.kontotyp': (p: { varde: string }) => `kontotypen ska vara T, S, K eller I; fick "${p.varde}"`,
  'sie.olasbar': (p: { orsak: string }) => `filen kan inte läsas: ${p.orsak}`,
  'sie.rad_for_lang': (p: { mib: number }) => `raden är längre än ${p.mib} MiB och läses inte: är det en SIE-fil?`,
  'sie.fler_fel': (p: { antal: number; visade: number }) => `… och ${plural(p.antal, 'fel', 'fel')} till (bara de första ${p.visade} visas)`,

  // Writing output: the user's environment, exit 4 (docs/output.md). `sokvag` is the path as
  // the user named it, or "standard ut"; `felkod` the system's code (ENOSPC, ...).
  'utdata.disken_full': (p: Utdata) => utdata(p, 'disken är full'),
  'utdata.behorighet': (p: Utdata) => utdata(p, 'åtkomst nekad (behörighet saknas)'),
  'utdata.skrivskyddad': (p: Utdata) => utdata(p, 'filsystemet är skrivskyddat'),
  'utdata.last': (p: Utdata) => utdata(p, 'filen är låst eller används av ett annat program'),
  'utdata.ar_mapp': (p: Utdata) => utdata(p, 'det är en mapp, inte en fil'),
  'utdata.inte_mapp': (p: Utdata) => utdata(p, 'det är en fil, inte en mapp'),
  'utdata.mapp_saknas': (p: Utdata) => utdata(p, 'mappen finns inte (längre)'),
  'utdata.for_langt_namn': (p: Utdata) => utdata(p, 'sökvägen eller filnamnet är för långt'),
  'utdata.lankslinga': (p: Utdata) => utdata(p, 'symboliska länkar bildar en slinga'),
  'utdata.strom_stangd': (p: Utdata) => utdata(p, 'mottagaren har stängt strömmen'),
  'utdata.strom_full': (p: Utdata) => utdata(p, 'strömmen tar inte emot mer data'),
  'utdata.io': (p: Utdata) => utdata(p, 'skrivfel i operativsystemet'),
  // Misuse of the output options (exit 2) and an interrupted run (exit 130/143).
  'anvandning.standard_ut_tva': (_: Record<never, never>) => 'högst en rapport kan skrivas till standard ut (-).',
  'anvandning.samma_fil': (p: { forsta: string; andra: string }) =>
    p.forsta === p.andra ? `två rapporter ska skrivas till ${p.forsta}: ange olika filer.` : `${p.forsta} och ${p.andra} är samma fil: ange olika filer.`,
  'avbrott.signal': (p: { signal: string }) => `avbröts (${p.signal}); inga halvskrivna rapporter finns kvar.`,
  // Many ledgers in one run (src/cli/batch.ts, merge.ts): exit 2.
  'samling.del': (p: { varde: string }) => `--shard ${p.varde}: förväntade i/n med 1 ≤ i ≤ n, t.ex. 2/4`,
  'samling.tradar': (p: { varde: string }) => `--jobs ${p.varde}: förväntade ett heltal ≥ 1`,
  'samling.ingen_mapp': (p: { mapp: string }) => `${p.mapp}: förväntade en årsredovisningsmapp eller en mapp med årsredovisningsmappar som finns`,
  'samling.inga_huvudbocker': (p: { mapp: string }) => `${p.mapp}: saknar ledger.yaml: förväntade en årsredovisningsmapp eller en mapp med <myndighet>/<år>/ledger.yaml`,
  'samling.ingen_rapport': (p: { plats: string; vad: string }) => `${p.plats}: ${p.vad}: förväntade en JSON-rapport från reconcile <mapp> --json`,
  'samling.dubblett': (p: { fil: string; huvudbok: string }) =>
    `${p.fil}: årsredovisningen ${p.huvudbok} finns redan i en annan rapport: förväntade rapporter från olika delar (--shard i/n) av samma körning`,
  // The workbook and Excel's limits (src/render/excel/limits.ts): warnings, and a workbook Excel cannot hold (exit 2).
  'arbetsbok.text_avkortad': (p: { cell: string; langd: number; max: number }) =>
    `varning: texten i ${p.cell} har ${tal(p.langd)} tecken, en Excel-cell rymmer ${tal(p.max)}: i arbetsboken är den avkortad och slutar med "[avkortad …]".`,
  'arbetsbok.formel_for_lang': (p: { cell: string; langd: number; max: number }) =>
    `varning: formeln i ${p.cell} skulle bli ${tal(p.langd)} tecken lång, Excel tillåter ${tal(p.max)}: cellen har värdet i stället för formeln.`,
  'arbetsbok.delat_blad': (p: { blad: string; antal: number; max: number; fortsattning: readonly string[] }) =>
    `varning: bladet ${p.blad} skulle få ${tal(p.antal)} rader, Excel rymmer ${tal(p.max)}: raderna efter rad ${tal(p.max)} står på ${p.fortsattning.length === 1 ? 'bladet' : 'bladen'} ${listOf(p.fortsattning.map((b) => `"${b}"`))}.`,
  'arbetsbok.for_manga_rader': (p: { blad: string; antal: number; max: number }) =>
    `arbetsboken kan inte skrivas: bladet ${p.blad} skulle få ${tal(p.antal)} rader, Excel rymmer ${tal(p.max)}. Skriv rapporterna med --no-xlsx (JSON och JUnit har ingen sådan gräns). Inga rapporter har skrivits.`,
  'arbetsbok.for_manga_kolumner': (p: { blad: string; antal: number; max: number }) =>
    `arbetsboken kan inte skrivas: bladet ${p.blad} skulle få ${tal(p.antal)} kolumner, Excel rymmer ${tal(p.max)}. Skriv rapporterna med --no-xlsx (JSON och JUnit har ingen sådan gräns). Inga rapporter har skrivits.`,

  // `avstamning import`: the published report and the target directory
  'import.ingen_finansiell_del': (_: Record<never, never>) =>
    'hittade ingen finansiell del: förväntade rubriker som Resultaträkning, Balansräkning, Anslagsredovisning, Finansieringsanalys eller Noter på egna rader',
  'import.saknar_del': (p: { delar: string }) =>
    `rapporten saknar ${p.delar}, som en årsredovisningsmapp måste ha: förväntade rubriken på en egen rad, följd av tabellen med årskolumner`,
  'import.inte_pdf': (_: Record<never, never>) => 'filen heter .pdf men är ingen PDF (den börjar inte med %PDF-)',
  'import.inte_text': (_: Record<never, never>) => 'filen är varken en PDF eller en text (den innehåller nollbytes): förväntade en .pdf eller en .txt',
  'import.pdf_losenord': (_: Record<never, never>) => 'PDF-filen är lösenordsskyddad: förväntade en PDF som kan läsas utan lösenord',
  'import.pdf_trasig': (p: { orsak: string }) => `PDF-filen kan inte läsas: ${p.orsak}`,
  'import.pdf_utan_text': (_: Record<never, never>) => 'PDF-filen har inget textlager (inskannad?): förväntade en sökbar PDF',
  'import.mal_inte_tom': (p: { mapp: string }) => `mappen "${p.mapp}" finns redan och är inte tom: välj en ny mapp eller ange --skriv-over`,
  'import.mal_ingen_mapp': (p: { mapp: string }) => `"${p.mapp}" finns redan och är ingen mapp`,
} as const satisfies Record<string, (p: never) => string>;

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams<C extends MessageCode> = Parameters<(typeof MESSAGES)[C]>[0];
/** A message as data: its code and parameters. */
export type Message = { [C in MessageCode]: { readonly code: C; readonly params: MessageParams<C> } }[MessageCode];

/** The Swedish text of a message. */
export function render(m: Message): string {
  return (MESSAGES[m.code] as (p: unknown) => string)(m.params);
}
