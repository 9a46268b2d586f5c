// Vite build of the dashboard: web/ -> dist/web/, which `concord serve` serves at / (src/http/static.ts).
//
// What ships is what the browser downloads. The graph's layout worker, elkjs's GWT build of every algorithm
// (elk-worker.min.js, 1.6 MB; 337 KB in brotli), ships with what the graph view's layouts use only
// (scripts/elk-layered.mjs: the layered algorithm without the strategies other option values would select, then
// what nothing reaches is removed; test/web/elk-worker.test.ts wants the same layouts as elkjs's own), minified
// again by oxc, top-level names too: 1.03 MB, 236 KB in brotli, 303 KB in gzip. Every text asset is written
// precompressed beside itself, `.br` (brotli, quality 11) and `.gz` (gzip -9), which the server sends as they are to
// a browser that takes them (no compression at request time or at start). Numbers: docs/dashboard.md, "Bundle".
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { minifySync } from 'rolldown/utils';
import { defineConfig, type Plugin } from 'vite';
import { layeredOnly } from '../scripts/elk-layered.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/** Text files worth compressing (small ones are sent as they are). */
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
const MIN_BYTES = 1024;
/** The graph view's import of the layout worker's URL (web/src/views/graph-layout.ts). */
const WORKER_URL = 'elkjs/lib/elk-worker.min.js?url';
const RESOLVED_WORKER_URL = '\0concord-elk-worker-url';
const require = createRequire(import.meta.url);

function shipSmall(): Plugin {
  return {
    name: 'concord-ship-small',
    apply: 'build',
    enforce: 'pre',
    // The worker is emitted as it ships, so its file name is the hash of what ships (assets are cached for a year)
    // and the page that names it changes with it.
    resolveId(id) {
      return id === WORKER_URL ? RESOLVED_WORKER_URL : null;
    },
    load(id) {
      if (id !== RESOLVED_WORKER_URL) return null;
      const source = fs.readFileSync(require.resolve('elkjs/lib/elk-worker.min.js'), 'utf8');
      // toplevel: the worker's own names are its only ones (GWT's, already short); nothing outside reads them (it
      // answers through onmessage, or module.exports under node), so they too take the shortest names.
      const r = minifySync('elk-worker.js', layeredOnly(source), { compress: true, mangle: { toplevel: true } });
      if (r.errors?.length) throw new Error(`minifying elk-worker.min.js: ${r.errors.map((e) => e.message).join('; ')}`);
      const ref = this.emitFile({ type: 'asset', name: 'elk-worker.js', source: r.code });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    writeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const f of walk(outDir)) {
        if (!COMPRESSIBLE.test(f)) continue;
        const body = fs.readFileSync(f);
        if (body.length < MIN_BYTES) continue;
        fs.writeFileSync(`${f}.gz`, zlib.gzipSync(body, { level: 9 }));
        fs.writeFileSync(`${f}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: './',
  // React's automatic JSX runtime, compiled by Vite's own transformer (no plugin: no fast refresh needed).
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [shipSmall()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    // shipSmall's seconds (pruning and precompressing the layout worker) are expected: no timing warning on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  logLevel: 'warn',
});
