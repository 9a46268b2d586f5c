// One attempt from start to verdict: run the agent, keep its work, verify it, decide the RunOutcome.
import { allowEnv } from '../app/process.js';
import { envSecrets } from '../app/secrets.js';
import { commitLeftovers, diffstat, runAcceptance } from '../app/runs/verify.js';
import { type AttemptFacts, classifyAttempt, type Diffstat, estimateCost, type RunOutcome } from '../core/runs/outcome.js';
import { redactor } from '../obs/redact.js';
import { type AttemptResult, type AttemptSpec, runAttempt } from './executor.js';

export interface VerifiedAttemptSpec extends AttemptSpec {
  /** The commit the attempt started from (undefined: not a git worktree, no diff to take). */
  base?: string;
  acceptanceCommands: readonly string[];
  codeWork: boolean;
  acceptanceTimeoutMs?: number;
  /** Secret values the workspace knows (app/secrets.ts): the summary and error tail, the agent's words, are stored with them redacted. */
  secrets?: readonly string[];
}

const TAIL = 4_000;
const SUMMARY = 2_000;

export async function executeAttempt(spec: VerifiedAttemptSpec): Promise<{ outcome: RunOutcome; attempt: AttemptResult }> {
  const attempt = await runAttempt(spec);
  const facts: AttemptFacts = {
    stream: attempt.facts,
    ...(attempt.stopped ? { stopped: attempt.stopped } : {}),
    ...(attempt.exit.spawnError ? { spawn_error: `${spec.profile.command}: ${attempt.exit.spawnError.code === 'ENOENT' ? 'not found on PATH' : attempt.exit.spawnError.message}` } : {}),
    exit_code: attempt.exit.code,
    signal: attempt.exit.signal,
    ...(attempt.mapped ? { mapped: attempt.mapped } : {}),
    code_work: spec.codeWork,
  };
  let stat: Diffstat | undefined;
  if (spec.base && !attempt.exit.spawnError) {
    await commitLeftovers(spec.cwd, spec.env, `concord: work left uncommitted by ${spec.profile.name} (${spec.todo}, ${spec.run})`);
    stat = await diffstat(spec.cwd, spec.base, spec.env);
    facts.diffstat = stat;
  }
  let verdict = classifyAttempt(facts);
  if (verdict.status === 'succeeded' && spec.acceptanceCommands.length) {
    facts.acceptance_failures = await runAcceptance(spec.cwd, spec.acceptanceCommands, allowEnv(spec.env, [], spec.vars), spec.acceptanceTimeoutMs ?? 600_000);
    verdict = classifyAttempt(facts);
  }
  const s = attempt.facts;
  const reported = s.cost_usd !== undefined;
  const cost = s.cost_usd ?? (spec.profile.price ? estimateCost(s.tokens, spec.profile.price) : undefined);
  const errors = [...s.errors, ...(facts.acceptance_failures ?? [])];
  // The agent's words go to the run record, its events and hooks: without the secrets it may have printed.
  const mask = redactor([...(spec.secrets ?? []), ...envSecrets(spec.env)]);
  const outcome: RunOutcome = {
    status: verdict.status,
    reason: verdict.reason,
    ...(s.session ? { session: s.session } : {}),
    turns: s.turns,
    tokens: { ...s.tokens },
    ...(cost !== undefined ? { cost_usd: cost, cost_kind: reported ? 'reported' : 'estimated' } : {}),
    ...(stat ? { diffstat: stat } : {}),
    exit_code: attempt.exit.code,
    signal: attempt.exit.signal,
    duration_ms: Math.round(attempt.exit.durationMs),
    ...(errors.length ? { error_tail: mask.text(errors.join('\n')).slice(-TAIL) } : {}),
    ...(s.result?.text?.trim() ? { summary: mask.text(s.result.text.trim()).slice(0, SUMMARY) } : {}),
  };
  return { outcome, attempt };
}
