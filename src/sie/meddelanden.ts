/**
 * The SIE reader's input errors: a stable code and a Swedish message each, in one table.
 * (To be merged into the project's message catalogue when there is one.)
 */

export const SIE_FEL = {
  'SIE-01': 'raden ska börja med en post som #VER (eller vara tom)',
  'SIE-02': 'citattecknet stängs aldrig: fältet {falt} är avkortat',
  'SIE-03': 'objektlistan stängs aldrig med }',
  'SIE-04': 'oväntad } utanför en objektlista',
  'SIE-05': 'otillåtet styrtecken (ASCII 0–31 eller 127)',
  'SIE-06': 'objektlistor kan inte nästlas',
  'SIE-07': '{falt} saknas',
  'SIE-08': '{falt} ska vara ett belopp med högst två decimaler och punkt som decimaltecken, till exempel -1234.50; fick "{varde}"',
  'SIE-09': '{falt} får inte ha plustecken; fick "{varde}"',
  'SIE-10': '{falt} har fler än två decimaler; fick "{varde}"',
  'SIE-11': '{falt} ska vara ett datum ÅÅÅÅMMDD; fick "{varde}"',
  'SIE-12': '{falt} ska vara en period ÅÅÅÅMM; fick "{varde}"',
  'SIE-13': 'årsnumret ska vara 0, -1, -2 …; fick "{varde}"',
  'SIE-14': '{falt} ska vara en objektlista som {1 "100"} eller {}',
  'SIE-15': 'objektlistan ska bestå av par: dimension och objekt',
  'SIE-16': '#VER ska följas av { ensam på nästa rad',
  'SIE-17': '{ ska stå ensam på sin rad, direkt efter #VER',
  'SIE-18': '} ska stå ensam på sin rad och avsluta en verifikation',
  'SIE-19': '{post} får bara stå inom en verifikations { }',
  'SIE-20': '{post} får inte stå inom en verifikation; saknas en }?',
  'SIE-21': 'verifikationen på rad {rad} avslutas aldrig med }',
  'SIE-22': 'kontonumret är tomt',
  'SIE-23': 'kontotypen ska vara T, S, K eller I; fick "{varde}"',
  'SIE-24': 'filen kan inte läsas: {orsak}',
} as const;

export type SieFelkod = keyof typeof SIE_FEL;

/** The message of a code with its {placeholders} filled in. */
export function meddelande(kod: SieFelkod, varden: Readonly<Record<string, string | number>> = {}): string {
  return SIE_FEL[kod].replace(/\{(\w+)\}/g, (m, k: string) => (k in varden ? String(varden[k]) : m));
}
