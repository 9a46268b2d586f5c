// Step type `api_call`: one HTTP request with retries (429, 5xx, network; Retry-After honoured), credentials
// from concord.yaml's workflows.auth or named inline, read from the environment; the response is the output.
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { type ApiAuth, ApiAuthSchema } from '../../core/workflow/settings.js';
import { request, safeUrl } from '../../githost/http.js';
import { defineStep, dyn, type StepContext } from '../step.js';

function authHeader(ctx: StepContext, auth: string | ApiAuth): Record<string, string> {
  const a = typeof auth === 'string' ? ctx.ws.settings.workflows.auth[auth] : auth;
  if (!a) throw new ConcordError('INVALID_SETTINGS', `with.auth: no credentials "${auth}" under workflows.auth in concord.yaml`, { hint: 'add them (scheme and env), or name the variable inline: auth: { env: MY_TOKEN }' });
  const secret = ctx.env[a.env];
  if (!secret) throw new ConcordError('INVALID_SETTINGS', `with.auth: the variable ${a.env} is not set`, { hint: `export ${a.env} in the environment Concord runs in` });
  ctx.secret(secret);
  switch (a.scheme) {
    case 'bearer':
      return { authorization: `Bearer ${secret}` };
    case 'token':
      return { authorization: `token ${secret}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(secret).toString('base64')}` };
    case 'header':
      if (!a.header) throw new ConcordError('INVALID_SETTINGS', 'with.auth: scheme header needs header: (its name)');
      return { [a.header]: secret };
  }
}

export const apiCallStep = defineStep({
  type: 'api_call',
  summary: 'an HTTP request with retries and credentials from settings or the environment; outputs status, headers, body',
  input: z.strictObject({
    url: z.string().min(1).max(8_000),
    method: dyn(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'])).default('GET'),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string()).default(() => ({})),
    body: z.unknown().optional().describe('JSON, or a string sent as is'),
    auth: z.union([z.string().min(1), ApiAuthSchema()]).optional().describe('A name under workflows.auth, or { scheme, env }'),
    retries: dyn(z.number().int().min(0).max(10)).default(3),
    timeout_ms: dyn(z.number().int().positive().max(600_000)).default(30_000),
    max_retry_wait_ms: dyn(z.number().int().min(0).max(600_000)).default(60_000),
    expect_status: dyn(z.array(z.number().int().min(100).max(599))).optional().describe('Statuses that succeed (default 2xx)'),
  }),
  async run(ctx, w) {
    let url: URL;
    try {
      url = new URL(w.url);
    } catch {
      throw new ConcordError('INVALID_INPUT', `with.url: "${w.url.slice(0, 200)}" is not a URL`, { hint: 'give an absolute http(s) URL' });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConcordError('INVALID_INPUT', `with.url: ${url.protocol} is not http or https`);
    const headers = { ...w.headers, ...(w.auth ? authHeader(ctx, w.auth) : {}) };
    ctx.log(`${w.method} ${safeUrl(w.url)}`);
    const res = await request({
      url: w.url,
      method: w.method,
      headers,
      ...(w.body !== undefined ? { body: w.body } : {}),
      retries: w.retries,
      timeoutMs: w.timeout_ms,
      maxWaitMs: w.max_retry_wait_ms,
      signal: ctx.signal,
      onRetry: (r) => ctx.log(`  ${r.reason}: try ${r.attempt + 1} in ${r.waitMs} ms`),
    });
    ctx.log(`  -> ${res.status} after ${res.attempts} tr${res.attempts === 1 ? 'y' : 'ies'}`);
    const outputs = { status: res.status, headers: res.headers, body: res.json ?? res.text, attempts: res.attempts, truncated: res.truncated };
    const ok = w.expect_status ? w.expect_status.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!ok) throw Object.assign(new Error(`${w.method} ${safeUrl(w.url)} answered ${res.status}${res.text ? `: ${res.text.slice(0, 300)}` : ''}`), { outputs });
    return outputs;
  },
});
