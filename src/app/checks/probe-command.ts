// Probe: run the validation command in the consumer's (or provider's) folder; pass on exit 0 and a match.
import fs from 'node:fs';
import type { ProbeResult } from '../../core/checks/result.js';
import type { PlannedProbe } from '../../core/checks/spec.js';
import type { Dependency } from '../../core/model.js';
import { matchPattern } from './match-pattern.js';
import { runPipeline, type PipelineResult } from './pipeline.js';
import { type ProbeContext, repoDir } from './probe-context.js';

const OUTPUT_KEPT = 2000;

type CommandProbe = Extract<PlannedProbe, { kind: 'command' }>;

/** `deadline` is when the check's time is up (performance.now()): the pattern match must end before it. */
export async function probeCommand(probe: CommandProbe, dep: Dependency, ctx: ProbeContext, signal: AbortSignal, deadline: number): Promise<ProbeResult> {
  const base = { kind: 'command' as const, target: probe.command };
  const repo = probe.in === 'provider' ? dep.provider : dep.consumer;
  const dir = repoDir(ctx, repo);
  if (dir !== undefined && !fs.existsSync(dir)) {
    return { ...base, outcome: 'unknown', summary: `the folder of repo ${repo} (${dir}) does not exist on this machine, so \`${probe.command}\` cannot run there; fix its path or clone it` };
  }
  const r = await runPipeline(probe.stages, { cwd: dir ?? ctx.ecosystemDir, signal });
  return judge(probe, r, base, signal, deadline);
}

// The match ends a little before the check's deadline, so that its own answer (not a generic timeout) is reported.
const MATCH_MARGIN_MS = 25;

async function judge(probe: CommandProbe, r: PipelineResult, base: { kind: 'command'; target: string }, signal: AbortSignal, deadline: number): Promise<ProbeResult> {
  const output = tail(`${r.stdout}${r.stderr ? `${r.stdout ? '\n' : ''}${r.stderr}` : ''}`);
  const withOutput = output ? { output } : {};
  const last = r.stages[r.stages.length - 1]!;
  if (r.spawnError) {
    const what = r.spawnError.code === 'ENOENT' ? `command not found: ${r.spawnError.argv0}` : `${r.spawnError.argv0} could not start: ${r.spawnError.message}`;
    return { ...base, outcome: 'failed', summary: what, exit_code: null, ...withOutput };
  }
  if (r.aborted) return { ...base, outcome: 'failed', summary: `\`${probe.command}\` timed out and was killed`, timed_out: true, exit_code: null, ...withOutput };
  // pipefail: a failing early stage fails the pipeline, except one cut off by a later stage (`| head`).
  const failed = r.stages.find((s, i) => (s.code !== 0 || s.signal) && !(i < r.stages.length - 1 && (s.signal === 'SIGPIPE' || s.code === 141)));
  if (failed) {
    const how = failed.signal ? `was killed by ${failed.signal}` : `exited with ${failed.code}`;
    return { ...base, outcome: 'unsatisfied', summary: `\`${failed.argv0}\` ${how}${firstLine(r.stderr) ? `: ${firstLine(r.stderr)}` : ''}`, exit_code: last.code, ...withOutput };
  }
  const match = probe.pattern === undefined ? 'match' : await matchPattern(probe.pattern, r.stdout, deadline - performance.now() - MATCH_MARGIN_MS, signal);
  if (match === 'unfinished') {
    // Never satisfied: the command ran, but whether its output matches is not known.
    const why = `matching the output against /${probe.pattern}/ did not finish before the deadline; a pattern with nested repetition such as (a+)+ can take exponential time: simplify it`;
    return { ...base, outcome: 'unknown', summary: why, timed_out: true, exit_code: last.code, ...withOutput };
  }
  if (match === 'no-match') {
    const got = firstLine(r.stdout);
    return { ...base, outcome: 'unsatisfied', summary: `output ${got ? `"${got}"` : '(empty)'} does not match /${probe.pattern}/`, exit_code: last.code, ...withOutput };
  }
  const matched = probe.pattern !== undefined ? `, output matches /${probe.pattern}/` : '';
  return { ...base, outcome: 'satisfied', summary: `\`${probe.command}\` exited 0${matched}`, exit_code: last.code, ...withOutput };
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.trim().slice(0, 200) ?? '';
const tail = (s: string) => (s.length > OUTPUT_KEPT ? '…' + s.slice(-OUTPUT_KEPT) : s).trimEnd();
