/** Placeholder: replaced below. */
export class PdfError extends Error {}
export async function pdfText(_bytes: Uint8Array): Promise<string> {
  throw new PdfError('PDF stöds inte ännu');
}
