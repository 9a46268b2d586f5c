// The dashboard in headless chromium (issue 16): first meaningful paint of the board and the graph against a real
// `concord serve` at 1,000 and 10,000 todos, and the size of what the browser downloads (gzip and brotli, as served).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { generateEcosystem } from './generate.js';
import type { Measurement } from './measure.js';
import { benchEnv } from './process.js';

const CHROMIUM = '/usr/bin/chromium';
const WEB = path.resolve(import.meta.dirname, '../web');
/** The targets of issue 16: the board at 1,000 todos, the graph at every size. */
export const PAINT_TARGETS = { board: 1000, graph: 2000 } as const;
export const BUNDLE_TARGET_KB = 400;

async function serve(cli: string, file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--file', file], { env: benchEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /dashboard: +(http:\/\/\S+)\//.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${err}`)));
  });
  return { url, child };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

/** What ships of a file, compressed as the server sends it: the build's `.gz`/`.br` beside it, else made here (small files go plain). */
function shipped(file: string, ext: '.gz' | '.br'): number {
  if (fs.existsSync(file + ext)) return fs.statSync(file + ext).size;
  const body = fs.readFileSync(file);
  if (body.length <= 1024) return body.length;
  return ext === '.gz' ? zlib.gzipSync(body, { level: 9 }).length : zlib.brotliCompressSync(body).length;
}

export interface BundleSize {
  /** html + js + css of the first load. */
  initial_kb: number;
  /** The graph's layout worker (elkjs), fetched when the graph opens. */
  worker_kb: number;
}

/** Bytes over the wire of the first page load (html, js, css) and of the graph's layout worker, in gzip and in brotli (docs/dashboard.md). */
export function bundleSizes(dir = WEB): { gzip: BundleSize; br: BundleSize; files: number } {
  const assets = path.join(dir, 'assets');
  const names = fs.readdirSync(assets).filter((n) => !/\.(gz|br)$/.test(n));
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  const size = (ext: '.gz' | '.br'): BundleSize => {
    let initial = shipped(path.join(dir, 'index.html'), ext);
    let worker = 0;
    for (const name of names) {
      const n = shipped(path.join(assets, name), ext);
      if (name.startsWith('elk-worker')) worker += n;
      else initial += n;
    }
    return { initial_kb: kb(initial), worker_kb: kb(worker) };
  };
  return { gzip: size('.gz'), br: size('.br'), files: names.length };
}

export async function benchDashboard(cli: string, sizes: readonly number[], runs = 5): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const b = bundleSizes();
  const total = (x: BundleSize) => Math.round((x.initial_kb + x.worker_kb) * 10) / 10;
  for (const [enc, x] of [['gzip', b.gzip], ['brotli', b.br]] as const) {
    rows.push({ name: `bundle: html + js + css of the first load, ${enc} (${b.files} assets)`, median_ms: x.initial_kb, p90_ms: x.initial_kb, runs: 1, target_ms: BUNDLE_TARGET_KB, note: 'KB, not ms' });
    rows.push({ name: `bundle: the graph layout worker (elkjs), fetched when the graph opens, ${enc}`, median_ms: x.worker_kb, p90_ms: x.worker_kb, runs: 1, note: 'KB, not ms' });
    rows.push({ name: `bundle: everything the dashboard can load, ${enc}${enc === 'brotli' ? ' (what browsers get: they all take br)' : ''}`, median_ms: total(x), p90_ms: total(x), runs: 1, target_ms: BUNDLE_TARGET_KB, note: 'KB, not ms' });
  }
  if (!fs.existsSync(CHROMIUM)) {
    rows.push({ name: `paint: skipped, no ${CHROMIUM} (apt-get install chromium)`, median_ms: 0, p90_ms: 0, runs: 0 });
    return rows;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    for (const todos of sizes.filter((n) => n <= 10_000)) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-web-${todos}-`));
      const file = path.join(dir, 'ecosystem.yaml');
      fs.writeFileSync(file, generateEcosystem({ todos }));
      const { url, child } = await serve(cli, file);
      try {
        // The server's first read of a new file is measured elsewhere: warm the index, then time the browser.
        await fetch(`${url}/api/todos?limit=1`);
        for (const [view, selector] of [['board', '.card'], ['graph', '.gnode']] as const) {
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            // A fresh context each time: no cache, as a first visit.
            const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
            const page = await context.newPage();
            await page.goto(`${url}/#/${view}`);
            await page.locator(selector).first().waitFor({ timeout: 60_000 });
            // Milliseconds since navigation began, in the page's own clock: to the first frame with the cards or nodes.
            times.push(await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(performance.now())))'));
            await context.close();
          }
          rows.push({ name: `paint: ${view} at ${todos.toLocaleString('en')} todos, navigation to the first ${view === 'board' ? 'cards' : 'nodes'}`, median_ms: Math.round(median(times)), p90_ms: Math.round(p90(times)), runs, ...(view === 'graph' || todos <= 1000 ? { target_ms: PAINT_TARGETS[view] } : {}) });
        }
      } finally {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}
