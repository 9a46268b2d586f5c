// Small builders for core tests: a snapshot from a few partial records, normalized by the real schemas.
import { buildGraph, type Graph } from '../../src/core/graph/graph.js';
import { emptySnapshot, type IssueRow, type Snapshot, toIssueRow, toTodoRow } from '../../src/core/model.js';
import { IssueSchema } from '../../src/core/schema/issue.js';
import { PlanSchema } from '../../src/core/schema/plan.js';
import { DependencySchema } from '../../src/core/schema/dependency.js';
import { RepoSchema } from '../../src/core/schema/repo.js';
import { TodoSchema } from '../../src/core/schema/todo.js';

type Loose = Record<string, unknown>;

export function todo(id: string, fields: Loose = {}): Loose {
  return { id, task: `task ${id}`, repo: 'api', ...fields };
}

export function issue(id: string, fields: Loose = {}): Loose {
  return { id, title: `issue ${id}`, ...fields };
}

export function snapshot(parts: { repos?: (string | Loose)[]; todos?: Loose[]; issues?: Loose[]; plans?: Loose[]; dependencies?: Loose[] }): Snapshot {
  const s = emptySnapshot();
  s.repos = (parts.repos ?? ['api', 'web', 'lib']).map((r) => RepoSchema.parse(typeof r === 'string' ? { name: r } : r));
  s.todos = (parts.todos ?? []).map((t) => toTodoRow(TodoSchema.parse(t)));
  s.issues = (parts.issues ?? []).map((i) => toIssueRow(IssueSchema.parse(i)) as IssueRow);
  s.plans = (parts.plans ?? []).map((p) => PlanSchema.parse(p));
  s.dependencies = (parts.dependencies ?? []).map((d) => DependencySchema.parse(d));
  return s;
}

export function graph(parts: Parameters<typeof snapshot>[0]): Graph {
  return buildGraph(snapshot(parts));
}
