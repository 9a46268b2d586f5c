import { describe, expect, it } from 'vitest';
import type { ConcordError } from '../errors.js';
import { PLAIN_STYLE, renderHint } from '../hints.js';
import { assertRunTransition, canTransitionRun, FINAL_RUN_STATUSES, isLiveRun, LIVE_RUN_STATUSES, OUTCOME_STATUSES, RESUMABLE_RUN_STATUSES, RUN_STATUSES, RUN_TRANSITIONS, type RunStatus } from './states.js';

/** A small deterministic generator, so a failing walk can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('the run transition table', () => {
  it('partitions the statuses: live, resumable and final, every outcome after running', () => {
    expect(new Set([...LIVE_RUN_STATUSES, ...RESUMABLE_RUN_STATUSES, ...FINAL_RUN_STATUSES]).size).toBe(RUN_STATUSES.length);
    for (const s of OUTCOME_STATUSES) expect(canTransitionRun('running', s)).toBe(true);
  });

  it('final statuses have no way out; resumable ones only go back to the queue or get cancelled', () => {
    for (const s of FINAL_RUN_STATUSES) expect(RUN_TRANSITIONS[s]).toEqual([]);
    for (const s of RESUMABLE_RUN_STATUSES) expect([...RUN_TRANSITIONS[s]].sort()).toEqual(['cancelled', 'queued']);
  });

  it('random walks from queued never pass from a stopped status to a live one except through queued, and always can end', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = rng(seed);
      let s: RunStatus = 'queued';
      for (let step = 0; step < 40; step++) {
        const options: readonly RunStatus[] = RUN_TRANSITIONS[s];
        if (!options.length) break;
        const to: RunStatus = options[Math.floor(next() * options.length)]!;
        if (!isLiveRun(s) && isLiveRun(to)) expect(to).toBe('queued');
        // Every status reaches a final one (nothing can be stuck for ever).
        expect(reachesFinal(to)).toBe(true);
        s = to;
      }
    }
  });

  it('refuses a transition with the legal ones in the hint', () => {
    const final = (() => {
      try {
        assertRunTransition('RUN-1', 'succeeded', 'queued');
      } catch (e) {
        return e as ConcordError;
      }
      throw new Error('a final run went back to the queue');
    })();
    expect(final.code).toBe('INVALID_TRANSITION');
    // The retry is named as an operation, which each surface spells its own way.
    expect(renderHint(final.hint, PLAIN_STYLE)).toBe('succeeded is final: run.retry {"id":"RUN-1"} makes a new run');
    expect(() => assertRunTransition('RUN-1', 'queued', 'succeeded')).toThrow(expect.objectContaining({ hint: 'from queued a run can go to dispatching, cancelled' }));
  });
});

function reachesFinal(from: RunStatus, seen = new Set<RunStatus>()): boolean {
  if ((FINAL_RUN_STATUSES as readonly string[]).includes(from)) return true;
  seen.add(from);
  return RUN_TRANSITIONS[from].some((to) => !seen.has(to) && reachesFinal(to, seen));
}
