// Bundles the compiled CLI into CommonJS files in dist/bin/ (main.cjs, and excel.cjs, the
// workbook writer with exceljs's streaming writer, loaded only when a workbook is written),
// so that start-up reads a few files instead of resolving hundreds of modules.
// bin/avstamning.cjs runs them through V8's code cache.

/**
 * archiver-utils 2 (inside exceljs) still calls the deprecated `new Buffer(x)`; Node stays
 * silent about that inside node_modules, but not in a bundle. Buffer.alloc / Buffer.from
 * are what it means for the two calls it makes (a length 0 and a string).
 */
const modernBuffer = {
  name: 'modern-buffer',
  transform(code, id) {
    if (!/archiver-utils[\\/]/.test(id) || !code.includes('new Buffer(')) return null;
    return code.replace(/new Buffer\(0\)/g, 'Buffer.alloc(0)').replace(/new Buffer\(/g, 'Buffer.from(');
  },
};

export default [
  {
    input: 'dist/cli/main.js',
    platform: 'node',
    plugins: [modernBuffer],
    // yargs's unused `extends` feature reads import.meta, which CommonJS lacks: known, harmless.
    checks: { emptyImportMeta: false },
    // PDF.js is loaded from node_modules, only by `import` of a PDF (it is large and an ES module).
    external: [/^pdfjs-dist/],
    output: { dir: 'dist/bin', format: 'cjs', entryFileNames: 'main.cjs', chunkFileNames: '[name].cjs' },
  },
  // The worker threads, files of their own so that loading one does not start the CLI: the one
  // that reads the second half of a large SIE file (src/sie/fil.ts), and the one that reads a
  // ledger's general ledger while the report is parsed (src/ledger/huvudbok-lasning.ts). They
  // share the SIE reader's chunk.
  {
    input: { 'sie-arbetare': 'dist/sie/arbetare.js', 'huvudbok-arbetare': 'dist/ledger/huvudbok-arbetare.js' },
    platform: 'node',
    checks: { emptyImportMeta: false },
    output: { dir: 'dist/bin', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'arbetare-[name].cjs' },
  },
];
