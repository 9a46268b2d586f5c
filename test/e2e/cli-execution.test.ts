// The built CLI runs todos: execute (16 at once make one run), --wait with a fake agent on a real repo,
// worker, run list/show/logs/cancel/retry/resume, validate --plan, a full queue (exit 75), execution off.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { concord, concordAsync } from '../helpers/cli.js';
import { runEcosystem } from '../helpers/runs.js';
import { git } from '../helpers/temp.js';

const todo = (id: string, repo: string, extra: Record<string, unknown> = {}) => ({ id, task: `Do ${id}`, repo, status: 'pending', ...extra });

describe('concord execute', () => {
  it('16 concurrent `concord execute` of one todo create exactly one run', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api')] });
    e.ws.close();
    const results = await Promise.all(Array.from({ length: 16 }, () => concordAsync(['execute', 'TODO-1', '--json'], { cwd: e.dir, env: e.env })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const answers = results.map((r) => r.json() as { run: { id: string }; created: boolean });
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.run.id)).size).toBe(1);
    expect(concord(['run', 'list', '--json'], { cwd: e.dir }).json()).toHaveLength(1);
  });

  it('--wait runs it with the agent and exits 0 on a verified success; run show, logs and list tell the story', () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:success]' })] });
    e.ws.close();
    const r = concord(['execute', 'TODO-1', '--wait', '--json'], { cwd: e.dir, env: e.env });
    expect(r.code, r.stderr).toBe(0);
    const { run } = r.json() as { run: { id: string; status: string; branch: string } };
    expect(run).toMatchObject({ status: 'succeeded', branch: `concord/TODO-1/${run.id}` });
    expect(concord(['todo', 'show', 'TODO-1', '--json'], { cwd: e.dir }).json()).toMatchObject({ todo: { status: 'completed', assignee: 'claude' } });
    expect(git(e.repoDir('api'), 'branch', '--list', 'concord/*').trim()).toBe(`concord/TODO-1/${run.id}`);
    const show = concord(['run', 'show', run.id], { cwd: e.dir });
    expect(show.stdout).toMatch(/status\s+succeeded/);
    expect(show.stdout).toMatch(/diff\s+1 file\(s\), \+1 -0/);
    expect(concord(['run', 'logs', run.id], { cwd: e.dir }).stdout).toContain('"type":"result"');
    expect(concord(['run', 'list', '--status', 'succeeded', '--json'], { cwd: e.dir }).json()).toEqual([expect.objectContaining({ id: run.id })]);
    expect(concord(['history', 'TODO-1', '--json'], { cwd: e.dir }).stdout).toContain('run:succeeded');
  });

  it('--wait on an agent that fails exits 1 and leaves the todo pending; retry makes a new run', () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:empty-result]' })] });
    e.ws.close();
    const r = concord(['execute', 'TODO-1', '--wait'], { cwd: e.dir, env: e.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no_op\s+TODO-1 RUN-\w+ \$0\.0000: the agent returned an empty result and changed nothing/);
    expect((concord(['todo', 'show', 'TODO-1', '--json'], { cwd: e.dir }).json() as { todo: { status: string } }).todo.status).toBe('pending');
    const [first] = concord(['run', 'list', '--json'], { cwd: e.dir }).json() as { id: string }[];
    const retry = concord(['run', 'retry', first!.id, '--json'], { cwd: e.dir });
    expect(retry.json()).toMatchObject({ created: true, run: { status: 'queued', retry_of: first!.id } });
    const cancel = concord(['run', 'cancel', (retry.json() as { run: { id: string } }).run.id], { cwd: e.dir });
    expect(cancel.stdout).toMatch(/cancelled/);
  });

  it('a limit stop is resumed with an answer: the same session in the same worktree', () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:needs-input]' })] });
    e.ws.close();
    const record = path.join(e.dir, 'seen.jsonl');
    const env = { ...e.env, FAKE_AGENT_RECORD: record };
    expect(concord(['execute', 'TODO-1', '--wait'], { cwd: e.dir, env }).code).toBe(1);
    const [run] = concord(['run', 'list', '--json'], { cwd: e.dir }).json() as { id: string; status: string; session: string; worktree: string }[];
    expect(run).toMatchObject({ status: 'needs_input', session: expect.stringMatching(/^sess-/) });
    expect(concord(['run', 'resume', run!.id, '--answer', 'use SQLite'], { cwd: e.dir }).code).toBe(0);
    // The answer reaches the agent; this time the fake asks again (same stream), from the same session.
    concord(['worker', '--once'], { cwd: e.dir, env });
    const seen = fs.readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; cwd: string });
    expect(seen).toHaveLength(2);
    expect(seen[1]!.argv).toEqual(expect.arrayContaining(['--resume', run!.session]));
    expect(seen[1]!.cwd).toBe(seen[0]!.cwd);
    expect(fs.readFileSync(path.join(e.dir, '.concord', 'runs', run!.id, 'attempt-2.prompt.md'), 'utf8')).toContain('use SQLite');
  });

  it('refuses blocked todos and a full queue (exit 75), and everything when execution is off; nothing changes', () => {
    const e = runEcosystem({
      repos: ['api', 'web', 'lib'],
      todos: [todo('TODO-1', 'api'), todo('TODO-2', 'web', { blocked_by: ['TODO-1'] }), todo('TODO-3', 'lib')],
      settings: { queue: { capacity: 1 } },
    });
    e.ws.close();
    const before = fs.readFileSync(e.file, 'utf8');
    const blocked = concord(['execute', 'TODO-2'], { cwd: e.dir });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/^TODO_BLOCKED: todo TODO-2 is blocked by TODO-1; nothing was run/);
    expect(concord(['execute', 'TODO-1'], { cwd: e.dir }).code).toBe(0);
    const full = concord(['execute', 'TODO-3', '--json'], { cwd: e.dir });
    expect(full.code).toBe(75);
    expect(full.json()).toMatchObject({ error: { code: 'QUEUE_FULL', data: { capacity: 1, queued: 1 } } });
    fs.writeFileSync(path.join(e.dir, 'concord.yaml'), stringify({ coordination: { pool_execution_enabled: false } }));
    for (const args of [['execute', 'TODO-3'], ['worker', '--once'], ['sweep', '--plan', 'PLAN-1']]) {
      const off = concord(args, { cwd: e.dir });
      expect(off.code, args.join(' ')).toBe(1);
      expect(off.stderr).toMatch(/^EXECUTION_DISABLED: pool execution is turned off in concord.yaml/);
    }
    expect(fs.readFileSync(e.file, 'utf8')).toBe(before);
  });
});

describe('concord validate --plan', () => {
  it('exit 1 while the plan has open todos or missing deliverables or failing acceptance; 0 once it is done', () => {
    const e = runEcosystem({
      repos: ['api'],
      plans: [{ id: 'PLAN-1', title: 'Ship', status: 'active', repos: ['api'], milestones: [{ id: 'MILESTONE-1', name: 'v1', status: 'completed', deliverables: ['api:README.md', 'docs/missing.md', 'a happy team'], completion_criteria: ['users like it'] }] }],
      todos: [todo('TODO-1', 'api', { plan: 'PLAN-1', milestone: 'MILESTONE-1', status: 'completed', acceptance_commands: ['test -f README.md'] }), todo('TODO-2', 'api', { plan: 'PLAN-1', milestone: 'MILESTONE-1' })],
    });
    e.ws.close();
    const r = concord(['validate', '--plan', 'PLAN-1', '--json'], { cwd: e.dir });
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({
      complete: false,
      open: [{ todo: 'TODO-2', problem: 'open although milestone MILESTONE-1 is completed' }],
      deliverables: [{ status: 'present', where: 'api:README.md' }, { status: 'missing' }, { status: 'manual' }],
      acceptance: [{ todo: 'TODO-1', command: 'test -f README.md', ok: true }],
      criteria: [{ criterion: 'users like it' }],
    });
    expect(r.stderr).toContain('PLAN_INCOMPLETE: plan PLAN-1 is not complete (2 problem(s))');
    fs.writeFileSync(path.join(e.repoDir('api'), 'docs-missing'), '');
    fs.mkdirSync(path.join(e.repoDir('api'), 'docs'));
    fs.writeFileSync(path.join(e.repoDir('api'), 'docs', 'missing.md'), '# here\n');
    expect(concord(['todo', 'complete', 'TODO-2'], { cwd: e.dir }).code).toBe(0);
    const ok = concord(['validate', '--plan', 'PLAN-1'], { cwd: e.dir });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^plan PLAN-1: complete; 2 of 2 todo\(s\) done/);
  });
});
