// exceljs's streaming writer module, imported directly so that the reader, CSV and the
// in-memory workbook are neither loaded nor bundled. Its class is the one exceljs exports
// as stream.xlsx.WorkbookWriter.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

// exceljs's XML escaping (the one its own cell renderer uses).
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
