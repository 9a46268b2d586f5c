// `concord worker --database-url ...`: a fleet worker (src/fleet/worker.ts), which needs no ecosystem.yaml on
// its host: the repos it has (`--repos`, or the git checkouts under `--checkouts DIR`), the executors
// installed (`--executors`), how many runs at once. SIGTERM drains, a second signal hands back at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ConcordError } from '../../core/errors.js';
import type { CliContext } from '../context.js';

export interface FleetWorkerFlags {
  databaseUrl?: string;
  repos?: string[];
  checkouts?: string;
  executors?: string[];
  concurrency?: number;
  drainSeconds?: number;
}

/** The repos of `--checkouts DIR`: its folders that are git checkouts, by folder name. */
function checkoutsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new ConcordError('INVALID_INPUT', `--checkouts ${dir}: no such folder`, { hint: 'give the folder that holds one checkout per repo, named as the repo' });
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, '.git'))).map((e) => e.name).sort();
}

export async function runFleetWorker(ctx: CliContext, cmd: Command, url: string, o: FleetWorkerFlags): Promise<void> {
  const out = ctx.output(cmd);
  const checkouts = o.checkouts ? path.resolve(ctx.io.cwd, o.checkouts) : undefined;
  const repos = o.repos?.length ? o.repos : checkouts ? checkoutsIn(checkouts) : [];
  if (!repos.length) throw new ConcordError('INVALID_INPUT', 'a fleet worker needs the repos it can run: --repos a,b or --checkouts DIR (one checkout per repo)', { hint: 'concord worker --database-url postgres://... --checkouts ~/src' });
  const { FleetWorker } = await import('../../fleet/worker.js');
  const stateDir = ctx.env.stateDir ? path.resolve(ctx.io.cwd, ctx.env.stateDir) : path.join(os.homedir(), '.concord', 'worker');
  const worker = new FleetWorker({
    url,
    repos,
    ...(checkouts ? { checkouts } : {}),
    ...(o.executors?.length ? { executors: o.executors } : {}),
    concurrency: o.concurrency || 1,
    env: ctx.env.vars,
    stateDir,
    random: (n) => randomBytes(n),
    drainMs: (o.drainSeconds ?? 30) * 1000,
    note: (line) => out.note(line),
  });
  await worker.start();
  out.note(`fleet worker ${worker.id}: repos ${repos.join(', ')}; executors ${o.executors?.join(', ') ?? 'any'}; ${o.concurrency || 1} at once`);
  await new Promise<void>((resolve, reject) => {
    let signals = 0;
    const onSignal = () => {
      signals++;
      if (signals === 1) out.note('draining: no new runs; waiting for the runs under way (send the signal again to hand them back now)');
      (signals === 1 ? worker.drain() : worker.stop()).then(resolve, reject);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  out.result({ worker: worker.id, runs: worker.ended.map((t) => ({ id: t.run.id, todo: t.run.todo, status: t.run.status })) }, (r) => `${r.runs.length} run(s) ended`);
}
