// `concord issue ...`, `plan ...`, `milestone ...` and the seed's issue and plan commands, against real files.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

function setup(text = SMALL) {
  const { dir, file } = ecosystemDir(text);
  const run = (...args: string[]) => concord(args, { cwd: dir });
  return { dir, run, read: () => fs.readFileSync(file, 'utf8') };
}

type Page<T = { id: string }> = { items: T[]; total: number };

describe('issues', () => {
  it('list-issues filters by status, priority and repo, as the seed writes them', () => {
    const { run } = setup(QUIRKY);
    const ids = (...a: string[]) => (run('list-issues', '--json', ...a).json() as Page).items.map((i) => i.id);
    expect(ids()).toEqual(['MHV-001', 'MHV-002']);
    expect(ids('--status', 'resolved')).toEqual(['MHV-001']);
    expect(ids('--status', 'pending', '--priority', 'high')).toEqual(['MHV-002']);
    expect(ids('--priority', 'P0')).toEqual(['MHV-001']);
    expect(ids('--label', 'async')).toEqual(['MHV-001']);
    const human = run('issue', 'list', '--sort', 'priority');
    expect(human.stdout).toMatch(/^ID\s+STATUS\s+PRIORITY\s+REPOS\s+ASSIGNEE\s+TARGET\s+TITLE\nMHV-001\s+resolved\s+critical\s+asyncio/);
  });

  it('show-issue shows the issue, its todos and its plan; an unknown id gets the nearest one', () => {
    const { run } = setup(QUIRKY);
    const r = run('show-issue', 'MHV-002');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^MHV-002 {2}Missing logger import\n {2}status +pending\n {2}priority +high\n/);
    expect(r.stdout).toContain('plan      PLAN-002');
    expect(r.stdout).toMatch(/Todos working on it\n {2}TODO-001 {2}pending {2}Add the logger import/);
    const d = run('issue', 'show', 'MHV-001', '--json').json();
    expect(d).toMatchObject({ issue: { id: 'MHV-001', status: 'resolved', resolution: 'Added a fallback', affected_files: ['core/app.py'] }, plans: ['PLAN-001'], todos: [], blockers: [], blocked_by: [], blocking: [] });
    const missing = run('issue', 'show', 'MHV-02');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ISSUE_NOT_FOUND: issue MHV-02 not found\n  hint: did you mean MHV-002?\n');
  });

  it('create-issue takes --repos "a,b" and every field; prints the new issue with its id', () => {
    const { run, read } = setup();
    const r = run(
      'create-issue', '--title', 'Token format changes', '--repos', 'api,web', '--priority', 'P0', '--severity', 'breaking', '--target', '2026-03-01',
      '--blocking', 'TODO-5', '--assignee', 'carol', '--label', 'security', '--plan', 'PLAN-1', '--milestone', 'MILESTONE-1',
      '--affected-file', 'src/token.ts', '--affected-file', 'src/auth, v2.ts', '--description', 'JWT to PASETO', '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const issue = r.json() as { id: string };
    expect(issue).toMatchObject({ title: 'Token format changes', repos: ['api', 'web'], priority: 'critical', severity: 'breaking', target: '2026-03-01', blocking: ['TODO-5'], assignee: 'carol', labels: ['security'], plan: 'PLAN-1', milestone: 'MILESTONE-1', affected_files: ['src/token.ts', 'src/auth, v2.ts'], status: 'pending' });
    expect(issue.id).toMatch(/^ISSUE-[0-9A-Z]{7}$/);
    expect(read()).toContain(`- id: ${issue.id}`);
    const t5 = (run('todo', 'show', 'TODO-5', '--json').json() as { todo: { blocked_by: string[] }; ready: boolean });
    expect(t5).toMatchObject({ todo: { blocked_by: [issue.id] }, ready: false });
  });

  it('update-issue and close-issue change the status; closing unblocks the todos it held', () => {
    const { run } = setup();
    expect(run('update-issue', 'ISSUE-1', '--status', 'in_progress', '--repos', 'api').stdout).toBe('Updated ISSUE-1\n  status: pending → in_progress\n  repos: [api, web] → [api]\n');
    const closed = run('close-issue', 'ISSUE-1', '--resolution', 'runtime upgraded', '--json');
    expect(closed.code).toBe(0);
    expect(closed.json()).toMatchObject({ id: 'ISSUE-1', status: 'closed', resolution: 'runtime upgraded', resolved_at: expect.any(String) });
    const ready = run('ready', '--json').json() as { todo: { id: string } }[];
    expect(ready[0]!.todo.id).toBe('TODO-3');
    expect(run('issue', 'close', 'ISSUE-1').stdout).toBe('No change: ISSUE-1 already had those values.\n');
  });

  it('refuses a bad status, a missing title and an unknown milestone without writing', () => {
    const { run, read } = setup();
    const before = read();
    const bad = run('issue', 'update', 'ISSUE-1', '--status', 'fixedd');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`argument 'fixedd' is invalid. Did you mean "resolved"? Allowed: pending, in_progress, blocked, resolved, closed.`);
    expect(run('issue', 'create').code).toBe(2);
    const ms = run('issue', 'create', 'X', '--milestone', 'MILESTONE-9');
    expect(ms.code).toBe(1);
    expect(ms.stderr).toMatch(/^UNKNOWN_REFERENCE: new issue: milestone "MILESTONE-9" is not in the ecosystem\n {2}hint: did you mean "MILESTONE-1"\?/);
    const date = run('issue', 'create', 'X', '--target', 'next week');
    expect(date.code).toBe(1);
    expect(date.stderr).toContain('INVALID_INPUT: invalid issue: target: use a date (2026-01-31)');
    expect(read()).toBe(before);
  });

  it('closes an issue with open todos under it, and warns on stderr naming them', () => {
    const { run } = setup();
    expect(run('todo', 'update', 'TODO-5', '--issue', 'ISSUE-1').code).toBe(0);
    const closed = run('issue', 'close', 'ISSUE-1', '--json');
    expect(closed.code).toBe(0);
    expect(closed.json()).toMatchObject({ id: 'ISSUE-1', status: 'closed' });
    expect(closed.stderr).toBe('warning: issue ISSUE-1 is now closed, but 1 todo under it is still open (TODO-5 pending); complete or cancel it\n');
  });

  it('refuses to delete an issue open work waits on, suggesting to close it; with --force deletes it and the edges naming it', () => {
    const { run, read } = setup();
    const before = read();
    const refused = run('issue', 'delete', 'ISSUE-1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^HAS_DEPENDENTS: issue ISSUE-1 blocks 1 open item \(TODO-3 pending\); deleting it would make it ready\n {2}hint: close it instead/);
    expect(read()).toBe(before);
    expect(run('issue', 'delete', 'ISSUE-1', '--force', '--json').json()).toEqual({ deleted: 'ISSUE-1', changed: true });
    expect((run('todo', 'show', 'TODO-3', '--json').json() as { ready: boolean }).ready).toBe(true);
  });
});

describe('plans and milestones', () => {
  it('list-plans and show-plan roll up progress; plan list filters by status', () => {
    const { run } = setup(QUIRKY);
    const page = run('list-plans', '--json').json() as Page<{ id: string; status: string; progress: { total: number; done: number; percent: number } }>;
    expect(page.items.map((p) => [p.id, p.status, p.progress.done, p.progress.total])).toEqual([['PLAN-001', 'draft', 1, 1], ['PLAN-002', 'draft', 0, 1]]);
    expect((run('plan', 'list', '--status', 'active', '--json').json() as Page).total).toBe(0);
    const show = run('show-plan', 'PLAN-002');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^PLAN-002 {2}Phase 2\n {2}status +draft\n {2}progress +░{20} +0% \(0\/1 issue\)\n/);
    expect(show.stdout).toContain('depends on  PLAN-001');
    expect(show.stdout).toContain('waiting on  PLAN-001');
    expect(run('plan', 'show', 'PLAN-0002').stderr).toBe('PLAN_NOT_FOUND: plan PLAN-0002 not found\n  hint: did you mean PLAN-002?\n');
  });

  it('counts a plan\'s issues apart from its todos: in its progress, its Issues and Todos lines, and the roadmap', () => {
    const { run } = setup(SMALL.replace('due: "2026-12-01"', 'due: "2099-12-01"'));
    expect(run('issue', 'update', 'ISSUE-1', '--plan', 'PLAN-1').code).toBe(0);
    const show = run('plan', 'show', 'PLAN-1').stdout;
    expect(show).toMatch(/ {2}progress +█+░+ +25% \(1\/4: 1\/3 todos, 0\/1 issue\)\n/);
    expect(show).toMatch(/Issues\n {2}1: 1 pending {2}\(ISSUE-1\)/);
    expect(show).toMatch(/Todos\n {2}3: 1 completed, 2 pending {2}\(concord todo list --plan PLAN-1\)/);
    expect(run('roadmap').stdout).toContain('25% (1/4: 1/3 todos, 0/1 issue)');
  });

  it('create-plan takes --milestones "name@due,..." and prints the plan with the new ids', () => {
    const { run, read } = setup();
    const r = run('create-plan', '--title', 'Python 3.13', '--milestones', 'Libraries@2026-02-01,Services@2026-02-15', '--milestone', 'Cleanup', '--repos', 'backend,web', '--target', '2026-03-01', '--owner', 'les', '--depends-on', 'PLAN-1', '--issues', 'ISSUE-1', '--json');
    expect(r.stderr).toBe('');
    const plan = r.json() as { id: string; milestones: { id: string; name: string; due?: string }[] };
    expect(plan).toMatchObject({ title: 'Python 3.13', status: 'draft', repos: ['api', 'web'], target: '2026-03-01', owner: 'les', depends_on: ['PLAN-1'], issues: ['ISSUE-1'] });
    expect(plan.milestones.map((m) => [m.name, m.due])).toEqual([['Cleanup', undefined], ['Libraries', '2026-02-01'], ['Services', '2026-02-15']]);
    expect(plan.milestones.every((m) => /^MILESTONE-[0-9A-Z]{7}$/.test(m.id))).toBe(true);
    expect(read()).toContain(`- id: ${plan.id}`);
    const human = run('plan', 'create', 'Docs', '--milestone', 'Draft@2026-05-01');
    expect(human.stdout).toMatch(/^Created PLAN-[0-9A-Z]{7} {2}Docs\n {2}milestone MILESTONE-[0-9A-Z]{7} {2}Draft {2}due 2026-05-01\n$/);
  });

  it('update-plan changes status by the transition table, completing only with --force while work is open; a plan cannot depend on itself', () => {
    const { run, read } = setup();
    const open = run('update-plan', 'PLAN-1', '--status', 'completed');
    expect(open.code).toBe(1);
    expect(open.stderr).toMatch(/^OPEN_WORK: plan PLAN-1 cannot be completed: 2 of its todos and issues are still open \(TODO-2 pending, TODO-4 pending\)\n {2}hint: .*--force/);
    expect(run('update-plan', 'PLAN-1', '--status', 'completed', '--force').stdout).toBe('Updated PLAN-1\n  status: active → completed\n');
    const before = read();
    const back = run('plan', 'update', 'PLAN-1', '--status', 'draft');
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/^INVALID_TRANSITION: plan PLAN-1 cannot go from completed to draft/);
    const self = run('plan', 'update', 'PLAN-1', '--depends-on', 'PLAN-1');
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/^DEPENDENCY_CYCLE: /);
    expect(read()).toBe(before);
  });

  it('adds, lists, shows and updates milestones', () => {
    const { run } = setup();
    const add = run('milestone', 'add', 'PLAN-1', 'GA', '--due', '2026-12-20', '--criterion', 'no P0 bugs', '--deliverable', 'release notes', '--depends-on', 'MILESTONE-1', '--json');
    expect(add.code).toBe(0);
    const ms = add.json() as { id: string };
    expect(ms).toMatchObject({ name: 'GA', due: '2026-12-20', status: 'pending', dependencies: ['MILESTONE-1'], completion_criteria: ['no P0 bugs'], deliverables: ['release notes'] });
    const list = run('milestone', 'list', '--plan', 'PLAN-1', '--json').json() as { id: string; plan: string }[];
    expect(list.map((m) => m.id)).toEqual(['MILESTONE-1', ms.id]);
    const show = run('milestone', 'show', ms.id);
    expect(show.stdout).toMatch(new RegExp(`^${ms.id} {2}GA\\n {2}plan +PLAN-1 Launch\\n`));
    expect(show.stdout).toMatch(/Completion criteria\n {2}- no P0 bugs/);
    expect(run('milestone', 'update', 'MILESTONE-1', '--status', 'completed').stdout).toBe('Updated MILESTONE-1\n  status: in_progress → completed\n');
    expect(run('milestone', 'list', '--status', 'completed', '--json').json()).toEqual([expect.objectContaining({ id: 'MILESTONE-1' })]);
    // Not MILESTONE-2: the new milestone's random id may start with 2, and a prefix match wins.
    expect(run('milestone', 'show', 'MILESTONE-1Z').stderr).toBe('MILESTONE_NOT_FOUND: milestone MILESTONE-1Z not found\n  hint: did you mean MILESTONE-1?\n');
    expect(run('milestone', 'add', 'PLAN-9', 'X').stderr).toMatch(/^PLAN_NOT_FOUND: plan PLAN-9 not found/);
  });

  it('deletes a plan; its todos lose the link', () => {
    const { run } = setup();
    expect(run('plan', 'delete', 'PLAN-1', '--json').json()).toEqual({ deleted: 'PLAN-1', changed: true });
    const t = (run('todo', 'show', 'TODO-2', '--json').json() as { todo: { plan?: string } }).todo;
    expect(t.plan).toBeUndefined();
  });
});
