// Runs in the dashboard, in chromium against a real `concord serve --workers` on the demo ecosystem: a run started
// in the UI streams its log while it runs (over GET /api/runs/{id}/log/stream, not by polling), then shows its
// outcome (tokens, diffstat, branch), and its todo is completed; where the stream is refused, the log is read by offset.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchBrowser, newPage, screenshot, serveDemo, type Dashboard } from '../helpers/browser.js';

let browser: Browser;
let d: Dashboard;
let page: Page;

const statusInFile = (id: string) => (parse(fs.readFileSync(d.file, 'utf8')) as { coordination: { todos: { id: string; status: string }[] } }).coordination.todos.find((t) => t.id === id)?.status;
const open = (hash: string) => page.goto(`${d.served.url}/#/${hash}`);

beforeAll(async () => {
  [browser, d] = await Promise.all([launchBrowser(), serveDemo()]);
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await d?.served.stop();
});

it('runs: a run started in the UI streams its log, then shows its outcome, and the todo is completed', async () => {
  expect(statusInFile('TODO-104')).toBe('pending');
  await open('runs');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
  await page.fill('input[aria-label="todo to execute"]', 'TODO-104');
  await page.getByRole('button', { name: 'Execute' }).click();
  await expect.poll(() => page.evaluate('location.hash')).toMatch(/^#\/runs\/RUN-/);
  const id = decodeURIComponent(String(await page.evaluate('location.hash')).slice('#/runs/'.length));
  // Streaming: the agent's first lines are on the page while the run is still running.
  await page.waitForFunction(
    `document.querySelector('[data-testid="run-log"]')?.textContent?.includes('Reading the task') && !!document.querySelector('.panel h2 .pill.running')`,
    undefined,
    { timeout: 20_000 },
  );
  await screenshot(page, 'run-streaming');
  // The log came over the run's event stream; nothing read it by offset.
  expect(await page.getByTestId('run-log').getAttribute('data-source')).toBe('stream');
  expect(requests).toContain(`/api/runs/${encodeURIComponent(id)}/log/stream`);
  expect(requests.filter((r) => r.startsWith(`/api/runs/${encodeURIComponent(id)}/log?`))).toEqual([]);
  await page.locator('.panel h2 .pill.succeeded').waitFor({ timeout: 30_000 });
  const log = (await page.getByTestId('run-log').textContent()) ?? '';
  expect(log).toContain('Committing the change on the run branch.');
  expect(log).toContain('✓ success: Wrote notes/TODO-104.md and committed it.');
  await page.getByLabel('raw output').check();
  expect(await page.getByTestId('run-log').textContent()).toContain('"type":"result"');
  const run = (await d.api(`runs/${id}`)).run;
  expect(run.status).toBe('succeeded');
  const text = (await page.textContent('.panel')) ?? '';
  expect(text).toContain(`+${run.outcome.diffstat.insertions}`);
  expect(text).toContain(`${run.outcome.tokens.input} / ${run.outcome.tokens.output}`);
  expect(text).toContain(run.branch);
  await expect.poll(() => statusInFile('TODO-104'), { timeout: 10_000 }).toBe('completed');
  await page.locator(`tr[data-run="${id}"]`).waitFor();
  await screenshot(page, 'runs');
});

it('runs: where the log stream is refused, the log is read by offset instead', async () => {
  const [run] = (await d.api('runs?status=succeeded&limit=1')) as { id: string }[];
  expect(run).toBeDefined();
  const other = await newPage(browser);
  try {
    await other.route('**/log/stream', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'SERVER_BUSY', message: 'busy' } }) }));
    const polled: string[] = [];
    other.on('request', (r) => r.url().includes('/log?') && polled.push(r.url()));
    await other.goto(`${d.served.url}/#/runs/${encodeURIComponent(run!.id)}`);
    const log = other.getByTestId('run-log');
    await expect.poll(() => log.getAttribute('data-source')).toBe('poll');
    await expect.poll(() => log.textContent()).toContain('✓ success: Wrote notes/TODO-104.md and committed it.');
    expect(polled.length).toBeGreaterThan(0);
  } finally {
    await other.close();
  }
});

