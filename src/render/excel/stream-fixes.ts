/**
 * Two gaps of exceljs 4.4's streaming WorksheetWriter, closed per sheet:
 *
 * 1. Links inside the workbook. The writer turns every hyperlink into an external
 *    relationship; `#'Noter'!A60` then works in Excel but LibreOffice resolves it against
 *    the file's own path (a link to the file, not to the cell). The standard form is a
 *    `<hyperlink ref=".." location="'Noter'!A60"/>` without relationship, which exceljs's own
 *    HyperlinkXform renders for entries that carry a `target` and no `rId`.
 * 2. Element order. The writer emits `<hyperlinks>` before `<conditionalFormatting>`; the
 *    schema (CT_Worksheet) wants conditionalFormatting, dataValidations, then hyperlinks, and
 *    Excel "repairs" a sheet that has both in the wrong order.
 *
 * 3. Speed. Committing a row through the public API builds a Row, a Cell and a value object
 *    per cell, then renders them through exceljs's generic XML builder: about half of the
 *    time a workbook takes. `rows` writes the planned rows' `<row>`/`<c>` elements straight
 *    into the sheet's stream instead, still through exceljs's style registry, shared-string
 *    table and XML escaping, so styles.xml and sharedStrings.xml come out as before.
 *
 * All three reach into private fields, so each is feature-checked: if a future exceljs
 * changes them, `patchWorksheet` returns undefined and the caller falls back to the public
 * API (row commits, internal links as HYPERLINK formulas, the same conditional formatting),
 * which gives the same cells, styles and links. package.json pins the exact exceljs version;
 * test/excel.test.ts checks that the fast path is the one in use, and recalculates both
 * paths in LibreOffice (`writeWorkbook(..., { fastPath: false })` forces the fallback).
 */
import type ExcelJS from 'exceljs';
import utils from 'exceljs/lib/utils/utils.js';
import { columnLetter, type RowPlan } from './plan.js';

interface HyperlinkModel {
  address: string;
  target: string;
  tooltip?: string;
}
interface WorksheetWriterInternals {
  _sheetRelsWriter?: { _hyperlinks?: unknown };
  _writeHyperlinks?: unknown;
  _writeConditionalFormatting?: unknown;
  _writeColumns?: () => void;
  _writeOpenSheetData?: () => void;
  startedData?: boolean;
  stream?: { write(xml: string): unknown };
}
interface WorkbookWriterInternals {
  styles?: { addStyleModel?(style: object, cellType: number): number };
  sharedStrings?: { add?(text: string): number };
}

/** exceljs's ValueType codes, for the style registry (a number style gets "General"). */
const NUMBER = 2;
const STRING = 3;
/** Pieces of row XML gathered before they are written into the sheet's stream. */
const FLUSH_PIECES = 1 << 16;

export interface PatchedWorksheet {
  /** Writes the rows, numbered from 1, as the sheet's data. Call once, before `commit`. */
  rows(rows: readonly RowPlan[]): void;
}

/** The form HyperlinkXform recognises as internal: `Sheet!A1` / `'Sheet name'!A1`. */
const INTERNAL = /^[^!]+![a-zA-Z]+\d+$/;

export function patchWorksheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): PatchedWorksheet | undefined {
  const w = ws as unknown as WorksheetWriterInternals;
  const { styles, sharedStrings } = wb as unknown as WorkbookWriterInternals;
  const links = w._sheetRelsWriter?._hyperlinks;
  const writeHyperlinks = w._writeHyperlinks;
  const writeCf = w._writeConditionalFormatting;
  const addStyle = styles?.addStyleModel?.bind(styles);
  const addString = sharedStrings?.add?.bind(sharedStrings);
  const stream = w.stream;
  if (
    !Array.isArray(links) || typeof writeHyperlinks !== 'function' || typeof writeCf !== 'function' ||
    !addStyle || !addString || typeof stream?.write !== 'function' ||
    typeof w._writeColumns !== 'function' || typeof w._writeOpenSheetData !== 'function' || w.startedData !== false
  ) {
    return undefined;
  }
  // Hyperlinks after the conditional formatting, as the schema orders them.
  w._writeHyperlinks = () => {};
  w._writeConditionalFormatting = function (this: unknown) {
    writeCf.call(this);
    writeHyperlinks.call(this);
  };
  /** A link from `address` to `location` (`'Noter'!A60`) inside the workbook. */
  const addInternalLink = (address: string, location: string, tooltip?: string) => {
    if (!INTERNAL.test(location)) throw new Error(`ogiltig intern länk: ${location}`);
    const model: HyperlinkModel = { address, target: location, ...(tooltip ? { tooltip } : {}) };
    (links as HyperlinkModel[]).push(model);
  };
  return {
    rows(rows) {
      w._writeColumns!();
      w._writeOpenSheetData!();
      w.startedData = true;
      const letters: string[] = [];
      const xml: string[] = [];
      rows.forEach((row, i) => {
        const r = i + 1;
        xml.push(row.height ? `<row r="${r}" ht="${row.height}" customHeight="1">` : `<row r="${r}">`);
        row.cells.forEach((c, j) => {
          if (!c) return;
          const address = (letters[j] ??= columnLetter(j + 1)) + r;
          const id = addStyle(c.style, c.kind === 'text' || (c.kind === 'formula' && typeof c.result === 'string') ? STRING : NUMBER);
          const s = id ? ` s="${id}"` : '';
          switch (c.kind) {
            case 'text':
              // A shared string: never a formula, whatever it starts with.
              xml.push(`<c r="${address}"${s} t="s"><v>${addString(c.text)}</v></c>`);
              if (c.link) addInternalLink(address, c.link.slice(1));
              break;
            case 'number':
              xml.push(`<c r="${address}"${s}><v>${c.value}</v></c>`);
              break;
            case 'formula':
              xml.push(
                typeof c.result === 'string'
                  ? `<c r="${address}"${s} t="str"><f>${utils.xmlEncode(c.formula)}</f><v>${utils.xmlEncode(c.result)}</v></c>`
                  : `<c r="${address}"${s}><f>${utils.xmlEncode(c.formula)}</f><v>${c.result}</v></c>`,
              );
              break;
          }
        });
        xml.push('</row>');
        // Written a few thousand rows at a time: a sheet of a million rows is never one array or one string.
        if (xml.length >= FLUSH_PIECES) stream.write(xml.splice(0).join(''));
      });
      stream.write(xml.join(''));
    },
  };
}
