// Operations on the catalog: repos and roles added, updated and removed (reading it is repo.list).
import { z } from 'zod';
import { AddRepoInputSchema, AddRoleInputSchema, RemoveCatalogInputSchema, UpdateRepoInputSchema, UpdateRoleInputSchema } from '../core/inputs.js';
import { RepoSchema, RoleSchema } from '../core/schema/repo.js';
import { SECTIONS } from '../core/sections.js';
import { defineOperation } from './operation.js';

const catalog = () => import('../app/catalog.js');
const Repo = z.string().min(1).describe('Repo name or nickname');
const Role = z.string().min(1).describe('The role');
const RemovedSchema = z.object({ removed: z.string(), changed: z.boolean() });
/** Agents get a written record under its noun ({ repo }), as the other write tools answer ({ todo }). */
const under = (key: string, schema: z.ZodObject) => ({ output: z.object({ [key]: schema }), shape: (record: never) => ({ [key]: record }) });

export const catalogOperations = [
  defineOperation({
    id: 'repo.add',
    summary: 'add a repo to the catalog',
    input: AddRepoInputSchema,
    output: RepoSchema,
    effect: 'create',
    label: 'repo',
    run: async (ws, input) => (await catalog()).addRepo(ws, input),
    answer: (r) => r.repo,
    http: 'POST /api/repos',
    cli: { command: 'repo add' },
    mcp: { tool: 'coord_add_repo', description: 'Add a repo to the catalog (its role must be under roles).', compact: under('repo', RepoSchema), aliases: SECTIONS.repos.keyAliases },
  }),
  defineOperation({
    id: 'repo.update',
    summary: 'change fields of a repo (null clears a field)',
    input: UpdateRepoInputSchema.extend({ repo: Repo }),
    output: RepoSchema,
    effect: 'update',
    label: 'repo update',
    run: async (ws, { repo, ...input }) => (await catalog()).updateRepo(ws, repo, input),
    answer: (r) => r.repo,
    http: 'PATCH /api/repos/{repo}',
    cli: { command: 'repo update' },
    mcp: { tool: 'coord_update_repo', description: 'Change fields of a repo (null clears a field, a list replaces the list).', compact: under('repo', RepoSchema), aliases: SECTIONS.repos.keyAliases },
  }),
  defineOperation({
    id: 'repo.remove',
    summary: 'remove a repo from the catalog (refused while todos or dependencies name it; force drops it from issue and plan repo lists)',
    input: RemoveCatalogInputSchema.extend({ repo: Repo }),
    output: RemovedSchema,
    effect: 'delete',
    label: 'repo remove',
    run: async (ws, { repo, ...input }) => (await catalog()).removeRepo(ws, repo, input),
    answer: (r) => ({ removed: r.target.id, changed: r.changed }),
    http: 'DELETE /api/repos/{repo}',
    cli: { command: 'repo remove' },
    mcp: { tool: 'coord_remove_repo', description: 'Remove a repo from the catalog; refused while todos or dependencies name it.' },
  }),
  defineOperation({
    id: 'role.add',
    summary: 'add a role (a kind of repo with capabilities)',
    input: AddRoleInputSchema,
    output: RoleSchema,
    effect: 'create',
    label: 'role',
    run: async (ws, input) => (await catalog()).addRole(ws, input),
    answer: (r) => r.role,
    http: 'POST /api/roles',
    cli: { command: 'role add' },
    mcp: { tool: 'coord_add_role', description: 'Add a role: a kind of repo, with capabilities and duties.', compact: under('role', RoleSchema) },
  }),
  defineOperation({
    id: 'role.update',
    summary: 'change fields of a role (lists are replaced)',
    input: UpdateRoleInputSchema.extend({ role: Role }),
    output: RoleSchema,
    effect: 'update',
    label: 'role update',
    run: async (ws, { role, ...input }) => (await catalog()).updateRole(ws, role, input),
    answer: (r) => r.role,
    http: 'PATCH /api/roles/{role}',
    cli: { command: 'role update' },
    mcp: { tool: 'coord_update_role', description: 'Change fields of a role (null clears the description, a list replaces the list).', compact: under('role', RoleSchema) },
  }),
  defineOperation({
    id: 'role.remove',
    summary: 'remove a role (refused while repos play it; force clears their role)',
    input: RemoveCatalogInputSchema.extend({ role: Role }),
    output: RemovedSchema,
    effect: 'delete',
    label: 'role remove',
    run: async (ws, { role, ...input }) => (await catalog()).removeRole(ws, role, input),
    answer: (r, { role }) => ({ removed: role, changed: r.changed }),
    http: 'DELETE /api/roles/{role}',
    cli: { command: 'role remove' },
    mcp: { tool: 'coord_remove_role', description: 'Remove a role; refused while repos play it.' },
  }),
];
