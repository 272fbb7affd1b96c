/**
 * Two gaps of exceljs 4.4's streaming WorksheetWriter, closed per sheet:
 *
 * 1. Links inside the workbook. The writer turns every hyperlink into an external
 *    relationship; `#'Not 1'!A1` then works in Excel but LibreOffice resolves it against
 *    the file's own path (a link to the file, not to the cell). The standard form is a
 *    `<hyperlink ref=".." location="'Not 1'!A1"/>` without relationship, which exceljs's own
 *    HyperlinkXform renders for entries that carry a `target` and no `rId`.
 * 2. Element order. The writer emits `<hyperlinks>` before `<conditionalFormatting>`; the
 *    schema (CT_Worksheet) wants conditionalFormatting, dataValidations, then hyperlinks, and
 *    Excel "repairs" a sheet that has both in the wrong order.
 *
 * Both reach into private fields, so each is feature-checked: if a future exceljs changes
 * them, `patchWorksheet` returns undefined and the caller falls back to the public API
 * (external-style `#` links, no conditional formatting), which is valid everywhere.
 * test/excel.test.ts pins the patched output (location links, element order).
 */
import type ExcelJS from 'exceljs';

interface HyperlinkModel {
  address: string;
  target: string;
  tooltip?: string;
}
interface WorksheetWriterInternals {
  _sheetRelsWriter?: { _hyperlinks?: unknown };
  _writeHyperlinks?: unknown;
  _writeConditionalFormatting?: unknown;
}

export interface PatchedWorksheet {
  /** A link from `address` to `location` (`'Not 1'!A1`) inside the workbook. */
  addInternalLink(address: string, location: string, tooltip?: string): void;
}

/** The form HyperlinkXform recognises as internal: `Sheet!A1` / `'Sheet name'!A1`. */
const INTERNAL = /^[^!]+![a-zA-Z]+\d+$/;

export function patchWorksheet(ws: ExcelJS.Worksheet): PatchedWorksheet | undefined {
  const w = ws as unknown as WorksheetWriterInternals;
  const links = w._sheetRelsWriter?._hyperlinks;
  const writeHyperlinks = w._writeHyperlinks;
  const writeCf = w._writeConditionalFormatting;
  if (!Array.isArray(links) || typeof writeHyperlinks !== 'function' || typeof writeCf !== 'function') return undefined;
  // Hyperlinks after the conditional formatting, as the schema orders them.
  w._writeHyperlinks = () => {};
  w._writeConditionalFormatting = function (this: unknown) {
    writeCf.call(this);
    writeHyperlinks.call(this);
  };
  return {
    addInternalLink(address, location, tooltip) {
      if (!INTERNAL.test(location)) throw new Error(`ogiltig intern länk: ${location}`);
      const model: HyperlinkModel = { address, target: location, ...(tooltip ? { tooltip } : {}) };
      (links as HyperlinkModel[]).push(model);
    },
  };
}
