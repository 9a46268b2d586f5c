// Leases: an exclusive, expiring hold on a todo by an agent's claim or a worker's run (one model for both).
// Pure decisions; the app applies them under the file lock, against the todo's current status.
import { z } from 'zod';
import { ConcordError } from './errors.js';
import { arg, hint, op } from './hints.js';
import { lazySchema } from './on-first-use.js';

export const DEFAULT_LEASE_SECONDS = 15 * 60;
export const MAX_LEASE_SECONDS = 24 * 60 * 60;
export const LEASE_KINDS = ['claim', 'run'] as const;
export type LeaseKind = (typeof LEASE_KINDS)[number];

export const LeaseSchema = lazySchema(() => z.object({
  todo: z.string(),
  /** Who holds it (an agent name); with `session`, the holder's identity. */
  agent: z.string(),
  session: z.string(),
  kind: z.enum(LEASE_KINDS),
  run_id: z.string().optional(),
  /** Secret of the holder (only the acquire answer carries it); writes to the todo must present it. */
  token: z.string(),
  /** Fencing number: larger for every later lease, whatever happened to the state database. */
  fence: z.number().int(),
  claimed_at: z.string(),
  heartbeat_at: z.string(),
  expires_at: z.string(),
}));
export type Lease = z.infer<typeof LeaseSchema>;

/** What anyone may see of a lease: never the token, nor the session it belongs to. */
export const LeaseViewSchema = lazySchema(() => LeaseSchema.omit({ token: true, session: true }));
export type LeaseView = z.infer<typeof LeaseViewSchema>;

export function leaseView(lease: Lease): LeaseView {
  const { token: _token, session: _session, ...view } = lease;
  return view;
}

const leaseSeconds = lazySchema(() => z.number().int().min(1).max(MAX_LEASE_SECONDS));
const token = lazySchema(() => z.string().min(1).max(200));

export const ClaimInputSchema = lazySchema(() => z.object({
  id: z.string().min(1).describe('Todo to claim'),
  agent: z.string().trim().min(1).max(200).optional().describe('Who holds the claim (default: your client name)'),
  lease_seconds: leaseSeconds.optional().describe(`Lease length; default ${DEFAULT_LEASE_SECONDS} s, renewed by heartbeat`),
}));
export const HeartbeatInputSchema = lazySchema(() => z.object({
  id: z.string().min(1),
  token: token.describe('The claim token the claim returned'),
  lease_seconds: leaseSeconds.optional(),
}));
export const ReleaseInputSchema = lazySchema(() => z.object({ id: z.string().min(1), token: token.describe('The claim token the claim returned') }));
export type ClaimInput = z.input<typeof ClaimInputSchema>;
export type HeartbeatInput = z.input<typeof HeartbeatInputSchema>;
export type ReleaseInput = z.input<typeof ReleaseInputSchema>;

/** The claim token a write to a claimed todo carries. */
export const ClaimTokenInput = lazySchema(() => token.optional().describe('Required while the todo is claimed'));

export const isLive = (lease: Pick<Lease, 'expires_at'> | undefined, now: string): boolean => lease !== undefined && lease.expires_at > now;

export interface Holder {
  agent: string;
  session: string;
  kind?: LeaseKind;
  run_id?: string;
}

/** A run's session: `<run>#<queue fence>`; the fence grows with every attempt the queue hands out. */
const runFence = (session: string, run: string): number | undefined => {
  const m = /^(.*)#(\d+)$/.exec(session);
  return m && m[1] === run ? Number(m[2]) : undefined;
};

/**
 * A later attempt of the same run takes over its earlier attempt's live lease: the queue gave the run to it
 * (a higher fence) because the earlier attempt's worker stopped, and that attempt's stale token can no longer
 * write. Waiting for the dead attempt's lease to run out instead fails under load.
 */
export function supersedes(existing: Lease, holder: Holder): boolean {
  if (existing.kind !== 'run' || holder.kind !== 'run' || !holder.run_id || existing.run_id !== holder.run_id) return false;
  const mine = runFence(holder.session, holder.run_id);
  const theirs = runFence(existing.session, holder.run_id);
  return mine !== undefined && theirs !== undefined && mine > theirs;
}

/**
 * Whether `holder` may take the todo now: `new` (a fresh lease), `same` (this session holds it already: renew).
 * The todo must be pending and unblocked, or `stale` (in progress with no live lease: abandoned work).
 */
export function decideAcquire(todo: { id: string; status: string }, blockers: readonly string[], existing: Lease | undefined, holder: Holder, now: string): 'new' | 'same' {
  const { id, status } = todo;
  if (status === 'completed' || status === 'cancelled') {
    throw new ConcordError('INVALID_TRANSITION', `todo ${id} is ${status}: there is nothing left to claim`, { hint: hint`pick a ready todo (${op('todo.ready')})`, data: { id, status } });
  }
  if (isLive(existing, now) && !supersedes(existing!, holder)) {
    if (existing!.agent === holder.agent && existing!.session === holder.session) return 'same';
    const who = existing!.agent === holder.agent ? `${existing!.agent} in another session` : existing!.agent;
    throw new ConcordError('ALREADY_CLAIMED', `todo ${id} is already claimed by ${who} until ${existing!.expires_at}`, {
      hint: hint`pick another ready todo (${op('todo.ready')}), or wait for the lease to expire`,
      data: { id, holder: existing!.agent, expires_at: existing!.expires_at },
    });
  }
  if (status === 'blocked') throw new ConcordError('TODO_BLOCKED', `todo ${id} is marked blocked`, { hint: 'set it back to pending first', data: { id } });
  if (blockers.length) {
    throw new ConcordError('TODO_BLOCKED', `todo ${id} is blocked by ${blockers.join(', ')}`, { hint: hint`claim a ready todo instead (${op('todo.ready')})`, data: { id, blockers } });
  }
  return 'new';
}

/** A heartbeat, release or write must present the token of the todo's live lease. */
export function decideToken(existing: Lease | undefined, id: string, presented: string, now: string): Lease {
  if (existing && existing.token === presented && isLive(existing, now)) return existing;
  const why =
    existing?.token === presented
      ? `its lease ended at ${existing.expires_at}`
      : isLive(existing, now)
        ? `the todo is now held by ${existing!.agent}`
        : 'the todo holds no live claim';
  throw new ConcordError('STALE_CLAIM', `that claim token on todo ${id} is no longer current: ${why}`, {
    hint: 'claim the todo again before working on it',
    data: { id, ...(isLive(existing, now) ? { holder: existing!.agent } : {}) },
  });
}

/** Whether a write may change a todo: with a live lease it needs that lease's token; unclaimed todos need none (people editing). */
export function decideWrite(existing: Lease | undefined, id: string, presented: string | undefined, now: string): void {
  if (presented !== undefined) {
    decideToken(existing, id, presented, now);
    return;
  }
  if (!isLive(existing, now)) return;
  throw new ConcordError('CLAIM_REQUIRED', `todo ${id} is claimed by ${existing!.agent} until ${existing!.expires_at}; pass its claim token to change it`, {
    hint: hint`pass the token ${op('todo.claim')} returned as ${arg('claim_token')}, or wait for the lease to expire`,
    data: { id, holder: existing!.agent, expires_at: existing!.expires_at },
  });
}

/** The next fence: after every earlier one even when the stored counter was lost (it falls back on the clock). */
export const nextFence = (last: number, nowMs: number): number => Math.max(last + 1, nowMs);

export function leaseEnd(now: string, seconds: number | undefined): string {
  return new Date(Date.parse(now) + (seconds ?? DEFAULT_LEASE_SECONDS) * 1000).toISOString().replace('.000Z', 'Z');
}
