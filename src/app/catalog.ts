// Catalog use-cases: `concord repo add|update|remove` and `concord role add|update|remove`, through the write pipeline.
import { AddRepoInputSchema, AddRoleInputSchema, RemoveCatalogInputSchema, UpdateRepoInputSchema, UpdateRoleInputSchema } from '../core/inputs.js';
import type { Repo, Role } from '../core/model.js';
import { planAddRepo, planAddRole, planRemoveRepo, planRemoveRole, planUpdateRepo, planUpdateRole } from '../core/mutations/catalog.js';
import { parseInput } from './input.js';
import { canonicalRepoName } from './repo-names.js';
import { loadSnapshot } from './snapshot.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface RepoWrite extends WriteResult {
  repo: Repo;
}
export interface RoleWrite extends WriteResult {
  role: Role;
}

export async function addRepo(ws: Workspace, input: unknown): Promise<RepoWrite> {
  const parsed = parseInput(AddRepoInputSchema, input, 'repo');
  const r = await mutate(ws, (ctx) => planAddRepo(ctx, parsed));
  return { ...r, repo: r.record as Repo };
}

/** `name` may be a nickname. */
export async function updateRepo(ws: Workspace, name: string, input: unknown): Promise<RepoWrite> {
  const parsed = parseInput(UpdateRepoInputSchema, input, 'repo update');
  const canonical = canonicalRepoName((await loadSnapshot(ws)).graph, name);
  const r = await mutate(ws, (ctx) => planUpdateRepo(ctx, canonical, parsed));
  return { ...r, repo: r.record as Repo };
}

/** Refused while todos or dependencies name it; `force` drops it from issue and plan repo lists. */
export async function removeRepo(ws: Workspace, name: string, input: unknown = {}): Promise<WriteResult> {
  const parsed = parseInput(RemoveCatalogInputSchema, input, 'repo remove');
  const canonical = canonicalRepoName((await loadSnapshot(ws)).graph, name);
  return mutate(ws, (ctx) => planRemoveRepo(ctx, canonical, parsed));
}

export async function addRole(ws: Workspace, input: unknown): Promise<RoleWrite> {
  const parsed = parseInput(AddRoleInputSchema, input, 'role');
  const r = await mutate(ws, (ctx) => planAddRole(ctx, parsed));
  return { ...r, role: r.record as Role };
}

export async function updateRole(ws: Workspace, name: string, input: unknown): Promise<RoleWrite> {
  const parsed = parseInput(UpdateRoleInputSchema, input, 'role update');
  const r = await mutate(ws, (ctx) => planUpdateRole(ctx, name, parsed));
  return { ...r, role: r.record as Role };
}

/** Refused while repos play it; `force` clears their role. */
export async function removeRole(ws: Workspace, name: string, input: unknown = {}): Promise<WriteResult> {
  const parsed = parseInput(RemoveCatalogInputSchema, input, 'role remove');
  return mutate(ws, (ctx) => planRemoveRole(ctx, name, parsed));
}
