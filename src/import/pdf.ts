/**
 * The text layer of a PDF, at the edge: Mozilla's PDF.js (pdfjs-dist) reads the text items
 * with their positions, and pdf-layout.ts makes lines of them. Pages are separated by a
 * form feed, so that every line keeps its page. Loaded only by `import` of a PDF.
 */
import { pageLines, type PdfTextItem } from './pdf-layout.js';

/** A PDF that cannot be read: the user's input, reported with exit 2. */
export class PdfError extends Error {
  constructor(readonly kind: 'losenord' | 'trasig' | 'ingen_text', detail = '') {
    super(detail);
  }
}

interface RawItem {
  str?: string;
  transform?: number[];
  width?: number;
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    if ((e as Error).name === 'PasswordException') throw new PdfError('losenord');
    throw new PdfError('trasig', (e as Error).message);
  }
  try {
    const pages: string[] = [];
    let text = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items = (content.items as RawItem[]).flatMap(toItem);
      text += items.length;
      pages.push(pageLines(items).join('\n'));
      page.cleanup();
    }
    if (!text) throw new PdfError('ingen_text');
    return pages.join('\n\f');
  } finally {
    await doc.destroy();
  }
}

function toItem(i: RawItem): PdfTextItem[] {
  if (typeof i.str !== 'string' || !i.transform) return [];
  const [a, b, , , x, y] = i.transform as [number, number, number, number, number, number];
  return [{ str: i.str, x, y, width: i.width ?? 0, size: Math.hypot(a, b) }];
}
