#!/usr/bin/env node
// The `concord` command: runs the bundled CLI (dist/concord/, scripts/bundle.mjs) with its V8 code caches.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const BUNDLE_DIR = path.join(__dirname, '..', 'dist', 'concord');

/**
 * Compiles one part as Node compiles a CommonJS module, but through vm.Script so that V8 can start from
 * the part's code cache (made by `npm run build`; a cache from another Node version is rejected by V8,
 * and the part is compiled from source).
 */
function compilePart(file, module) {
  // A `#!` line (kept from src/cli/main.ts) is not JavaScript inside a function: make it a comment. The build
  // writes every part in ASCII, so read as latin1 it is the same text, without UTF-8 decoding (~1 ms of every
  // command for the main part).
  const source = fs.readFileSync(file, 'latin1').replace(/^#!/, '//');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    // No cache: V8 compiles from source.
  }
  // The wrapper is on the first line, so that line numbers in stack traces stay those of the part.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  script.runInThisContext().call(module.exports, module.exports, partRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return script;
}

/**
 * The `require` of a part: another part (`./main.cjs`) straight from require.cache, where loadBundle put it,
 * without Node's resolution (a stat and a realpath each); anything else through Node's own.
 */
function partRequire(file) {
  let outside;
  const node = () => (outside ??= createRequire(file));
  const req = (id) => (id.startsWith('./') && require.cache[path.join(BUNDLE_DIR, id)]?.exports) || node()(id);
  Object.defineProperties(req, {
    resolve: { get: () => node().resolve },
    cache: { get: () => require.cache },
    main: { get: () => require.main },
  });
  return req;
}

/**
 * Loads the `concord` part. The other parts are registered in require.cache (which Node documents as
 * open to additions) as modules whose exports compile the part on first use, when a part requires it.
 */
function loadBundle() {
  const compiled = new Map();
  for (const name of fs.readdirSync(BUNDLE_DIR)) {
    if (!name.endsWith('.cjs') || name === 'concord.cjs') continue;
    const file = path.join(BUNDLE_DIR, name);
    const real = { id: file, filename: file, loaded: false, children: [], paths: [], exports: {} };
    let started = false;
    // Parts may require each other while loading: a second require sees the exports being filled.
    const lazy = { id: file, filename: file, loaded: true, children: [], paths: [] };
    Object.defineProperty(lazy, 'exports', {
      get: () => {
        if (!started) {
          started = true;
          compiled.set(path.basename(name, '.cjs'), compilePart(file, real));
        }
        return real.exports;
      },
    });
    require.cache[file] = lazy;
  }
  const file = path.join(BUNDLE_DIR, 'concord.cjs');
  const module = { id: file, filename: file, loaded: false, children: [], paths: [], exports: {} };
  require.cache[file] = module;
  compiled.set('concord', compilePart(file, module));
  return { exports: module.exports, compiled };
}

module.exports = { BUNDLE_DIR, loadBundle };

/** Which build this is: the main part's size and time (a rebuild changes them), for caches of answers. */
function buildId() {
  const s = fs.statSync(path.join(BUNDLE_DIR, 'main.cjs'));
  return `${s.size}:${s.mtimeMs}`;
}

if (require.main === module) {
  if (fs.existsSync(path.join(BUNDLE_DIR, 'concord.cjs'))) loadBundle().exports.main({ build: buildId() });
  else import('../dist/cli/main.js').then((m) => m.main());
}
