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

export async function probeHttp(probe: HttpProbe, signal: AbortSignal): Promise<ProbeResult> {
  const base = { kind: 'http' as const, target: probe.url };
  const start = performance.now();
  const expected = probe.expected_status;
  try {
    // Redirects are followed, unless the expected status is itself a redirect.
    const res = await fetch(probe.url, { signal, redirect: expected !== undefined && expected >= 300 && expected < 400 ? 'manual' : 'follow', headers: { 'user-agent': 'concord-dependency-check' } });
    const latency = elapsed(start);
    await res.body?.cancel().catch(() => undefined);
    const ok = expected !== undefined ? res.status === expected : res.status >= 200 && res.status < 300;
    const wanted = expected !== undefined ? `expected ${expected}` : 'expected 2xx';
    return { ...base, outcome: ok ? 'satisfied' : 'unsatisfied', summary: `HTTP ${res.status}${ok ? '' : `, ${wanted}`} from ${probe.url} in ${latency} ms`, http_status: res.status, latency_ms: latency };
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
