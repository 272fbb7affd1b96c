#!/usr/bin/env node
// The avstamning binary. It runs the bundled CLI (dist/bin/main.cjs, built by `npm run build`)
// through V8's code cache, so that a run after the first skips compiling the bundle: about
// 40 ms of a 350 ms reconcile. Node 22 offers this as module.enableCompileCache(); Node 20
// does not, so the cache is kept here, in the temp directory, keyed by Node version and bundle.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'bin', 'main.cjs');
const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
const stamp = `${process.version}-${process.arch}-${fs.statSync(file).mtimeMs}-${source.length}`;
const cacheFile = path.join(os.tmpdir(), `avstamning-${stamp.replace(/[^\w.-]/g, '_')}.v8cache`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // After the run, so that the cache holds the functions the run compiled.
  process.once('exit', () => {
    try {
      fs.writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // A read-only temp directory costs only speed.
    }
  });
}
// A real module in the require cache: the bundle's lazily loaded chunk (the workbook writer)
// requires main.cjs back, and must get this instance rather than run the CLI a second time.
const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(path.dirname(file));
require.cache[file] = mod;
script.runInThisContext()(mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
mod.loaded = true;
