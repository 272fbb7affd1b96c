// Bundles the compiled CLI into one CommonJS file (dist/bin/main.cjs, run by bin/avstamning.cjs),
// so that start-up reads a single file instead of resolving hundreds of modules. exceljs stays outside the bundle:
// it is loaded only when a workbook is written.
export default {
  input: 'dist/cli/main.js',
  platform: 'node',
  external: ['exceljs'],
  output: { dir: 'dist/bin', format: 'cjs', entryFileNames: 'main.cjs', chunkFileNames: '[name].cjs' },
};
