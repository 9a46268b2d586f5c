// The read commands: blocked, blocking, blocked-by, critical-path, waves, roadmap, workload, repo list/show.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, hasRealWorldFixture, REAL_WORLD_FIXTURE } from '../helpers/temp.js';

function setup(text = SMALL) {
  const { dir } = ecosystemDir(text);
  return (...args: string[]) => concord(args, { cwd: dir });
}

describe('blocked', () => {
  it('lists blocked todos with the chain and the roots to start from', () => {
    const run = setup();
    const rows = run('blocked', '--json').json() as { todo: { id: string }; blockers: { id: string }[]; roots: { id: string }[]; chain: string[] }[];
    expect(rows.map((r) => [r.todo.id, r.blockers.map((b) => b.id), r.roots.map((b) => b.id), r.chain])).toEqual([
      ['TODO-3', ['ISSUE-1'], ['ISSUE-1'], ['TODO-3', 'ISSUE-1']],
      ['TODO-4', ['TODO-2'], ['TODO-2'], ['TODO-4', 'TODO-2']],
    ]);
    const human = run('blocked', '--repo', 'lib');
    expect(human.stdout).toMatch(/^ID\s+PRIORITY\s+REPO\s+WAITS ON\s+CHAIN\s+START WITH\s+TASK\nTODO-4\s+low\s+lib\s+TODO-2\s+TODO-4 ⇐ TODO-2\s+TODO-2\s+Document the API\n$/);
  });

  it('says so when nothing is blocked', () => {
    const run = setup(QUIRKY.replace('status: pending\n    created_at: 2026-02-20 12:00:00+00:00\n  plans', 'status: closed\n    created_at: 2026-02-20 12:00:00+00:00\n  plans').replace('depends_on:\n    - PLAN-001\n', ''));
    const r = run('blocked');
    expect(r.stdout).toBe('Nothing is blocked.\n');
    expect(run('blocked', '--json').json()).toEqual([]);
  });
});

describe('blocking and blocked-by (a repo)', () => {
  it('blocking <repo>: open issues, unresolved blockers of its todos, unmet dependencies', () => {
    const run = setup();
    const b = run('blocking', 'backend', '--json').json() as { repo: string; issues: { id: string }[]; blockers: { id: string; blocks: string[] }[]; dependencies: { id: string }[] };
    expect(b.repo).toBe('api');
    expect(b.issues.map((i) => i.id)).toEqual(['ISSUE-1']);
    expect(b.blockers.map((x) => [x.id, x.blocks])).toEqual([['ISSUE-1', ['TODO-3']]]);
    expect(b.dependencies.map((d) => d.id)).toEqual(['DEP-2']);
    const human = run('repo', 'blocking', 'api');
    expect(human.stdout).toMatch(/^What blocks api\n\nOpen issues naming it\n {2}ISSUE-1 {2}pending {2}Upgrade the runtime\n/);
    expect(setup(QUIRKY)('blocking', 'tools').stdout).toBe('Nothing blocks tools.\n');
  });

  it('blocked-by <repo>: its unresolved work other repos wait on, and consumers it does not satisfy', () => {
    const run = setup();
    const web = run('blocked-by', 'web', '--json').json() as { items: { id: string; blocks: { id: string }[] }[]; dependencies: unknown[] };
    // ISSUE-1 names web too, and holds up TODO-3 in api.
    expect(web.items.map((i) => [i.id, i.blocks.map((b) => b.id)])).toEqual([['TODO-2', ['TODO-4']], ['ISSUE-1', ['TODO-3']]]);
    const lib = run('repo', 'blocked-by', 'lib', '--json').json() as { dependencies: { id: string }[] };
    expect(lib.dependencies.map((d) => d.id)).toEqual(['DEP-2']);
    expect(run('blocked-by', 'api').stdout).toBe('api holds up nothing elsewhere.\n');
    const bad = run('blocked-by', 'wbe');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('REPO_NOT_FOUND: repo "wbe" is not in the catalog\n  hint: did you mean "web"?\n');
  });
});

describe('critical-path and waves', () => {
  it('critical-path follows the most remaining hours and flags unestimated todos', () => {
    const run = setup();
    const p = run('critical-path', '--json').json() as { steps: { id: string; cumulative_hours: number }[]; total_hours: number; unestimated: string[] };
    expect(p.steps.map((s) => [s.id, s.cumulative_hours])).toEqual([['TODO-2', 5], ['TODO-4', 7]]);
    expect(p).toMatchObject({ total_hours: 7, unestimated: ['TODO-5'] });
    const human = run('critical-path');
    expect(human.stdout).toMatch(/^#\s+ID\s+STATUS\s+REPO\s+HOURS\s+TOTAL\s+TITLE\n1\s+TODO-2\s+pending\s+web\s+5h\s+5h\s+Call the API/);
    expect(human.stdout).toContain('2 step(s), 7h of remaining work');
    expect(human.stdout).toContain('1 unresolved todo(s) have no estimate');
    expect(run('critical-path', '--plan', 'PLAN-9').code).toBe(1);
  });

  it('waves groups unresolved work that can run in parallel', () => {
    const run = setup();
    expect(run('waves', '--json').json()).toEqual({ waves: [['ISSUE-1', 'TODO-2', 'TODO-5'], ['TODO-3', 'TODO-4']], order: ['ISSUE-1', 'TODO-2', 'TODO-5', 'TODO-3', 'TODO-4'], cyclic: [] });
    expect(run('waves', '--repo', 'lib').stdout).toBe('wave 1 (2)  TODO-4 TODO-5\n');
  });

  it('waves and blocked report a hand-written cycle instead of looping', () => {
    const run = setup(SMALL.replace('      blocked_by: [TODO-1]\n      blocking: [TODO-4]', '      blocked_by: [TODO-1, TODO-4]\n      blocking: [TODO-4]'));
    const w = run('waves', '--json').json() as { cyclic: string[] };
    expect(w.cyclic).toEqual(['TODO-2', 'TODO-4']);
    expect(run('waves').stdout).toContain('on or behind a cycle (run `concord lint`): TODO-2 TODO-4');
    const lint = run('lint');
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/DEPENDENCY_CYCLE.*TODO-2 -> TODO-4 -> TODO-2|DEPENDENCY_CYCLE.*TODO-4 -> TODO-2 -> TODO-4/);
    expect(run('blocked', '--json').code).toBe(0);
  });
});

describe('roadmap and workload', () => {
  it('roadmap shows plans with progress bars, milestones and due dates', () => {
    // A due date that stays in the future (the fixture's 2026-12-01 became overdue on the day after).
    const run = setup(SMALL.replace('due: "2026-12-01"', 'due: "2099-12-01"'));
    const r = run('roadmap');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'PLAN-1  Launch  active  target 2026-12-31\n' +
        '  ████████░░░░░░░░░░░░░░░░ 33.3% (1/3 todos)  8h/15h\n' +
        '    ○ Beta  ████████████ 100% (1/1 todo)  due 2099-12-01\n',
    );
    const json = run('roadmap', '--json').json() as { id: string; progress: { percent: number }; milestones: { id: string }[] }[];
    expect(json).toEqual([expect.objectContaining({ id: 'PLAN-1', progress: expect.objectContaining({ percent: 33.3 }), milestones: [expect.objectContaining({ id: 'MILESTONE-1' })] })]);
  });

  it('roadmap marks overdue targets and hides finished plans unless --all', () => {
    const run = setup(QUIRKY.replace('    status: pending\n    created_at: 2026-02-20 12:00:00+00:00\n  - id: PLAN-002', '    status: completed\n    created_at: 2026-02-20 12:00:00+00:00\n  - id: PLAN-002').replace('  - id: PLAN-002\n    title: Phase 2', '  - id: PLAN-002\n    title: Phase 2\n    target: 2020-01-01'));
    const open = run('roadmap', '--json').json() as { id: string; overdue: boolean }[];
    expect(open.map((p) => [p.id, p.overdue])).toEqual([['PLAN-002', true]]);
    expect(run('roadmap').stdout).toContain('target 2020-01-01 overdue');
    expect((run('roadmap', '--all', '--json').json() as unknown[]).length).toBe(2);
  });

  it('workload shows counts and hours per assignee and per repo', () => {
    const run = setup();
    const w = run('workload', '--json').json() as { by_assignee: { name: string; open: number; remaining_hours: number }[]; by_repo: { name: string }[]; total: { open: number; remaining_hours: number; unestimated: number } };
    expect(w.by_assignee.map((r) => [r.name, r.open, r.remaining_hours])).toEqual([['(unassigned)', 3, 7], ['alice', 1, 3]]);
    expect(w.total).toMatchObject({ open: 4, remaining_hours: 10, unestimated: 1 });
    const human = run('workload', '--assignee', 'alice');
    expect(human.stdout).toMatch(/^ASSIGNEE\s+OPEN\s+IN PROGRESS\s+READY\s+BLOCKED\s+HOURS LEFT\s+UNESTIMATED\nalice\s+1\s+0\s+0\s+1\s+3h\n/);
    expect(human.stdout).toContain('total: 1 open todo(s), 3h left');
  });
});

describe('repo list / show and status', () => {
  it('lists the catalog and shows one repo by nickname', () => {
    const run = setup(QUIRKY);
    const list = run('repo', 'list', '--json').json() as { repos: { name: string }[]; roles: { name: string }[] };
    expect(list.repos.map((r) => r.name)).toEqual(['core', 'tools']);
    expect(list.roles.map((r) => r.name)).toEqual(['orchestrator', 'worker']);
    expect(run('repo', 'list').stdout).toMatch(/^NAME\s+ROLE\s+PATH\s+PACKAGE\s+NICKNAMES\s+STATUS\ncore\s+orchestrator\s+\/src\/core\s+core_pkg\s+on, co\s+active\n/);
    const show = run('repo', 'show', 'co', '--json').json() as { repo: { name: string } };
    expect(show.repo.name).toBe('core');
    expect(run('status', '--repo', 'tools').stdout).toMatch(/^tools \(worker\)\n {2}todos 1: 1 completed/);
  });
});

describe.runIf(hasRealWorldFixture)('every read command on the real-world file', () => {
  it('answers with exit 0 and JSON', () => {
    const run = setup(fs.readFileSync(REAL_WORLD_FIXTURE, 'utf8'));
    for (const args of [['blocked'], ['critical-path'], ['waves'], ['roadmap', '--all'], ['workload'], ['list-issues'], ['list-plans'], ['list-todos'], ['list-deps'], ['dep-graph'], ['dep-graph', '--graph', 'todos'], ['repo', 'list'], ['milestone', 'list']]) {
      const r = run(...args, '--json');
      expect(r.code, args.join(' ') + r.stderr).toBe(0);
      expect(() => r.json(), args.join(' ')).not.toThrow();
    }
  });
});
