// The run queue contract: one engine-neutral async interface, implemented by the embedded SQLite queue
// (src/state/run-queue.ts) and, in the fleet, by PostgreSQL + graphile-worker; one conformance suite
// (test/contract/run-queue.ts) runs against every engine.
//
// Glossary: *enqueue* adds a run (at most one live run per todo, enforced by a unique partial index,
// never by a check before an insert); *claim* is a worker taking the oldest run it may start now
// (FIFO; N per repo, default 1; a global cap) as a *lease*: an unguessable token only the holder
// knows, a *fence* that never goes backwards, and an expiry renewed by *heartbeat*. Every write by the
// holder carries the token; a holder whose lease was reclaimed is refused (STALE_RUN). Each engine
// keeps leases, fences, heartbeats and the attempts' history itself; graphile-worker only wakes workers
// and carries `run:<id>` jobs on a `repo:<name>` queue.
import { z } from 'zod';
import { ConcordError } from '../errors.js';
import { hint, op } from '../hints.js';
import { RunOutcomeSchema } from './outcome.js';
import type { Selector } from './settings.js';
import { RunStatusSchema } from './states.js';
import { lazySchema } from '../on-first-use.js';

export const RunRecordSchema = lazySchema(() => z.object({
  id: z.string(),
  /** FIFO order: smaller is older. */
  seq: z.number().int(),
  todo: z.string(),
  repo: z.string(),
  pool: z.string(),
  executor: z.string(),
  status: RunStatusSchema,
  /** Attempts started so far. */
  attempt: z.number().int(),
  /** Not claimable before this time (a backoff). */
  not_before: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  requested_by: z.string(),
  sweep: z.string().optional(),
  /** The run this one retries (`concord run retry`). */
  retry_of: z.string().optional(),
  /** The worker holding the lease, while dispatching or running. */
  worker: z.string().optional(),
  fence: z.number().int().optional(),
  heartbeat_at: z.string().optional(),
  lease_expires_at: z.string().optional(),
  cancel_requested: z.boolean(),
  /** The next attempt continues the session (a resume) instead of starting fresh. */
  resume: z.boolean(),
  /** What a person answered to needs_input, for the resumed attempt. */
  answer: z.string().optional(),
  /** The previous attempt's failure, fed back into the next prompt. */
  feedback: z.string().optional(),
  worktree: z.string().optional(),
  branch: z.string().optional(),
  base_commit: z.string().optional(),
  session: z.string().optional(),
  /** Process group of the agent, and the worker's pid and host: what recovery probes before requeueing. */
  agent_pid: z.number().int().optional(),
  worker_pid: z.number().int().optional(),
  host: z.string().optional(),
  log: z.string().optional(),
  /** The outcome of the last attempt that ended. */
  outcome: RunOutcomeSchema.optional(),
}));
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const AttemptRecordSchema = lazySchema(() => z.object({
  run: z.string(),
  attempt: z.number().int(),
  worker: z.string(),
  started_at: z.string(),
  finished_at: z.string().optional(),
  status: RunStatusSchema,
  outcome: RunOutcomeSchema.optional(),
}));
export type AttemptRecord = z.infer<typeof AttemptRecordSchema>;

export interface EnqueueRequest {
  todo: string;
  repo: string;
  pool: string;
  executor: string;
  requested_by: string;
  sweep?: string;
  retry_of?: string;
  /** Queued runs at most (seed 002: 50). */
  capacity: number;
}

export interface ClaimRequest {
  worker: string;
  worker_pid?: number;
  host?: string;
  /** Only runs of these pools. */
  pools: readonly string[];
  selector: Selector;
  /** Runs at once per repo (default for every repo) and overrides by repo. */
  per_repo: number;
  repo_limits: Readonly<Record<string, number>>;
  /** Runs dispatching or running at once, across every pool. */
  max_running: number;
  lease_ms: number;
  /** Repos this worker ran last, most recent first (the affinity selector prefers them). */
  recent_repos?: readonly string[];
  /** Only runs of this sweep (a sweep's own worker). */
  sweep?: string;
  /** Only these runs (`execute --wait`'s own worker). */
  runs?: readonly string[];
}

export interface Lease {
  token: string;
  fence: number;
  expires_at: string;
}

export interface ClaimedRun {
  run: RunRecord;
  lease: Lease;
}

export interface StartDetails {
  worktree?: string;
  branch?: string;
  base_commit?: string;
  agent_pid?: number;
  log?: string;
  session?: string;
}

export interface FinishRequest {
  outcome: z.infer<typeof RunOutcomeSchema>;
  /** Another attempt instead of ending: back to the queue after `delay_ms`, with `feedback` for the prompt. */
  retry?: { delay_ms: number; feedback?: string };
}

export interface RunFilter {
  status?: readonly z.infer<typeof RunStatusSchema>[];
  todo?: string;
  repo?: string;
  pool?: string;
  sweep?: string;
  limit?: number;
}

export interface QueueCounts {
  queued: number;
  active: number;
  by_status: Partial<Record<z.infer<typeof RunStatusSchema>, number>>;
  active_by_repo: Record<string, number>;
}

/** What an operation changed, so the caller can record `run:*` events (engines do not write the history). */
export interface Transition {
  run: RunRecord;
  from: z.infer<typeof RunStatusSchema> | undefined;
  to: z.infer<typeof RunStatusSchema>;
}

export interface RunQueue {
  /** Adds a run, or returns the todo's live run (`created: false`). QUEUE_FULL at capacity. */
  enqueue(req: EnqueueRequest, now: Date): Promise<{ run: RunRecord; created: boolean }>;
  /** queued -> dispatching: the oldest run this worker may start now, with a lease; undefined if none. */
  claim(req: ClaimRequest, now: Date): Promise<ClaimedRun | undefined>;
  /** dispatching -> running; a new attempt begins. */
  start(id: string, token: string, details: StartDetails, now: Date): Promise<RunRecord>;
  /** Renews the lease (and records a late session id). STALE_RUN if the token is not the live lease's. */
  heartbeat(id: string, token: string, now: Date, leaseMs: number, details?: Pick<StartDetails, 'session'>): Promise<{ cancel_requested: boolean; lease: Lease }>;
  /** The attempt ended: to its outcome's status, or back to the queue for another attempt. */
  finish(id: string, token: string, req: FinishRequest, now: Date): Promise<Transition>;
  /** Hands a dispatched or running run back without spending its attempt (a worker draining). */
  release(id: string, token: string, now: Date): Promise<Transition>;
  /** Queued or stopped: cancelled now. Dispatching or running: the holder is asked to stop (it sees it on its heartbeat). */
  cancel(id: string, now: Date): Promise<Transition | undefined>;
  /** A resumable run back to the queue, to continue its session (with a person's answer). */
  resume(id: string, now: Date, answer?: string): Promise<Transition>;
  get(id: string): Promise<RunRecord | undefined>;
  attempts(id: string): Promise<AttemptRecord[]>;
  list(filter?: RunFilter): Promise<RunRecord[]>;
  /** Dispatching or running runs whose lease ran out: their worker died or hangs. */
  expired(now: Date): Promise<RunRecord[]>;
  /**
   * An expired run back to the queue (another attempt after `delay_ms`), or ended as infra_error when
   * `end` says so. Refused (undefined) if the lease moved since `fence` was read: someone else reclaimed it.
   */
  reclaim(id: string, fence: number, now: Date, decision: { end: false; delay_ms: number } | { end: true; reason: string }): Promise<Transition | undefined>;
  counts(): Promise<QueueCounts>;
}

/** A queue as a workspace holds it: the contract, plus what its own worker records, and closing it. */
export interface RunEngine extends RunQueue {
  /** Records the agent's process group once it started (what recovery probes). */
  setAgentPid(id: string, token: string, pid: number | undefined): Promise<void>;
  /**
   * An attempt's log kept by the engine, for logs written on another host (the fleet's workers): its size
   * (undefined when the engine keeps none: the embedded queue's log is a file on this host), and its bytes
   * [from, to).
   */
  logSize?(id: string, attempt: number): Promise<number | undefined>;
  logBytes?(id: string, attempt: number, from: number, to: number): Promise<Buffer>;
  close(): void | Promise<void>;
}

export function runNotFound(id: string): ConcordError {
  return new ConcordError('RUN_NOT_FOUND', `no run ${id}`, { hint: hint`list runs with ${op('run.list')}`, data: { id } });
}

export function staleRun(id: string, why: string): ConcordError {
  return new ConcordError('STALE_RUN', `the lease on run ${id} is no longer yours: ${why}; nothing was recorded`, {
    hint: 'the run was reclaimed (its lease expired) or cancelled; a late result is never applied',
    data: { id },
  });
}

export function queueFull(capacity: number, queued: number): ConcordError {
  return new ConcordError('QUEUE_FULL', `the run queue is full (${queued} of ${capacity} runs queued); nothing was queued`, {
    hint: hint`try again once runs finish (start a worker: ${op('worker')}), or raise queue.capacity in concord.yaml`,
    data: { capacity, queued, retry_after_seconds: 30 },
  });
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** RUN- and ten Crockford characters (50 random bits). */
export function newRunId(random: (n: number) => Uint8Array): string {
  let s = 'RUN-';
  for (const b of random(10)) s += CROCKFORD[b & 31];
  return s;
}

/** A lease token: 128 random bits as hex, only ever returned to the holder. */
export function newLeaseToken(random: (n: number) => Uint8Array): string {
  return hex(random(16));
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The next fence: never behind the stored one, nor behind the clock (so a deleted database cannot reuse one). */
export const nextFence = (stored: number | undefined, nowMs: number): number => Math.max((stored ?? 0) + 1, nowMs);
