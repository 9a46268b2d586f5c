// The dashboard in a real browser: Debian's chromium driven by playwright-core, one browser per test file,
// against a real `concord serve` on a demo ecosystem in a temp dir; screenshots go to .test-results/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createDemo } from '../../src/app/demo.js';
import { serve, type Served } from './mcp.js';
import { tempDir } from './temp.js';

export const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '../../.test-results/screenshots');

export async function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface Dashboard {
  served: Served;
  file: string;
  dir: string;
  /** `GET /api/<path>` of the server, as JSON. */
  api: (p: string, init?: RequestInit) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The demo ecosystem (real git repos, the demo agent's pool) served with workers in the process; `api` sends the server's token (CONCORD_SERVER_TOKEN in `env`). */
export async function serveDemo(args: string[] = ['--workers'], env: Record<string, string> = {}): Promise<Dashboard> {
  const { dir, file } = await createDemo({ dir: tempDir('concord-web-'), env: { PATH: process.env['PATH'] ?? '' }, paceMs: 400 });
  const served = await serve(file, args, env);
  return {
    served,
    file,
    dir,
    api: async (p, init) => {
      const auth: Record<string, string> = env['CONCORD_SERVER_TOKEN'] ? { authorization: `Bearer ${env['CONCORD_SERVER_TOKEN']}` } : {};
      const r = await fetch(`${served.url}/api/${p}`, { ...init, headers: { 'content-type': 'application/json', ...auth, ...(init?.headers ?? {}) } });
      return r.json();
    },
  };
}

export async function newPage(browser: Browser, theme: 'light' | 'dark' = 'dark'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
  page.setDefaultTimeout(10_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}
