// Bench of dependency checks: 100 dependencies whose health endpoints answer in 50 ms each, on a real local
// HTTP server; and the same with one endpoint that never answers (the report waits for its timeout only).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkDependencies } from '../app/checks/index.js';
import { Workspace } from '../app/workspace.js';
import { measure, type Measurement } from './measure.js';

const DEPENDENCIES = 100;
const ENDPOINT_MS = 50;
const HANG_TIMEOUT_MS = 300;

function ecosystem(url: (i: number) => string, timeout?: (i: number) => number | undefined): string {
  const deps = Array.from({ length: DEPENDENCIES }, (_, i) => {
    const t = timeout?.(i);
    return `    - id: DEP-${i}\n      consumer: app\n      provider: svc-${i % 10}\n      type: runtime\n      status: unknown\n      validation:\n        health_check: ${url(i)}\n        expected_status: 200\n${t ? `        timeout_ms: ${t}\n` : ''}`;
  });
  const repos = ['app', ...Array.from({ length: 10 }, (_, i) => `svc-${i}`)].map((r) => `  - name: ${r}\n`);
  return `repos:\n${repos.join('')}coordination:\n  dependencies:\n${deps.join('')}`;
}

export async function benchDependencyChecks(): Promise<Measurement[]> {
  const server = http.createServer((req, res) => {
    if (req.url === '/hang') return; // never answers
    setTimeout(() => res.end('ok'), ENDPOINT_MS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-deps-'));
  const rows: Measurement[] = [];
  try {
    const file = path.join(dir, 'ecosystem.yaml');
    fs.writeFileSync(file, ecosystem((i) => `${base}/health/${i}`));
    const ws = new Workspace({ file, actor: 'bench', env: {} });
    const check = async () => {
      const r = await checkDependencies(ws, {});
      if (r.counts.satisfied !== DEPENDENCIES) throw new Error(`expected ${DEPENDENCIES} satisfied, got ${JSON.stringify(r.counts)}`);
    };
    rows.push(await measure(`check ${DEPENDENCIES} dependencies (${ENDPOINT_MS} ms endpoints), first run: writes ${DEPENDENCIES} statuses`, 1, check));
    rows.push(await measure(`check ${DEPENDENCIES} dependencies (${ENDPOINT_MS} ms endpoints), no status change`, 10, check, { target_ms: 500 }));
    rows.push(await measure(`  the same, report only (record: false)`, 10, () => checkDependencies(ws, { record: false }), { target_ms: 500 }));
    ws.close();

    const hangFile = path.join(dir, 'hang', 'ecosystem.yaml');
    fs.mkdirSync(path.dirname(hangFile));
    fs.writeFileSync(hangFile, ecosystem((i) => (i === 7 ? `${base}/hang` : `${base}/health/${i}`), (i) => (i === 7 ? HANG_TIMEOUT_MS : undefined)));
    const hws = new Workspace({ file: hangFile, actor: 'bench', env: {} });
    await checkDependencies(hws, {});
    rows.push(await measure(`check ${DEPENDENCIES} dependencies, one hanging (timeout ${HANG_TIMEOUT_MS} ms)`, 5, async () => {
      const r = await checkDependencies(hws, {});
      if (r.counts.failed !== 1) throw new Error(`expected the hanging check to fail, got ${JSON.stringify(r.counts)}`);
    }, { note: `bounded by the timeout, not by the hang` }));
    hws.close();
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
