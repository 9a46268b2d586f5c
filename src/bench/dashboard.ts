// The dashboard in headless chromium (issue 16): first meaningful paint of the board and the graph against a real
// `concord serve` at 1,000 and 10,000 todos, and the size of what the browser downloads (gzip).
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

/** Bytes of the files the first page load fetches (html, js, css), and of the graph's layout worker, gzipped. */
export function bundleSizes(dir = WEB): { initial_kb: number; worker_kb: number; files: number } {
  const assets = path.join(dir, 'assets');
  let initial = zlib.gzipSync(fs.readFileSync(path.join(dir, 'index.html'))).length;
  let worker = 0;
  const names = fs.readdirSync(assets);
  for (const name of names) {
    const gz = zlib.gzipSync(fs.readFileSync(path.join(assets, name))).length;
    if (name.startsWith('elk-worker')) worker += gz;
    else initial += gz;
  }
  return { initial_kb: Math.round(initial / 102.4) / 10, worker_kb: Math.round(worker / 102.4) / 10, files: names.length };
}

export async function benchDashboard(cli: string, sizes: readonly number[], runs = 5): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const b = bundleSizes();
  rows.push({ name: `bundle: html + js + css of the first load, gzip (${b.files} assets)`, median_ms: b.initial_kb, p90_ms: b.initial_kb, runs: 1, target_ms: BUNDLE_TARGET_KB, note: 'KB, not ms' });
  rows.push({ name: 'bundle: the graph layout worker (elkjs), fetched when the graph opens, gzip', median_ms: b.worker_kb, p90_ms: b.worker_kb, runs: 1, note: 'KB, not ms' });
  rows.push({ name: 'bundle: everything, gzip', median_ms: Math.round((b.initial_kb + b.worker_kb) * 10) / 10, p90_ms: Math.round((b.initial_kb + b.worker_kb) * 10) / 10, runs: 1, target_ms: BUNDLE_TARGET_KB, note: 'KB, not ms' });
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
