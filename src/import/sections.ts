/**
 * The financial part of a report, found by its headings. A heading is a line that is
 * nothing but the heading (case and spacing aside); a table of contents line carries a
 * page number and does not count. A section runs to the next heading of another section;
 * a running page header repeating the same heading does not end it.
 */
import type { SourceLine } from './source.js';
import type { Section, SectionKind } from './model.js';
import { squash } from './labels.js';
import { splitTokens } from './cells.js';

const HEADINGS: readonly [SectionKind | 'grupp', RegExp][] = [
  ['vasentliga_uppgifter', /^(sammanställning över )?väsentliga uppgifter$/],
  ['resultatrakning', /^resultaträkning$/],
  ['balansrakning', /^balansräkning( med ansvarsförbindelser)?$/],
  ['grupp', /^anslagsredovisning$/],
  ['anslag', /^redovisning mot anslag$/],
  ['inkomsttitlar', /^redovisning mot inkomsttit(el|lar)$/],
  ['bemyndiganden', /^redovisning av (beställnings)?bemyndiganden$/],
  ['finansiella_villkor', /^(redovisning av )?finansiella villkor$/],
  ['utestaende_ataganden', /^utestående åtaganden$/],
  ['finansieringsanalys', /^finansieringsanalys$/],
  ['noter', /^(tilläggsupplysningar och noter|noter)$/],
];

export function headingKind(text: string): SectionKind | 'grupp' | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return HEADINGS.find(([, re]) => re.test(t))?.[0];
}

/** The sections in text order. The financial part starts at the first one. */
export function findSections(lines: readonly SourceLine[]): Section[] {
  const starts: { kind: SectionKind | 'grupp'; start: number }[] = [];
  for (const l of lines) {
    const kind = headingKind(l.text);
    if (!kind) continue;
    const last = starts[starts.length - 1];
    if (last && (last.kind === kind || kind === 'grupp')) continue;
    // A heading seen before in a later section is a running header of a continued table
    // only when it repeats the current one; otherwise it is a new section.
    starts.push({ kind, start: l.nr });
  }
  const sections: Section[] = [];
  starts.forEach((s, i) => {
    if (s.kind === 'grupp') return;
    sections.push({ kind: s.kind, start: s.start, end: starts[i + 1]?.start ?? lines.length + 1 });
  });
  // A kind that occurs twice (a table of contents without page numbers, a heading quoted
  // in the text): the occurrence with the most lines ending in figures holds the table.
  const rows = (s: Section) => lines.slice(s.start, s.end - 1).filter((l) => splitTokens(l.text).tokens.some((t) => /\d/.test(t))).length;
  const best = new Map<SectionKind, Section>();
  for (const s of sections) {
    const b = best.get(s.kind);
    if (!b || rows(s) > rows(b)) best.set(s.kind, s);
  }
  return sections.filter((s) => best.get(s.kind) === s);
}

/** Lines that only mark a page break inside a table. */
export const isContinuation = (text: string) => /^fortsättning\b/i.test(text.trim()) || NOTE_CONTINUED.test(text.trim());
/** A note's heading repeated after a page break: "Not 7 (forts.)", "Not 7, fortsättning". */
export const NOTE_CONTINUED = /^(not\s+\d{1,3}\b[\s,]*)?\(?(forts\.?|fortsättning)\)?$/i;

/** Years and dates that head the period columns: "2024", "2024-12-31". */
export const COLUMN_HEAD = /(?<![\d-])((?:19|20)\d\d)(?:-\d\d-\d\d)?(?:(?<=\d{4})\d(?=\s*$))?(?![\d-])/g;

export const same = (a: string, b: string) => squash(a) === squash(b);
