// Whole-ecosystem checks that cross records: references, edge symmetry, cycles (for `concord lint`).
import type { Diagnostic } from './diagnostics.js';
import { suggest } from './errors.js';
import { listHas } from './ids.js';
import { findCycles, formatCycle } from './graph/cycles.js';
import type { Graph } from './graph/graph.js';
import { findRuntimeRepoCycles } from './graph/repo-cycles.js';
import { planDependencyCheck } from './checks/spec.js';
import { findPlanCycle } from './invariants.js';
import type { SectionName } from './sections.js';

type Partial = Omit<Diagnostic, 'severity'> & { severity?: Diagnostic['severity'] };

/**
 * Problems between records. Positions are added by the caller, which knows where each record is.
 * `invalid` holds ids of records that are in the file but not served (they have errors of their own):
 * a reference to one is not reported again as unknown.
 */
export function lintGraph(g: Graph, invalid: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (section: SectionName, id: string, d: Partial) => out.push({ severity: 'error', section, id, ...d });
  const ref = (section: SectionName, id: string, field: string, target: string, pool: Iterable<string>, what: string) => {
    if (invalid.has(target)) return;
    const guess = suggest(target, pool);
    push(section, id, {
      code: 'UNKNOWN_REFERENCE',
      field,
      message: `${field} names ${what} "${target}", which is not in the ecosystem`,
      fix: guess ? `did you mean "${guess}"?` : `add ${what} "${target}" or remove it from ${field}`,
    });
  };
  const workIds = () => [...g.todos.keys(), ...g.issues.keys()];
  const checkEdges = (section: 'todos' | 'issues', row: { id: string; blocked_by: readonly string[]; blocking: readonly string[] }) => {
    for (const b of row.blocked_by) {
      if (!g.todos.has(b) && !g.issues.has(b)) ref(section, row.id, 'blocked_by', b, workIds(), 'todo or issue');
      else if (!listHas((g.todos.get(b) ?? g.issues.get(b))!.blocking, row.id)) {
        push(section, row.id, {
          severity: 'warning',
          code: 'ASYMMETRIC_EDGE',
          field: 'blocked_by',
          message: `${row.id} is blocked by ${b}, but ${b} does not list ${row.id} in blocking`,
          fix: `add ${row.id} to blocking of ${b} (any Concord write of the edge does this)`,
        });
      }
    }
    for (const d of row.blocking) {
      if (!g.todos.has(d) && !g.issues.has(d)) ref(section, row.id, 'blocking', d, workIds(), 'todo or issue');
      else if (!listHas((g.todos.get(d) ?? g.issues.get(d))!.blocked_by, row.id)) {
        push(section, row.id, {
          severity: 'warning',
          code: 'ASYMMETRIC_EDGE',
          field: 'blocking',
          message: `${row.id} lists ${d} in blocking, but ${d} does not list ${row.id} in blocked_by`,
          fix: `add ${row.id} to blocked_by of ${d}`,
        });
      }
    }
  };
  for (const t of g.todos.values()) {
    if (t.repo && !g.repos.has(t.repo)) ref('todos', t.id, 'repo', t.repo, g.repos.keys(), 'repo');
    if (t.plan && !g.plans.has(t.plan)) ref('todos', t.id, 'plan', t.plan, g.plans.keys(), 'plan');
    if (t.milestone && !g.milestones.has(t.milestone)) ref('todos', t.id, 'milestone', t.milestone, g.milestones.keys(), 'milestone');
    if (t.issue && !g.issues.has(t.issue)) ref('todos', t.id, 'issue', t.issue, g.issues.keys(), 'issue');
    checkEdges('todos', t);
  }
  for (const i of g.issues.values()) {
    for (const r of i.repos) if (!g.repos.has(r)) ref('issues', i.id, 'repos', r, g.repos.keys(), 'repo');
    if (i.plan && !g.plans.has(i.plan)) ref('issues', i.id, 'plan', i.plan, g.plans.keys(), 'plan');
    if (i.milestone && !g.milestones.has(i.milestone)) ref('issues', i.id, 'milestone', i.milestone, g.milestones.keys(), 'milestone');
    checkEdges('issues', i);
  }
  for (const p of g.plans.values()) {
    for (const r of p.repos) if (!g.repos.has(r)) ref('plans', p.id, 'repos', r, g.repos.keys(), 'repo');
    for (const i of p.issues) if (!g.issues.has(i)) ref('plans', p.id, 'issues', i, g.issues.keys(), 'issue');
    for (const d of p.depends_on) if (!g.plans.has(d)) ref('plans', p.id, 'depends_on', d, g.plans.keys(), 'plan');
    for (const m of p.milestones) for (const d of m.dependencies) if (!g.milestones.has(d)) ref('plans', p.id, `milestones.${m.id}.dependencies`, d, g.milestones.keys(), 'milestone');
    const cycle = findPlanCycle(g, p.id);
    if (cycle && cycle[0] === [...cycle].sort()[0]) {
      push('plans', p.id, { code: 'DEPENDENCY_CYCLE', field: 'depends_on', message: `plans depend on each other in a cycle: ${formatCycle(cycle)}`, fix: 'remove one depends_on entry of the cycle' });
    }
  }
  for (const d of g.dependencies.values()) {
    if (!g.repos.has(d.consumer)) ref('dependencies', d.id, 'consumer', d.consumer, g.repos.keys(), 'repo');
    if (!g.repos.has(d.provider)) ref('dependencies', d.id, 'provider', d.provider, g.repos.keys(), 'repo');
    if (d.consumer === d.provider) push('dependencies', d.id, { code: 'INVALID_FIELD', field: 'provider', message: `${d.id}: ${d.consumer} depends on itself`, fix: 'consumer and provider must differ' });
    // What `dep check` would refuse to run (a URL with a non-numeric port, a bad pattern) is an error now.
    const spec = d.validation ? planDependencyCheck(d, 1) : undefined;
    if (spec && !spec.ok) for (const problem of spec.problems) push('dependencies', d.id, { code: 'INVALID_FIELD', field: 'validation', message: problem, fix: 'see docs/dependencies.md for the validation fields' });
  }
  for (const cycle of findRuntimeRepoCycles(g.dependencies.values())) {
    const [a, b] = cycle as [string, string];
    const dep = [...g.dependencies.values()].find((d) => d.type === 'runtime' && d.consumer === a && d.provider === b);
    push('dependencies', dep?.id ?? a, {
      code: 'DEPENDENCY_CYCLE',
      field: 'provider',
      message: `repos need each other at run time in a cycle: ${cycle.join(' → ')}; none of them can start or be released first`,
      fix: 'make one edge of the cycle a development or test dependency, or remove it',
    });
  }
  for (const r of g.repos.values()) {
    if (r.role && g.roles.size > 0 && !g.roles.has(r.role)) {
      push('repos', r.name, { severity: 'warning', code: 'UNKNOWN_REFERENCE', field: 'role', message: `role "${r.role}" is not under roles:`, fix: `add role "${r.role}" under roles:, or fix the name` });
    }
  }
  for (const cycle of findCycles(g)) {
    const first = cycle[0]!;
    push(g.todos.has(first) ? 'todos' : 'issues', first, {
      code: 'DEPENDENCY_CYCLE',
      field: 'blocked_by',
      message: `blocker cycle: ${formatCycle(cycle)}; none of these can ever become ready`,
      fix: 'remove one edge of the cycle',
    });
  }
  return out;
}
