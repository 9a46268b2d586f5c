// The scheduler's metrics: fires by trigger, runs by outcome, missed and skipped fires, the breaker gauge.
import { beforeAll, describe, expect, it } from 'vitest';
import { triggerJob } from '../../src/app/scheduling/index.js';
import { enableMetrics } from '../../src/obs/registry.js';
import { fakeClock, scheduledWorkspace, schedulerOf } from '../helpers/scheduler.js';
import { parseExposition, sampleValue } from './exposition.js';

beforeAll(() => {
  enableMetrics();
});

const scrape = async () => parseExposition(await enableMetrics().metrics());

describe('scheduler metrics', () => {
  it('count fires, outcomes, missed instants and skips, and show an open breaker', async () => {
    const clock = fakeClock('2026-05-01T10:00:30Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: metered\n    cron: "* * * * *"\n    command: ["false"]\n    breaker: 1\n`, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    clock.set('2026-05-01T10:01:01Z');
    await sched.tick();
    await sched.idle();
    // Down for three minutes: 10:02 and 10:03 are missed, 10:04 is on time but the breaker is open.
    clock.set('2026-05-01T10:04:02Z');
    await sched.tick();
    await sched.idle();
    await expect(triggerJob(ws, { name: 'metered', force: true })).resolves.toMatchObject({ status: 'failed' });
    const m = await scrape();
    const labels = { kind: 'job', name: 'metered' };
    expect(sampleValue(m, 'concord_schedule_fires_total', { ...labels, trigger: 'schedule' })).toBe(1);
    expect(sampleValue(m, 'concord_schedule_fires_total', { ...labels, trigger: 'manual' })).toBe(1);
    expect(sampleValue(m, 'concord_schedule_runs_total', { ...labels, outcome: 'failed' })).toBe(2);
    expect(sampleValue(m, 'concord_schedule_run_duration_seconds_count', labels)).toBe(2);
    expect(sampleValue(m, 'concord_schedule_missed_total', labels)).toBe(2);
    expect(sampleValue(m, 'concord_schedule_skipped_total', { ...labels, reason: 'breaker_open' })).toBe(1);
    expect(sampleValue(m, 'concord_schedule_breaker_open', labels)).toBe(1);
  });
});
