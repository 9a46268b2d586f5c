// What every probe of a check run shares: where repos live, the limits, the manifests already read.
import os from 'node:os';
import path from 'node:path';
import type { ProbeResult } from '../../core/checks/result.js';
import type { Repo } from '../../core/model.js';
import { Limiter } from './limiter.js';
import { RepoPackagesCache } from './repo-manifests.js';

export interface ProbeContext {
  /** The folder of ecosystem.yaml: repo paths are relative to it. */
  ecosystemDir: string;
  repos: ReadonlyMap<string, Repo>;
  /** Probes that start processes (commands, MCP servers on stdio) take a slot here first. */
  processes: Limiter;
  packages: RepoPackagesCache;
  /** Passed to every probe: aborted when the probe's deadline passes (or the run is stopped). */
  signal?: AbortSignal;
}

export function createProbeContext(ecosystemDir: string, repos: ReadonlyMap<string, Repo>, processLimit = Math.max(4, os.availableParallelism() * 2)): ProbeContext {
  return { ecosystemDir, repos, processes: new Limiter(processLimit), packages: new RepoPackagesCache() };
}

/** The local folder of a repo (its `path`, relative to ecosystem.yaml, `~/` for home), if it has one. */
export function repoDir(ctx: Pick<ProbeContext, 'ecosystemDir' | 'repos'>, name: string): string | undefined {
  const p = ctx.repos.get(name)?.path;
  if (!p) return undefined;
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return path.resolve(ctx.ecosystemDir, p);
}

export const elapsed = (start: number) => Math.round((performance.now() - start) * 10) / 10;

/** A probe that ran out of time. */
export function timedOut(kind: ProbeResult['kind'], target: string, ms: number): ProbeResult {
  return { kind, target, outcome: 'failed', summary: `${kind === 'command' ? `\`${target}\`` : target} timed out after ${ms} ms`, timed_out: true };
}
