/**
 * The skeleton of a new ledger (`avstamning init`): every line of the layout version's
 * statements with empty figures, the parts FÅB makes optional, and Swedish comments that
 * say what to fill in. Pure: returns file names and their text.
 */
import { ANSLAG_COLUMNS, type Layout, type LayoutVersion, type StatementKind } from '../domain/model.js';

export interface SkeletonOptions {
  readonly myndighet: string;
  readonly ar: number;
  readonly version: LayoutVersion;
}

const FILES: Readonly<Record<StatementKind, { file: string; id: string; years: number; note: string }>> = {
  resultatrakning: { file: 'resultatrakning.yaml', id: 'rr', years: 2, note: 'Obligatorisk.' },
  balansrakning: { file: 'balansrakning.yaml', id: 'br', years: 2, note: 'Obligatorisk.' },
  finansieringsanalys: { file: 'finansieringsanalys.yaml', id: 'fa', years: 2, note: 'Frivillig: ta bort filen (och raden i ledger.yaml) om myndigheten är undantagen.' },
  vasentliga_uppgifter: { file: 'vasentliga-uppgifter.yaml', id: 'vu', years: 5, note: 'Frivillig: fem år, räkenskapsåret först.' },
};

/** A YAML string that is safe as a plain or double-quoted scalar. */
const scalar = (s: string) => (/^[\p{L}\d][\p{L}\d .()/–-]*$/u.test(s) ? s : JSON.stringify(s));

function statementFile(layout: Layout, ar: number): string {
  const f = FILES[layout.kind];
  const years = Array.from({ length: f.years }, (_, i) => String(ar - i));
  const empty = `[${years.map(() => '–').join(', ')}]`;
  const rows = layout.lines.map((l) => {
    const comment = [l.sum ? `summa: ${l.sum.join(' + ').replace(/\+ -/g, '− ')}` : '', l.negativ ? 'trycks negativ' : ''].filter(Boolean).join('; ');
    const unit = l.unit ? `, enhet: ${l.unit}` : '';
    return `      - {id: ${l.id}, text: ${scalar(l.label)}${unit}, v: ${empty}}${comment ? `   # ${comment}` : ''}`;
  });
  return [
    `# ${layout.title} enligt ${layout.source}. ${f.note}`,
    '# Skriv varje belopp exakt som det är tryckt; – betyder att raden saknar belopp.',
    '# Rader utan belopp båda åren kan tas bort. En egen rad: egen: true och ingar_i: <summarad>.',
    'tabeller:',
    `  - id: ${f.id}`,
    `    titel: ${scalar(layout.title)}`,
    `    typ: ${layout.kind}`,
    '    kolumner:',
    ...years.map((y) => `      - {id: "${y}", rubrik: "${y}"}`),
    '    rader:',
    ...rows,
    '',
  ].join('\n');
}

const ANSLAG_FILE = `# Anslagsredovisning (FÅB bilaga 3). Frivillig: ta bort filen om myndigheten saknar anslag och inkomsttitlar.
anslagsredovisning:
  kolumner: [${ANSLAG_COLUMNS.filter((c) => c !== 'inkomster').join(', ')}]
  # Ett utgiftsområde med ett anslag och dess anslagsposter, till exempel:
  #   - uo: 8
  #     namn: Migration
  #     anslag:
  #       - anslag: "1:1"
  #         namn: Migrationsverket
  #         typ: ramanslag
  #         poster:
  #           - {ap: 1, namn: Migrationsverket, v: [1 000, 50 000, 0, 0, 0, 51 000, -49 000, 2 000]}
  utgiftsomraden: []
`;

const NOTES_FILE = `# Noter. En not med sifferuppgifter är en tabell med typ: not och not: <nummer>, till exempel:
#   tabeller:
#     - id: not01
#       titel: Intäkter av anslag
#       typ: not
#       not: 1
#       kolumner: [{id: "2024", rubrik: "2024"}, {id: "2023", rubrik: "2023"}]
#       rader:
#         - {id: summa, text: Summa, v: [–, –], specificerar: rr.intakter_av_anslag}
noter: []
`;

/** The files of a new ledger, by name relative to its directory. */
export function skeleton(o: SkeletonOptions): Map<string, string> {
  const files = new Map<string, string>();
  const order: StatementKind[] = ['vasentliga_uppgifter', 'resultatrakning', 'balansrakning', 'finansieringsanalys'];
  const layouts = order.flatMap((k) => o.version.layouts.filter((l) => l.kind === k));
  for (const l of layouts) files.set(FILES[l.kind].file, statementFile(l, o.ar));
  const withAnslag = o.version.regler.summaAnslagssparande !== undefined;
  if (withAnslag) files.set('anslagsredovisning.yaml', ANSLAG_FILE);
  files.set('noter.yaml', NOTES_FILE);
  files.set('kanda-avvikelser.yaml', '# Kända avvikelser: skillnader som årsredovisningen själv har, med orsak.\nkanda_avvikelser: []\n');
  const manifest = [
    `# Årsredovisningsmapp för ${o.myndighet}, årsredovisning ${o.ar}, skapad av avstamning init.`,
    '# Kontrollera den med: avstamning check <mappen>. Formatet: docs/ledger-format.md.',
    `myndighet: ${scalar(o.myndighet)}`,
    `ar: "${o.ar}"`,
    `layout: ${o.version.id}`,
    'enhet: tkr',
    'filer:',
    ...[...files.keys()].filter((f) => f !== 'kanda-avvikelser.yaml').map((f) => `  - ${f}`),
    'kanda_avvikelser: kanda-avvikelser.yaml',
    '# definitioner:            # frivilligt; standardvärdena står i docs/ledger-format.md',
    '#   driftkostnader: [kostnader_for_personal, kostnader_for_lokaler, ovriga_driftkostnader]',
    '#   anslagssparande: ramanslag',
    '#   omdisponerat_flyttar_ingaende: false',
    '',
  ].join('\n');
  return new Map([['ledger.yaml', manifest], ...files]);
}
