// The dashboard of a server started with CONCORD_SERVER_TOKEN, in chromium: it asks for the token, refuses a
// wrong one, and with the right one (kept in sessionStorage) shows the data and follows the live event stream
// (EventSource carries the token in the read-only cookie). The repo page's "Check now" runs the repo's
// dependency checks through the API and each dependency shows its recorded checks.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, serveDemo, type Dashboard } from '../helpers/browser.js';

const TOKEN = 'dashboard-token-5c1f0e7a9b';

let browser: Browser;
let d: Dashboard;
let page: Page;

beforeAll(async () => {
  [browser, d] = await Promise.all([launchBrowser(), serveDemo([], { CONCORD_SERVER_TOKEN: TOKEN })]);
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await d?.served.stop();
});

describe('a server with a token', () => {
  it('asks for the token, refuses a wrong one, and with the right one shows the data and follows the events', async () => {
    // The API refuses a request without it.
    expect((await fetch(`${d.served.url}/api/todos`)).status).toBe(401);
    await page.goto(`${d.served.url}/#/board`);
    const prompt = page.getByRole('form', { name: 'server token' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('It was started with CONCORD_SERVER_TOKEN');
    await screenshot(page, 'token-prompt');
    await page.getByLabel('token', { exact: true }).fill('not-the-token');
    await page.getByRole('button', { name: 'Use this token' }).click();
    await expect.poll(() => prompt.textContent()).toContain('The token you gave was refused');
    await page.getByLabel('token', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: 'Use this token' }).click();
    // The board's data, and no prompt.
    await page.locator('.card[data-todo="TODO-205"]').waitFor();
    expect(await page.getByRole('form', { name: 'server token' }).count()).toBe(0);
    expect(await page.evaluate("sessionStorage.getItem('concord-token')")).toBe(TOKEN);
    // The event stream is open (the brand's dot is on), and an event reaches the page: a todo changed over the API.
    await page.locator('.brand .dot.on').waitFor();
    const changed = await d.api('todos/TODO-205', { method: 'PATCH', body: JSON.stringify({ priority: 'critical' }) });
    expect(changed.priority).toBe('critical');
    await expect.poll(() => page.locator('.card[data-todo="TODO-205"]').textContent(), { timeout: 10_000 }).toContain('critical');
    await screenshot(page, 'token-board');
  });
});

describe('the repo page', () => {
  it('"Check now" runs the repo\'s dependency checks through the API; each dependency shows its recorded checks', async () => {
    // web needs sdk (DEP-001): a check that runs a command in web's folder and matches its output.
    const failing = { command: `${process.execPath} -e "console.log('sdk 0.9.0')"`, expected_pattern: '^sdk 1\\.' };
    expect((await d.api('dependencies/DEP-001', { method: 'PATCH', body: JSON.stringify({ validation: failing }) })).id).toBe('DEP-001');
    const first = await d.api('repos/web/validate', { method: 'POST', body: '{}' });
    expect(first.counts.unsatisfied).toBe(1);
    await d.api('dependencies/DEP-001', { method: 'PATCH', body: JSON.stringify({ validation: { ...failing, command: `${process.execPath} -e "console.log('sdk 1.2.0')"` } }) });
    await page.goto(`${d.served.url}/#/repo/web`);
    const history = page.getByTestId('checks-DEP-001');
    await expect.poll(() => history.textContent()).toContain('last check unsatisfied');
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => page.getByTestId('check-result').textContent()).toBe('checked 1: 1 satisfied · 1 status change(s)');
    // The newest check first, the one before it after.
    await expect.poll(() => history.textContent()).toMatch(/^last check satisfied .* · .*sdk 1\.2\.0.* · before: unsatisfied/);
    // (The server's built-in dependency-check job checked it once at start, before it had a validation.)
    const checks = (await d.api('dependencies/DEP-001/checks')) as { outcome: string }[];
    expect(checks.map((c) => c.outcome).slice(0, 2)).toEqual(['satisfied', 'unsatisfied']);
    // A dependency never checked says so.
    const fresh = await d.api('dependencies', { method: 'POST', body: JSON.stringify({ consumer: 'docs', provider: 'api', type: 'documentation' }) });
    await page.goto(`${d.served.url}/#/repo/docs`);
    await expect.poll(() => page.getByTestId(`checks-${fresh.id as string}`).textContent()).toBe('never checked');
    await page.goto(`${d.served.url}/#/repo/web`);
    await history.waitFor();
    await screenshot(page, 'repo-checks');
  });
});
