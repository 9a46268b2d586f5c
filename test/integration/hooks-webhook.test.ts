// Webhooks against a real HTTP server on a loopback port: signatures, retries, timeouts, dead letters.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listDeliveries, listHooks, replayDeliveries } from '../../src/app/hooks-admin.js';
import { updateTodo } from '../../src/app/todos.js';
import { drainHooks } from '../../src/hooks/drain.js';
import { fireTestEvent } from '../../src/hooks/fire-test.js';
import { signWebhook, verifyWebhook } from '../../src/app/webhook-signature.js';
import { hookBed } from '../helpers/hooks.js';

const SECRET = 'correct horse battery staple';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers each request with the next status in `script` ('hang' never answers). */
async function receiver(script: (number | 'hang')[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next === 'hang') return;
      res.writeHead(next, { 'content-type': 'text/plain' }).end(next === 200 ? 'thanks' : 'try again later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/concord`, received };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const config = (url: string, extra = '') => `hook_delivery: { backoff_seconds: 30, max_attempts: 4 }
hooks:
  - name: ci
    events: [todo:status_changed]
    url: ${url}
    secret_env: CI_SECRET
${extra}`;

describe('webhooks', () => {
  it('are signed with HMAC-SHA256, fail twice, and are delivered on the third attempt', async () => {
    const rx = await receiver([500, 503, 200]);
    const bed = hookBed(config(rx.url), { CI_SECRET: SECRET });
    await updateTodo(bed.ws, 'TODO-2', { status: 'in_progress' });
    expect(await drainHooks(bed.ws)).toMatchObject({ retrying: 1, outcomes: [expect.objectContaining({ status: 500, error: 'HTTP 500: try again later' })] });
    bed.advance(30);
    expect(await drainHooks(bed.ws)).toMatchObject({ retrying: 1, outcomes: [expect.objectContaining({ status: 503 })] });
    bed.advance(60);
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 1, outcomes: [expect.objectContaining({ status: 200, attempt: 3 })] });
    expect(listDeliveries(bed.ws).deliveries[0]).toMatchObject({ status: 'delivered', attempts: 3, last_status: 200, last_error: null });

    expect(rx.received).toHaveLength(3);
    const clock = Date.parse(bed.ws.now());
    for (const r of rx.received) {
      const headers = { signature: r.headers['x-concord-signature'] as string, timestamp: r.headers['x-concord-timestamp'] as string };
      expect(verifyWebhook(SECRET, headers, r.body, clock)).toBe(true);
      expect(verifyWebhook('another secret entirely', headers, r.body, clock)).toBe(false);
      expect(verifyWebhook(SECRET, headers, r.body.replace('in_progress', 'completed'), clock)).toBe(false);
      expect(verifyWebhook(SECRET, headers, r.body, clock + 3600_000)).toBe(false); // replayed an hour later
      expect(r.headers).toMatchObject({ 'content-type': 'application/json', 'x-concord-event': 'todo:status_changed' });
    }
    const bodies = rx.received.map((r) => JSON.parse(r.body) as { delivery: { attempt: number }; data: unknown; entity: unknown });
    expect(bodies.map((b) => b.delivery.attempt)).toEqual([1, 2, 3]);
    expect(bodies[0]).toMatchObject({ type: 'todo:status_changed', entity: { kind: 'todo', id: 'TODO-2' }, data: { from: 'pending', to: 'in_progress' } });
    expect(rx.received[0]!.headers['x-concord-signature']).toBe(signWebhook(SECRET, Number(rx.received[0]!.headers['x-concord-timestamp']), rx.received[0]!.body));
  });

  it('that hang time out, are retried, and are dead-lettered; the change stays written', async () => {
    const rx = await receiver(['hang']);
    const bed = hookBed(config(rx.url, '    timeout_ms: 250\n    max_attempts: 2\n'), { CI_SECRET: SECRET });
    await updateTodo(bed.ws, 'TODO-2', { status: 'in_progress' });
    expect(await drainHooks(bed.ws)).toMatchObject({ retrying: 1, outcomes: [expect.objectContaining({ ok: false, status: null, error: 'timed out after 250 ms' })] });
    bed.advance(30);
    expect(await drainHooks(bed.ws)).toMatchObject({ dead: 1 });
    expect(rx.received).toHaveLength(2);
    expect(listDeliveries(bed.ws, { status: 'dead' }).deliveries[0]).toMatchObject({ attempts: 2, max_attempts: 2, last_error: 'timed out after 250 ms' });
    const fresh = bed.open();
    expect(fresh.index.record('todos', 'TODO-2')!.record['status']).toBe('in_progress');
    fresh.close();
  });

  it('are replayed from the dead letters once the receiver is back', async () => {
    const rx = await receiver([404, 200]);
    const bed = hookBed(config(rx.url, '    max_attempts: 1\n'), { CI_SECRET: SECRET });
    await updateTodo(bed.ws, 'TODO-2', { status: 'in_progress' });
    expect(await drainHooks(bed.ws)).toMatchObject({ dead: 1 });
    const [dead] = listDeliveries(bed.ws, { status: 'dead' }).deliveries;
    expect(await replayDeliveries(bed.ws, { ids: [dead!.id] })).toEqual({ replayed: [dead!.id] });
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 1 });
    expect(rx.received).toHaveLength(2);
  });

  it('without their secret in the environment say so, and do not send unsigned requests', async () => {
    const rx = await receiver([200]);
    const bed = hookBed(config(rx.url, '    max_attempts: 1\n'));
    expect(listHooks(bed.ws).hooks[0]!.problems).toEqual(['the environment variable CI_SECRET (secret_env of hook "ci") is not set']);
    await updateTodo(bed.ws, 'TODO-2', { status: 'in_progress' });
    expect(await drainHooks(bed.ws)).toMatchObject({ dead: 1, outcomes: [expect.objectContaining({ error: expect.stringContaining('CI_SECRET') })] });
    expect((await fireTestEvent(bed.ws, { event: 'todo:status_changed' })).outcomes[0]!.ok).toBe(false);
    expect(rx.received).toHaveLength(0);
  });
});
