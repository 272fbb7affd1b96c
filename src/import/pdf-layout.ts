/**
 * A PDF page's text items as lines of text, pure. Items on one baseline (within a third of
 * the font size: footnote digits raised a little stay on their line) make one line, left
 * to right. A gap wider than about a character becomes two spaces, a column gap, which
 * the row reader never takes for a thousands separator; a narrower gap one space.
 */

export interface PdfTextItem {
  readonly str: string;
  /** x and y of the baseline start, in PDF units. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size, in PDF units. */
  readonly size: number;
}

export function pageLines(items: readonly PdfTextItem[]): string[] {
  // PDF.js reports the space between two runs as an item of its own: the gap itself says it.
  const sorted = items.filter((i) => i.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfTextItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const ref = line?.[0];
    if (line && ref && Math.abs(ref.y - item.y) <= Math.max(ref.size, item.size) / 3) line.push(item);
    else lines.push([item]);
  }
  return lines.map(joinLine);
}

function joinLine(items: PdfTextItem[]): string {
  const row = [...items].sort((a, b) => a.x - b.x);
  let out = '';
  let end = -Infinity;
  for (const item of row) {
    const gap = item.x - end;
    const size = item.size || 10;
    if (out) {
      if (gap > size * 0.9) out += '  ';
      else if (gap > size * 0.12) out += ' ';
    }
    out += item.str;
    end = item.x + item.width;
  }
  return out.replace(/\s+$/, '');
}
