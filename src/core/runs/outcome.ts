// One normalized RunOutcome for every agent CLI, and the pure decision of which outcome an attempt had.
//
// Success is verified, never read from exit 0: agent CLIs exit 0 on API errors, denied tools and empty
// prompts, and some hang after their result. An attempt succeeds only with a result event without an
// error flag, every acceptance command passing and, for code work, a non-empty diff.
import { z } from 'zod';
import { type OutcomeStatus, OutcomeStatusSchema } from './states.js';
import { lazySchema } from '../on-first-use.js';

/** What a parser learnt from an agent's stream of events (the same shape for every CLI). */
export interface StreamFacts {
  session?: string;
  turns: number;
  tokens: { input: number; output: number };
  /** USD the agent reported (undefined: it reports none; the cost is then estimated from tokens). */
  cost_usd?: number;
  /** The final result event, if one came. */
  result?: {
    is_error: boolean;
    /** The CLI's own word for how it ended (claude: success, error_max_turns, error_max_budget_usd...). */
    subtype?: string;
    text?: string;
  };
  /** Tools the agent was refused (claude's permission_denials, opencode's refused permissions). */
  denied: string[];
  /** The agent asked for a decision (the CONCORD_NEEDS_INPUT marker, or a permission it cannot get). */
  needs_input?: string;
  /** Error messages seen in the stream (error events, failed turns). */
  errors: string[];
}

export const emptyFacts = (): StreamFacts => ({ turns: 0, tokens: { input: 0, output: 0 }, denied: [], errors: [] });

export const DiffstatSchema = lazySchema(() => z.object({ files: z.number().int(), insertions: z.number().int(), deletions: z.number().int() }));
export type Diffstat = z.infer<typeof DiffstatSchema>;

export const RunOutcomeSchema = lazySchema(() => z.object({
  status: OutcomeStatusSchema,
  /** One line saying why (shown in `run show` and the todo's note). */
  reason: z.string(),
  session: z.string().optional(),
  turns: z.number().int(),
  tokens: z.object({ input: z.number().int(), output: z.number().int() }),
  cost_usd: z.number().optional(),
  /** Whether cost_usd is what the agent reported or an estimate from tokens. */
  cost_kind: z.enum(['reported', 'estimated']).optional(),
  diffstat: DiffstatSchema.optional(),
  exit_code: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  duration_ms: z.number().optional(),
  /** The last lines of errors (stderr, error events, failing acceptance commands), for the next attempt. */
  error_tail: z.string().optional(),
  /** The agent's final message. */
  summary: z.string().optional(),
}));
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** Why Concord stopped the process itself, if it did. */
export type StopReason = 'cancelled' | 'wall_time' | 'idle' | 'turns' | 'budget' | 'after_result' | 'drain';

export interface AttemptFacts {
  stream: StreamFacts;
  stopped?: StopReason;
  /** The program could not start (not found, not executable). */
  spawn_error?: string;
  exit_code: number | null;
  signal?: string | null;
  /** What the profile's exit-code map says the exit code means, if it says anything. */
  mapped?: OutcomeStatus;
  /** Acceptance commands that failed, each with its tail (undefined: not run because the attempt already failed). */
  acceptance_failures?: string[];
  diffstat?: Diffstat;
  /** The todo is code work: success needs a non-empty diff. */
  code_work: boolean;
}

/** API-side trouble an agent reports as its result text (claude-code #79500): worth retrying later. */
const INFRA_TEXT = /\b(api error|overloaded|rate.?limit|too many requests|quota|resource has been exhausted|429|internal server error|service unavailable|bad gateway|gateway timeout|timed? ?out connecting|ECONNRESET|ETIMEDOUT|ENOTFOUND|5\d\d\b)/i;

const limitOf = (subtype: string | undefined): OutcomeStatus | undefined =>
  subtype === 'error_max_turns' ? 'limit_turns' : subtype === 'error_max_budget_usd' ? 'limit_budget' : undefined;

/**
 * The outcome of one attempt, from what was observed. The order matters: a stop Concord made itself
 * explains the exit code; a limit the agent hit beats a generic failure; verification comes last and
 * only for attempts the agent itself reported as done.
 */
export function classifyAttempt(f: AttemptFacts): { status: OutcomeStatus; reason: string } {
  const r = f.stream.result;
  if (f.stopped === 'cancelled') return { status: 'cancelled', reason: 'cancelled while running' };
  if (f.spawn_error) return { status: 'infra_error', reason: `the agent could not start: ${f.spawn_error}` };
  if (f.stopped === 'turns') return { status: 'limit_turns', reason: `stopped at the turn limit (${f.stream.turns} turns)` };
  if (f.stopped === 'budget') return { status: 'limit_budget', reason: `stopped at the cost limit ($${(f.stream.cost_usd ?? 0).toFixed(2)})` };
  if (f.stopped === 'wall_time') return { status: 'limit_time', reason: 'stopped at the wall-time limit' };
  if (f.stopped === 'drain') return { status: 'infra_error', reason: 'the worker stopped before the agent finished' };
  if (f.stopped === 'idle' && !r) return { status: 'stalled', reason: 'no output for longer than the idle limit' };
  const limit = limitOf(r?.subtype) ?? (f.mapped && f.mapped.startsWith('limit_') ? f.mapped : undefined);
  if (limit) return { status: limit, reason: `the agent stopped at its ${limit === 'limit_turns' ? 'turn' : limit === 'limit_budget' ? 'budget' : 'time'} limit${r?.subtype ? ` (${r.subtype})` : ''}` };
  if (f.stream.needs_input) return { status: 'needs_input', reason: `the agent needs input: ${f.stream.needs_input}` };
  if (f.mapped && f.mapped !== 'succeeded') return { status: f.mapped, reason: `exit code ${f.exit_code} means ${f.mapped.replace('_', ' ')}${f.stream.errors.length ? `: ${f.stream.errors.at(-1)}` : ''}` };
  if (!r) {
    const said = f.stream.errors.at(-1);
    if (said && INFRA_TEXT.test(said)) return { status: 'infra_error', reason: `no result event; the agent said: ${said}` };
    return { status: 'failed', reason: `the agent ended without a result event (exit code ${f.exit_code ?? f.signal ?? 'none'})${said ? `: ${said}` : ''}` };
  }
  if (r.is_error) {
    const text = r.text || f.stream.errors.at(-1) || r.subtype || 'error';
    if (INFRA_TEXT.test(text) || f.stream.errors.some((e) => INFRA_TEXT.test(e))) return { status: 'infra_error', reason: `the agent reported an API error: ${text}` };
    return { status: 'failed', reason: `the agent reported an error: ${text}` };
  }
  // A clean result with a failing exit code, unless Concord itself stopped the process after the result.
  if (f.stopped !== 'after_result' && f.stopped !== 'idle' && f.exit_code !== null && f.exit_code !== 0) {
    return { status: 'failed', reason: `the agent reported success but exited with code ${f.exit_code}` };
  }
  const changed = (f.diffstat?.files ?? 0) > 0;
  if (f.stream.denied.length && !changed) return { status: 'failed', reason: `tools were denied (${[...new Set(f.stream.denied)].join(', ')}) and nothing changed` };
  if (!r.text?.trim() && !changed) return { status: 'no_op', reason: 'the agent returned an empty result and changed nothing' };
  if (f.acceptance_failures?.length) return { status: 'failed', reason: `acceptance failed: ${f.acceptance_failures[0]}` };
  if (f.code_work && !changed) return { status: 'no_op', reason: 'the agent reported success but the diff is empty' };
  return { status: 'succeeded', reason: changed ? `done: ${f.diffstat!.files} file(s) changed, +${f.diffstat!.insertions} -${f.diffstat!.deletions}` : 'done' };
}

/** Prices per million tokens used to estimate cost when an agent reports only tokens. */
export interface TokenPrice {
  input_per_mtok: number;
  output_per_mtok: number;
}

export function estimateCost(tokens: { input: number; output: number }, price: TokenPrice): number {
  return Math.round(((tokens.input * price.input_per_mtok + tokens.output * price.output_per_mtok) / 1_000_000) * 1e6) / 1e6;
}
