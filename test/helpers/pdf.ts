/**
 * A minimal PDF writer for tests: pages of text placed at given positions, in the
 * standard Helvetica font with WinAnsiEncoding (å, ä, ö, –). Enough to give PDF.js a real
 * text layer to read; no fonts embedded, no compression.
 */

export interface PdfText {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size?: number;
}

/** Bytes of a string in WinAnsi (latin1 plus the en dash at 0x96), escaped for a PDF string. */
function pdfString(s: string): string {
  const mapped = [...s].map((ch) => (ch === '–' ? '\x96' : ch === '\u00a0' ? '\xa0' : ch)).join('');
  return `(${mapped.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function makePdf(pages: readonly (readonly PdfText[])[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const stream = page.map((t) => `BT /F1 ${t.size ?? 10} Tf 1 0 0 1 ${t.x} ${t.y} Tm ${pdfString(t.text)} Tj ET`).join('\n');
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const content = objects.length;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`);
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A page of a table: each line is a label and cells; cells right-aligned at the given
 * column right edges (approximate: Helvetica digits are 0.556 em wide).
 */
export function tablePage(rows: readonly (readonly string[])[], rightEdges: readonly number[], top = 800): PdfText[] {
  const out: PdfText[] = [];
  rows.forEach((cells, r) => {
    const y = top - r * 14;
    const [label, ...values] = cells;
    if (label) out.push({ x: 50, y, text: label });
    values.forEach((v, i) => {
      const w = v.length * 5.56;
      out.push({ x: rightEdges[i]! - w, y, text: v });
    });
  });
  return out;
}
