// Vite build of the dashboard: web/ -> dist/web/, which `concord serve` serves at / (src/http/static.ts).
//
// What ships is what the browser downloads. The graph's layout worker, elkjs's GWT build of every algorithm
// (elk-worker.min.js, 1.6 MB; 337 KB in brotli), ships with the layered algorithm only (scripts/elk-layered.mjs:
// what nothing reaches is removed; test/web/elk-worker.test.ts wants the same layouts as elkjs's own), minified
// again by oxc: 1.26 MB, 274 KB in brotli. Every text asset is written precompressed beside itself, `.br`
// (brotli, quality 11) and `.gz` (gzip -9), which the server sends as they are to a browser that takes them (no
// compression at request time or at start). Numbers: docs/dashboard.md, "Bundle".
import fs from 'node:fs';
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

function shipSmall(): Plugin {
  return {
    name: 'concord-ship-small',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !/^assets\/elk-worker.*\.js$/.test(file.fileName)) continue;
        const source = typeof file.source === 'string' ? file.source : Buffer.from(file.source).toString('utf8');
        const r = minifySync(file.fileName, layeredOnly(source), { compress: true, mangle: true });
        if (r.errors?.length) throw new Error(`minifying ${file.fileName}: ${r.errors.map((e) => e.message).join('; ')}`);
        file.source = r.code;
      }
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
  },
  logLevel: 'warn',
});
