// `npm run build`, after tsc: bundles the CLI into dist/concord/ and writes the V8 code caches (docs/performance.md).
//
// A few CommonJS files instead of hundreds of ES modules: Node resolves, reads and compiles a handful of
// scripts, and Node 20 can use a code cache only for scripts (vm.Script), not for ES modules. The code is
// split in parts that load only when used: `concord` (start-up and reads), `yaml` (the parser and the
// file edits), `checks` (dependency checks), `server` (MCP, HTTP, observability) and `zod` (what Concord's code
// reads off `z`, loaded on first use through a stand-in: a read answered from the index builds no schema, so it
// never loads zod). A part is the modules
// its seed packages reach, plus every module that imports one of those statically, so that no part imports
// a lazier one at its top. Node's built-in modules and better-sqlite3 (a native addon) stay outside and are
// required when the code that imports them first runs. The code caches are made by running commands.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { build } from 'rolldown';
import { BUNDLE_DIR, loadBundle } from '../bin/concord.cjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const builtins = new Set(builtinModules);
/** Packages required from node_modules when first used, not bundled. */
const OUTSIDE = new Set(['pg', 'graphile-worker']);
const LAZY = '\0lazy-require:';
/** Built-in modules that load only when first used (see `load`). */
const ON_FIRST_USE = new Set(['child_process', 'crypto', 'v8', 'os']);
const ADDON = '\0better-sqlite3-addon';
const pkg = (...names) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);
const src = (...dirs) => new RegExp(`[\\\\/]dist[\\\\/](${dirs.join('|')})[\\\\/]`);
/** Parts in order of precedence: a module both server and yaml code import statically is server's. */
const PARTS = [
  { name: 'server', seeds: [src('mcp', 'http'), pkg('@modelcontextprotocol', 'hono', '@hono', '@opentelemetry', 'pino', 'prom-client', 'ajv')] },
  { name: 'checks', seeds: [src('app[\\\\/]checks'), pkg('semver', 'smol-toml', '@renovatebot')] },
  { name: 'yaml', seeds: [pkg('yaml')] },
  { name: 'zod', seeds: [pkg('zod')] },
];
/** Concord's own `import { z } from 'zod'`: a stand-in that loads the zod part when first used (see `load`). */
const ZOD = '\0zod-on-first-use';
/** The entry that gives the zod part's exports to the stand-in. */
const ZOD_API = '\0zod-api';

/**
 * What Concord's code reads off `z` (`z.object`, `z.toJSONSchema`...), from the compiled sources: the zod part
 * holds those and what they need, as a bundle that reads them off the namespace itself would. Concord imports
 * nothing else from 'zod' at run time (`import type` aside): anything else is a build error, not a stand-in with
 * a member missing.
 */
function zodMembers() {
  const members = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['concord', 'web'].includes(e.name) || dir !== path.join(ROOT, 'dist')) walk(p);
      } else if (e.name.endsWith('.js')) {
        const code = fs.readFileSync(p, 'utf8');
        for (const m of code.matchAll(/^import (.+) from 'zod';$/gm)) if (m[1] !== '{ z }') throw new Error(`${p} imports ${m[1]} from 'zod': only { z } is read through the zod part's stand-in (scripts/bundle.mjs)`);
        if (/from 'zod';$/m.test(code)) for (const m of code.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) members.add(m[1]);
      }
    }
  };
  walk(path.join(ROOT, 'dist'));
  return [...members].sort();
}

/**
 * Which part each module goes to: the entry and what it imports statically (the version: `concord --version`)
 * are the `concord` part, the rest not in another part is `main`.
 */
function assignParts(ctx) {
  const ids = [...ctx.getModuleIds()];
  const info = (id) => ctx.getModuleInfo(id);
  const part = new Map();
  const entry = ids.filter((id) => info(id).isEntry && id !== ZOD_API);
  for (let todo = [...entry]; todo.length; ) {
    const id = todo.pop();
    if (part.has(id)) continue;
    part.set(id, 'concord');
    todo.push(...info(id).importedIds);
  }
  for (const { name, seeds } of PARTS) {
    const todo = ids.filter((id) => !part.has(id) && seeds.some((s) => s.test(id)));
    for (const id of todo) part.set(id, name);
    while (todo.length) {
      for (const importer of info(todo.pop()).importers) {
        if (part.get(importer) === 'concord') throw new Error(`the ${name} part reaches the entry's static imports through ${importer}`);
        if (part.has(importer)) continue;
        if (importer === ZOD_API) continue;
        if (info(importer).isEntry) throw new Error(`the ${name} part reaches the entry through ${importer}`);
        part.set(importer, name);
        todo.push(importer);
      }
    }
  }
  if (ids.includes(ZOD_API)) part.set(ZOD_API, 'zod');
  // A module only one part imports (statically or not) goes with that part (`concord` keeps only its own).
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of ids) {
      if (part.has(id) || info(id).isEntry) continue;
      const by = new Set([...info(id).importers, ...info(id).dynamicImporters].map((i) => part.get(i)));
      if (by.size === 1 && !by.has(undefined) && !by.has('concord')) {
        part.set(id, [...by][0]);
        changed = true;
      }
    }
  }
  return part;
}

/** A CommonJS module standing for `require(specifier)`, which it requires on first use of one of its properties. */
const onFirstUseModule = (specifier) => `let real;
const load = () => (real ??= require(${specifier}));
module.exports = new Proxy({}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Object.getOwnPropertyDescriptor(load(), key);
    return d && { ...d, configurable: true };
  },
});`;

let parts = new Map();
const plugin = {
  name: 'concord-bundle',
  resolveId(id, importer) {
    if (importer?.startsWith(LAZY) || importer === ZOD) return { id, external: true };
    if (id === ZOD_API) return id;
    // Concord's code imports zod through the stand-in; zod's own modules, other packages and the zod-api entry import zod.
    if (id === 'zod' && importer && importer !== ZOD_API && !/[\\/]node_modules[\\/]/.test(importer)) return { id: ZOD, moduleSideEffects: false };
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    // A module outside the bundle becomes a tiny CommonJS module of it, so it is required lazily.
    if (builtins.has(bare) || OUTSIDE.has(id)) return { id: LAZY + id, moduleSideEffects: false };
    // better-sqlite3's JavaScript is bundled; its native addon is loaded from the package's build folder
    // (what the `bindings` package finds after trying a dozen paths), else by `bindings` itself.
    if (id === 'bindings' && importer?.includes(`${path.sep}better-sqlite3${path.sep}`)) return { id: ADDON, moduleSideEffects: false };
    return null;
  },
  load(id) {
    // Named imports only (zodMembers checks): rolldown reads \`z\` off the stand-in where it is used, so a command
    // that builds no schema never loads zod (its part is 16% of what every command would read and deserialize).
    if (id === ZOD) return { code: onFirstUseModule("'./zod-api.cjs'"), moduleType: 'js' };
    if (id === ZOD_API) {
      const members = zodMembers();
      return { code: `import { z as zod } from 'zod';\nexport const z = { ${members.map((m) => `${m}: zod.${m}`).join(', ')} };`, moduleType: 'js' };
    }
    if (id === ADDON) {
      return {
        // Where a checkout installs it (beside dist/, no package lookup: ~0.3 ms), else where Node finds the package.
        code: `const path = require('node:path');
const fs = require('node:fs');
module.exports = (name) => {
  let addon = path.join(__dirname, '..', '..', 'node_modules', 'better-sqlite3', 'build', 'Release', name);
  try { fs.accessSync(addon); }
  catch {
    try { addon = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', name); fs.accessSync(addon); }
    catch { return require('bindings')(name); }
  }
  return require(addon);
};`,
        moduleType: 'js',
      };
    }
    if (!id.startsWith(LAZY)) return null;
    const name = JSON.stringify(id.slice(LAZY.length));
    // A module required at the top of a package but used rarely (commander requires child_process, which
    // loads net: ~15 ms of every command) is loaded on first use of one of its properties.
    if (ON_FIRST_USE.has(id.slice(LAZY.length).replace(/^node:/, ''))) return { code: onFirstUseModule(name), moduleType: 'js' };
    return { code: `module.exports = require(${name});`, moduleType: 'js' };
  },
  buildEnd() {
    parts = assignParts(this);
  },
};

fs.rmSync(BUNDLE_DIR, { recursive: true, force: true });
await build({
  input: { concord: path.join(ROOT, 'dist/cli/main.js'), 'zod-api': ZOD_API },
  platform: 'node',
  plugins: [plugin],
  // Dynamic imports of modules that are also imported statically are expected: the part decides.
  onLog: (level, log, handler) => (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' ? undefined : handler(level, log)),
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: BUNDLE_DIR,
    format: 'cjs',
    comments: false,
    // Every module is evaluated when first imported, not when its part loads: a dynamic import stays lazy.
    strictExecutionOrder: true,
    entryFileNames: '[name].cjs',
    // A chunk takes its name from rolldown's first module in it: the entry's own (cli/main.ts and the version)
    // is `start`, the one with the CLI's program is `main`.
    chunkFileNames: (chunk) => {
      const has = (file) => chunk.moduleIds.some((id) => id.endsWith(`${path.sep}cli${path.sep}${file}`));
      return has('program.js') ? 'main.cjs' : has('main.js') ? 'start.cjs' : chunk.moduleIds.includes(ZOD_API) ? 'zod.cjs' : '[name].cjs';
    },
    codeSplitting: { includeDependenciesRecursively: false, groups: [{ debugName: 'parts', name: (id) => (parts.get(id) === 'concord' ? null : (parts.get(id) ?? 'main')) }] },
  },
});
const written = fs.readdirSync(BUNDLE_DIR);
for (const name of ['concord', 'start', 'main', ...PARTS.map((p) => p.name)]) if (!written.includes(`${name}.cjs`)) throw new Error(`the bundle has no ${name} part: ${written.join(', ')}`);
// Each part in ASCII (other characters as \u escapes, which mean the same in strings, templates, regular
// expressions and comments): V8 then keeps its source as one byte per character, half the memory of a
// source with one "→" in it, and reads and scans it faster at every start.
for (const name of written.filter((n) => n.endsWith('.cjs'))) {
  const file = path.join(BUNDLE_DIR, name);
  const code = fs.readFileSync(file, 'utf8');
  if (/String\.raw/.test(code)) throw new Error(`${name} uses String.raw, whose text \\u escapes would change`);
  fs.writeFileSync(file, code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// The code caches: run commands through the bundle, then keep what V8 compiled for each part.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-code-cache-'));
try {
  const file = path.join(dir, 'ecosystem.yaml');
  fs.copyFileSync(path.join(ROOT, 'examples/ecosystem.yaml'), file);
  const bundle = loadBundle();
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  const io = { stdout: sink, stderr: sink, env: { CONCORD_ACTOR: 'build' }, cwd: dir };
  const commands = [
    ['--version'],
    ['status'],
    ['ready', '--limit', '5'],
    ['todo', 'list', '--limit', '5'],
    ['todo', 'show', 'TODO-101'],
    ['status', '--repo', 'api'],
    ['todo', 'update', 'TODO-101', '--priority', 'low'],
  ];
  for (const args of commands) {
    const code = await bundle.exports.runCli([...args, '--file', file], io);
    if (code !== 0) throw new Error(`warming the code cache: concord ${args.join(' ')} exited with ${code}`);
  }
  // The parts the commands loaded keep what the commands compiled: a larger cache costs every command more
  // to read. Then the servers (an MCP session, HTTP requests) for the server part's cache, and the tool
  // listing that part reads instead of converting the tools' schemas.
  const write = (name, script) => fs.writeFileSync(path.join(BUNDLE_DIR, `${name}.cjs.cache`), script.createCachedData());
  const byCommands = new Set(bundle.compiled.keys());
  for (const [name, script] of bundle.compiled) write(name, script);
  const { listings, listingFile } = await bundle.exports.buildWarmUp(file, 'TODO-101');
  fs.writeFileSync(path.join(BUNDLE_DIR, listingFile), JSON.stringify(listings));
  for (const [name, script] of bundle.compiled) if (!byCommands.has(name)) write(name, script);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
