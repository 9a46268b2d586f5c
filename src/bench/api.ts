// The HTTP API of `concord serve` under load (issue 15): latency of ready and of a write with 50 concurrent
// clients, the fan-out of 1,000 events to 20 SSE subscribers, and the server's memory held under load.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Workspace } from '../app/workspace.js';
import { makeEvent } from '../core/events.js';
import { withStateTransaction } from '../state/lock.js';
import { generateEcosystem } from './generate.js';
import type { Measurement } from './measure.js';
import { benchEnv } from './process.js';

interface Server {
  url: string;
  /** What the server wrote on stderr (its log), for the error of a failed measurement. */
  log: () => string;
  pid: number;
  stop: () => Promise<void>;
}

async function startServe(cli: string, file: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', '--file', file], { env: benchEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /API: +(http:\/\/[^/\s]+)\/api/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${err}`)));
  });
  return {
    url,
    log: () => err,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a running process now (Linux), in MiB. */
function rssMib(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 10) / 10;

/** `clients` loops each sending `perClient` requests; latencies of the answers, which must all be 2xx. */
async function load(clients: number, perClient: number, request: (client: number, i: number) => Promise<Response>): Promise<Measurement & { p99_ms: number; errors: number }> {
  const times: number[] = [];
  const failures = new Set<string>();
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        try {
          const r = await request(c, i);
          await r.arrayBuffer();
          times.push(performance.now() - t);
          if (!r.ok) errors++;
        } catch (e) {
          // A connection the server reset or refused counts as an error, with what it was.
          errors++;
          failures.add(String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message));
        }
      }
    }),
  );
  const wall = performance.now() - start;
  times.sort((a, b) => a - b);
  return { name: '', median_ms: round(quantile(times, 0.5)), p90_ms: round(quantile(times, 0.9)), p99_ms: round(quantile(times, 0.99)), runs: times.length, errors, note: `p99 ${round(quantile(times, 0.99))} ms, ${Math.round((times.length / wall) * 1000)} req/s${failures.size ? `; failed: ${[...failures].join(', ')}` : ''}` };
}

/** Reads an SSE stream, calling `onId` with each event id, until `signal` aborts. */
async function subscribe(url: string, signal: AbortSignal, onId: (id: number) => void): Promise<void> {
  const r = await fetch(url, { signal, headers: { accept: 'text/event-stream' } });
  const reader = r.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.startsWith('id: ')) onId(Number(line.slice(4)));
        }
      }
    } catch {
      // Aborted at the end of the measurement.
    }
  })();
}

/** 1,000 events appended to the log (as other processes do) reach each of 20 subscribers: delivery latency. */
async function fanOut(server: Server, file: string, events = 1000, subscribers = 20): Promise<Measurement> {
  const stop = new AbortController();
  const appended = new Map<number, number>();
  const latencies: number[] = [];
  const received = Array.from({ length: subscribers }, () => 0);
  for (let s = 0; s < subscribers; s++) {
    await subscribe(`${server.url}/api/events`, stop.signal, (id) => {
      const at = appended.get(id);
      if (at === undefined) return;
      received[s]!++;
      latencies.push(performance.now() - at);
    });
  }
  const ws = new Workspace({ file, actor: 'bench', env: {} });
  const start = performance.now();
  try {
    // In batches of 50, one every 20 ms: a busy team, not one transaction.
    for (let i = 0; i < events; i += 50) {
      const batch = Array.from({ length: Math.min(50, events - i) }, (_, k) => makeEvent('todo:note_added', { kind: 'todo', id: `TODO-${(i + k) % 1000}` }, { note: { author: 'bench', at: ws.now(), text: `fan-out ${i + k}` } }, { at: ws.now(), actor: 'bench', surface: 'mcp' }));
      const seqs = await withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => ws.events.append(batch));
      const now = performance.now();
      for (const seq of seqs) appended.set(seq, now);
      await new Promise((r) => setTimeout(r, 20));
    }
    const deadline = Date.now() + 60_000;
    while (received.some((n) => n < events) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  } finally {
    ws.close();
    stop.abort();
  }
  const wall = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const got = received.reduce((a, b) => a + b, 0);
  return { name: `SSE: ${events} events to ${subscribers} subscribers (GET /api/events), per-event delivery`, median_ms: round(quantile(latencies, 0.5)), p90_ms: round(quantile(latencies, 0.9)), runs: got, note: `p99 ${round(quantile(latencies, 0.99))} ms; ${got} of ${events * subscribers} delivered in ${round(wall / 1000)} s` };
}

/** Reads and writes for `seconds` with 10 clients; the server's resident memory at the start, middle and end. */
async function soak(server: Server, seconds: number): Promise<Measurement> {
  const end = Date.now() + seconds * 1000;
  const samples: [number, number][] = [];
  let requests = 0;
  let errors = 0;
  const sampler = setInterval(() => samples.push([Date.now(), rssMib(server.pid)]), 5_000);
  await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const r =
          i % 20 === 19
            ? await fetch(`${server.url}/api/todos/TODO-${c + 1}/notes`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-concord-actor': `soak-${c}` }, body: JSON.stringify({ text: `soak ${i}` }) })
            : await fetch(`${server.url}/api/${['ready?limit=20', 'todos?repo=repo-7&limit=20', 'todos/TODO-42', 'status'][i % 4]}`);
        await r.arrayBuffer();
        requests++;
        if (!r.ok) errors++;
      }
    }),
  );
  clearInterval(sampler);
  samples.push([Date.now(), rssMib(server.pid)]);
  // The first minute is warm-up (caches, JIT); growth is measured from then on.
  const warm = samples.find(([t]) => t >= samples[0]![0] + Math.min(60_000, (seconds * 1000) / 3)) ?? samples[0]!;
  const mid = samples[Math.floor(samples.length / 2)]!;
  const last = samples[samples.length - 1]!;
  return { name: `memory held ${seconds} s under load (10 clients: reads, a write in 20; RSS MiB after warm-up -> middle -> end)`, median_ms: round(mid[1]), p90_ms: round(last[1]), runs: requests, note: `MiB, not ms: ${round(warm[1])} -> ${round(mid[1])} -> ${round(last[1])}, growth ${round(last[1] - warm[1])} MiB; ${errors} errors` };
}

export async function benchApi(cli: string, todos: number, soakSeconds: number): Promise<Measurement[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-api-${todos}-`));
  const file = path.join(dir, 'ecosystem.yaml');
  fs.writeFileSync(file, generateEcosystem({ todos }));
  const server = await startServe(cli, file);
  const rows: Measurement[] = [];
  try {
    // Warm: the first read indexes the file.
    await (await fetch(`${server.url}/api/ready?limit=20`)).arrayBuffer();
    const ready = await load(50, 20, () => fetch(`${server.url}/api/ready?limit=20`));
    rows.push({ ...ready, name: `GET /api/ready?limit=20, 50 concurrent clients x 20 (${ready.errors} errors)` });
    const write = await load(50, 4, (c, i) => fetch(`${server.url}/api/todos/TODO-${c + 1}/notes`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-concord-actor': `client-${c}` }, body: JSON.stringify({ text: `bench ${c} ${i}` }) }));
    rows.push({ ...write, name: `POST /api/todos/{id}/notes, 50 concurrent clients x 4 (writes queue on the file lock; ${write.errors} errors)` });
    rows.push(await fanOut(server, file));
    if (soakSeconds > 0) rows.push(await soak(server, soakSeconds));
  } catch (e) {
    throw new Error(`the API bench failed: ${(e as Error).message}; the server's log ends:\n${server.log().slice(-3000)}`, { cause: e });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
