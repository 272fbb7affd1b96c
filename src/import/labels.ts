/**
 * Printed labels against the prescribed ones. A layout label may carry a group
 * ("Låneram: beviljad i regleringsbrevet", printed as the row "Beviljad i regleringsbrevet"
 * under the heading "Låneram") or a qualifier that is not printed ("Finansiella intäkter
 * (transfereringar)", "Summa periodavgränsningsposter (tillgångar)"). Labels are compared
 * as letters and digits only, so that spacing, hyphenation over lines and punctuation do
 * not matter.
 */
import type { LayoutLine } from '../domain/model.js';

/** Letters and digits only, lower case: "Summa skulder m. m." → "summaskuldermm". */
export const squash = (s: string) => s.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '');
/** Lower-case words. */
export const words = (s: string) => s.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** A printed label without footnote markers: "regleringsbrevet1" → "regleringsbrevet". */
export function cleanLabel(s: string): string {
  return s
    .replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]/g, '')
    .replace(/(\p{Ll}{3,}|\))\d{1,2}(?=\s|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface LabelForms {
  /** The forms a printed row may take, best first (tier 0 = exact). */
  readonly exact: readonly string[];
  /** The label's words without group and qualifier. */
  readonly base: readonly string[];
  readonly group?: string;
  readonly qualifier?: string;
}

export function labelForms(label: string): LabelForms {
  const q = /^(.*?)\s*\(([^()]*)\)$/.exec(label);
  const noQual = q && !/[-+–]/.test(q[2]!) ? q[1]! : label;
  const qualifier = q && noQual !== label ? q[2]! : undefined;
  const g = /^([^:]+):\s*(.+)$/.exec(noQual);
  const row = g ? g[2]! : noQual;
  const exact = [label, noQual, ...(g ? [`${g[1]} ${g[2]}`] : [])].map(squash);
  return { exact: [...new Set(exact)], base: words(row), ...(g ? { group: g[1]! } : {}), ...(qualifier ? { qualifier } : {}) };
}

/** How well a printed label (with its heading) fits a layout line: 0 best, 3 no fit. */
export function fit(printed: string, heading: string, forms: LabelForms): number {
  const p = squash(printed);
  if (!p) return 3;
  const withHeading = squash(`${printed} ${heading}`);
  if (forms.exact.includes(p)) return 0;
  // The row of a group, printed under the group's heading: "Beviljad i regleringsbrevet" under "Låneram".
  if (forms.group) {
    if (!groupFits(heading, forms.group)) return 3;
    if (p === squash(forms.base.join(' '))) return 0;
  }
  // "Summa" / "Saldo" under a heading: "Summa" + "Verksamhetens intäkter".
  if (/^(summa|saldo)$/.test(p) && forms.exact.includes(withHeading)) return 0;
  const pw = words(printed);
  const base = forms.base;
  if (pw.length >= 2 || base.length === 1) {
    // The printed label adds words ("... avseende tjänsteexport"), or drops leading ones
    // ("Anställda" for "Medelantal anställda"), or leaves out a word in the middle.
    if (startsWith(pw, base) || (pw.length >= 1 && endsWith(base, pw) && pw[0] !== 'summa')) return 1;
    if (pw.length >= 2 && isSubsequence(pw, base) && pw[0] === base[0]) return 2;
  }
  // One long word that ends the prescribed label: "Anställda" for "Medelantal anställda".
  if (pw.length === 1 && pw[0]!.length >= 6 && endsWith(base, pw)) return 2;
  return 3;
}

/** A heading names a group when their first letters agree ("Bemyndigande" / "Bemyndiganden"). */
function groupFits(heading: string, group: string): boolean {
  const h = squash(heading);
  const g = squash(group);
  const n = Math.min(8, h.length, g.length);
  return n >= 4 && h.slice(0, n) === g.slice(0, n);
}

const startsWith = (a: readonly string[], b: readonly string[]) => b.length > 0 && b.length <= a.length && b.every((w, i) => a[i] === w);
const endsWith = (a: readonly string[], b: readonly string[]) => b.length > 0 && b.length < a.length && b.every((w, i) => a[a.length - b.length + i] === w);
function isSubsequence(small: readonly string[], big: readonly string[]): boolean {
  let j = 0;
  for (const w of big) if (j < small.length && small[j] === w) j++;
  return j === small.length && small.length < big.length;
}

export interface Match {
  readonly line: LayoutLine;
  readonly index: number;
  /** Fit × 10 plus the position's cost (see matchLine): lower is better. */
  readonly tier: number;
}

/**
 * The layout line a printed row is: the best fit, and among equal fits the first line
 * after the last one matched (statements follow the layout's order); a line before it,
 * or past a sum line not yet matched, only where no line fits as well in order. Lines
 * already used are not offered again.
 */
export function matchLine(printed: string, heading: string, lines: readonly LayoutLine[], forms: readonly LabelForms[], after: number, used: ReadonlySet<string>): Match | undefined {
  let best: Match | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (used.has(lines[i]!.id)) continue;
    const tier = fit(printed, heading, forms[i]!);
    if (tier >= 3) continue;
    // A line before the cursor (a row printed out of the layout's order) only for a label
    // that is the prescribed one.
    if (i <= after && tier > 1) continue;
    // The best fit first; among equal fits, the next lines in order, then a line before
    // the cursor, then a line past a sum not yet matched, which is in a later part of the
    // statement ("Finansiella kostnader (transfereringar)" past "Summa verksamhetens kostnader").
    const rank = tier * 10 + (i > after ? (passesSum(lines, after, i, used) ? 4 : 0) : 3);
    if (!best || rank < best.tier || (rank === best.tier && distance(i, after) < distance(best.index, after))) best = { line: lines[i]!, index: i, tier: rank };
  }
  return best;
}
const passesSum = (lines: readonly LayoutLine[], after: number, i: number, used: ReadonlySet<string>) => lines.slice(after + 1, i).some((l) => l.sum && !used.has(l.id));
const distance = (i: number, after: number) => (i > after ? i - after : 1000 + after - i);
