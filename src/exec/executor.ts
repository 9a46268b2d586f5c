// Runs one attempt of an agent: argv from its profile, the prompt on stdin (or in a file), limits
// enforced by Concord from the event stream, and the facts the outcome is decided from.
//
// Concord enforces every limit itself, because the CLIs do not (no wall-clock flag anywhere; claude's
// --max-budget-usd overshoots): wall time, silence, turns and cost counted from the stream, and a kill
// shortly after the result event for CLIs that hang there. A stop is TERM then KILL to the group.
import fs from 'node:fs';
import path from 'node:path';
import { allowEnv, type ProcessExit, startProcess } from '../app/process.js';
import { PARSERS } from '../core/executors/index.js';
import { buildArgv, type ExecutorProfile } from '../core/executors/profile.js';
import { estimateCost, type StopReason, type StreamFacts } from '../core/runs/outcome.js';
import type { Limits } from '../core/runs/settings.js';
import type { OutcomeStatus } from '../core/runs/states.js';

export interface AttemptSpec {
  profile: ExecutorProfile;
  prompt: string;
  /** Where the prompt is written (outside the worktree, so it never shows in the diff). */
  promptFile: string;
  cwd: string;
  /** The worker's environment: the source of the allow-listed variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** CONCORD_* variables for this run. */
  vars: Readonly<Record<string, string>>;
  limits: Limits;
  run: string;
  todo: string;
  /** Continue this session (`resume_args`). */
  resumeSession?: string;
  /** Relative commands (`./agent.sh`) are found from here (the ecosystem's folder). */
  commandDir: string;
  /** Aborting stops the agent; `signal.reason` says why ('cancelled' or 'drain'). */
  signal?: AbortSignal;
  /** Every chunk of output (the run's log). */
  log?: (chunk: string) => void;
  /** The process started. */
  onStart?: (pid: number | undefined) => void;
  /** Called after each event line (progress for heartbeats and the live view). */
  onProgress?: (facts: StreamFacts) => void;
}

export interface AttemptResult {
  facts: StreamFacts;
  stopped?: StopReason;
  exit: ProcessExit;
  argv: string[];
  /** What the profile's exit-code map says, if anything. */
  mapped?: OutcomeStatus;
}

/** The longest prompt passed as an argument (arg mode only; visible in ps, capped by the kernel). */
const MAX_ARG_PROMPT = 100_000;

const STOPS: Record<string, StopReason> = { wall_time: 'wall_time', idle: 'idle', turns: 'turns', budget: 'budget', after_result: 'after_result' };

export function argvFor(spec: Pick<AttemptSpec, 'profile' | 'prompt' | 'promptFile' | 'cwd' | 'limits' | 'run' | 'todo' | 'resumeSession' | 'commandDir'>): string[] {
  const p = spec.profile;
  if (p.prompt === 'arg' && spec.prompt.length > MAX_ARG_PROMPT) {
    throw new Error(`the prompt is ${spec.prompt.length} characters, too long for an argument (at most ${MAX_ARG_PROMPT}); use prompt: stdin or file for executor ${p.name}`);
  }
  const values: Record<string, string | undefined> = {
    prompt: p.prompt === 'arg' ? spec.prompt : undefined,
    prompt_file: spec.promptFile,
    session: spec.resumeSession,
    run: spec.run,
    todo: spec.todo,
    worktree: spec.cwd,
    model: p.model,
    max_turns: String(p.max_turns ?? spec.limits.turns ?? '') || undefined,
    permission_mode: p.permission_mode,
    allowed_tools: p.allowed_tools.length ? p.allowed_tools.join(',') : undefined,
    budget_usd: spec.limits.cost_usd === undefined ? undefined : String(spec.limits.cost_usd),
  };
  const template = spec.resumeSession && p.resume_args ? p.resume_args : p.args;
  const program = p.command.includes('/') ? path.resolve(spec.commandDir, p.command) : p.command;
  return [program, ...buildArgv(template, values)];
}

export async function runAttempt(spec: AttemptSpec): Promise<AttemptResult> {
  const p = spec.profile;
  const parser = PARSERS[p.parser]!();
  const facts = parser.facts;
  if (p.session_from === 'run') facts.session = spec.resumeSession ?? spec.run;
  fs.mkdirSync(path.dirname(spec.promptFile), { recursive: true });
  fs.writeFileSync(spec.promptFile, spec.prompt, { mode: 0o600 });
  const argv = argvFor(spec);
  const limits = spec.limits;
  const liveCost = () => facts.cost_usd ?? (p.price ? estimateCost(facts.tokens, p.price) : undefined);
  let afterResult: NodeJS.Timeout | undefined;
  let stopReason: string | undefined;

  const handle = startProcess({
    argv,
    cwd: spec.cwd,
    env: allowEnv(spec.env, p.pass_env, { ...p.env, ...spec.vars }),
    ...(p.prompt === 'stdin' ? { stdin: spec.prompt } : {}),
    wallMs: limits.wall_seconds * 1000,
    idleMs: limits.idle_seconds * 1000,
    graceMs: limits.kill_grace_seconds * 1000,
    maxOutput: 256 * 1024,
    onOutput: (chunk, stream) => spec.log?.(stream === 'stderr' ? prefixLines(chunk.toString('utf8')) : chunk.toString('utf8')),
    onLine: (line, stream) => {
      if (stream !== 'stdout') return;
      const before = facts.result;
      parser.line(line);
      spec.onProgress?.(facts);
      if (limits.turns !== undefined && facts.turns > limits.turns && !facts.result) stop('turns');
      const cost = liveCost();
      if (limits.cost_usd !== undefined && cost !== undefined && cost > limits.cost_usd && !facts.result) stop('budget');
      // Armed by the result event; re-armed if a parser revises its result (aider's exchanges), cleared if it withdraws it.
      if (facts.result !== before) {
        if (afterResult) clearTimeout(afterResult);
        afterResult = facts.result ? setTimeout(() => stop('after_result'), limits.after_result_seconds * 1000) : undefined;
      }
    },
    ...(spec.signal ? { signal: spec.signal } : {}),
  });
  function stop(reason: StopReason) {
    stopReason ??= reason;
    handle.stop(reason);
  }
  spec.onStart?.(handle.pid);
  const exit = await handle.done;
  if (afterResult) clearTimeout(afterResult);
  parser.end({ code: exit.code });
  if (exit.stderr.trim()) for (const l of exit.stderr.trim().split('\n').slice(-5)) if (!facts.errors.includes(l)) facts.errors.push(l.slice(0, 2_000));
  const reason = stopReason ?? exit.stopped;
  const stopped: StopReason | undefined = reason === 'aborted' ? (spec.signal?.reason === 'drain' ? 'drain' : 'cancelled') : reason ? STOPS[reason] : undefined;
  const mapped = exit.code === null ? undefined : p.exit_codes[String(exit.code)];
  return { facts, ...(stopped ? { stopped } : {}), exit, argv, ...(mapped ? { mapped: mapped as OutcomeStatus } : {}) };
}

function prefixLines(text: string): string {
  return text.replace(/^(?=.)/gm, 'stderr| ');
}
