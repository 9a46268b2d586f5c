// The scheduler's runs: overlap policies with real processes that wait, the circuit breaker, manual triggers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resetBreaker, triggerJob } from '../../src/app/scheduling/index.js';
import { fakeClock, firesOf, scheduledWorkspace, schedulerOf } from '../helpers/scheduler.js';

/** A command that runs until the file `release` exists in its folder. */
const WAITS = `["${process.execPath}", "-e", "const fs=require('fs');const t=setInterval(()=>{if(fs.existsSync('release'))clearInterval(t)},10)"]`;

describe('overlap policies', () => {
  const job = (policy: string) => `  - name: ${policy}\n    cron: "* * * * *"\n    command: ${WAITS}\n    overlap: ${policy}\n`;
  const settings = `scheduler:\n  lease: 1h\n  poll: 200ms\njobs:\n${['skip', 'buffer_one', 'buffer_all', 'cancel_other', 'allow_all'].map(job).join('')}`;

  it('skip, buffer_one, buffer_all, cancel_other and allow_all treat fires during a run as Temporal does', async () => {
    const clock = fakeClock('2026-05-01T10:00:30Z');
    const { ws, dir } = scheduledWorkspace(settings, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    for (const minute of [1, 2, 3]) {
      clock.set(`2026-05-01T10:0${minute}:05Z`);
      await sched.tick();
      // cancel_other: the run in progress notices the cancellation at its next heartbeat and ends.
      if (minute > 1) await expect.poll(() => firesOf(ws, 'job:cancel_other').filter((f) => f.status === 'running').map((f) => f.instant), { timeout: 5_000 }).toEqual([`2026-05-01T10:0${minute}:00.000Z`]);
    }
    expect(firesOf(ws, 'job:allow_all').filter((f) => f.status === 'running')).toHaveLength(3);
    fs.writeFileSync(path.join(dir, 'release'), '');
    await sched.idle();
    const states = (name: string) => firesOf(ws, `job:${name}`).map((f) => `${f.instant.slice(14, 16)} ${f.status}`);
    expect(states('skip')).toEqual(['01 succeeded', '02 skipped', '03 skipped']);
    expect(states('buffer_one')).toEqual(['01 succeeded', '02 succeeded', '03 skipped']);
    expect(states('buffer_all')).toEqual(['01 succeeded', '02 succeeded', '03 succeeded']);
    expect(states('cancel_other')).toEqual(['01 cancelled', '02 cancelled', '03 succeeded']);
    expect(states('allow_all')).toEqual(['01 succeeded', '02 succeeded', '03 succeeded']);
    // Buffered fires run one after another, never two at once.
    const buffered = firesOf(ws, 'job:buffer_all');
    for (let i = 1; i < buffered.length; i++) expect(buffered[i]!.started_at! >= buffered[i - 1]!.ended_at!).toBe(true);
    const skipped = ws.events.list({ types: ['job:skipped'], limit: 50 }).filter((e) => e.entity.id === 'skip');
    expect(skipped.map((e) => (e.data as { reason: string }).reason)).toEqual(['overlap', 'overlap']);
  });
});

describe('the circuit breaker', () => {
  it('opens after N consecutive failures, skips fires until reset, and lets a forced trigger through', async () => {
    const clock = fakeClock('2026-05-01T10:00:30Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: flaky\n    cron: "* * * * *"\n    command: ["false"]\n    breaker: 2\n`, clock);
    const sched = schedulerOf(ws);
    await sched.tick();
    for (const m of [1, 2, 3]) {
      clock.set(`2026-05-01T10:0${m}:02Z`);
      await sched.tick();
      await sched.idle();
    }
    expect(firesOf(ws, 'job:flaky').map((f) => [f.status, f.reason])).toEqual([['failed', null], ['failed', null], ['skipped', 'breaker_open']]);
    expect(ws.events.list({ types: ['job:breaker_opened'] }).map((e) => e.data)).toEqual([{ failures: 2 }]);

    await expect(triggerJob(ws, { name: 'flaky' })).rejects.toMatchObject({ code: 'BREAKER_OPEN', hint: expect.arrayContaining([{ op: 'job.reset', args: { name: 'flaky' } }]) });
    const forced = await triggerJob(ws, { name: 'flaky', force: true });
    expect(forced).toMatchObject({ status: 'failed', outcome: { trigger: 'manual', error: expect.stringContaining('exited with code 1') } });
    // Still open: only a reset closes it.
    clock.set('2026-05-01T10:04:02Z');
    await sched.tick();
    await sched.idle();
    expect(firesOf(ws, 'job:flaky').at(-1)).toMatchObject({ status: 'skipped', reason: 'breaker_open' });

    expect(await resetBreaker(ws, 'job', 'flaky')).toEqual({ kind: 'job', name: 'flaky', was_open: true });
    expect(ws.events.list({ types: ['job:breaker_reset'] })).toHaveLength(1);
    clock.set('2026-05-01T10:05:02Z');
    await sched.tick();
    await sched.idle();
    expect(firesOf(ws, 'job:flaky').at(-1)).toMatchObject({ status: 'failed', instant: '2026-05-01T10:05:00.000Z' });
  });
});

describe('manual triggers', () => {
  it('run the job now and report its outcome, output and events; a busy job with overlap skip refuses', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws, dir } = scheduledWorkspace(`jobs:\n  - name: hello\n    interval: 1d\n    command: ["${process.execPath}", "-e", "console.log('hi from', process.env.CONCORD_JOB, process.env.CONCORD_FIRE_TRIGGER, process.env.CONCORD_SURFACE)"]\n    enabled: false\n  - name: slow\n    interval: 1d\n    command: ${WAITS}\n    enabled: false\n`, clock);
    const r = await triggerJob(ws, { name: 'hello' });
    expect(r).toMatchObject({ kind: 'job', name: 'hello', status: 'succeeded', outcome: { output: 'hi from hello manual scheduler' } });
    expect(ws.events.list({ types: ['job:fired', 'job:succeeded'], ascending: true }).map((e) => [e.type, (e.data as { trigger: string }).trigger])).toEqual([['job:fired', 'manual'], ['job:succeeded', 'manual']]);

    const running = triggerJob(ws, { name: 'slow' });
    await expect.poll(() => firesOf(ws, 'job:slow').map((f) => f.status)).toEqual(['running']);
    await expect(triggerJob(ws, { name: 'slow' })).rejects.toMatchObject({ code: 'JOB_BUSY' });
    fs.writeFileSync(path.join(dir, 'release'), '');
    await expect(running).resolves.toMatchObject({ status: 'succeeded' });
    await expect(triggerJob(ws, { name: 'nope' })).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('times a run out after its timeout, killing its process group', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    // The command starts a child of its own: the whole group goes at the deadline.
    const marker = `${30 + Math.random()}`.slice(0, 8);
    const { ws } = scheduledWorkspace(`jobs:\n  - name: hangs\n    interval: 1d\n    command: ["sh", "-c", "sleep ${marker} & sleep ${marker}"]\n    timeout: 1s\n    enabled: false\n`, clock);
    const r = await triggerJob(ws, { name: 'hangs' });
    expect(r).toMatchObject({ status: 'timed_out', outcome: { error: expect.stringContaining('timeout') } });
    expect(r.outcome!.duration_ms).toBeLessThan(20_000);
    await expect.poll(() => spawnSync('pgrep', ['-f', `sleep ${marker}`]).status).toBe(1);
  });
});
