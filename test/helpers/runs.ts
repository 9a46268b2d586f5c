// Ecosystems to execute: real git repos, todos, a concord.yaml whose pools run the fake agent CLIs.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { poolsOf } from '../../src/app/runs/pools.js';
import { Workspace } from '../../src/app/workspace.js';
import { Worker } from '../../src/exec/worker.js';
import { agentEnv } from './agents.js';
import { gitInit, tempDir } from './temp.js';

export interface RunEcosystem {
  ws: Workspace;
  dir: string;
  file: string;
  repoDir: (name: string) => string;
  /** The environment workers get: the fake CLIs on PATH. */
  env: Record<string, string>;
}

/** Settings that make the fakes fast to run: short heartbeats and leases, short limits. */
export const FAST_SETTINGS = {
  queue: { heartbeat_seconds: 0.2, lease_seconds: 1.5, poll_ms: 20, retry: { backoff_base_ms: 10, backoff_max_ms: 50 } },
  executors: { claude: { pass_env: ['FAKE_*'] } },
};

export function runEcosystem(o: { repos: string[]; todos: Record<string, unknown>[]; plans?: Record<string, unknown>[]; settings?: Record<string, unknown>; env?: Record<string, string> }): RunEcosystem {
  const dir = tempDir('concord-runs-');
  for (const name of o.repos) {
    const r = path.join(dir, 'repos', name);
    fs.mkdirSync(r, { recursive: true });
    fs.writeFileSync(path.join(r, 'README.md'), `# ${name}\n`);
    gitInit(r);
  }
  const file = path.join(dir, 'ecosystem.yaml');
  fs.writeFileSync(file, `# Execution under test\n${stringify({ version: '1.0', repos: o.repos.map((name) => ({ name, path: `./repos/${name}` })), coordination: { plans: o.plans ?? [], todos: o.todos } })}`);
  const settings = { ...FAST_SETTINGS, ...(o.settings ?? {}), pools: (o.settings?.['pools'] as unknown[] | undefined) ?? [{ name: 'default', executor: 'claude', limits: { after_result_seconds: 0.3, idle_seconds: 5, wall_seconds: 30, kill_grace_seconds: 0.5 } }] };
  fs.writeFileSync(path.join(dir, 'concord.yaml'), stringify(settings));
  const ws = new Workspace({ cwd: dir, actor: 'tester', env: {} });
  return { ws, dir, file, repoDir: (name) => path.join(dir, 'repos', name), env: agentEnv(o.env) };
}

/** Runs a worker of the first pool in this process until nothing is queued or running. */
export function drainQueue(ws: Workspace, env: Record<string, string>): Promise<void> {
  const worker = new Worker(ws, { pool: poolsOf(ws.settings)[0]!, env });
  return worker.run(new AbortController().signal, async () => {
    const c = await ws.runs.counts();
    return c.queued + c.active === 0;
  });
}
