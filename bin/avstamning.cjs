#!/usr/bin/env node
// The avstamning binary. It runs the bundled CLI (dist/bin/main.cjs, built by `npm run build`),
// compiling the bundle's files through V8's code cache, so that every run after the first skips
// compiling them: about 40 ms of a reconcile, and as much again when a workbook is written.
// Node 22 offers this as module.enableCompileCache(); Node 20 does not, so the cache is kept
// here, one file per bundle file and command. Per command, because a cache holds the functions
// compiled by the run that wrote it: one written by `check` would leave `reconcile` compiling
// its rules and renderers every time.
//
// Where: a private per-user directory, $XDG_CACHE_HOME/avstamning or ~/.cache/avstamning, else
// <tmpdir>/avstamning-<uid>; created with mode 0700 and used only if it is a real directory
// (not a link) owned by this user and writable by no one else, so that another user can
// neither plant nor swap a cache. Each cache file must be a regular file of this user, not
// group or world writable. Names: a hash of this install's bundle path, the file, the command,
// Node's version and architecture, and a hash of the bundle file's size and mtime. A second
// install on the same machine has other names, so neither evicts nor overwrites the other's;
// a rebuild of this install removes its own earlier caches. V8 checks a cache against the
// source and its flags; a rejected one (cachedDataRejected) is rewritten. Anything unsafe or
// failing means no cache, never a failed run. AVSTAMNING_DEBUG_CACHE=1 prints what happened;
// AVSTAMNING_NO_CACHE=1 runs without this cache or any other (a first run's cost, every time).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'bin');
const compile = Module.prototype._compile;
const debug = process.env.AVSTAMNING_DEBUG_CACHE ? (msg) => process.stderr.write(`v8cache: ${msg}\n`) : () => {};
const hash = (s) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);
const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

/** Safe to trust: owned by this user and writable by no one else (Windows: per-user already). */
const trusted = (st) => uid === undefined || (st.uid === uid && (st.mode & 0o022) === 0);

/**
 * mkdir -p, by hand: Node's recursive mkdirSync never returns under /proc (each mkdir there
 * says ENOENT, and it tries the parent again), and XDG_CACHE_HOME may name any directory.
 * The bundle's makeDirs (src/io/make-dirs.ts) does the same; the launcher runs before any
 * bundle file is loaded, so it keeps this small copy (with the private mode it needs).
 */
function makeDir(dir, mode) {
  try {
    fs.mkdirSync(dir, { mode });
  } catch (e) {
    if (e.code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (e.code !== 'ENOENT' || parent === dir) throw e;
    makeDir(parent, 0o755);
    fs.mkdirSync(dir, { mode });
  }
}

let cacheDir; // undefined: not looked for yet; null: none usable
function privateCacheDir() {
  if (cacheDir !== undefined) return cacheDir;
  if (process.env.AVSTAMNING_NO_CACHE) return (cacheDir = null);
  const xdg = process.env.XDG_CACHE_HOME;
  const home = (() => {
    try {
      return os.homedir();
    } catch {
      return '';
    }
  })();
  const candidates = [
    xdg && path.isAbsolute(xdg) ? path.join(xdg, 'avstamning') : undefined,
    home ? path.join(home, '.cache', 'avstamning') : undefined,
    path.join(os.tmpdir(), `avstamning-${uid ?? os.userInfo().username}`),
  ].filter(Boolean);
  for (const dir of candidates) {
    try {
      makeDir(dir, 0o700);
      const st = fs.lstatSync(dir);
      if (st.isDirectory() && trusted(st)) return (cacheDir = dir);
      debug(`unsafe ${dir} (not a private directory of this user)`);
    } catch {
      // not creatable here: the next candidate
    }
  }
  return (cacheDir = null);
}

/** The cache's bytes, if the file is a regular file this user alone can write. */
function readCache(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile() || !trusted(st)) {
      debug(`unsafe ${file}`);
      return undefined;
    }
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Written beside, then renamed: a concurrent run reads a whole cache or none. */
function writeCache(dir, file, data, stalePrefix) {
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`);
  fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  // This install's caches of earlier builds of this file and command are of no further use.
  for (const f of fs.readdirSync(dir)) if (f.startsWith(stalePrefix) && f !== path.basename(file)) fs.rmSync(path.join(dir, f), { force: true });
}

Module.prototype._compile = function compileWithCache(content, filename) {
  if (path.dirname(filename) !== bundle) return compile.call(this, content, filename);
  const source = content.replace(/^#!.*/, '');
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const dir = privateCacheDir();
  let cacheFile, cachedData, prefix;
  if (dir) {
    const st = fs.statSync(filename);
    prefix = `${hash(fs.realpathSync(bundle))}-${path.basename(filename)}-${command}-${process.version}-${process.arch}-`.replace(/[^\w.-]/g, '_');
    cacheFile = path.join(dir, `${prefix}${hash(`${st.size}:${st.mtimeMs}`)}.v8cache`);
    cachedData = readCache(cacheFile);
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  debug(`${path.basename(filename)} ${!dir ? 'no cache directory' : cachedData === undefined ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit'}`);
  if (dir && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit, so that the cache holds the functions the run compiled.
    process.once('exit', () => {
      try {
        writeCache(dir, cacheFile, script.createCachedData(), prefix);
      } catch {
        // A cache that cannot be written costs only speed.
      }
    });
  }
  const require = (id) => this.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
  require.main = process.mainModule;
  require.cache = Module._cache;
  return script.runInThisContext().call(this.exports, this.exports, require, this, filename, path.dirname(filename));
};

// A worker thread started on this file runs the bundle file its workerData names (a worker's
// entry, such as huvudbok-arbetare.cjs) through the same cache; otherwise the CLI.
const { isMainThread, workerData } = require('node:worker_threads');
const start = !isMainThread && typeof workerData?.avstamningStart === 'string' ? path.basename(workerData.avstamningStart) : 'main.cjs';
// The same private directory keeps parsed YAML files and read books (src/io/private-cache.ts),
// tagged with this build of the bundle (a rebuild never reads an entry of an older one) and kept
// apart per install (a second install of the tool neither evicts nor reads the first one's entries).
// In every thread: the worker threads of a run over many ledgers load ledgers as the main one does.
if (privateCacheDir()) {
  try {
    const st = fs.statSync(path.join(bundle, 'main.cjs'));
    const installed = fs.realpathSync(bundle);
    globalThis[Symbol.for('avstamning.cache')] = { dir: cacheDir, install: hash(installed), tag: hash(`${installed}:${st.size}:${st.mtimeMs}`) };
  } catch {
    // No bundle to tag: no YAML cache.
  }
}
require(path.join(bundle, start));
