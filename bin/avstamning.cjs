#!/usr/bin/env node
// The avstamning binary. It runs the bundled CLI (dist/bin/main.cjs, built by `npm run build`),
// compiling the bundle's files through V8's code cache, so that every run after the first skips
// compiling them: about 40 ms of a reconcile, and as much again when a workbook is written.
// Node 22 offers this as module.enableCompileCache(); Node 20 does not, so the cache is kept
// here, in the temp directory, one file per bundle file and command, keyed by Node version and
// bundle. Per command, because a cache holds the functions compiled by the run that wrote it:
// one written by `check` would leave `reconcile` compiling its rules and renderers every time.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'bin');
const compile = Module.prototype._compile;

Module.prototype._compile = function compileWithCache(content, filename) {
  if (path.dirname(filename) !== bundle) return compile.call(this, content, filename);
  const source = content.replace(/^#!.*/, '');
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const stamp = `${process.version}-${process.arch}-${path.basename(filename)}-${command}-${fs.statSync(filename).mtimeMs}-${source.length}`;
  const cacheFile = path.join(os.tmpdir(), `avstamning-${stamp.replace(/[^\w.-]/g, '_')}.v8cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit, so that the cache holds the functions the run compiled.
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData());
        // Caches of earlier builds of this file and command are of no further use.
        const prefix = `avstamning-${process.version}-${process.arch}-${path.basename(filename)}-${command}-`.replace(/[^\w.-]/g, '_');
        for (const f of fs.readdirSync(os.tmpdir())) {
          if (f.startsWith(prefix) && f !== path.basename(cacheFile)) fs.rmSync(path.join(os.tmpdir(), f), { force: true });
        }
      } catch {
        // A read-only temp directory costs only speed.
      }
    });
  }
  const require = (id) => this.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
  require.main = process.mainModule;
  require.cache = Module._cache;
  return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
};

require(path.join(bundle, 'main.cjs'));
