// One dependency checked: its validation planned, every probe run in parallel under its deadline, combined.
import { combineOutcomes, type DependencyCheck, type ProbeResult, summarizeCheck } from '../../core/checks/result.js';
import { planDependencyCheck, type PlannedProbe } from '../../core/checks/spec.js';
import type { Dependency } from '../../core/model.js';
import { withDeadline } from './deadline.js';
import { probeCommand } from './probe-command.js';
import { elapsed, type ProbeContext, timedOut } from './probe-context.js';
import { probeMcp } from './probe-mcp.js';
import { probeHttp, probeTcp } from './probe-network.js';
import { judgeVersion, readVersionInputs } from './probe-version.js';
import { DEFAULT_CHECK_TIMEOUT_MS } from './defaults.js';

/** A check as the probes found it, before it is compared with the previous one and recorded. */
export type CheckFindings = Omit<DependencyCheck, 'previous_outcome' | 'status' | 'status_changed'>;


export async function checkDependency(dep: Dependency, ctx: ProbeContext, options: { now: string; timeoutMs?: number }): Promise<CheckFindings> {
  const start = performance.now();
  const planned = planDependencyCheck(dep, options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
  const head = { id: dep.id, consumer: dep.consumer, provider: dep.provider, type: dep.type, checked_at: options.now };
  if (!planned.ok) {
    const probes: ProbeResult[] = planned.problems.map((p) => ({ kind: 'spec', target: 'validation', outcome: 'failed', summary: p }));
    return { ...head, outcome: 'failed', summary: probes.map((p) => p.summary).join('; '), duration_ms: elapsed(start), probes, notes: [] };
  }
  const { probes: plannedProbes, timeout_ms: timeout, notes } = planned.spec;
  const version = plannedProbes.find((p): p is Extract<PlannedProbe, { kind: 'version' }> => p.kind === 'version');
  const others = plannedProbes.filter((p) => p.kind !== 'version');

  const run = (probe: PlannedProbe, work: (signal: AbortSignal) => Promise<ProbeResult>) => {
    const deadline = () => withDeadline(timeout, work, () => timedOut(probe.kind, targetOf(probe), timeout), ctx.signal);
    // The deadline of a probe that starts a process begins when it gets a process slot, not before.
    return usesProcess(probe) ? ctx.processes.run(deadline) : deadline();
  };
  const versionInputs = version
    ? withDeadline(timeout, () => readVersionInputs(dep, ctx), () => undefined, ctx.signal)
    : Promise.resolve(undefined);
  const results = await Promise.all(others.map((p) => run(p, (signal) => runProbe(p, dep, ctx, signal, performance.now() + timeout))));
  if (version) {
    const inputs = await versionInputs;
    const mcp = results.find((r) => r.kind === 'mcp' && r.server)?.server;
    results.push(inputs ? judgeVersion(version.constraint, dep, inputs, ctx, mcp) : timedOut('version', version.constraint, timeout));
  }

  const outcome = combineOutcomes(results);
  const latencies = results.filter((r) => r.kind === 'http' || r.kind === 'tcp' || r.kind === 'mcp').flatMap((r) => (r.latency_ms === undefined ? [] : [r.latency_ms]));
  return {
    ...head,
    outcome,
    summary: summarizeCheck(outcome, results, notes),
    duration_ms: elapsed(start),
    ...(latencies.length ? { latency_ms: Math.max(...latencies) } : {}),
    probes: results,
    notes,
  };
}

function runProbe(probe: Exclude<PlannedProbe, { kind: 'version' }>, dep: Dependency, ctx: ProbeContext, signal: AbortSignal, deadline: number): Promise<ProbeResult> {
  switch (probe.kind) {
    case 'command':
      return probeCommand(probe, dep, ctx, signal, deadline);
    case 'http':
      return probeHttp(probe, signal);
    case 'tcp':
      return probeTcp(probe, signal);
    case 'mcp':
      return probeMcp(probe, dep, ctx, signal);
  }
}

const usesProcess = (p: PlannedProbe) => p.kind === 'command' || (p.kind === 'mcp' && 'stages' in p);

function targetOf(p: PlannedProbe): string {
  switch (p.kind) {
    case 'command':
      return p.command;
    case 'http':
    case 'tcp':
      return p.url;
    case 'mcp':
      return p.target;
    case 'version':
      return p.constraint;
  }
}
