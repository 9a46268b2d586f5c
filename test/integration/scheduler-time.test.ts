// The scheduler with a controllable clock: cron across DST changes, a 3-hour outage under each misfire policy.
import { describe, expect, it } from 'vitest';
import { fakeClock, firesOf, scheduledWorkspace, schedulerOf } from '../helpers/scheduler.js';

const MIN = 60_000;

/** Ticks every `step` from the clock's time until `until`, letting runs end between ticks. */
async function runUntil(clock: ReturnType<typeof fakeClock>, sched: ReturnType<typeof schedulerOf>, until: string, step: number) {
  while (Date.parse(clock.iso()) < Date.parse(until)) {
    clock.advance(step);
    await sched.tick();
    await sched.idle();
  }
}

describe('cron across daylight saving time (Europe/Berlin)', () => {
  const settings = `scheduler:\n  grace: 15m\njobs:\n  - name: daily\n    cron: "30 2 * * *"\n    timezone: Europe/Berlin\n    command: ["true"]\n  - name: hourly\n    cron: "30 * * * *"\n    timezone: Europe/Berlin\n    command: ["true"]\n`;

  it('in autumn fires a daily 02:30 once and an hourly :30 in both 02:30s', async () => {
    // 2026-10-25 03:00 CEST -> 02:00 CET, at 01:00 UTC: local 02:30 happens at 00:30 UTC and at 01:30 UTC.
    const clock = fakeClock('2026-10-24T22:00:00Z');
    const { ws } = scheduledWorkspace(settings, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    await runUntil(clock, sched, '2026-10-25T04:45:00Z', 10 * MIN);
    expect(firesOf(ws, 'job:daily').map((f) => [f.instant, f.status])).toEqual([['2026-10-25T00:30:00.000Z', 'succeeded']]);
    expect(firesOf(ws, 'job:hourly').map((f) => f.instant)).toEqual(['2026-10-24T22:30:00.000Z', '2026-10-24T23:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-25T03:30:00.000Z', '2026-10-25T04:30:00.000Z']);
    expect(firesOf(ws, 'job:hourly').every((f) => f.status === 'succeeded' && f.trigger === 'schedule')).toBe(true);
  });

  it('in spring runs a daily 02:30 that does not exist at 03:00 CEST, and the hourly skips no real hour', async () => {
    // 2026-03-29 02:00 CET -> 03:00 CEST, at 01:00 UTC: local 02:30 never happens.
    const clock = fakeClock('2026-03-28T23:00:00Z');
    const { ws } = scheduledWorkspace(settings, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    await runUntil(clock, sched, '2026-03-29T03:45:00Z', 10 * MIN);
    expect(firesOf(ws, 'job:daily').map((f) => f.instant)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(firesOf(ws, 'job:hourly').map((f) => f.instant)).toEqual(['2026-03-28T23:30:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z', '2026-03-29T03:30:00.000Z']);
  });
});

describe('a 3-hour outage across the autumn DST change, under each misfire policy', () => {
  const job = (name: string, misfire: string) => `  - name: ${name}\n    cron: "*/30 * * * *"\n    timezone: Europe/Berlin\n    command: ["true"]\n    misfire: ${misfire}\n`;
  const settings = `jobs:\n${job('skips', 'skip')}${job('once', 'fire_once')}${job('catches-up', '{ policy: catchup, max: 2, window: 2h }')}${job('catches-all', '{ policy: catchup, max: 10, window: 1d }')}`;
  // Every half hour from 00:30 to 03:00 UTC: six instants, the DST change (01:00 UTC) among them.
  const missedHalfHours = ['2026-10-25T00:30:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-25T03:00:00.000Z'];

  it('records every missed instant as an event and fires what the policy keeps', async () => {
    const clock = fakeClock('2026-10-25T00:05:00Z');
    const { ws } = scheduledWorkspace(settings, clock);
    await schedulerOf(ws).tick();
    // The server is down from 00:05 to 03:05 UTC; a new one starts then.
    clock.set('2026-10-25T03:05:00Z');
    const sched = schedulerOf(ws);
    await sched.tick();
    await sched.idle();

    const run = (t: string) => firesOf(ws, t).filter((f) => f.status !== 'missed').map((f) => [f.instant, f.trigger, f.status]);
    const missed = (t: string) => firesOf(ws, t).filter((f) => f.status === 'missed').map((f) => f.instant);
    expect(run('job:skips')).toEqual([]);
    expect(missed('job:skips')).toEqual(missedHalfHours);
    expect(run('job:once')).toEqual([['2026-10-25T03:00:00.000Z', 'catchup', 'succeeded']]);
    expect(missed('job:once')).toEqual(missedHalfHours.slice(0, 5));
    expect(run('job:catches-up')).toEqual([['2026-10-25T02:30:00.000Z', 'catchup', 'succeeded'], ['2026-10-25T03:00:00.000Z', 'catchup', 'succeeded']]);
    expect(missed('job:catches-up')).toEqual(missedHalfHours.slice(0, 4));
    expect(run('job:catches-all').map((r) => r[0])).toEqual(missedHalfHours);
    expect(missed('job:catches-all')).toEqual([]);

    const events = ws.events.list({ types: ['job:missed'], ascending: true, limit: 100 });
    expect(events.filter((e) => e.entity.id === 'skips').map((e) => (e.data as { instant: string }).instant)).toEqual(missedHalfHours);
    expect(events.filter((e) => e.entity.id === 'once')).toHaveLength(5);
    expect(events[0]).toMatchObject({ surface: 'scheduler', actor: 'concord', entity: { kind: 'job' }, data: { policy: 'skip' } });
    // A second server starting at the same moment finds nothing more to record.
    await schedulerOf(ws).tick();
    expect(ws.events.list({ types: ['job:missed'], limit: 100 })).toHaveLength(events.length);
  });

  it('an interval job fires at its first start and every interval, on the grid of its first start', async () => {
    const clock = fakeClock('2026-01-01T00:00:10Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: every-20m\n    interval: 20m\n    command: ["true"]\n    misfire: fire_once\n`, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    await sched.idle();
    clock.set('2026-01-01T00:20:15Z');
    await sched.tick();
    await sched.idle();
    clock.set('2026-01-01T02:00:30Z');
    await sched.tick();
    await sched.idle();
    expect(firesOf(ws, 'job:every-20m').filter((f) => f.status === 'succeeded').map((f) => [f.instant, f.trigger])).toEqual([
      ['2026-01-01T00:00:10.000Z', 'schedule'],
      ['2026-01-01T00:20:10.000Z', 'schedule'],
      ['2026-01-01T02:00:10.000Z', 'schedule'],
    ]);
    expect(firesOf(ws, 'job:every-20m').filter((f) => f.status === 'missed').map((f) => f.instant)).toEqual(['2026-01-01T00:40:10.000Z', '2026-01-01T01:00:10.000Z', '2026-01-01T01:20:10.000Z', '2026-01-01T01:40:10.000Z']);
  });

  it('sums up a long outage of a frequent job: 100 missed fires listed, one event for the rest', async () => {
    const clock = fakeClock('2026-01-01T00:00:00.500Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: every-second\n    cron: "* * * * * *"\n    command: ["true"]\n`, clock);
    await schedulerOf(ws).tick();
    clock.set('2026-01-01T01:00:00.500Z');
    await schedulerOf(ws).tick();
    const events = ws.events.list({ types: ['job:missed'], ascending: true, limit: 1_000 });
    expect(events).toHaveLength(101);
    expect(events[0]!.data).toEqual({ instant: '2026-01-01T00:00:01.000Z', policy: 'skip' });
    // 3,600 instants from 00:00:01 to 01:00:00; the last 60 are within the grace (a minute), so on time;
    // the other 3,540 are missed: 100 listed, the rest in one event (a cron expression is not walked through).
    expect(events[100]!.data).toEqual({ instant: '2026-01-01T00:01:41.000Z', policy: 'skip', until: '2026-01-01T00:59:00.000Z' });
    expect(firesOf(ws, 'job:every-second').filter((f) => f.status !== 'missed').map((f) => f.instant).slice(0, 2)).toEqual(['2026-01-01T00:59:01.000Z', '2026-01-01T00:59:02.000Z']);
    expect(firesOf(ws, 'job:every-second').filter((f) => f.status === 'missed')).toHaveLength(100);
  });

  it('after ten days down, fire_once still fires the latest instant, and an interval job counts what it missed', async () => {
    const clock = fakeClock('2026-01-01T00:00:30Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: hourly\n    cron: "0 * * * *"\n    command: ["true"]\n    misfire: fire_once\n  - name: minutely\n    interval: 1m\n    command: ["true"]\n`, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    await sched.idle();
    clock.set('2026-01-11T00:30:30Z');
    await sched.tick();
    await sched.idle();
    const ran = (t: string) => firesOf(ws, t).filter((f) => f.status !== 'missed').map((f) => [f.instant, f.trigger]);
    expect(ran('job:hourly')).toEqual([['2026-01-11T00:00:00.000Z', 'catchup']]);
    expect(firesOf(ws, 'job:hourly').filter((f) => f.status === 'missed')).toHaveLength(100);
    // From 00:01:30 to 01-11 00:30:30: 14,430 instants; the last is on time, 100 are listed, the rest counted.
    const summary = ws.events.list({ types: ['job:missed'], limit: 1_000 }).filter((e) => e.entity.id === 'minutely' && (e.data as { until?: string }).until);
    expect(summary.map((e) => e.data)).toEqual([{ instant: '2026-01-01T01:41:30.000Z', policy: 'skip', count: 14_329, until: '2026-01-11T00:29:30.000Z' }]);
    expect(ran('job:minutely').map((r) => r[0])).toEqual(['2026-01-01T00:00:30.000Z', '2026-01-11T00:30:30.000Z']);
  });
});
