// Claims: who may take, renew, use and release an agent's lease on a todo. Pure decisions; the state
// database applies them atomically.
import { z } from 'zod';
import { ConcordError } from './errors.js';

export const DEFAULT_LEASE_SECONDS = 15 * 60;
export const MAX_LEASE_SECONDS = 24 * 60 * 60;

export const ClaimSchema = z.object({
  todo: z.string(),
  agent: z.string(),
  /** Fencing token: increases with every claim; writes to a claimed todo must carry the current one. */
  token: z.number().int().positive(),
  claimed_at: z.string(),
  heartbeat_at: z.string(),
  expires_at: z.string(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const ClaimInputSchema = z.object({
  id: z.string().min(1).describe('Todo to claim'),
  agent: z.string().trim().min(1).max(200).describe('Who holds the claim (an agent or session name)'),
  lease_seconds: z.number().int().min(1).max(MAX_LEASE_SECONDS).optional().describe(`Lease length; default ${DEFAULT_LEASE_SECONDS} s, renewed by heartbeat`),
});
export const HeartbeatInputSchema = z.object({
  id: z.string().min(1),
  token: z.number().int().positive().describe('The fencing token the claim returned'),
  lease_seconds: z.number().int().min(1).max(MAX_LEASE_SECONDS).optional(),
});
export const ReleaseInputSchema = z.object({
  id: z.string().min(1),
  token: z.number().int().positive(),
});
export type ClaimInput = z.input<typeof ClaimInputSchema>;
export type HeartbeatInput = z.input<typeof HeartbeatInputSchema>;
export type ReleaseInput = z.input<typeof ReleaseInputSchema>;

export const isLive = (claim: Pick<Claim, 'expires_at'> | undefined, now: string): boolean => claim !== undefined && claim.expires_at > now;

/**
 * Whether `agent` may take the todo now. A live claim by someone else refuses; the same agent claiming
 * again gets a fresh token (its old one stops working); an expired claim can be taken by anyone.
 */
export function decideClaim(existing: Claim | undefined, agent: string, now: string): void {
  if (!existing || !isLive(existing, now) || existing.agent === agent) return;
  throw new ConcordError('ALREADY_CLAIMED', `todo ${existing.todo} is already claimed by ${existing.agent} until ${existing.expires_at}`, {
    hint: 'pick another ready todo (coord_ready_todos / concord ready), or wait for the lease to expire',
    data: { id: existing.todo, holder: existing.agent, expires_at: existing.expires_at },
  });
}

/** A heartbeat or release must carry the current token (a claim taken over by another agent is gone). */
export function decideRenewal(existing: Claim | undefined, id: string, token: number): Claim {
  if (!existing || existing.token !== token) {
    throw new ConcordError('STALE_CLAIM', `claim token ${token} on todo ${id} is no longer current${existing ? ` (now held by ${existing.agent})` : ' (the claim was released)'}`, {
      hint: 'claim the todo again before working on it',
      data: { id, token, ...(existing ? { holder: existing.agent } : {}) },
    });
  }
  return existing;
}

/**
 * Whether a write may change a todo: with a live claim it needs that claim's token; with an expired one
 * an old token is refused only if someone claimed it since (the token then differs); unclaimed todos
 * need no token (people editing by hand).
 */
export function decideWrite(existing: Claim | undefined, id: string, token: number | undefined, now: string): void {
  if (!existing) return;
  if (token === undefined) {
    if (!isLive(existing, now)) return;
    throw new ConcordError('CLAIM_REQUIRED', `todo ${id} is claimed by ${existing.agent} until ${existing.expires_at}; pass its claim token to change it`, {
      hint: 'use the token coord_claim_todo returned (claim_token), or wait for the lease to expire',
      data: { id, holder: existing.agent, expires_at: existing.expires_at },
    });
  }
  decideRenewal(existing, id, token);
}

export function leaseEnd(now: string, leaseSeconds: number | undefined): string {
  return new Date(Date.parse(now) + (leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000).toISOString().replace('.000Z', 'Z');
}
