// Prometheus metrics: /metrics in the text format, read back against the registry's own JSON view.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/app/checks/index.js';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import { declaredMetricNames, enableMetrics } from '../../src/obs/registry.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { startHttpFixture } from '../helpers/servers.js';
import { parseExposition, sampleValue } from './exposition.js';

const GUARD = { token: undefined, allowedOrigins: [], allowedHosts: [] };

beforeAll(() => {
  enableMetrics();
});

describe('/metrics', () => {
  it('serves the registry in the Prometheus text format, the same samples as the registry holds', async () => {
    const server = await startHttpFixture();
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-1', consumer: 'web', provider: 'api', validation: { health_check: server.url('/ok') } },
      { id: 'DEP-2', consumer: 'web', provider: 'api', validation: { health_check: server.url('/wrong') } },
    ]);
    const { app, close } = createHttpApp(ws, GUARD);
    const before = parseExposition(await (await app.request('/metrics')).text());
    const satisfied = sampleValue(before, 'concord_dependency_checks_total', { outcome: 'satisfied' }) ?? 0;
    const unsatisfied = sampleValue(before, 'concord_dependency_checks_total', { outcome: 'unsatisfied' }) ?? 0;

    await checkDependencies(ws);
    expect((await app.request('/health')).status).toBe(200);
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(enableMetrics().contentType);
    const text = await res.text();
    const parsed = parseExposition(text);
    expect(sampleValue(parsed, 'concord_dependency_checks_total', { outcome: 'satisfied' })).toBe(satisfied + 1);
    expect(sampleValue(parsed, 'concord_dependency_checks_total', { outcome: 'unsatisfied' })).toBe(unsatisfied + 1);
    expect(sampleValue(parsed, 'concord_http_request_duration_seconds_count', { method: 'GET', route: '/health', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(parsed.types.get('concord_http_request_duration_seconds')).toBe('histogram');
    expect(parsed.types.get('concord_dependency_checks_total')).toBe('counter');

    // The text and the registry's JSON hold the same samples (a round trip through the text format).
    const json = await enableMetrics().getMetricsAsJSON();
    for (const m of json.filter((x) => x.name.startsWith('concord_') && !x.name.startsWith('concord_process_'))) {
      for (const v of m.values) {
        const name = (v as { metricName?: string }).metricName ?? m.name;
        const labels = Object.fromEntries(Object.entries(v.labels).map(([k, x]) => [k, String(x)]));
        if (name === 'concord_http_request_duration_seconds_sum' || name.startsWith('concord_http')) continue; // the /metrics request itself moved on
        expect(sampleValue(parsed, name, labels), `${name} ${JSON.stringify(labels)}`).toBe(v.value);
      }
    }
    await close();
  });

  it('labels requests by route pattern, so unknown paths are one series', async () => {
    const { ws } = ecosystemWithRepos({ web: {} }, []);
    const { app, close } = createHttpApp(ws, GUARD);
    await app.request('/no/such/a');
    await app.request('/no/such/b');
    const parsed = parseExposition(await (await app.request('/metrics')).text());
    const routes = parsed.samples.filter((s) => s.name === 'concord_http_request_duration_seconds_count').map((s) => s.labels['route']);
    expect(routes).not.toContain('/no/such/a');
    expect(sampleValue(parsed, 'concord_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(2);
    await close();
  });

  it('answers 404 when observability.metrics.enabled is false', async () => {
    const { dir } = ecosystemWithRepos({ web: {} }, []);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'observability:\n  metrics:\n    enabled: false\n');
    const ws = new Workspace({ cwd: dir, env: {} });
    const { app, close } = createHttpApp(ws, GUARD);
    const res = await app.request('/metrics');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('observability.metrics.enabled') } });
    await close();
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../dashboards/grafana.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\bconcord_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''))));

  it('queries only metrics Concord declares', () => {
    const declared = new Set(declaredMetricNames());
    expect([...used].filter((n) => !declared.has(n) && !n.startsWith('concord_process_'))).toEqual([]);
  });

  it('has a panel for every declared metric', () => {
    expect(declaredMetricNames().filter((n) => !used.has(n))).toEqual([]);
  });

  it('is shipped in the package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('dashboards');
  });
});
