// One behaviour manifest for the MCP tools (tool, arguments, expectation), run over every transport so
// the surfaces cannot drift apart. It runs in order against a fresh copy of the SMALL fixture. Some steps
// call tools as an agent written against the seed would (its argument names, single values for lists).
import { expect } from 'vitest';

export interface Step {
  tool: string;
  args: (ctx: Record<string, unknown>) => Record<string, unknown>;
  /** `ok: false` steps expect an isError result with this code. */
  error?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- results are checked field by field with expect
  check: (value: Record<string, any>, ctx: Record<string, unknown>) => void;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

export const MANIFEST: Step[] = [
  { tool: 'coord_get_ecosystem_status', args: () => ({}), check: (v) => expect(v).toMatchObject({ counts: { repos: 3, todos: { completed: 1, pending: 4 } }, ready: 2, blocked: 2, problems: { errors: 0 } }) },
  {
    tool: 'coord_list_todos',
    args: () => ({ status: ['pending'], limit: 2 }),
    check: (v, ctx) => {
      expect(v.total).toBe(4);
      expect(ids(v.items)).toEqual(['TODO-2', 'TODO-3']);
      expect(v.next_cursor).toEqual(expect.any(String));
      ctx['cursor'] = v.next_cursor;
    },
  },
  { tool: 'coord_list_todos', args: (ctx) => ({ status: ['pending'], limit: 2, cursor: ctx['cursor'] }), check: (v) => expect({ ids: ids(v.items), more: v.next_cursor }).toEqual({ ids: ['TODO-4', 'TODO-5'], more: undefined }) },
  { tool: 'coord_get_todo', args: () => ({ id: 'TODO-3' }), check: (v) => expect(v).toMatchObject({ todo: { id: 'TODO-3', assignee: 'alice' }, ready: false, blockers: [{ id: 'ISSUE-1', kind: 'issue', status: 'pending' }] }) },
  { tool: 'coord_list_issues', args: () => ({ repo: ['web'] }), check: (v) => expect(ids(v.items)).toEqual(['ISSUE-1']) },
  // The seed's coord_list_issues(status: str, priority: str, repo: str).
  { tool: 'coord_list_issues', args: () => ({ status: 'pending', priority: 'high', repo: 'api' }), check: (v) => expect(ids(v.items)).toEqual(['ISSUE-1']) },
  { tool: 'coord_list_issues', args: () => ({ status: 'closed' }), check: (v) => expect(v).toEqual({ items: [], total: 0 }) },
  { tool: 'coord_list_todos', args: () => ({ status: 'pending', repo: 'lib', sort: 'priority' }), check: (v) => expect(ids(v.items)).toEqual(['TODO-5', 'TODO-4']) },
  // Arguments that do not fit are a result the agent can read (SEP-1303), naming the argument and the nearest value.
  {
    tool: 'coord_list_todos',
    args: () => ({ status: 'complete' }),
    error: 'INVALID_INPUT',
    check: (v) => expect(v['error']).toMatchObject({ message: expect.stringMatching(/^invalid arguments for coord_list_todos: status: /), hint: 'did you mean status: "completed"?' }),
  },
  { tool: 'coord_get_issue', args: () => ({ id: 'ISSUE-1' }), check: (v) => expect(v).toMatchObject({ issue: { title: 'Upgrade the runtime' }, blocking: [{ id: 'TODO-3' }] }) },
  { tool: 'coord_get_blocking_issues', args: () => ({ repo: 'a' }), check: (v) => expect({ repo: v.repo, issues: ids(v.issues), deps: ids(v.dependencies), blockers: ids(v.blockers) }).toEqual({ repo: 'api', issues: ['ISSUE-1'], deps: ['DEP-2'], blockers: ['ISSUE-1'] }) },
  { tool: 'coord_get_repo_status', args: () => ({ repo: 'web' }), check: (v) => expect(v).toMatchObject({ repo: { name: 'web' }, todos: { total: 1, ready: 1 }, ready: [{ id: 'TODO-2' }], needs: [{ id: 'DEP-1' }] }) },
  { tool: 'coord_list_plans', args: () => ({}), check: (v) => expect(v.items).toEqual([{ id: 'PLAN-1', title: 'Launch', status: 'active', target: '2026-12-31', percent: 33.3 }]) },
  { tool: 'coord_get_plan', args: () => ({ id: 'PLAN-1' }), check: (v) => expect(v).toMatchObject({ plan: { id: 'PLAN-1' }, milestones: [{ id: 'MILESTONE-1', name: 'Beta' }], todos: ['TODO-1', 'TODO-2', 'TODO-4'], progress: { total: 3, done: 1 } }) },
  { tool: 'coord_list_dependencies', args: () => ({ consumer: ['api'] }), check: (v) => expect(v.items).toEqual([{ id: 'DEP-2', consumer: 'api', provider: 'lib', type: 'development', status: 'unsatisfied' }]) },
  // The repos of the fixture are not cloned beside it: versions cannot be read, so the checks say unknown and leave the statuses alone.
  {
    tool: 'coord_check_dependencies',
    args: () => ({ consumer: 'web' }),
    check: (v) => expect(v).toMatchObject({ ok: true, counts: { unknown: 1 }, satisfied: [], problems: [{ id: 'DEP-1', outcome: 'unknown', status: 'satisfied', status_changed: false, summary: expect.stringContaining('no version of api to compare with >=1.0.0') }], totals: { problems: 1 } }),
  },
  { tool: 'coord_validate_repo', args: () => ({ repo: 'a' }), check: (v) => expect(v).toMatchObject({ repo: 'api', ok: true, problems: [{ id: 'DEP-2', outcome: 'unknown', status: 'unsatisfied' }] }) },
  { tool: 'coord_check_dependencies', args: () => ({ consumer: 'wbe' }), error: 'REPO_NOT_FOUND', check: (v) => expect(v['error'].hint).toBe('did you mean "web"?') },
  {
    tool: 'coord_dep_graph',
    args: () => ({ format: 'json' }),
    check: (v) => {
      expect(v).toMatchObject({ graph: 'repos', format: 'json', node_count: 3, edge_count: 2 });
      expect(v.edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'web', to: 'api', open: false }), expect.objectContaining({ from: 'api', to: 'lib', open: true })]));
    },
  },
  { tool: 'coord_dep_graph', args: () => ({ graph: 'todos', format: 'mermaid', plan: 'PLAN-1' }), check: (v) => expect(v.text).toMatch(/^flowchart LR/) },
  { tool: 'coord_ready_todos', args: () => ({}), check: (v) => expect(v.items.map((r: { id: string; unblocks: number }) => [r.id, r.unblocks])).toEqual([['TODO-2', 1], ['TODO-5', 0]]) },
  {
    tool: 'coord_create_issue',
    args: () => ({ title: 'Flaky build', repos: ['lib'], priority: 'high' }),
    check: (v, ctx) => {
      expect(v.issue).toMatchObject({ id: expect.stringMatching(/^ISSUE-[0-9A-Z]{7}$/), title: 'Flaky build', status: 'pending', priority: 'high', repos: ['lib'] });
      ctx['issue'] = v.issue.id;
    },
  },
  { tool: 'coord_update_issue', args: (ctx) => ({ id: ctx['issue'], status: 'in_progress', labels: ['ci'] }), check: (v) => expect(v.issue).toMatchObject({ status: 'in_progress', labels: ['ci'] }) },
  {
    tool: 'coord_create_todo',
    args: (ctx) => ({ task: 'Fix the flaky build', repo: 'lib', blocked_by: [ctx['issue']], estimated_hours: 2 }),
    check: (v, ctx) => {
      expect(v.todo).toMatchObject({ task: 'Fix the flaky build', status: 'pending', blocked_by: [ctx['issue']] });
      ctx['todo'] = v.todo.id;
    },
  },
  // The seed's coord_create_todo(task, repo, description, estimate_hours, blocked_by).
  {
    tool: 'coord_create_todo',
    args: (ctx) => ({ task: 'Pin the CI runner image', repo: 'lib', description: 'Written as the seed names it', estimate_hours: 1.5, blocked_by: ctx['issue'] }),
    check: (v, ctx) => {
      expect(v.todo).toMatchObject({ task: 'Pin the CI runner image', description: 'Written as the seed names it', estimated_hours: 1.5, blocked_by: [ctx['issue']] });
      ctx['seedTodo'] = v.todo.id;
    },
  },
  { tool: 'coord_create_todo', args: () => ({ task: 'x', repo: 'lib', estimate_hours: 1, estimated_hours: 2 }), error: 'INVALID_INPUT', check: (v) => expect(v['error'].message).toContain('estimate_hours and estimated_hours are the same argument (estimated_hours)') },
  { tool: 'coord_close_issue', args: (ctx) => ({ id: ctx['issue'], resolution: 'pinned the runner' }), check: (v, ctx) => expect(v.issue).toMatchObject({ status: 'closed', resolution: 'pinned the runner', blocking: [ctx['todo'], ctx['seedTodo']] }) },
  { tool: 'coord_ready_todos', args: () => ({ repo: 'lib' }), check: (v, ctx) => expect(ids(v.items)).toEqual([ctx['todo'], ctx['seedTodo'], 'TODO-5']) },
  {
    tool: 'coord_create_plan',
    args: () => ({ title: 'Hardening', repos: ['lib'], milestones: [{ name: 'CI green', due: '2027-01-15' }] }),
    check: (v, ctx) => {
      expect(v.plan).toMatchObject({ title: 'Hardening', status: 'draft', milestones: [{ name: 'CI green', status: 'pending' }] });
      ctx['plan'] = v.plan.id;
    },
  },
  { tool: 'coord_update_plan', args: (ctx) => ({ id: ctx['plan'], status: 'active' }), check: (v) => expect(v.plan.status).toBe('active') },
  {
    tool: 'coord_claim_todo',
    args: () => ({ id: 'TODO-5', agent: 'agent-1' }),
    check: (v, ctx) => {
      expect(v.claim).toMatchObject({ todo: 'TODO-5', agent: 'agent-1', kind: 'claim', token: expect.stringMatching(/^[\w-]{32}$/), fence: expect.any(Number) });
      ctx['token'] = v.claim.token;
    },
  },
  { tool: 'coord_ready_todos', args: () => ({ repo: 'lib' }), check: (v, ctx) => expect(ids(v.items)).toEqual([ctx['todo'], ctx['seedTodo']]) },
  {
    tool: 'coord_heartbeat',
    args: (ctx) => ({ id: 'TODO-5', token: ctx['token'], lease_seconds: 600 }),
    check: (v) => {
      expect(v.claim).toMatchObject({ todo: 'TODO-5', agent: 'agent-1' });
      expect(v.claim).not.toHaveProperty('token');
    },
  },
  {
    tool: 'coord_update_todo',
    args: () => ({ id: 'TODO-5', status: 'in_progress' }),
    error: 'CLAIM_REQUIRED',
    check: (v) => expect(v['error']).toMatchObject({ data: { holder: 'agent-1' }, hint: 'pass the token coord_claim_todo returned as claim_token, or wait for the lease to expire' }),
  },
  { tool: 'coord_update_todo', args: (ctx) => ({ id: 'TODO-5', status: 'in_progress', claim_token: ctx['token'] }), check: (v) => expect(v.todo.status).toBe('in_progress') },
  { tool: 'coord_add_note', args: () => ({ id: 'TODO-5', text: 'Changelog drafted; needs release numbers' }), error: 'CLAIM_REQUIRED', check: (v) => expect(v['error'].data.holder).toBe('agent-1') },
  { tool: 'coord_add_note', args: (ctx) => ({ id: 'TODO-5', text: 'Changelog drafted; needs release numbers', claim_token: ctx['token'] }), check: (v) => expect(v).toMatchObject({ id: 'TODO-5', note: { author: 'test-agent', text: 'Changelog drafted; needs release numbers' }, notes_total: 1 }) },
  { tool: 'coord_complete_todo', args: (ctx) => ({ id: 'TODO-5', claim_token: ctx['token'], actual_hours: 1.5 }), check: (v) => expect(v.todo).toMatchObject({ status: 'completed', actual_hours: 1.5 }) },
  {
    tool: 'coord_get_todo',
    args: () => ({ id: 'TODO-5' }),
    check: (v) => {
      expect(v).toMatchObject({ todo: { status: 'completed' }, notes_total: 1 });
      expect(v.claim).toBeUndefined();
    },
  },
  {
    tool: 'coord_claim_todo',
    args: () => ({ id: 'TODO-2', agent: 'agent-2', lease_seconds: 60 }),
    check: (v, ctx) => {
      ctx['token2'] = v.claim.token;
    },
  },
  { tool: 'coord_release_todo', args: (ctx) => ({ id: 'TODO-2', token: ctx['token2'] }), check: (v) => expect(v).toEqual({ released: true }) },
  { tool: 'coord_update_todo', args: () => ({ id: 'TODO-1', status: 'in_progress' }), error: 'INVALID_TRANSITION', check: (v) => expect(v['error'].message).toContain('cannot go from completed to in_progress') },
  // Hints name the tools and arguments that help, not CLI commands and flags.
  { tool: 'coord_claim_todo', args: () => ({ id: 'TODO-4', agent: 'agent-3' }), error: 'TODO_BLOCKED', check: (v) => expect(v['error']).toMatchObject({ data: { blockers: ['TODO-2'] }, hint: 'claim a ready todo instead (coord_ready_todos)' }) },
  { tool: 'coord_update_todo', args: () => ({ id: 'TODO-4', status: 'in_progress' }), error: 'TODO_BLOCKED', check: (v) => expect(v['error'].hint).toBe('resolve it first, or pass force: true') },
  { tool: 'coord_get_todo', args: () => ({ id: 'TODO-55' }), error: 'TODO_NOT_FOUND', check: (v) => expect(v['error'].hint).toBe('did you mean TODO-5?') },
  { tool: 'coord_get_todo', args: () => ({ id: 'NOPE' }), error: 'TODO_NOT_FOUND', check: (v) => expect(v['error'].hint).toBe('list them with coord_list_todos') },
  { tool: 'coord_create_todo', args: () => ({ task: 'x', repo: 'api', plan: 'PLAN-9' }), error: 'UNKNOWN_REFERENCE', check: (v) => expect(v['error'].hint).toMatch(/^did you mean "PLAN-[0-9A-Z]+"\? Otherwise check the id with coord_list_plans$/) },
  { tool: 'coord_create_todo', args: () => ({ task: 'x', repo: 'nowhere' }), error: 'UNKNOWN_REFERENCE', check: (v) => expect(v['error'].message).toContain('nowhere') },
  {
    tool: 'coord_get_history',
    args: () => ({ id: 'TODO-5', type: ['todo:status_changed', 'todo:note_added', 'todo:claimed'] }),
    check: (v) =>
      expect(v.events.map((e: { type: string; surface: string; summary: string }) => `${e.type} ${e.surface} ${e.summary}`)).toEqual([
        'todo:status_changed mcp status in_progress → completed',
        'todo:note_added mcp note by test-agent: Changelog drafted; needs release numbers',
        'todo:claimed mcp claimed by agent-1 until ' + v.events[2].data.expires_at,
        'todo:status_changed mcp status pending → in_progress',
      ]),
  },
  // Creation events carry no data (the record is the thing created): the output schema must allow that.
  {
    tool: 'coord_get_history',
    args: (ctx) => ({ id: ctx['seedTodo'] }),
    check: (v, ctx) => {
      expect(v.events.map((e: { type: string }) => e.type)).toEqual(['todo:created']);
      expect(v.events[0]).toMatchObject({ entity: { kind: 'todo', id: ctx['seedTodo'] }, surface: 'mcp', actor: 'test-agent' });
      expect(v.events[0]).not.toHaveProperty('data');
    },
  },
  { tool: 'coord_search', args: () => ({ query: 'release numbers', kind: 'note' }), check: (v) => expect(v.results).toEqual([expect.objectContaining({ kind: 'note', id: 'TODO-5', snippet: 'Changelog drafted; needs **release** **numbers**\ntest-agent'.replace('\n', ' ') })]) },
  { tool: 'coord_get_trends', args: () => ({ weeks: 4 }), check: (v) => expect({ weeks: v.weeks.length, plans: v.plans.map((p: { id: string; burndown: number[] }) => p.burndown.length) }).toEqual({ weeks: 4, plans: [4, 4] }) },
  { tool: 'coord_save_checkpoint', args: () => ({ todo: 'TODO-2', phase: 'implementation', progress: 0.5, state: { step: 2, files: ['web/api.ts'] } }), check: (v) => expect(v).toMatchObject({ checkpoint: { todo: 'TODO-2', phase: 'implementation', progress: 0.5, surface: 'mcp' }, pruned: 0 }) },
  { tool: 'coord_restore_checkpoint', args: () => ({ todo: 'TODO-2' }), check: (v) => expect(v).toMatchObject({ todo: 'TODO-2', state: { step: 2, files: ['web/api.ts'] } }) },
  { tool: 'coord_list_checkpoints', args: () => ({}), check: (v) => expect(v.checkpoints.map((c: { todo: string }) => c.todo)).toEqual(['TODO-2']) },
  { tool: 'coord_restore_checkpoint', args: () => ({ todo: 'TODO-4' }), error: 'CHECKPOINT_NOT_FOUND', check: (v) => expect(v['error'].hint).toBe('save one with coord_save_checkpoint with {"todo":"TODO-4","phase":"P","progress":0.5}') },
  // Execution: the plan's waves, its validation, a run queued (no worker runs it here), claiming the next todo.
  {
    tool: 'coord_sweep_plan',
    args: () => ({ plan: 'PLAN-1', dry_run: true }),
    check: (v) => expect(v).toMatchObject({ plan: 'PLAN-1', waves: [{ wave: 1, todos: [{ id: 'TODO-2', estimated_hours: 5 }], hours: 5 }, { wave: 2, todos: [{ id: 'TODO-4' }] }], hours: 7, done: ['TODO-1'], cost_basis: 'no past runs with a cost to estimate from' }),
  },
  {
    tool: 'coord_validate_plan',
    args: () => ({ id: 'PLAN-1' }),
    check: (v) => expect(v).toMatchObject({ plan: 'PLAN-1', complete: false, todos: { total: 3, done: 1 }, problems: ['todo TODO-2 is pending', 'todo TODO-4 is pending'] }),
  },
  {
    tool: 'coord_execute_todo',
    args: () => ({ todo: 'TODO-2' }),
    check: (v, ctx) => {
      expect(v).toMatchObject({ created: true, run: { todo: 'TODO-2', repo: 'web', status: 'queued', attempt: 0, executor: 'claude', id: expect.stringMatching(/^RUN-/) } });
      ctx['run'] = v.run.id;
    },
  },
  { tool: 'coord_execute_todo', args: () => ({ todo: 'TODO-2' }), check: (v, ctx) => expect(v).toMatchObject({ created: false, run: { id: ctx['run'] } }) },
  { tool: 'coord_execute_todo', args: () => ({ todo: 'TODO-4' }), error: 'TODO_BLOCKED', check: (v) => expect(v['error'].data.blockers).toEqual(['TODO-2']) },
  { tool: 'coord_list_runs', args: () => ({ status: ['queued'] }), check: (v, ctx) => expect(v.items.map((r: { id: string }) => r.id)).toEqual([ctx['run']]) },
  { tool: 'coord_get_run', args: (ctx) => ({ id: ctx['run'] }), check: (v) => expect(v).toMatchObject({ run: { todo: 'TODO-2', status: 'queued', cancel_requested: false }, attempts: [], log: { size: 0, text: '' } }) },
  {
    tool: 'coord_claim_next',
    args: () => ({ agent: 'agent-9', repo: 'lib' }),
    check: (v, ctx) => expect(v).toMatchObject({ ready: expect.any(Number), todo: { id: ctx['todo'], status: 'in_progress', assignee: 'agent-9' }, claim: { todo: ctx['todo'], agent: 'agent-9', kind: 'claim', token: expect.any(String) } }),
  },
  // TODO-2 is ready, but its queued run holds it.
  { tool: 'coord_claim_next', args: () => ({ agent: 'agent-9', repo: 'web' }), check: (v) => expect(v).toEqual({ ready: 1 }) },
  { tool: 'coord_cancel_run', args: (ctx) => ({ id: ctx['run'] }), check: (v, ctx) => expect(v).toMatchObject({ cancelled: true, run: { id: ctx['run'], status: 'cancelled' } }) },
  { tool: 'coord_get_run', args: () => ({ id: 'RUN-NOPE' }), error: 'RUN_NOT_FOUND', check: (v) => expect(v['error'].hint).toBe('list runs with coord_list_runs') },
  // The catalog's repos added, changed and removed (roles are in the tool set all: ROLE_STEPS); hints name the tools and arguments.
  { tool: 'coord_add_repo', args: () => ({ name: 'jobs', path: './jobs', role: 'libary' }), error: 'UNKNOWN_REFERENCE', check: (v) => expect(v['error'].hint).toBe('add it first with coord_add_role (tool set all), or use one of service, app, library') },
  // `remote` is the file's other spelling of `url`.
  { tool: 'coord_add_repo', args: () => ({ name: 'jobs', path: './jobs', role: 'library', remote: 'https://git.example.com/acme/jobs.git' }), check: (v) => expect(v.repo).toMatchObject({ name: 'jobs', path: './jobs', role: 'library', url: 'https://git.example.com/acme/jobs.git' }) },
  { tool: 'coord_update_repo', args: () => ({ repo: 'jobs', url: null, tags: 'batch', description: 'The job runner' }), check: (v) => expect(v.repo).toEqual({ name: 'jobs', path: './jobs', role: 'library', tags: ['batch'], nicknames: [], description: 'The job runner' }) },
  { tool: 'coord_update_plan', args: (ctx) => ({ id: ctx['plan'], repos: ['lib', 'jobs'] }), check: (v) => expect(v.plan.repos).toEqual(['lib', 'jobs']) },
  { tool: 'coord_remove_repo', args: () => ({ repo: 'jobs' }), error: 'HAS_DEPENDENTS', check: (v, ctx) => expect(v['error']).toMatchObject({ data: { plans: [ctx['plan']] }, hint: 'pass force: true to drop it from those lists as well' }) },
  { tool: 'coord_remove_repo', args: () => ({ repo: 'jobs', force: true }), check: (v) => expect(v).toEqual({ removed: 'jobs', changed: true }) },
  { tool: 'coord_get_plan', args: (ctx) => ({ id: ctx['plan'] }), check: (v) => expect(v.plan.repos).toEqual(['lib']) },
  { tool: 'coord_remove_repo', args: () => ({ repo: 'jobs' }), error: 'REPO_NOT_FOUND', check: (v) => expect(v['error'].message).toContain('jobs') },
  // Deletes: one tool for todos, issues, plans and dependencies; a todo or issue that open work waits on is refused without force, as on the CLI.
  {
    tool: 'coord_delete',
    args: () => ({ kind: 'todo', id: 'TODO-2' }),
    error: 'HAS_DEPENDENTS',
    check: (v) =>
      expect(v['error']).toMatchObject({
        data: { id: 'TODO-2', dependents: ['TODO-4'] },
        hint: 'cancel it instead, so the record and the reason stay (coord_update_todo with {"id":"TODO-2","status":"cancelled","note":"why"}), or pass force: true to delete it and its edges',
      }),
  },
  { tool: 'coord_get_todo', args: () => ({ id: 'TODO-4' }), check: (v) => expect(v.blockers.map((b: { id: string }) => b.id)).toContain('TODO-2') },
  { tool: 'coord_delete', args: () => ({ kind: 'issue', id: 'ISSUE-1' }), error: 'HAS_DEPENDENTS', check: (v) => expect(v['error'].hint).toMatch(/^close it instead, .*coord_close_issue with \{"id":"ISSUE-1","resolution":"why"\}.*, or pass force: true/) },
  { tool: 'coord_delete', args: () => ({ kind: 'dependency', id: 'DEP-2', force: true }), error: 'INVALID_INPUT', check: (v) => expect(v['error']).toMatchObject({ message: 'invalid arguments for coord_delete: force: a dependency does not take it', hint: 'leave force out for kind dependency' }) },
  { tool: 'coord_delete', args: () => ({ kind: 'milestone', id: 'MILESTONE-1' }), error: 'INVALID_INPUT', check: (v) => expect(v['error'].message).toMatch(/^invalid arguments for coord_delete: kind: /) },
  { tool: 'coord_delete', args: () => ({ kind: 'todo', id: 'TODO-2', force: true }), check: (v) => expect(v).toEqual({ deleted: 'TODO-2', changed: true }) },
  { tool: 'coord_get_todo', args: () => ({ id: 'TODO-4' }), check: (v) => expect(v.blockers.map((b: { id: string }) => b.id)).not.toContain('TODO-2') },
  { tool: 'coord_delete', args: () => ({ kind: 'todo', id: 'TODO-2', force: true }), error: 'TODO_NOT_FOUND', check: (v) => expect(v['error'].message).toContain('TODO-2') },
  { tool: 'coord_delete', args: () => ({ kind: 'issue', id: 'ISSUE-1', force: true }), check: (v) => expect(v).toEqual({ deleted: 'ISSUE-1', changed: true }) },
  { tool: 'coord_delete', args: () => ({ kind: 'dependency', id: 'DEP-2' }), check: (v) => expect(v).toEqual({ deleted: 'DEP-2', changed: true }) },
  { tool: 'coord_delete', args: (ctx) => ({ kind: 'plan', id: ctx['plan'] }), check: (v, ctx) => expect(v).toEqual({ deleted: ctx['plan'], changed: true }) },
  { tool: 'coord_list_plans', args: () => ({}), check: (v, ctx) => expect(v.items.map((p: { id: string }) => p.id)).not.toContain(ctx['plan']) },
];

/** The roles' tools, in the tool set all (`concord mcp --tools all`), on a fresh copy of SMALL. */
export const ROLE_STEPS: Step[] = [
  { tool: 'coord_add_role', args: () => ({ name: 'worker', capabilities: 'queue', description: 'Runs background jobs' }), check: (v) => expect(v.role).toEqual({ name: 'worker', description: 'Runs background jobs', capabilities: ['queue'], duties: [], tags: [] }) },
  { tool: 'coord_add_role', args: () => ({ name: 'worker' }), error: 'DUPLICATE_ID', check: (v) => expect(v['error'].hint).toBe('change it with coord_update_role (tool set all) with {"role":"worker"}') },
  { tool: 'coord_add_repo', args: () => ({ name: 'jobs', path: './jobs', role: 'worker' }), check: (v) => expect(v.repo).toMatchObject({ name: 'jobs', role: 'worker' }) },
  { tool: 'coord_update_role', args: () => ({ role: 'worker', duties: ['drain the queue'] }), check: (v) => expect(v.role).toMatchObject({ name: 'worker', capabilities: ['queue'], duties: ['drain the queue'] }) },
  { tool: 'coord_remove_role', args: () => ({ role: 'worker' }), error: 'HAS_DEPENDENTS', check: (v) => expect(v['error'].hint).toBe('give them another role (coord_update_repo, role), or pass force: true to clear their role') },
  { tool: 'coord_remove_repo', args: () => ({ repo: 'jobs' }), check: (v) => expect(v).toEqual({ removed: 'jobs', changed: true }) },
  { tool: 'coord_remove_role', args: () => ({ role: 'worker' }), check: (v) => expect(v).toEqual({ removed: 'worker', changed: true }) },
];
