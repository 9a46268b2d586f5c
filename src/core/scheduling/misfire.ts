// Which scheduled instants fire and which are missed, after a tick found them due (pure).
//
// An instant is on time when it is found within the grace period after it; later than that, no server was
// running when it came (downtime, a suspended laptop), and the misfire policy decides: skip them all, fire
// once for the latest, or catch up on those inside a window, at most `max` of them (the latest ones).

export type MisfirePolicy = { policy: 'skip' } | { policy: 'fire_once' } | { policy: 'catchup'; max: number; window_ms: number };

export interface PlannedInstants {
  /** Instants to fire (ascending): `schedule` on time, `catchup` late but kept by the policy. */
  fire: { at: number; trigger: 'schedule' | 'catchup' }[];
  /** Late instants the policy drops (ascending): each is recorded as a missed fire. */
  missed: number[];
}

/** `instants` ascending, all after the last planned mark and at or before `now`. */
export function planInstants(instants: readonly number[], now: number, graceMs: number, misfire: MisfirePolicy): PlannedInstants {
  const onTime = instants.filter((t) => now - t <= graceMs);
  const late = instants.filter((t) => now - t > graceMs);
  const fire: PlannedInstants['fire'] = onTime.map((at) => ({ at, trigger: 'schedule' }));
  let kept: number[] = [];
  if (misfire.policy === 'fire_once') {
    // A fire on time already is the one fire after the gap.
    kept = onTime.length || !late.length ? [] : [late[late.length - 1]!];
  } else if (misfire.policy === 'catchup') {
    kept = late.filter((t) => now - t <= misfire.window_ms).slice(-misfire.max);
  }
  const keep = new Set(kept);
  return {
    fire: [...kept.map((at) => ({ at, trigger: 'catchup' as const })), ...fire],
    missed: late.filter((t) => !keep.has(t)),
  };
}
