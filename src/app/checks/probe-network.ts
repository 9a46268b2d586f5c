// Probes over the network: an HTTP health check (status and latency), and a TCP port that accepts connections.
import net from 'node:net';
import type { ProbeResult } from '../../core/checks/result.js';
import type { PlannedProbe } from '../../core/checks/spec.js';
import { elapsed } from './probe-context.js';

type HttpProbe = Extract<PlannedProbe, { kind: 'http' }>;
type TcpProbe = Extract<PlannedProbe, { kind: 'tcp' }>;

/** The error code under a fetch failure (`ECONNREFUSED`, `ENOTFOUND`...). */
export function networkCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code ?? (e as { code?: string }).code;
}

const MAX_REDIRECTS = 5;

/**
 * Requests the health URL. Redirects on the same host are followed (http -> https, a moved path) and the
 * summary says where the check ended up; a redirect to another host is not followed but reported, since the
 * dependency's own server did not answer (and a check must not be sent anywhere the file did not name).
 */
export async function probeHttp(probe: HttpProbe, signal: AbortSignal): Promise<ProbeResult> {
  const base = { kind: 'http' as const, target: probe.url };
  const start = performance.now();
  const expected = probe.expected_status;
  const wantsRedirect = expected !== undefined && expected >= 300 && expected < 400;
  try {
    let url = new URL(probe.url);
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, { signal, redirect: 'manual', headers: { 'user-agent': 'concord-dependency-check' } });
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      if (!wantsRedirect && res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url);
        const latency = elapsed(start);
        if (next.hostname !== url.hostname) {
          return { ...base, outcome: 'unsatisfied', summary: `HTTP ${res.status} from ${url.href} redirects to another host (${next.href}), which a health check does not follow; point health_check at the URL that answers`, http_status: res.status, latency_ms: latency, redirected_to: next.href };
        }
        if (hop === MAX_REDIRECTS) {
          return { ...base, outcome: 'unsatisfied', summary: `${probe.url} redirected more than ${MAX_REDIRECTS} times (last to ${next.href}); point health_check at the URL that answers`, http_status: res.status, latency_ms: latency, redirected_to: next.href };
        }
        url = next;
        continue;
      }
      const latency = elapsed(start);
      const ok = expected !== undefined ? res.status === expected : res.status >= 200 && res.status < 300;
      const wanted = expected !== undefined ? `expected ${expected}` : 'expected 2xx';
      const where = url.href === new URL(probe.url).href ? probe.url : `${url.href} (redirected from ${probe.url})`;
      return { ...base, outcome: ok ? 'satisfied' : 'unsatisfied', summary: `HTTP ${res.status}${ok ? '' : `, ${wanted}`} from ${where} in ${latency} ms`, http_status: res.status, latency_ms: latency, ...(where === probe.url ? {} : { redirected_to: url.href }) };
    }
  } catch (e) {
    return networkFailure(base, e, signal, start);
  }
}

export function probeTcp(probe: TcpProbe, signal: AbortSignal): Promise<ProbeResult> {
  const base = { kind: 'tcp' as const, target: probe.url };
  const start = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: probe.host, port: probe.port });
    const done = (r: ProbeResult) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => done({ ...base, outcome: 'failed', summary: `${probe.url} did not accept a connection in time`, timed_out: true });
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done({ ...base, outcome: 'satisfied', summary: `${probe.url} accepts connections (${elapsed(start)} ms)`, latency_ms: elapsed(start) }));
    socket.once('error', (e) => done(networkFailure(base, e, signal, start)));
  });
}

/** A refused connection is a definite "no" (nothing listens); other failures leave the answer open. */
export function networkFailure(base: { kind: ProbeResult['kind']; target: string }, e: unknown, signal: AbortSignal, start: number): ProbeResult {
  if (signal.aborted) return { ...base, outcome: 'failed', summary: `${base.target} did not answer within the deadline`, timed_out: true };
  const code = networkCode(e);
  if (code === 'ECONNREFUSED') return { ...base, outcome: 'unsatisfied', summary: `connection refused: nothing listens at ${base.target}`, latency_ms: elapsed(start) };
  const message = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `cannot resolve the host of ${base.target}` : `${base.target} failed: ${(e as Error).message}${code ? ` (${code})` : ''}`;
  return { ...base, outcome: 'failed', summary: message };
}
