// Request guards of the HTTP server: bearer token, allowed origins, and loopback host names.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export interface GuardOptions {
  /** Bearer token every request (but /health) must carry, when set. */
  token: string | undefined;
  /** Origins a browser may call from (the server's own are added by the caller). */
  allowedOrigins: readonly string[];
  /** Host names accepted in the Host header; empty accepts any (when bound beyond loopback with a token). */
  allowedHosts: readonly string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const deny = (status: 401 | 403, code: string, message: string) =>
  new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });

export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').replace(/:\d+$/, '');
    // DNS rebinding: a page on evil.example whose name resolves to 127.0.0.1 still sends Host: evil.example.
    if (options.allowedHosts.length && !options.allowedHosts.includes(host)) {
      return deny(403, 'FORBIDDEN_HOST', `host ${host || '(none)'} is not served here; use ${options.allowedHosts[0]}`);
    }
    const origin = c.req.header('origin');
    if (origin && !options.allowedOrigins.includes(origin)) {
      return deny(403, 'FORBIDDEN_ORIGIN', `origin ${origin} may not call this server; add it to server.allowed_origins in concord.yaml`);
    }
    if (options.token && c.req.path !== '/health') {
      const auth = c.req.header('authorization') ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!given || !sameToken(given, options.token)) return deny(401, 'UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <token>)');
    }
    await next();
  };
}
