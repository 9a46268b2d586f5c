// The dashboard in chromium against a real `concord serve`: every view shows the ecosystem's data, a drag on the
// board changes ecosystem.yaml (and a refused drag shows why), the views follow /api/events, a breaker resets.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { launchBrowser, newPage, screenshot, serveDemo, type Dashboard } from '../helpers/browser.js';

let browser: Browser;
let d: Dashboard;
let page: Page;

interface Todo {
  id: string;
  status: string;
  blocked_by?: string[];
}
const todosInFile = (): Todo[] => (parse(fs.readFileSync(d.file, 'utf8')) as { coordination: { todos: Todo[] } }).coordination.todos;
const statusInFile = (id: string) => todosInFile().find((t) => t.id === id)?.status;

beforeAll(async () => {
  [browser, d] = await Promise.all([launchBrowser(), serveDemo()]);
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await d?.served.stop();
});

const open = async (hash: string) => {
  await page.goto(`${d.served.url}/#/${hash}`);
};

describe('dashboard views', () => {
  it('serves the built dashboard at / beside the API', async () => {
    const res = await fetch(`${d.served.url}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await fetch(`${d.served.url}/${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    // Text is sent precompressed to a client that takes it: brotli (as browsers ask), else gzip (fetch decodes either).
    expect(js.headers.get('content-encoding')).toBe('br');
    const text = await js.text();
    expect(text).toContain('createRoot');
    const gzipped = await fetch(`${d.served.url}/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(text);
    const plain = await fetch(`${d.served.url}/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(text);
    // The graph's layout worker (elkjs) too, referenced from the page's script: brotli over the wire, as the build wrote it.
    const worker = /elk-worker[^"'`]+\.js/.exec(text)?.[0];
    expect(worker).toBeTruthy();
    const raw = await fetch(`${d.served.url}/assets/${worker}`, { headers: { 'accept-encoding': 'br' } });
    expect(raw.headers.get('content-encoding')).toBe('br');
    expect(await raw.text()).toContain('org.eclipse.elk.layered');
    expect((await fetch(`${d.served.url}/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${d.served.url}/api/nothing-here`)).status).toBe(404);
  });

  it('board: a column per status with the todos of the file', async () => {
    await open('board');
    const pending = todosInFile().filter((t) => t.status === 'pending');
    const column = page.locator('.col[data-status="pending"]');
    await expect.poll(() => column.locator('h3 .muted').textContent()).toBe(String(pending.length));
    await expect.poll(() => column.locator('.card').count()).toBe(pending.length);
    await page.locator('.card[data-todo="TODO-205"]').waitFor();
    expect(await page.locator('.col[data-status="in_progress"] .card[data-todo="TODO-205"]').count()).toBe(1);
    // A filter narrows every column.
    await page.selectOption('select[aria-label="repo"]', 'docs');
    await expect.poll(() => page.locator('.card').count()).toBe(todosInFile().filter((t) => (t as Todo & { repo: string }).repo === 'docs').length);
    await screenshot(page, 'board-filtered');
    await page.selectOption('select[aria-label="repo"]', '');
    await screenshot(page, 'board');
  });

  it('board: a drag changes the status in ecosystem.yaml; a refused drag shows the reason and changes nothing', async () => {
    await open('board');
    expect(statusInFile('TODO-203')).toBe('pending');
    await page.locator('.card[data-todo="TODO-203"]').dragTo(page.locator('.col[data-status="in_progress"]'));
    await expect.poll(() => statusInFile('TODO-203'), { timeout: 10_000 }).toBe('in_progress');
    await page.locator('.col[data-status="in_progress"] .card[data-todo="TODO-203"]').waitFor();

    // TODO-103 waits on TODO-102 (pending): completing it is refused, and the toast says why.
    expect(todosInFile().find((t) => t.id === 'TODO-103')?.blocked_by).toContain('TODO-102');
    const before = fs.readFileSync(d.file, 'utf8');
    await page.locator('.card[data-todo="TODO-103"]').dragTo(page.locator('.col[data-status="completed"]'));
    const toast = page.locator('.toast.error');
    await toast.waitFor();
    expect(await toast.textContent()).toMatch(/TODO-103 was not moved.*TODO-103 cannot move to completed.*blocked by TODO-102/);
    await screenshot(page, 'board-refused-move');
    // The card springs back to its column, and the file is as it was.
    await page.locator('.col[data-status="pending"] .card[data-todo="TODO-103"]').waitFor();
    expect(fs.readFileSync(d.file, 'utf8')).toBe(before);
    // The toast is about the board: another view (through its link, no reload) takes it away at once...
    await page.click('nav a[href="#/graph"]');
    await page.locator('.graph-wrap').waitFor();
    expect(await page.locator('.toast').count()).toBe(0);
    // ...and on the board it goes by itself after a few seconds.
    await page.click('nav a[href="#/board"]');
    await page.locator('.card[data-todo="TODO-103"]').dragTo(page.locator('.col[data-status="completed"]'));
    await toast.waitFor();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('.col[data-status="pending"] .card[data-todo="TODO-103"]').count()).toBe(1);
  });

  it('board: follows /api/events (a change through the API appears without a reload)', async () => {
    await open('board');
    await page.locator('.col[data-status="pending"] .card[data-todo="TODO-204"]').waitFor();
    const r = await d.api('todos/TODO-204', { method: 'PATCH', body: JSON.stringify({ status: 'blocked' }) });
    expect(r.status).toBe('blocked');
    await page.locator('.col[data-status="blocked"] .card[data-todo="TODO-204"]').waitFor({ timeout: 10_000 });
  });

  it('board: keyboard moves the selection and Shift+→ moves the card', async () => {
    await open('board');
    await page.locator('.card[data-todo="TODO-201"]').click();
    expect(statusInFile('TODO-201')).toBe('pending');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => statusInFile('TODO-201'), { timeout: 10_000 }).toBe('in_progress');
  });

  it('graph: todos grouped by repo, the critical path marked; a node opens the todo', async () => {
    await open('graph');
    const path = await d.api('critical-path');
    const ids = (path.steps as { id: string }[]).map((s) => s.id);
    expect(ids.length).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('critical-path').textContent()).toContain(ids.join(' → '));
    await page.locator(`.gnode[data-node="${ids[0]}"]`).waitFor();
    for (const id of ids) expect(await page.locator(`.gnode.critical[data-node="${id}"]`).count()).toBe(1);
    expect(await page.locator('.ggroup').count()).toBeGreaterThan(2);
    await screenshot(page, 'graph');
    await page.locator(`.gnode[data-node="${ids[0]}"]`).click();
    await page.locator('aside.drawer h2').waitFor();
    expect(await page.locator('aside.drawer').textContent()).toContain(ids[0]);
    await screenshot(page, 'graph-todo-drawer');
    await page.keyboard.press('Escape');
    // The repo graph.
    await open('graph?graph=repos');
    await page.locator('.gnode[data-node="sdk"]').waitFor();
    expect(await page.locator('.gnode').count()).toBe(5);
    await screenshot(page, 'graph-repos');
  });

  it('inbox: stale claims and open breakers', async () => {
    await open('inbox');
    // TODO-205 is in progress with no live claim; flaky-probe fails at its first fire and its breaker (1) opens.
    await page.locator('[data-inbox="TODO-205"]').waitFor();
    await page.locator('[data-inbox="flaky-probe"]').waitFor({ timeout: 15_000 });
    await screenshot(page, 'inbox');
  });

  it('schedules: next fire, last outcome and breaker; a reset closes the breaker', async () => {
    await expect.poll(async () => (await d.api('jobs/flaky-probe')).breaker?.open, { timeout: 15_000 }).toBe(true);
    await open('schedules');
    const row = page.locator('tr[data-scheduled="flaky-probe"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('open');
    expect(await page.locator('tr[data-scheduled="nightly-report"]').textContent()).toContain('never ran');
    await screenshot(page, 'schedules');
    await row.getByRole('button', { name: 'Reset breaker' }).click();
    await expect.poll(async () => (await d.api('jobs/flaky-probe')).breaker.open, { timeout: 10_000 }).toBe(false);
    await expect.poll(() => row.textContent()).toContain('closed');
  });

  it('roadmap: plans and milestones with progress and due dates', async () => {
    await open('roadmap');
    await page.getByText('API and SDK ready').first().waitFor();
    const roadmap = await d.api('roadmap');
    const plan = roadmap[0];
    expect(await page.locator('.panel').nth(1).textContent()).toContain(`${plan.progress.done} / ${plan.progress.total} done`);
    expect(await page.textContent('body')).toContain(plan.milestones[0].due);
    await screenshot(page, 'roadmap');
  });

  it('repo page: what blocks it, what it holds up, its dependencies', async () => {
    await open('repo/sdk');
    await page.getByText('What it holds up').waitFor();
    const text = async () => (await page.textContent('.content')) ?? '';
    // sdk consumes api (DEP-002) and is consumed by web and docs; its TODO-103 waits on api's TODO-102.
    await expect.poll(text).toContain('DEP-002');
    expect(await text()).toContain('DEP-001');
    expect(await text()).toContain('TODO-102');
    await screenshot(page, 'repo');
  });

  it('history: full-text search and the latest events', async () => {
    await open('search?q=rate');
    await page.locator('.inbox-item a', { hasText: 'TODO-201' }).first().waitFor();
    // The drag above is in the history.
    await expect.poll(async () => page.textContent('.content')).toContain('todo:status_changed');
    await screenshot(page, 'history');
  });

  it('themes: t switches between dark and light, and the choice is kept', async () => {
    await open('board');
    const theme = () => page.evaluate('document.documentElement.dataset.theme');
    const first = await theme();
    await page.locator('.card').first().waitFor();
    await page.keyboard.press('t');
    expect(await theme()).not.toBe(first);
    await screenshot(page, `board-${await theme()}`);
    await page.reload();
    expect(await theme()).not.toBe(first);
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/inbox');
  });
});
