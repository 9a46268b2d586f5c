import { describe, expect, it } from 'vitest';
import { planInstants } from './misfire.js';
import { planDispatch } from './overlap.js';
import { parseDuration, formatDuration } from './duration.js';

const T = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe('planInstants', () => {
  const now = T('2026-01-01T12:00:30Z');
  const instants = [T('2026-01-01T09:00:00Z'), T('2026-01-01T10:00:00Z'), T('2026-01-01T11:00:00Z'), T('2026-01-01T12:00:00Z')];

  it('fires what is on time (within the grace) and drops the late ones under skip', () => {
    expect(planInstants(instants, now, 60_000, { policy: 'skip' })).toEqual({ fire: [{ at: instants[3], trigger: 'schedule' }], missed: instants.slice(0, 3) });
  });

  it('fire_once fires the latest late instant, unless one fires on time anyway', () => {
    expect(planInstants(instants.slice(0, 3), now, 60_000, { policy: 'fire_once' })).toEqual({ fire: [{ at: instants[2], trigger: 'catchup' }], missed: instants.slice(0, 2) });
    expect(planInstants(instants, now, 60_000, { policy: 'fire_once' }).fire).toEqual([{ at: instants[3], trigger: 'schedule' }]);
  });

  it('catchup keeps at most max of the late instants inside the window, the latest ones', () => {
    expect(planInstants(instants.slice(0, 3), now, 60_000, { policy: 'catchup', max: 5, window_ms: 2.5 * H })).toEqual({
      fire: [{ at: instants[1], trigger: 'catchup' }, { at: instants[2], trigger: 'catchup' }],
      missed: [instants[0]],
    });
    expect(planInstants(instants.slice(0, 3), now, 60_000, { policy: 'catchup', max: 1, window_ms: 24 * H }).fire).toEqual([{ at: instants[2], trigger: 'catchup' }]);
  });
});

describe('planDispatch', () => {
  const due = (id: number, trigger = 'schedule', forced = false) => ({ id, trigger, forced });
  const run = (id: number) => ({ id, cancel_requested: false });

  it('skip drops fires while a run is in progress, and starts the first when none is', () => {
    expect(planDispatch('skip', [run(1)], [due(2)], false)).toEqual({ start: [], skip: [{ id: 2, reason: 'overlap' }], cancel: [] });
    expect(planDispatch('skip', [], [due(2), due(3)], false)).toEqual({ start: [2], skip: [{ id: 3, reason: 'overlap' }], cancel: [] });
  });

  it('buffer_one keeps the first waiting fire and drops later ones; buffer_all keeps them all', () => {
    expect(planDispatch('buffer_one', [run(1)], [due(2), due(3)], false)).toEqual({ start: [], skip: [{ id: 3, reason: 'overlap' }], cancel: [] });
    expect(planDispatch('buffer_all', [run(1)], [due(2), due(3)], false)).toEqual({ start: [], skip: [], cancel: [] });
  });

  it('cancel_other cancels the run in progress and keeps only the newest fire', () => {
    expect(planDispatch('cancel_other', [run(1)], [due(2), due(3)], false)).toEqual({ start: [], skip: [{ id: 2, reason: 'overlap' }], cancel: [1] });
    expect(planDispatch('cancel_other', [{ id: 1, cancel_requested: true }], [due(3)], false).cancel).toEqual([]);
  });

  it('allow_all starts everything; catch-up fires are never dropped for overlap', () => {
    expect(planDispatch('allow_all', [run(1)], [due(2), due(3)], false).start).toEqual([2, 3]);
    expect(planDispatch('skip', [], [due(2, 'catchup'), due(3, 'catchup')], false)).toEqual({ start: [2], skip: [], cancel: [] });
  });

  it('an open breaker skips every fire but a forced one', () => {
    expect(planDispatch('skip', [], [due(2), due(3, 'manual', true)], true)).toEqual({ start: [3], skip: [{ id: 2, reason: 'breaker_open' }], cancel: [] });
  });
});

describe('durations', () => {
  it('reads seconds, minutes, hours, days (24 h) and bare seconds, and refuses the rest', () => {
    expect([parseDuration('90s'), parseDuration('30m'), parseDuration('1h30m'), parseDuration('1d'), parseDuration('15'), parseDuration(2)]).toEqual([90_000, 1_800_000, 5_400_000, 86_400_000, 15_000, 2_000]);
    expect([parseDuration('soon'), parseDuration(''), parseDuration('5 parsecs')]).toEqual([undefined, undefined, undefined]);
    expect(formatDuration(5_400_000)).toBe('1h30m');
  });
});
