// Who may take a todo's lease: a live lease refuses everyone but its own session, except that a later
// attempt of the same run (a higher queue fence) takes over its earlier attempt's lease.
import { describe, expect, it } from 'vitest';
import { decideAcquire, type Lease } from './claims.js';

const NOW = '2026-12-02T10:00:00.000Z';
const lease = (o: Partial<Lease>): Lease => ({ todo: 'TODO-1', agent: 'tick', session: 'RUN-A#5', kind: 'run', run_id: 'RUN-A', token: 't', fence: 7, claimed_at: NOW, heartbeat_at: NOW, expires_at: '2026-12-02T10:00:30.000Z', ...o });
const todo = { id: 'TODO-1', status: 'in_progress' };

describe('decideAcquire', () => {
  it('gives a later attempt of the same run its earlier attempt’s live lease', () => {
    expect(decideAcquire(todo, [], lease({}), { agent: 'tick', session: 'RUN-A#6', kind: 'run', run_id: 'RUN-A' }, NOW)).toBe('new');
  });

  it('refuses an earlier attempt, another run, and an agent’s claim on a run’s lease', () => {
    const refused = (holder: Parameters<typeof decideAcquire>[3], existing = lease({})) => () => decideAcquire(todo, [], existing, holder, NOW);
    expect(refused({ agent: 'tick', session: 'RUN-A#4', kind: 'run', run_id: 'RUN-A' })).toThrow(/already claimed by tick in another session/);
    expect(refused({ agent: 'tick', session: 'RUN-B#9', kind: 'run', run_id: 'RUN-B' })).toThrow(/already claimed/);
    expect(refused({ agent: 'tick', session: 'RUN-A#9' })).toThrow(/already claimed/);
    // A run never takes over an agent's claim, whatever its session says.
    expect(refused({ agent: 'tick', session: 'RUN-A#9', kind: 'run', run_id: 'RUN-A' }, lease({ kind: 'claim', session: 'RUN-A#1' }))).toThrow(/already claimed/);
  });

  it('renews the same session’s lease', () => {
    expect(decideAcquire(todo, [], lease({}), { agent: 'tick', session: 'RUN-A#5', kind: 'run', run_id: 'RUN-A' }, NOW)).toBe('same');
  });
});
