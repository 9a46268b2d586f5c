// Request guards of the HTTP server: bearer token, allowed origins, and loopback host names.
//
// The token comes in `Authorization: Bearer <token>`. A browser's EventSource cannot set that header, so a
// read (GET/HEAD) may carry it in the cookie the dashboard sets, `concord_token_<port>` (SameSite=Strict: no
// other site's page sends it; one cookie per port, since cookies do not tell ports apart); a write never
// counts the cookie, so no page can make a write with it. The dashboard's own files (no data in them) need
// no token: the page has to load to ask for one.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export interface GuardOptions {
  /** Bearer token every request (but /health) must carry, when set. */
  token: string | undefined;
  /** Origins a browser may call from (the server's own are added by the caller). */
  allowedOrigins: readonly string[];
  /** Host names accepted in the Host header; empty accepts any (when bound beyond loopback with a token). */
  allowedHosts: readonly string[];
  /** Paths served without the token (GET/HEAD of the dashboard's built files); Host and Origin are still checked. */
  isPublic?: (path: string) => boolean;
}

/** The cookie a browser's reads may carry the token in, for the server at `host` (`127.0.0.1:4321`). */
export function tokenCookieName(host: string): string {
  const port = /:(\d+)$/.exec(host)?.[1] ?? '80';
  return `concord_token_${port}`;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
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
    const read = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (options.token && c.req.path !== '/health' && !(read && options.isPublic?.(c.req.path))) {
      const auth = c.req.header('authorization') ?? '';
      const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      const given = bearer || (read ? (cookie(c.req.header('cookie'), tokenCookieName(c.req.header('host') ?? '')) ?? '') : '');
      if (!given || !sameToken(given, options.token)) return deny(401, 'UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <token>)');
    }
    await next();
  };
}
