/**
 * The workbook's styles, defined once. Every cell gets one of a small set of shared,
 * frozen style objects (exceljs caches the style id per object, so sharing them keeps
 * styles.xml small and writing fast); nothing creates a style per cell.
 */
import type { Alignment, Borders, Fill, Font, Style } from 'exceljs';

export type CellStyle = Readonly<Partial<Style>>;

/** Thousands separators and a minus sign; the locale decides the separator characters. */
export const NUMFMT: readonly string[] = ['#,##0;-#,##0', '#,##0.0;-#,##0.0', '#,##0.00;-#,##0.00', '#,##0.000;-#,##0.000'];
/**
 * The same with the sections swapped: a negated figure shows with the sign it was printed
 * with. A third section for zero, which would otherwise take the first and show as "-0".
 */
const NUMFMT_NEGATED: readonly string[] = NUMFMT.map((f) => {
  const [positive, negative] = f.split(';');
  return `${negative};${positive};${positive}`;
});

const BLACK = { argb: 'FF000000' };
const FONT: Partial<Font> = { name: 'Calibri', size: 11, family: 2 };
const FONT_BOLD: Partial<Font> = { ...FONT, bold: true };
const FONT_TITLE: Partial<Font> = { ...FONT, size: 14, bold: true };
const FONT_SECTION: Partial<Font> = { ...FONT, size: 12, bold: true };
const FONT_SUBTITLE: Partial<Font> = { ...FONT, italic: true, color: { argb: 'FF595959' } };
const FONT_MUTED: Partial<Font> = { ...FONT, size: 9, color: { argb: 'FF7F7F7F' } };
const FONT_LINK: Partial<Font> = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
const FONT_LINK_BOLD: Partial<Font> = { ...FONT_LINK, bold: true };
const FONT_BAD: Partial<Font> = { ...FONT, bold: true, color: { argb: 'FF9C0006' } };

const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } });

/** The colour code of a check's status. */
export const STATUS_FILL = {
  ok: undefined,
  rounding: solid('FFFFF9D0'), // light yellow
  discrepancy: solid('FFFFC7CE'), // red
  acknowledged: solid('FFFFD9A0'), // amber
} as const;
export type FillKey = keyof typeof STATUS_FILL;
const HEADER_FILL = solid('FFDDE4EE');

const HEADER_BORDER: Partial<Borders> = { bottom: { style: 'thin', color: BLACK } };
const TOTAL_BORDER: Partial<Borders> = { top: { style: 'thin', color: BLACK } };

const LEFT: Partial<Alignment> = { vertical: 'top', horizontal: 'left' };
const LEFT_INDENT: Partial<Alignment> = { vertical: 'top', horizontal: 'left', indent: 1 };
const RIGHT: Partial<Alignment> = { vertical: 'top', horizontal: 'right' };
const CENTER: Partial<Alignment> = { vertical: 'top', horizontal: 'center' };
const HEADER_LEFT: Partial<Alignment> = { vertical: 'bottom', horizontal: 'left', wrapText: true };
const HEADER_RIGHT: Partial<Alignment> = { vertical: 'bottom', horizontal: 'right', wrapText: true };
const WRAP: Partial<Alignment> = { vertical: 'top', horizontal: 'left', wrapText: true };

const freeze = <T extends object>(o: T): T => {
  for (const v of Object.values(o)) if (v && typeof v === 'object') freeze(v as object);
  return Object.freeze(o);
};

export const S = freeze({
  title: { font: FONT_TITLE, alignment: LEFT },
  section: { font: FONT_SECTION, alignment: LEFT },
  subtitle: { font: FONT_SUBTITLE, alignment: LEFT },
  text: { font: FONT, alignment: LEFT },
  textWrap: { font: FONT, alignment: WRAP },
  textIndent: { font: FONT, alignment: LEFT_INDENT },
  textBold: { font: FONT_BOLD, alignment: LEFT },
  muted: { font: FONT_MUTED, alignment: LEFT_INDENT },
  link: { font: FONT_LINK, alignment: LEFT },
  linkCenter: { font: FONT_LINK, alignment: CENTER },
  center: { font: FONT, alignment: CENTER },
  empty: { font: FONT_MUTED, alignment: RIGHT },
  headerLeft: { font: FONT_BOLD, fill: HEADER_FILL, border: HEADER_BORDER, alignment: HEADER_LEFT },
  headerRight: { font: FONT_BOLD, fill: HEADER_FILL, border: HEADER_BORDER, alignment: HEADER_RIGHT },
  verdictBad: { font: { ...FONT_BAD, size: 14 }, fill: STATUS_FILL.discrepancy, alignment: LEFT },
  verdictGood: { font: FONT_TITLE, alignment: LEFT },
} satisfies Record<string, CellStyle>);

export interface Variant {
  /** Left-aligned (a number in a list of facts rather than a column of amounts). */
  readonly left?: boolean;
  readonly bold?: boolean;
  readonly total?: boolean;
  readonly fill?: FillKey;
  /** The value is the printed amount negated (a table's `tecken`): shown as printed. */
  readonly negated?: boolean;
}

const cache = new Map<string, CellStyle>();
/** One shared object per combination, created on first use. */
function memo(key: string, make: () => CellStyle): CellStyle {
  let s = cache.get(key);
  if (!s) cache.set(key, (s = freeze(make())));
  return s;
}

/** A number cell: `decimals` places, bold for totals, a top border for sum lines, a status fill. */
export function numberStyle(decimals: number, v: Variant = {}): CellStyle {
  const d = Math.max(0, Math.min(decimals, NUMFMT.length - 1));
  return memo(`n${d}${v.left ? 'l' : ''}${v.bold ? 'b' : ''}${v.total ? 't' : ''}${v.negated ? 'n' : ''}${v.fill ?? ''}`, () => ({
    // A negated figure: the sections swap, so the cell holds the normalised value (formulas
    // add it as such) and shows the amount as printed.
    numFmt: (v.negated ? NUMFMT_NEGATED : NUMFMT)[d]!,
    font: v.bold ? FONT_BOLD : FONT,
    alignment: v.left ? LEFT : RIGHT,
    ...(v.total ? { border: TOTAL_BORDER } : {}),
    ...(v.fill && STATUS_FILL[v.fill] ? { fill: STATUS_FILL[v.fill] } : {}),
  }));
}

/** A text cell with the same variants; `link` for a hyperlink, `bad` for the red status text. */
export function textStyle(v: Variant & { link?: boolean; bad?: boolean; wrap?: boolean; indent?: boolean; muted?: boolean } = {}): CellStyle {
  const key = `t${v.bold ? 'b' : ''}${v.total ? 't' : ''}${v.link ? 'l' : ''}${v.bad ? 'x' : ''}${v.wrap ? 'w' : ''}${v.indent ? 'i' : ''}${v.muted ? 'm' : ''}${v.fill ?? ''}`;
  return memo(key, () => ({
    font: v.bad ? FONT_BAD : v.link ? (v.bold ? FONT_LINK_BOLD : FONT_LINK) : v.muted ? FONT_MUTED : v.bold ? FONT_BOLD : FONT,
    alignment: v.wrap ? WRAP : v.indent ? LEFT_INDENT : LEFT,
    ...(v.total ? { border: TOTAL_BORDER } : {}),
    ...(v.fill && STATUS_FILL[v.fill] ? { fill: STATUS_FILL[v.fill] } : {}),
  }));
}

/** Differential styles for the conditional formatting of the check sheet (follow recalculation). */
export const CF_FILL = {
  ok: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFFFFF' } } },
  rounding: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFF9D0' } } },
  discrepancy: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { bold: true, color: { argb: 'FF9C0006' } } },
  acknowledged: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFD9A0' } } },
} as const;
