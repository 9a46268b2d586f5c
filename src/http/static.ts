// The dashboard at /: the files Vite built into dist/web (web/), read once and served with the API beside them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** dist/web of this package: found upwards from this module (dist/concord/*.cjs, dist/http/*.js, or src/http under tests). */
export function findWebDir(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'web');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.basename(dir) === 'dist' && fs.existsSync(path.join(dir, 'web', 'index.html'))) return path.join(dir, 'web');
  }
  return undefined;
}

interface File {
  body: Buffer;
  /** The body gzipped, for text: the build's `.gz` beside it (gzip -9), else made once here. */
  gzip?: Buffer;
  /** The build's `.br` beside it (brotli 11; the graph's layout worker: 1.03 MB, 236 KB in brotli, 303 KB in gzip -9). */
  br?: Buffer;
  type: string;
}

/** A handler for GET/HEAD of the dashboard's files; anything else falls through (undefined). */
export function dashboard(dir: string | undefined = findWebDir()) {
  // Only files found are kept: a miss is looked up again (any path may be asked for before the token is checked,
  // so remembering misses would let anyone grow this map).
  const cache = new Map<string, File>();
  const read = (rel: string): File | null => {
    let hit: File | null | undefined = cache.get(rel);
    if (hit !== undefined) return hit;
    const file = path.resolve(dir!, rel);
    // Only files inside the build folder: `..` and absolute paths never leave it.
    if (file.startsWith(dir! + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const body = fs.readFileSync(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const text = /^(text\/|image\/svg|application\/json)/.test(type) && body.length > 1024;
      const beside = (ext: string) => (fs.existsSync(file + ext) ? fs.readFileSync(file + ext) : undefined);
      const br = text ? beside('.br') : undefined;
      hit = { body, type, ...(text ? { gzip: beside('.gz') ?? zlib.gzipSync(body) } : {}), ...(br ? { br } : {}) };
    } else hit = null;
    // Hashed assets never change; index.html is re-read only at restart too (a build replaces the server's files).
    if (hit) cache.set(rel, hit);
    return hit;
  };
  const ours = (p: string) => !(p.startsWith('/api/') || p === '/api' || p === '/mcp' || p === '/metrics' || p === '/health');
  const relOf = (p: string) => (p === '/' ? 'index.html' : safeDecode(p.slice(1)));
  const serve = (c: Context): Response | undefined => {
    const p = c.req.path;
    if (!ours(p)) return undefined;
    if (!dir) {
      return p === '/' ? c.text('The dashboard is not built in this copy of Concord: run `npm run build` (the API is at /api).', 503) : undefined;
    }
    const rel = relOf(p);
    if (rel === undefined) return undefined;
    const f = read(rel);
    if (!f) return undefined;
    const immutable = rel.startsWith('assets/');
    // The smallest the client takes: brotli, then gzip (what every browser sends: `gzip, deflate, br`).
    const accepts = c.req.header('accept-encoding') ?? '';
    const [encoding, encoded] = f.br && /\bbr\b/.test(accepts) ? ['br', f.br] : f.gzip && /\bgzip\b/.test(accepts) ? ['gzip', f.gzip] : [undefined, undefined];
    return new Response(new Uint8Array(encoded ?? f.body), {
      headers: {
        'content-type': f.type,
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...(f.gzip ? { vary: 'accept-encoding' } : {}),
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      },
    });
  };
  /** Whether `path` is one of the dashboard's files (the guard lets them load without the token: they hold no data). */
  const has = (p: string): boolean => {
    if (!ours(p)) return false;
    if (!dir) return p === '/';
    const rel = relOf(p);
    return rel !== undefined && read(rel) !== null;
  };
  return Object.assign(serve, { has });
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
