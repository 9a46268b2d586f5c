// What to do with due fires of one job or activity, given the runs in progress (pure; Temporal's overlap policies).
//
// skip: drop a fire while a run is in progress. buffer_one: keep the first one waiting, drop later ones.
// buffer_all: keep them all, run one after another. cancel_other: cancel the run in progress and run the
// newest one next. allow_all: run everything at once. Catch-up fires (after downtime) are never dropped for
// overlap: they run one after another (all at once under allow_all). A forced fire passes an open breaker.

export const OVERLAP_POLICIES = ['skip', 'buffer_one', 'buffer_all', 'cancel_other', 'allow_all'] as const;
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];

export interface DueFire {
  id: number;
  trigger: string;
  forced: boolean;
}

export interface RunningFire {
  id: number;
  cancel_requested: boolean;
}

export interface Dispatch {
  start: number[];
  skip: { id: number; reason: 'overlap' | 'breaker_open' }[];
  /** Runs in progress to cancel (cancel_other). */
  cancel: number[];
}

/** `due` oldest first. */
export function planDispatch(overlap: OverlapPolicy, running: readonly RunningFire[], due: readonly DueFire[], breakerOpen: boolean): Dispatch {
  const out: Dispatch = { start: [], skip: [], cancel: [] };
  const drop = (fs: readonly DueFire[], reason: 'overlap' | 'breaker_open') => out.skip.push(...fs.map((f) => ({ id: f.id, reason })));
  drop(due.filter((f) => breakerOpen && !f.forced), 'breaker_open');
  let queue = due.filter((f) => !breakerOpen || f.forced);
  if (overlap === 'allow_all') {
    out.start = queue.map((f) => f.id);
    return out;
  }
  const isNew = (f: DueFire) => f.trigger !== 'catchup';
  if (overlap === 'cancel_other') {
    // Only the newest fire matters; it cancels what runs (catch-up fires wait their turn and cancel nothing).
    const newest = queue.filter(isNew).at(-1);
    drop(queue.filter((f) => isNew(f) && f !== newest), 'overlap');
    queue = queue.filter((f) => !isNew(f) || f === newest);
    if (newest) out.cancel = running.filter((r) => !r.cancel_requested).map((r) => r.id);
  }
  const busy = running.length > 0;
  const first = busy ? undefined : queue[0];
  if (first) out.start.push(first.id);
  const waiting = queue.filter((f) => f !== first);
  if (overlap === 'skip') drop(waiting.filter(isNew), 'overlap');
  // Temporal's rule: while one fire is buffered, newer ones are dropped.
  if (overlap === 'buffer_one') drop(waiting.filter(isNew).slice(1), 'overlap');
  return out;
}
