// Every command of seed 004, as written there, on the small and the quirky ecosystem: exit codes and pure JSON.
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the JSON answers are checked field by field */
/**
 * [what the seed writes after `mahavishnu coord`, the arguments here, the exit code, what the human output shows
 * (stdout; stderr for an error), what the JSON answer holds]. Writes run in this order, so later cases see them.
 */
type Case = [seed: string, args: string[], code: number, human: RegExp, json: (j: any) => void];

const small: Case[] = [
  ['list-issues', ['list-issues'], 0, /^ISSUE-1\s+pending\s+high\s+api,web .*Upgrade the runtime$/m, (j) => expect(j.items.map((i: any) => i.id)).toEqual(['ISSUE-1'])],
  ['list-issues --status in_progress --priority high', ['list-issues', '--status', 'in_progress', '--priority', 'high'], 0, /^No issues match\.$/m, (j) => expect(j.total).toBe(0)],
  ['show-issue ISSUE-001', ['show-issue', 'ISSUE-1'], 0, /^ISSUE-1 {2}Upgrade the runtime\n {2}status +pending/, (j) => expect(j.issue).toMatchObject({ id: 'ISSUE-1', status: 'pending', repos: ['api', 'web'] })],
  ['create-issue --title "..." --repos "mahavishnu,session-buddy"', ['create-issue', '--title', 'Update all repos', '--repos', 'api,web'], 0, /^Created ISSUE-\w+ {2}Update all repos {2}\(api, web\)$/m, (j) => expect(j).toMatchObject({ title: 'Update all repos', status: 'pending', repos: ['api', 'web'] })],
  ['update-issue ISSUE-001 --status resolved', ['update-issue', 'ISSUE-1', '--status', 'resolved'], 0, /^ {2}status: pending → resolved$/m, (j) => expect(j).toMatchObject({ id: 'ISSUE-1', status: 'resolved' })],
  ['close-issue ISSUE-001', ['close-issue', 'ISSUE-1'], 0, /^ {2}status: resolved → closed$/m, (j) => expect(j).toMatchObject({ id: 'ISSUE-1', status: 'closed' })],
  ['list-plans', ['list-plans'], 0, /^PLAN-1\s+active\s+2026-12-31 .*Launch$/m, (j) => expect(j.items.map((p: any) => p.id)).toEqual(['PLAN-1'])],
  ['show-plan PLAN-001', ['show-plan', 'PLAN-1'], 0, /^PLAN-1 {2}Launch\n {2}status +active/, (j) => expect(j.plan).toMatchObject({ id: 'PLAN-1', milestones: [{ id: 'MILESTONE-1', name: 'Beta' }] })],
  ['create-plan --title "..." --milestones "..."', ['create-plan', '--title', 'Q1 roadmap', '--milestones', 'Memory@2027-02-28,GA'], 0, /^ {2}milestone MILESTONE-\w+ {2}Memory {2}due 2027-02-28$/m, (j) => expect(j.milestones.map((m: any) => [m.name, m.due])).toEqual([['Memory', '2027-02-28'], ['GA', undefined]])],
  ['list-todos', ['list-todos'], 0, /^TODO-5\s+pending\s+medium\s+lib .*Write the changelog$/m, (j) => expect(j.items.map((t: any) => t.id)).toEqual(['TODO-1', 'TODO-2', 'TODO-3', 'TODO-4', 'TODO-5'])],
  ['list-todos --repo session-buddy', ['list-todos', '--repo', 'web'], 0, /^TODO-2\s+pending\s+medium\s+web .*\n1 todo$/m, (j) => expect(j.items.map((t: any) => t.id)).toEqual(['TODO-2'])],
  ['list-todos --assignee les', ['list-todos', '--assignee', 'alice'], 0, /^TODO-3\s+pending\s+critical\s+api\s+alice .*\n1 todo$/m, (j) => expect(j.items.map((t: any) => t.id)).toEqual(['TODO-3'])],
  ['show-todo TODO-001', ['show-todo', 'TODO-2'], 0, /^TODO-2 {2}Call the API from the web app\n {2}status +pending\n {2}ready +yes/, (j) => expect(j).toMatchObject({ todo: { id: 'TODO-2', status: 'pending' }, ready: true })],
  ['create-todo --repo mahavishnu --task "..." --estimate "3d"', ['create-todo', '--repo', 'api', '--task', 'Implement the memory service', '--estimate', '3d'], 0, /^Created TODO-\w+ {2}Implement the memory service {2}\(api\)$/m, (j) => expect(j).toMatchObject({ repo: 'api', estimated_hours: 24, status: 'pending' })],
  ['update-todo TODO-001 --status in_progress', ['update-todo', 'TODO-2', '--status', 'in_progress'], 0, /^ {2}status: pending → in_progress$/m, (j) => expect(j).toMatchObject({ id: 'TODO-2', status: 'in_progress' })],
  ['complete-todo TODO-001', ['complete-todo', 'TODO-2'], 0, /^ {2}status: in_progress → completed$/m, (j) => expect(j).toMatchObject({ id: 'TODO-2', status: 'completed' })],
  ['list-deps', ['list-deps'], 0, /^DEP-1\s+web\s+api\s+runtime\s+>=1\.0\.0\s+satisfied/m, (j) => expect(j.items.map((d: any) => [d.id, d.status])).toEqual([['DEP-1', 'satisfied'], ['DEP-2', 'unsatisfied']])],
  ['dep-graph', ['dep-graph'], 0, /^flowchart LR\n[\s\S]*-- "runtime #gt;=1\.0\.0" -->/, (j) => expect(j.graph.nodes.map((n: any) => n.id)).toEqual(['api', 'web', 'lib'])],
  ['status --repo mahavishnu', ['status', '--repo', 'api'], 0, /^api \(service\)\n {2}todos 3: 1 completed, 2 pending/, (j) => expect(j.todos).toMatchObject({ total: 3, by_status: { completed: 1, pending: 2 } })],
  ['blocking mahavishnu', ['blocking', 'api'], 0, /^What blocks api\n[\s\S]*Update all repos/, (j) => expect(j.issues.map((i: any) => i.title)).toEqual(['Update all repos'])],
  ['blocked-by mahavishnu', ['blocked-by', 'api'], 0, /^api holds up nothing elsewhere\.$/m, (j) => expect(j).toEqual({ repo: 'api', items: [], dependencies: [] })],
  ['roadmap', ['roadmap'], 0, /^PLAN-1 {2}Launch {2}active/m, (j) => expect(j.map((p: any) => p.id)).toEqual(expect.arrayContaining(['PLAN-1']))],
  ['workload', ['workload'], 0, /^alice\s+1\s+0\s+1\s+0\s+3h/m, (j) => expect(j.by_assignee.find((a: any) => a.name === 'alice')).toMatchObject({ open: 1, remaining_hours: 3 })],
  ['check-deps', ['check-deps'], 0, /^DEP-1\s+web → api\s+runtime\s+unknown\s+satisfied/m, (j) => expect(j).toMatchObject({ ok: true, counts: { unknown: 2 } })],
  ['check-deps --consumer fastblocks', ['check-deps', '--consumer', 'web'], 0, /^DEP-1\s+web → api/m, (j) => expect(j.checks.map((c: any) => c.id)).toEqual(['DEP-1'])],
  ['validate-repo mahavishnu', ['validate-repo', 'api'], 0, /^api needs 1 dependency$/m, (j) => expect(j).toMatchObject({ repo: 'api', ok: true, checks: [{ id: 'DEP-2' }] })],
  // Queued for a pool (no worker runs here); the sweep is shown, not run (sweeps run in test/integration/sweep.test.ts).
  ['execute TODO-001', ['execute', 'TODO-3'], 0, /^queued RUN-\w+ for TODO-3 in pool default \(claude\), queued$/m, (j) => expect(j).toMatchObject({ created: true, run: { todo: 'TODO-3', status: 'queued' } })],
  ['sweep --plan PLAN-001', ['sweep', '--plan', 'PLAN-1', '--dry-run'], 0, /^wave 1 {2}2 h of work/m, (j) => expect(j.waves.map((w: any) => w.todos.map((t: any) => t.id))).toEqual([['TODO-4']])],
  ['validate --plan PLAN-001', ['validate', '--plan', 'PLAN-1'], 1, /^PLAN_INCOMPLETE: plan PLAN-1 is not complete \(1 problem\(s\)\)$/m, (j) => expect(j).toMatchObject({ complete: false, problems: ['todo TODO-4 is pending'] })],
  ['update-plan PLAN-001 --status completed', ['update-plan', 'PLAN-1', '--status', 'completed', '--force'], 0, /^ {2}status: active → completed$/m, (j) => expect(j).toMatchObject({ id: 'PLAN-1', status: 'completed' })],
];

function runAll(text: string, cases: Case[], json: boolean) {
  const { dir } = ecosystemDir(text);
  for (const [seed, args, code, human, check] of cases) {
    const r = concord(json ? [...args, '--json'] : args, { cwd: dir });
    expect(r.code, `${seed}: ${r.stderr}`).toBe(code);
    if (json) {
      expect(() => JSON.parse(r.stdout), `${seed} prints JSON only: ${r.stdout.slice(0, 200)}`).not.toThrow();
      check(JSON.parse(r.stdout));
    } else expect(code === 0 ? r.stdout : r.stderr, seed).toMatch(human);
    if (code === 0) expect(r.stderr, seed).toBe('');
  }
}

describe('seed 004 command set', () => {
  it('runs every command as people type it (human output, exit codes)', () => runAll(SMALL, small, false));
  it('runs every command with --json: stdout is one JSON document, diagnostics only on stderr', () => runAll(SMALL, small, true));

  it('runs the read commands on an ecosystem with the real-world quirks', () => {
    const none = /./;
    const quirky: Case[] = [
      ['list-issues --priority high', ['list-issues', '--priority', 'P1'], 0, none, (j) => expect(j.items.map((i: any) => [i.id, i.priority])).toEqual([['MHV-002', 'high']])],
      ['show-issue', ['show-issue', 'MHV-001'], 0, none, (j) => expect(j.issue).toMatchObject({ id: 'MHV-001', status: 'resolved', priority: 'critical' })],
      ['show-plan', ['show-plan', 'PLAN-002'], 0, none, (j) => expect(j.plan).toMatchObject({ id: 'PLAN-002', issues: ['MHV-002'], depends_on: ['PLAN-001'] })],
      ['list-todos --repo', ['list-todos', '--repo', 'on'], 0, none, (j) => expect(j.total).toBe(0)],
      ['show-todo', ['show-todo', 'TODO-001'], 0, none, (j) => expect(j.todo).toMatchObject({ id: 'TODO-001', issue: 'MHV-002', created: '2026-02-20T12:00:00Z' })],
      ['status --repo', ['status', '--repo', 'co'], 0, none, (j) => expect(j.repo).toMatchObject({ name: 'core', nicknames: ['on', 'co'] })],
      ['blocking', ['blocking', 'core'], 0, none, (j) => expect(j).toEqual({ repo: 'core', issues: [], blockers: [], dependencies: [] })],
      ['blocked-by', ['blocked-by', 'tools'], 0, none, (j) => expect(j).toEqual({ repo: 'tools', items: [], dependencies: [] })],
      ['roadmap', ['roadmap'], 0, none, (j) => expect(j.map((p: any) => p.id)).toEqual(['PLAN-001', 'PLAN-002'])],
      ['workload', ['workload'], 0, none, (j) => expect(j.by_assignee.map((a: any) => [a.name, a.open])).toEqual([['(unassigned)', 1]])],
      ['dep-graph', ['dep-graph', '--graph', 'todos'], 0, none, (j) => expect(j.graph.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining(['TODO-001', 'MHV-002']))],
      ['update-issue (legacy value)', ['update-issue', 'MHV-002', '--status', 'wip'], 0, none, (j) => expect(j).toMatchObject({ id: 'MHV-002', status: 'in_progress' })],
      ['create-todo on a nickname', ['create-todo', '--repo', 'co', '--task', 'Fix logging', '--priority', 'P0'], 0, none, (j) => expect(j).toMatchObject({ repo: 'core', priority: 'critical' })],
    ];
    runAll(QUIRKY, quirky, true);
  });

  it('the noun-verb forms and the seed names give the same answers', () => {
    const { dir } = ecosystemDir(SMALL);
    const pairs: [string[], string[]][] = [
      [['todo', 'list', '--status', 'pending'], ['list-todos', '--status', 'pending']],
      [['todo', 'show', 'TODO-2'], ['show-todo', 'TODO-2']],
      [['issue', 'list'], ['list-issues']],
      [['issue', 'show', 'ISSUE-1'], ['show-issue', 'ISSUE-1']],
      [['plan', 'list'], ['list-plans']],
      [['plan', 'show', 'PLAN-1'], ['show-plan', 'PLAN-1']],
      [['dep', 'list'], ['list-deps']],
      [['dep', 'graph', '--format', 'dot'], ['dep-graph', '--format', 'dot']],
      [['repo', 'blocking', 'api'], ['blocking', 'api']],
      [['repo', 'blocked-by', 'web'], ['blocked-by', 'web']],
    ];
    for (const [a, b] of pairs) {
      const x = concord([...a, '--json'], { cwd: dir });
      expect(x.code, a.join(' ')).toBe(0);
      expect(concord([...b, '--json'], { cwd: dir }).stdout, b.join(' ')).toBe(x.stdout);
    }
  });
});
