// Traces: nothing is loaded without an endpoint; with one, spans reach an OTLP/HTTP collector on loopback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import { startTracing, tracesUrl, tracingActive, withSpan } from '../../src/obs/tracing.js';
import { ecosystemDir } from '../helpers/temp.js';

interface OtlpSpan {
  name: string;
  traceId: string;
  parentSpanId?: string;
  spanId: string;
  status?: { code?: number };
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** A fake collector: records the spans of every OTLP/HTTP JSON export it receives. */
async function collector() {
  const spans: OtlpSpan[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      headers.push(req.headers);
      const doc = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
      for (const r of doc.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, headers };
}

describe('tracing', () => {
  it('is a plain call while no endpoint is configured', async () => {
    expect(tracingActive()).toBe(false);
    await expect(withSpan('x', {}, async () => 42)).resolves.toBe(42);
    await expect(withSpan('x', {}, async () => Promise.reject(new Error('kept')))).rejects.toThrow('kept');
  });

  it('completes a bare origin with /v1/traces and keeps a full URL', () => {
    expect(tracesUrl('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracesUrl('https://otel.example/custom/traces')).toBe('https://otel.example/custom/traces');
  });

  it('exports nested spans and HTTP request spans over OTLP when an endpoint is given', async () => {
    const c = await collector();
    const tracing = await startTracing({ endpoint: c.url, serviceName: 'concord-test', serviceVersion: '0', headers: { 'x-api-key': 'k1' } });
    expect(tracingActive()).toBe(true);
    await withSpan('outer', { 'concord.job': 'nightly' }, async () => {
      await withSpan('inner', {}, async () => undefined);
    });
    await expect(withSpan('failing', {}, async () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    const { app, close } = createHttpApp(new Workspace({ cwd: ecosystemDir('repos: []\n').dir, env: {} }), { token: undefined, allowedOrigins: [], allowedHosts: [] });
    expect((await app.request('/health')).status).toBe(200);
    await tracing.flush();
    await close();
    const byName = new Map(c.spans.map((s) => [s.name, s]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['outer', 'inner', 'failing', 'HTTP GET']));
    expect(byName.get('inner')!.parentSpanId).toBe(byName.get('outer')!.spanId);
    expect(byName.get('inner')!.traceId).toBe(byName.get('outer')!.traceId);
    expect(byName.get('failing')!.status?.code).toBe(2);
    expect(byName.get('HTTP GET')!.attributes).toEqual(expect.arrayContaining([{ key: 'http.route', value: { stringValue: '/health' } }]));
    expect(c.headers[0]!['x-api-key']).toBe('k1');
    await tracing.shutdown();
    expect(tracingActive()).toBe(false);
  });
});
