// Probe: run the validation command in the consumer's (or provider's) folder; pass on exit 0 and a match.
import fs from 'node:fs';
import type { ProbeResult } from '../../core/checks/result.js';
import type { PlannedProbe } from '../../core/checks/spec.js';
import type { Dependency } from '../../core/model.js';
import { runPipeline, type PipelineResult } from './pipeline.js';
import { type ProbeContext, repoDir } from './probe-context.js';

const OUTPUT_KEPT = 2000;

type CommandProbe = Extract<PlannedProbe, { kind: 'command' }>;

export async function probeCommand(probe: CommandProbe, dep: Dependency, ctx: ProbeContext, signal: AbortSignal): Promise<ProbeResult> {
  const base = { kind: 'command' as const, target: probe.command };
  const repo = probe.in === 'provider' ? dep.provider : dep.consumer;
  const dir = repoDir(ctx, repo);
  if (dir !== undefined && !fs.existsSync(dir)) {
    return { ...base, outcome: 'failed', summary: `the folder of repo ${repo} (${dir}) does not exist, so \`${probe.command}\` cannot run there; fix its path or clone it` };
  }
  const r = await runPipeline(probe.stages, { cwd: dir ?? ctx.ecosystemDir, signal });
  return judge(probe, r, base);
}

function judge(probe: CommandProbe, r: PipelineResult, base: { kind: 'command'; target: string }): ProbeResult {
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
  if (probe.pattern !== undefined && !new RegExp(probe.pattern, 'm').test(r.stdout)) {
    const got = firstLine(r.stdout);
    return { ...base, outcome: 'unsatisfied', summary: `output ${got ? `"${got}"` : '(empty)'} does not match /${probe.pattern}/`, exit_code: last.code, ...withOutput };
  }
  const matched = probe.pattern !== undefined ? `, output matches /${probe.pattern}/` : '';
  return { ...base, outcome: 'satisfied', summary: `\`${probe.command}\` exited 0${matched}`, exit_code: last.code, ...withOutput };
}

const firstLine = (s: string) => s.trim().split('\n')[0]?.trim().slice(0, 200) ?? '';
const tail = (s: string) => (s.length > OUTPUT_KEPT ? '…' + s.slice(-OUTPUT_KEPT) : s).trimEnd();
