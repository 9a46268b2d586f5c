// Every command of seed 004, as written there, on the small and the quirky ecosystem: exit codes and pure JSON.
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

/** [what the seed writes after `mahavishnu coord`, the arguments here, the exit code]. Writes run in this order. */
type Case = [seed: string, args: string[], code: number];

const small: Case[] = [
  ['list-issues', ['list-issues'], 0],
  ['list-issues --status in_progress --priority high', ['list-issues', '--status', 'in_progress', '--priority', 'high'], 0],
  ['show-issue ISSUE-001', ['show-issue', 'ISSUE-1'], 0],
  ['create-issue --title "..." --repos "mahavishnu,session-buddy"', ['create-issue', '--title', 'Update all repos', '--repos', 'api,web'], 0],
  ['update-issue ISSUE-001 --status resolved', ['update-issue', 'ISSUE-1', '--status', 'resolved'], 0],
  ['close-issue ISSUE-001', ['close-issue', 'ISSUE-1'], 0],
  ['list-plans', ['list-plans'], 0],
  ['show-plan PLAN-001', ['show-plan', 'PLAN-1'], 0],
  ['create-plan --title "..." --milestones "..."', ['create-plan', '--title', 'Q1 roadmap', '--milestones', 'Memory@2026-02-28,GA'], 0],
  ['update-plan PLAN-001 --status completed', ['update-plan', 'PLAN-1', '--status', 'completed'], 0],
  ['list-todos', ['list-todos'], 0],
  ['list-todos --repo session-buddy', ['list-todos', '--repo', 'web'], 0],
  ['list-todos --assignee les', ['list-todos', '--assignee', 'alice'], 0],
  ['show-todo TODO-001', ['show-todo', 'TODO-2'], 0],
  ['create-todo --repo mahavishnu --task "..." --estimate "3d"', ['create-todo', '--repo', 'api', '--task', 'Implement the memory service', '--estimate', '3d'], 0],
  ['update-todo TODO-001 --status in_progress', ['update-todo', 'TODO-2', '--status', 'in_progress'], 0],
  ['complete-todo TODO-001', ['complete-todo', 'TODO-2'], 0],
  ['list-deps', ['list-deps'], 0],
  ['dep-graph', ['dep-graph'], 0],
  ['status --repo mahavishnu', ['status', '--repo', 'api'], 0],
  ['blocking mahavishnu', ['blocking', 'api'], 0],
  ['blocked-by mahavishnu', ['blocked-by', 'api'], 0],
  ['roadmap', ['roadmap'], 0],
  ['workload', ['workload'], 0],
  ['execute TODO-001', ['execute', 'TODO-3'], 1],
  ['sweep --plan PLAN-001', ['sweep', '--plan', 'PLAN-1'], 1],
  ['validate --plan PLAN-001', ['validate', '--plan', 'PLAN-1'], 1],
];

/** The dependency checks of the seed arrive with their own issue; they are run here once they exist. */
const checks: Case[] = [
  ['check-deps', ['check-deps'], -1],
  ['check-deps --consumer fastblocks', ['check-deps', '--consumer', 'web'], -1],
  ['validate-repo mahavishnu', ['validate-repo', 'api'], -1],
];
const exists = (name: string) => concord(['help', name]).code === 0;

function runAll(text: string, cases: Case[], json: boolean) {
  const { dir } = ecosystemDir(text);
  for (const [seed, args, code] of cases) {
    if (code === -1 && !exists(args[0]!)) continue;
    const r = concord(json ? [...args, '--json'] : args, { cwd: dir });
    if (code === -1) {
      // A check may find unmet dependencies (exit 1, by design for CI), but never a usage error or a crash.
      expect([0, 1], `${seed}: ${r.stderr}`).toContain(r.code);
    } else expect(r.code, `${seed}: ${r.stderr}`).toBe(code);
    if (json) {
      expect(() => JSON.parse(r.stdout), `${seed} prints JSON only: ${r.stdout.slice(0, 200)}`).not.toThrow();
      if (code === 0) expect(r.stderr, seed).toBe('');
    } else if (code === 0) {
      expect(r.stdout.length, seed).toBeGreaterThan(0);
      expect(r.stderr, seed).toBe('');
    }
  }
}

describe('seed 004 command set', () => {
  it('runs every command as people type it (human output, exit codes)', () => runAll(SMALL, [...small, ...checks], false));
  it('runs every command with --json: stdout is one JSON document, diagnostics only on stderr', () => runAll(SMALL, [...small, ...checks], true));

  it('runs the read commands on an ecosystem with the real-world quirks', () => {
    const quirky: Case[] = [
      ['list-issues --priority high', ['list-issues', '--priority', 'P1'], 0],
      ['show-issue', ['show-issue', 'MHV-001'], 0],
      ['show-plan', ['show-plan', 'PLAN-002'], 0],
      ['list-todos --repo', ['list-todos', '--repo', 'on'], 0],
      ['show-todo', ['show-todo', 'TODO-001'], 0],
      ['status --repo', ['status', '--repo', 'co'], 0],
      ['blocking', ['blocking', 'core'], 0],
      ['blocked-by', ['blocked-by', 'tools'], 0],
      ['roadmap', ['roadmap'], 0],
      ['workload', ['workload'], 0],
      ['dep-graph', ['dep-graph', '--graph', 'todos'], 0],
      ['update-issue (legacy value)', ['update-issue', 'MHV-002', '--status', 'wip'], 0],
      ['create-todo on a nickname', ['create-todo', '--repo', 'co', '--task', 'Fix logging', '--priority', 'P0'], 0],
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
