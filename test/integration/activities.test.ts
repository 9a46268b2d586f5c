// Activities: definition files, event triggers with filters and quiet periods, webhooks, enable/disable.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listActivities, receiveWebhook, runActivity, setActivityEnabled, showActivity } from '../../src/app/scheduling/index.js';
import { signWebhook } from '../../src/app/webhook-signature.js';
import { completeTodo, createTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { fakeClock, firesOf, scheduledWorkspace, schedulerOf } from '../helpers/scheduler.js';

const PRINT_PAYLOAD = `["${process.execPath}", "-e", "const p = JSON.parse(process.env.CONCORD_FIRE_PAYLOAD || '{}'); console.log(process.env.CONCORD_ACTIVITY, process.env.CONCORD_FIRE_TRIGGER, p.events)"]`;

function activity(frontMatter: string, body = 'What this activity is for.') {
  return `---\n${frontMatter}---\n${body}\n`;
}

describe('event triggers and quiet periods', () => {
  const def = activity(`enabled: true\ntriggers:\n  - event: todo:created\n    filter: { repo: api }\n    quiet: 30s\nactions:\n  - command: ${PRINT_PAYLOAD}\n`);

  it('batch 10 rapid events into one run after the quiet period, and ignore events the filter leaves out', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace('', clock, { 'activities/api-created.md': def });
    const cli = new Workspace({ cwd: ws.dir, env: {}, now: clock.now, actor: 'alice' });
    for (let i = 0; i < 10; i++) {
      await createTodo(cli, { task: `api task ${i}`, repo: 'api' });
      clock.advance(2_000);
    }
    await createTodo(cli, { task: 'web task', repo: 'web' });
    const sched = schedulerOf(ws);
    clock.advance(20_000);
    await sched.tick();
    expect(firesOf(ws, 'activity:api-created')).toEqual([]);
    expect(showActivity(ws, { name: 'api-created' }).quiet).toMatchObject([{ events: 10 }]);
    clock.advance(15_000);
    await sched.tick();
    await sched.idle();
    const fires = firesOf(ws, 'activity:api-created');
    expect(fires.map((f) => [f.trigger, f.status])).toEqual([['event', 'succeeded']]);
    expect(JSON.parse(fires[0]!.payload!)).toMatchObject({ events: 10 });
    expect(fires[0]!.output).toBe('api-created event 10');
    expect(ws.events.list({ types: ['activity:succeeded'] })).toHaveLength(1);
  });

  it('a quiet period per repo makes one run per repo; todo:completed is a status change to completed', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const perRepo = activity(`enabled: true\ntriggers:\n  - event: todo:completed\n    quiet: 10s\n    quiet_per: repo\nactions:\n  - command: ["true"]\n`);
    const { ws } = scheduledWorkspace('', clock, { 'activities/done.md': perRepo });
    const cli = new Workspace({ cwd: ws.dir, env: {}, now: clock.now, actor: 'alice' });
    const ids: string[] = [];
    for (const repo of ['api', 'api', 'web']) ids.push(((await createTodo(cli, { task: `t ${repo}`, repo })).record as { id: string }).id);
    expect(showActivity(ws, { name: 'done' }).quiet).toEqual([]);
    for (const id of ids) await completeTodo(cli, id);
    expect(showActivity(ws, { name: 'done' }).quiet.map((q) => [q.bucket, q.events])).toEqual([['trigger:0:api', 2], ['trigger:0:web', 1]]);
    clock.advance(11_000);
    const sched = schedulerOf(ws);
    await sched.tick();
    await sched.idle();
    expect(firesOf(ws, 'activity:done').map((f) => f.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('a disabled activity queues nothing, and changes made by the scheduler trigger no todo activity', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace('', clock, { 'activities/api-created.md': def.replace('enabled: true', 'enabled: false') });
    const cli = new Workspace({ cwd: ws.dir, env: {}, now: clock.now, actor: 'alice' });
    await createTodo(cli, { task: 'api task', repo: 'api' });
    expect(showActivity(ws, { name: 'api-created' }).quiet).toEqual([]);
    expect(setActivityEnabled(ws, { name: 'api-created' }, true)).toMatchObject({ changed: true });
    const text = fs.readFileSync(path.join(ws.dir, 'activities/api-created.md'), 'utf8');
    expect(text).toContain('enabled: true');
    expect(text.endsWith('What this activity is for.\n')).toBe(true);
    expect(setActivityEnabled(ws, { name: 'api-created' }, true)).toMatchObject({ changed: false });
    // Old events are not replayed to a newly enabled activity; new ones are, except the scheduler's own.
    await createTodo(ws, { task: 'made by a job', repo: 'api' });
    expect(showActivity(ws, { name: 'api-created' }).quiet).toEqual([]);
    await createTodo(cli, { task: 'api task 2', repo: 'api' });
    expect(showActivity(ws, { name: 'api-created' }).quiet).toMatchObject([{ events: 1 }]);
  });
});

describe('activity files', () => {
  it('lists valid activities and reports each invalid file with its line, field and fix', () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace('', clock, {
      'activities/weekly.md': activity(`description: Weekly metrics\ntriggers:\n  - cron: "0 8 * * 1"\n    timezone: Europe/Berlin\nactions:\n  - operation: dependency-check\n`),
      'activities/broken.md': activity(`triggers:\n  - cron: "0 8 * * 1"\n    quiet: 5m\nactions:\n  - command: []\n`),
      'activities/bad-cron.md': activity(`triggers:\n  - cron: "61 * * * *"\nactions:\n  - command: ["true"]\n`),
      'activities/no-front-matter.md': 'just text\n',
      'activities/bad-event.md': activity(`triggers:\n  - event: todo:finished\nactions:\n  - command: ["true"]\n`),
    });
    const r = listActivities(ws);
    expect(r.activities).toMatchObject([{ name: 'weekly', enabled: false, triggers: ['cron "0 8 * * 1" Europe/Berlin'], actions: ['operation dependency-check'], description: 'Weekly metrics' }]);
    const problems = r.invalid.flatMap((i) => i.problems);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad-cron\.md:3: triggers\.0\.cron: "61 \* \* \* \*" is not a cron expression/),
        expect.stringMatching(/broken\.md:4: triggers\.0\.quiet: quiet belongs to an event or webhook trigger/),
        expect.stringMatching(/broken\.md:6: actions\.0\.command/),
        expect.stringMatching(/no-front-matter\.md:1: no front matter/),
        expect.stringMatching(/bad-event\.md:3: triggers\.0\.event\.0: "todo:finished" matches no event type/),
      ]),
    );
  });

  it('runs a disabled activity by hand (to try it before enabling it)', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace('', clock, { 'activities/hello.md': activity(`triggers:\n  - interval: 1h\nactions:\n  - command: ${PRINT_PAYLOAD}\n  - command: ["false"]\n  - command: ["never-runs"]\n`) });
    const r = await runActivity(ws, { name: 'hello' });
    expect(r).toMatchObject({ kind: 'activity', status: 'failed', outcome: { summary: expect.stringMatching(/exited with code 0; false exited with code 1$/) } });
  });
});

describe('inbound webhooks', () => {
  it('accept a call signed with the secret (Concord or GitHub style) and refuse any other', async () => {
    const clock = fakeClock(new Date().toISOString());
    const def = activity(`enabled: true\ntriggers:\n  - webhook: github-push\n    secret_env: PUSH_SECRET\nactions:\n  - command: ${PRINT_PAYLOAD}\n`);
    const { dir } = scheduledWorkspace('', clock, { 'activities/on-push.md': def });
    const secret = 'a-webhook-secret-of-length';
    const ws = new Workspace({ cwd: dir, env: { PATH: process.env['PATH'] ?? '', PUSH_SECRET: secret }, now: clock.now, actor: 'concord', surface: 'scheduler' });
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const ts = Math.floor(clock.now().getTime() / 1000);
    expect(await receiveWebhook(ws, 'github-push', { body, headers: { 'x-concord-signature': signWebhook(secret, ts, body), 'x-concord-timestamp': String(ts) } })).toMatchObject({ activity: 'on-push' });
    const { createHmac } = await import('node:crypto');
    await receiveWebhook(ws, 'github-push', { body, headers: { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex') } });
    await expect(receiveWebhook(ws, 'github-push', { body, headers: { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', 'wrong-secret-wrong').update(body).digest('hex') } })).rejects.toThrow(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
    await expect(receiveWebhook(ws, 'github-push', { body: body + ' ', headers: { 'x-concord-signature': signWebhook(secret, ts, body), 'x-concord-timestamp': String(ts) } })).rejects.toThrow(expect.objectContaining({ code: 'WEBHOOK_SIGNATURE_INVALID' }));
    await expect(receiveWebhook(ws, 'nope', { body, headers: {} })).rejects.toThrow(expect.objectContaining({ code: 'ACTIVITY_NOT_FOUND' }));
    const sched = schedulerOf(ws);
    await sched.tick();
    await sched.idle();
    const fires = firesOf(ws, 'activity:on-push');
    expect(fires.map((f) => [f.trigger, f.status])).toEqual([['webhook', 'succeeded']]);
    expect(JSON.parse(fires[0]!.payload!)).toMatchObject({ events: 2, items: [{ body }, { body }] });
  });
});
