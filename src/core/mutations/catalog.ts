// Planners for the catalog: repos and roles added, updated and removed, with the references checked.
import { ConcordError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import type { AddRepoInput, AddRoleInput, RemoveCatalogInput, UpdateRepoInput, UpdateRoleInput } from '../inputs.js';
import { arg, hint, op } from '../hints.js';
import { compact, type MutationContext, type MutationPlan, type RecordChange } from './change.js';
import { changedFields } from './fields.js';
import { notFound } from './references.js';

const taken = (what: 'repo' | 'role', name: string) =>
  new ConcordError('DUPLICATE_ID', `${what} ${name} is already in the catalog`, { hint: hint`change it with ${op(`${what}.update`, { [what]: name })}`, data: { name } });

function requireRole(g: Graph, role: string | undefined, where: string): void {
  if (role === undefined || g.roles.size === 0 || g.roles.has(role)) return;
  throw new ConcordError('UNKNOWN_REFERENCE', `${where}: role "${role}" is not under roles:`, { hint: hint`add it first with ${op('role.add')}, or use one of ${[...g.roles.keys()].join(', ')}`, data: { role } });
}

/** Nicknames must not shadow another repo's name or nickname: a write naming it would be ambiguous. */
function requireFreeNickname(g: Graph, nickname: string | undefined, self: string): void {
  if (!nickname) return;
  for (const r of g.repos.values()) {
    if (r.name === self) continue;
    if (r.name === nickname || r.nickname === nickname || r.nicknames.includes(nickname)) {
      throw new ConcordError('DUPLICATE_ID', `nickname "${nickname}" already names repo ${r.name}`, { hint: 'choose another nickname' });
    }
  }
}

export function planAddRepo(ctx: MutationContext, input: AddRepoInput): MutationPlan {
  const name = input.name;
  if (ctx.graph.repos.has(name)) throw taken('repo', name);
  requireRole(ctx.graph, input.role, `new repo ${name}`);
  requireFreeNickname(ctx.graph, input.nickname, name);
  const record = compact({ name, path: input.path, url: input.url, package: input.package, role: input.role, tags: input.tags, nickname: input.nickname, description: input.description, status: input.status });
  return { target: { section: 'repos', id: name }, changes: [{ op: 'create', section: 'repos', record }] };
}

export function planUpdateRepo(ctx: MutationContext, name: string, input: UpdateRepoInput): MutationPlan {
  const before = ctx.graph.repos.get(name);
  if (!before) throw notFound('REPO_NOT_FOUND', 'repo', name, ctx.graph.repos.keys());
  const set = changedFields(before, input);
  const target = { section: 'repos' as const, id: name };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  requireRole(ctx.graph, set['role'] as string | undefined, `repo ${name}`);
  requireFreeNickname(ctx.graph, set['nickname'] as string | undefined, name);
  return { target, changes: [{ op: 'update', section: 'repos', id: name, set }] };
}

/**
 * Removes a repo. Todos and dependencies name exactly one repo, so a repo they name is never removed (they would
 * point nowhere): they are listed, to move or delete first. Issues and plans list repos: with `force` the name
 * is dropped from those lists, which is safe.
 */
export function planRemoveRepo(ctx: MutationContext, name: string, input: RemoveCatalogInput = {}): MutationPlan {
  const g = ctx.graph;
  if (!g.repos.has(name)) throw notFound('REPO_NOT_FOUND', 'repo', name, g.repos.keys());
  const todos = [...g.todos.values()].filter((t) => t.repo === name).map((t) => t.id);
  const deps = [...g.dependencies.values()].filter((d) => d.consumer === name || d.provider === name).map((d) => d.id);
  const issues = [...g.issues.values()].filter((i) => (i.repos as readonly string[]).includes(name));
  const plans = [...g.plans.values()].filter((p) => (p.repos as readonly string[]).includes(name));
  const list = (ids: string[]) => `${ids.slice(0, 8).join(', ')}${ids.length > 8 ? `, and ${ids.length - 8} more` : ''}`;
  if (todos.length || deps.length) {
    const named = [...(todos.length ? [`todos ${list(todos)}`] : []), ...(deps.length ? [`dependencies ${list(deps)}`] : [])];
    throw new ConcordError('HAS_DEPENDENTS', `repo ${name} is still named by ${named.join(' and ')}; nothing was removed`, {
      hint: hint`move those todos to another repo (${op('todo.update')}, ${arg('repo')}) or delete them, and delete those dependencies, first`,
      data: { repo: name, todos, dependencies: deps },
    });
  }
  if ((issues.length || plans.length) && !input.force) {
    const named = [...(issues.length ? [`issues ${list(issues.map((i) => i.id))}`] : []), ...(plans.length ? [`plans ${list(plans.map((p) => p.id))}`] : [])];
    throw new ConcordError('HAS_DEPENDENTS', `repo ${name} is still listed by ${named.join(' and ')}; nothing was removed`, {
      hint: hint`pass ${arg('force', true)} to drop it from those lists as well`,
      data: { repo: name, issues: issues.map((i) => i.id), plans: plans.map((p) => p.id) },
    });
  }
  const changes: RecordChange[] = [{ op: 'delete', section: 'repos', id: name }];
  for (const i of issues) changes.push({ op: 'update', section: 'issues', id: i.id, set: { repos: i.repos.filter((r) => r !== name), updated: ctx.now } });
  for (const p of plans) changes.push({ op: 'update', section: 'plans', id: p.id, set: { repos: p.repos.filter((r) => r !== name), updated: ctx.now } });
  return { target: { section: 'repos', id: name }, changes };
}

export function planAddRole(ctx: MutationContext, input: AddRoleInput): MutationPlan {
  if (ctx.graph.roles.has(input.name)) throw taken('role', input.name);
  const record = compact({ name: input.name, description: input.description, tags: input.tags, capabilities: input.capabilities, duties: input.duties });
  return { target: { section: 'roles', id: input.name }, changes: [{ op: 'create', section: 'roles', record }] };
}

export function planUpdateRole(ctx: MutationContext, name: string, input: UpdateRoleInput): MutationPlan {
  const before = ctx.graph.roles.get(name);
  if (!before) throw roleNotFound(ctx.graph, name);
  const set = changedFields(before, input);
  const target = { section: 'roles' as const, id: name };
  return { target, changes: Object.keys(set).length ? [{ op: 'update', section: 'roles', id: name, set }] : [] };
}

/** Removes a role; repos that play it keep it unless `force`, which clears their `role` (a repo needs none). */
export function planRemoveRole(ctx: MutationContext, name: string, input: RemoveCatalogInput = {}): MutationPlan {
  if (!ctx.graph.roles.has(name)) throw roleNotFound(ctx.graph, name);
  const repos = [...ctx.graph.repos.values()].filter((r) => r.role === name).map((r) => r.name);
  if (repos.length && !input.force) {
    throw new ConcordError('HAS_DEPENDENTS', `role ${name} is still played by repos ${repos.join(', ')}; nothing was removed`, {
      hint: hint`give them another role (${op('repo.update')}, ${arg('role')}), or pass ${arg('force', true)} to clear their role`,
      data: { role: name, repos },
    });
  }
  const changes: RecordChange[] = [{ op: 'delete', section: 'roles', id: name }, ...repos.map((r): RecordChange => ({ op: 'update', section: 'repos', id: r, set: { role: undefined } }))];
  return { target: { section: 'roles', id: name }, changes };
}

function roleNotFound(g: Graph, name: string): ConcordError {
  return new ConcordError('ITEM_NOT_FOUND', `role ${name} not found`, { hint: g.roles.size ? `the roles are ${[...g.roles.keys()].join(', ')}` : hint`add one with ${op('role.add')}`, data: { role: name } });
}
