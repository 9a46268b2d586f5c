// `concord todo ...` and the seed's todo commands, run as a user runs them, against real files.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

type Row = { id: string; status: string; priority: string; repo?: string };
type Page = { items: Row[]; total: number; offset: number; next_offset?: number };

function setup(text = SMALL) {
  const { dir, file } = ecosystemDir(text);
  const run = (...args: string[]) => concord(args, { cwd: dir });
  return { dir, file, run, read: () => fs.readFileSync(file, 'utf8') };
}

describe('todo list / list-todos', () => {
  it('filters by status, priority (legacy P0-P3 too), repo nickname, assignee, label and plan', () => {
    const { run } = setup();
    const ids = (...args: string[]) => (run('todo', 'list', '--json', ...args).json() as Page).items.map((t) => t.id);
    expect(ids()).toEqual(['TODO-1', 'TODO-2', 'TODO-3', 'TODO-4', 'TODO-5']);
    expect(ids('--status', 'pending', '--priority', 'P0,medium')).toEqual(['TODO-2', 'TODO-3', 'TODO-5']);
    expect(ids('--repo', 'backend')).toEqual(['TODO-1', 'TODO-3']);
    expect(ids('--repo', 'web', '--repo', 'lib')).toEqual(['TODO-2', 'TODO-4', 'TODO-5']);
    expect(ids('--assignee', 'alice')).toEqual(['TODO-3']);
    expect(ids('--label', 'frontend')).toEqual(['TODO-2']);
    expect(ids('--plan', 'PLAN-1', '--status', 'done')).toEqual(['TODO-1']);
    expect(ids('--search', 'the api')).toEqual(['TODO-1', 'TODO-2', 'TODO-4']);
  });

  it('sorts (- for descending) and pages with --limit and --offset', () => {
    const { run } = setup();
    const page = run('todo', 'list', '--sort', '-estimate', '--limit', '2', '--offset', '1', '--json').json() as Page;
    expect(page).toMatchObject({ total: 5, offset: 1, next_offset: 3 });
    expect(page.items.map((t) => t.id)).toEqual(['TODO-2', 'TODO-3']);
    const human = run('list-todos', '--sort', 'priority', '--limit', '2');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ID\s+STATUS\s+PRIORITY\s+REPO\s+ASSIGNEE\s+EST\s+TASK\nTODO-3\s+pending\s+critical\s+api\s+alice\s+3h\s+Ship the runtime upgrade\nTODO-1 /);
    expect(human.stdout).toContain('1-2 of 5 todos · next page: --offset 2');
  });

  it('answers a bad enum value with exit 2, the nearest value and the usage', () => {
    const { run } = setup();
    const r = run('todo', 'list', '--status', 'inprogress');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: option '-s, --status <status>' argument 'inprogress' is invalid. Did you mean "in_progress"?`);
    expect(r.stderr).toContain('Usage: concord todo list [options]');
    const json = run('list-todos', '--priority', 'urgentest', '--json');
    expect(json.code).toBe(2);
    expect(json.json()).toMatchObject({ error: { code: 'USAGE' } });
  });

  it('reads the quirks of real-world files (P1, done, issue_id, created_at)', () => {
    const { run } = setup(QUIRKY);
    const page = run('todo', 'list', '--json').json() as Page & { items: (Row & { issue?: string; created?: string })[] };
    expect(page.items).toEqual([
      expect.objectContaining({ id: 'TODO-001', status: 'pending', issue: 'MHV-002', created: '2026-02-20T12:00:00Z' }),
      expect.objectContaining({ id: 'TODO-002', status: 'completed', priority: 'medium', repo: 'tools' }),
    ]);
  });
});

describe('todo show / show-todo', () => {
  it('shows fields, readiness, blockers and dependents; --json has the documented shape', () => {
    const { run } = setup();
    const r = run('todo', 'show', 'TODO-2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TODO-2 {2}Call the API from the web app\n {2}status +pending\n {2}ready +yes: can be worked on now/);
    expect(r.stdout).toMatch(/Blocked by\n {2}TODO-1 {2}completed {2}Build the API {2}\[api\]/);
    expect(r.stdout).toMatch(/Blocking\n {2}TODO-4 {2}pending {2}Document the API {2}\[lib\]/);
    const d = run('show-todo', 'TODO-4', '--json').json() as Record<string, unknown>;
    expect(d).toEqual({
      todo: expect.objectContaining({ id: 'TODO-4', task: 'Document the API', blocked_by: ['TODO-2'] }),
      ready: false,
      blockers: [{ id: 'TODO-2', kind: 'todo', title: 'Call the API from the web app', status: 'pending', repos: ['web'] }],
      blocked_by: [{ id: 'TODO-2', kind: 'todo', title: 'Call the API from the web app', status: 'pending', repos: ['web'] }],
      blocking: [],
      stale: false,
    });
  });

  it('answers an unknown id with exit 1, TODO_NOT_FOUND and the nearest id', () => {
    const { run } = setup();
    const r = run('todo', 'show', 'TODO-22');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('TODO_NOT_FOUND: todo TODO-22 not found\n  hint: did you mean TODO-2?\n');
    expect(run('show-todo', 'todo-3', '--json').json()).toEqual({ error: { code: 'TODO_NOT_FOUND', message: 'todo todo-3 not found', hint: 'did you mean TODO-3?', data: { id: 'todo-3', suggestion: 'TODO-3' } } });
  });
});

describe('todo create / create-todo', () => {
  it('creates a todo with every field, prints it with its new id, and keeps the file as written', () => {
    const { run, read } = setup();
    const r = run(
      'todo', 'create', 'Add retries', '--repo', 'backend', '--priority', 'P1', '--estimate', '3d', '--blocked-by', 'TODO-2',
      '--blocking', 'TODO-5', '--assignee', 'bob', '--label', 'net,api', '--acceptance', 'retries 3 times, with backoff',
      '--acceptance', 'logs each retry', '--plan', 'PLAN-1', '--milestone', 'MILESTONE-1', '--issue', 'ISSUE-1',
      '--description', 'Flaky upstream', '--note', 'see incident 12', '--metadata', '{"team":"core"}', '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const todo = r.json() as Record<string, unknown>;
    expect(todo).toMatchObject({
      task: 'Add retries', repo: 'api', priority: 'high', estimated_hours: 24, blocked_by: ['TODO-2'], blocking: ['TODO-5'], assignee: 'bob',
      labels: ['net', 'api'], acceptance_criteria: ['retries 3 times, with backoff', 'logs each retry'], plan: 'PLAN-1', milestone: 'MILESTONE-1',
      issue: 'ISSUE-1', description: 'Flaky upstream', metadata: { team: 'core' }, status: 'pending', notes: [{ author: 'e2e', text: 'see incident 12', at: expect.any(String) }],
    });
    expect(todo['id']).toMatch(/^TODO-[0-9A-Z]{7}$/);
    const text = read();
    expect(text).toContain(`- id: ${String(todo['id'])}`);
    expect(text).toContain('task: Build the API  # inline comment');
    expect(text).toContain('# The first piece of work');
    const other = run('todo', 'show', 'TODO-2', '--json').json() as { todo: { blocking: string[] } };
    expect(other.todo.blocking).toEqual(['TODO-4', todo['id']]);
  });

  it('takes --task as the seed writes it, and JSON on stdin with --input -', () => {
    const { dir, run } = setup();
    const seed = run('create-todo', '--repo', 'web', '--task', 'Call the new endpoint', '--estimate', '90m');
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/^Created TODO-[0-9A-Z]{7} {2}Call the new endpoint {2}\(web\)\n$/);
    const piped = concord(['todo', 'create', '--input', '-', '--priority', 'low', '--json'], { cwd: dir, input: JSON.stringify({ task: 'Write docs', repo: 'lib', priority: 'high' }) });
    expect(piped.code).toBe(0);
    expect(piped.json()).toMatchObject({ task: 'Write docs', repo: 'lib', priority: 'low' });
  });

  it('refuses bad input with a clear error and writes nothing', () => {
    const { run, read } = setup();
    const before = read();
    const noRepo = run('todo', 'create', 'Orphan');
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toContain('a todo needs a repo');
    const unknownRepo = run('todo', 'create', 'X', '--repo', 'wbe');
    expect(unknownRepo.code).toBe(1);
    expect(unknownRepo.stderr).toBe('UNKNOWN_REFERENCE: new todo: repo "wbe" is not in the ecosystem\n  hint: did you mean "web"? Otherwise add it under repos: in ecosystem.yaml (see `concord repo list`)\n');
    const unknownBlocker = run('todo', 'create', 'X', '--repo', 'web', '--blocked-by', 'TODO-9');
    expect(unknownBlocker.code).toBe(1);
    expect(unknownBlocker.stderr).toMatch(/^UNKNOWN_REFERENCE: .*"TODO-9"/);
    const badEstimate = run('todo', 'create', 'X', '--repo', 'web', '--estimate', 'soon');
    expect(badEstimate.code).toBe(2);
    expect(badEstimate.stderr).toContain('use hours (4, 2.5) or a duration (90m, 3d, 1w)');
    const badJson = run('todo', 'create', 'X', '--repo', 'web', '--metadata', '{nope');
    expect(badJson.code).toBe(2);
    expect(read()).toBe(before);
  });

  it('refuses an edge that would close a cycle, naming the loop, and writes nothing', () => {
    const { run, read } = setup();
    const before = read();
    const r = run('todo', 'create', 'Loop', '--repo', 'web', '--blocked-by', 'TODO-4', '--blocking', 'TODO-2');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^DEPENDENCY_CYCLE: todo (TODO-[0-9A-Z]{7}) would close a blocker cycle: \1 -> TODO-2 -> TODO-4 -> \1\n/);
    const update = run('update-todo', 'TODO-1', '--blocked-by', 'TODO-4', '--json');
    expect(update.code).toBe(1);
    expect(update.json()).toMatchObject({ error: { code: 'DEPENDENCY_CYCLE' } });
    expect(read()).toBe(before);
  });
});

describe('todo update / update-todo, complete / complete-todo, note, delete', () => {
  it('changes fields, says what changed, clears with --no-<field>, and says so when nothing changes', () => {
    const { run } = setup();
    const r = run('todo', 'update', 'TODO-3', '--priority', 'low', '--no-assignee', '--estimate', '2h', '--label', 'ops', '--note', 'handing over');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Updated TODO-3\n  priority: critical → low\n  estimated_hours: 3 → 2\n  assignee: alice → ∅\n  labels: [] → [ops]\n  note added\n');
    const t = (run('show-todo', 'TODO-3', '--json').json() as { todo: Record<string, unknown> }).todo;
    expect(t).toMatchObject({ priority: 'low', estimated_hours: 2, labels: ['ops'], notes: [expect.objectContaining({ text: 'handing over', author: 'e2e' })] });
    expect(t['assignee']).toBeUndefined();
    const same = run('update-todo', 'TODO-3', '--priority', 'low');
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('No change: TODO-3 already had those values.\n');
    const nothing = run('todo', 'update', 'TODO-3');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
  });

  it('adds and removes blockers and labels without replacing the lists (--add-*/--remove-*)', () => {
    const { run } = setup();
    const r = run('todo', 'update', 'TODO-4', '--add-blocked-by', 'ISSUE-1,TODO-3', '--add-label', 'docs');
    expect(r.stdout).toBe('Updated TODO-4\n  blocked_by: [TODO-2] → [TODO-2, ISSUE-1, TODO-3]\n  labels: [] → [docs]\n  issue ISSUE-1 blocking: [TODO-3] → [TODO-3, TODO-4]\n  todo TODO-3 blocking: [] → [TODO-4]\n');
    const t = run('update-todo', 'TODO-4', '--remove-blocked-by', 'TODO-2', '--add-blocked-by', 'TODO-3', '--remove-label', 'docs', '--json').json() as { blocked_by: string[]; labels: string[] };
    expect(t).toMatchObject({ blocked_by: ['ISSUE-1', 'TODO-3'], labels: [] });
    expect((run('todo', 'show', 'TODO-2', '--json').json() as { todo: { blocking: string[] } }).todo.blocking).toEqual([]);
    const issue = run('issue', 'update', 'ISSUE-1', '--add-blocking', 'TODO-5', '--json').json() as { blocking: string[] };
    expect(issue.blocking).toEqual(['TODO-3', 'TODO-4', 'TODO-5']);
  });

  it('refuses an illegal transition and a blocked completion, and --force completes anyway', () => {
    const { run, read } = setup();
    const before = read();
    const blocked = run('complete-todo', 'TODO-4');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toBe('TODO_BLOCKED: TODO-4 cannot move to completed: it is blocked by TODO-2, not yet resolved\n  hint: resolve it first, or pass --force\n');
    const illegal = run('todo', 'update', 'TODO-1', '--status', 'blocked');
    expect(illegal.code).toBe(1);
    expect(illegal.stderr).toMatch(/^INVALID_TRANSITION: todo TODO-1 cannot go from completed to blocked\n {2}hint: from completed a todo can go to pending\n$/);
    expect(read()).toBe(before);
    const forced = run('todo', 'complete', 'TODO-4', '--force', '--actual', '3h', '--note', 'done early', '--json');
    expect(forced.code).toBe(0);
    expect(forced.json()).toMatchObject({ id: 'TODO-4', status: 'completed', actual_hours: 3, notes: [expect.objectContaining({ text: 'done early' })] });
  });

  it('completes a ready todo, which makes what it blocked ready', () => {
    const { run } = setup();
    expect(run('complete-todo', 'TODO-2').stdout).toBe('Completed TODO-2\n  status: pending → completed\n');
    const ready = run('ready', '--json').json() as { todo: { id: string } }[];
    expect(ready.map((r) => r.todo.id)).toContain('TODO-4');
  });

  it('appends notes and deletes a todo along with the edges naming it', () => {
    const { run, read } = setup();
    const note = run('todo', 'note', 'TODO-5', 'check', 'the', 'wording', '--json');
    expect(note.json()).toMatchObject({ id: 'TODO-5', notes: [expect.objectContaining({ text: 'check the wording', author: 'e2e' })] });
    const refused = run('todo', 'delete', 'TODO-2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^HAS_DEPENDENTS: todo TODO-2 blocks 1 open item \(TODO-4 pending\); deleting it would make it ready\n {2}hint: cancel it instead.*concord todo update TODO-2 --status cancelled/);
    expect(read()).toContain('id: TODO-2');
    const del = run('todo', 'delete', 'TODO-2', '--force', '--json');
    expect(del.code).toBe(0);
    expect(del.json()).toEqual({ deleted: 'TODO-2', changed: true });
    expect(read()).not.toContain('id: TODO-2');
    const t4 = (run('todo', 'show', 'TODO-4', '--json').json() as { todo: { blocked_by: string[] } }).todo;
    expect(t4.blocked_by).toEqual([]);
    expect(run('todo', 'delete', 'TODO-2').code).toBe(1);
  });
});
