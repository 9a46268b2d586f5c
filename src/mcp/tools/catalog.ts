// Catalog tools: repos and roles added, updated and removed (coord_get_ecosystem_status reads the catalog).
import { z } from 'zod';
import { addRepo, addRole, removeRepo, removeRole, updateRepo, updateRole } from '../../app/catalog.js';
import { AddRepoInputSchema, AddRoleInputSchema, RemoveCatalogInputSchema, UpdateRepoInputSchema, UpdateRoleInputSchema } from '../../core/inputs.js';
import { RepoSchema, RoleSchema } from '../../core/schema/repo.js';
import { SECTIONS } from '../../core/sections.js';
import { CREATE, defineTool, UPDATE } from '../tool.js';

const Name = z.string().min(1);
const Removed = z.object({ removed: z.string(), changed: z.boolean() });

export const catalogTools = [
  defineTool({
    name: 'coord_add_repo',
    title: 'Add a repo',
    description: 'Add a repo to the catalog (its role must be under roles).',
    input: AddRepoInputSchema,
    output: z.object({ repo: RepoSchema }),
    annotations: CREATE,
    aliases: SECTIONS.repos.keyAliases,
    run: async ({ ws }, args) => ({ repo: (await addRepo(ws, args)).repo }),
  }),
  defineTool({
    name: 'coord_update_repo',
    title: 'Update a repo',
    description: 'Change fields of a repo (null clears a field, a list replaces the list).',
    input: UpdateRepoInputSchema.extend({ repo: Name }),
    output: z.object({ repo: RepoSchema }),
    annotations: UPDATE,
    aliases: SECTIONS.repos.keyAliases,
    run: async ({ ws }, { repo, ...args }) => ({ repo: (await updateRepo(ws, repo, args)).repo }),
  }),
  defineTool({
    name: 'coord_remove_repo',
    title: 'Remove a repo',
    description: 'Remove a repo from the catalog; refused while todos or dependencies name it.',
    input: RemoveCatalogInputSchema.extend({ repo: Name }),
    output: Removed,
    annotations: UPDATE,
    run: async ({ ws }, { repo, ...args }) => {
      const r = await removeRepo(ws, repo, args);
      return { removed: r.target.id, changed: r.changed };
    },
  }),
  defineTool({
    name: 'coord_add_role',
    title: 'Add a role',
    description: 'Add a role: a kind of repo, with capabilities and duties.',
    input: AddRoleInputSchema,
    output: z.object({ role: RoleSchema }),
    annotations: CREATE,
    run: async ({ ws }, args) => ({ role: (await addRole(ws, args)).role }),
  }),
  defineTool({
    name: 'coord_update_role',
    title: 'Update a role',
    description: 'Change fields of a role (null clears the description, a list replaces the list).',
    input: UpdateRoleInputSchema.extend({ role: Name }),
    output: z.object({ role: RoleSchema }),
    annotations: UPDATE,
    run: async ({ ws }, { role, ...args }) => ({ role: (await updateRole(ws, role, args)).role }),
  }),
  defineTool({
    name: 'coord_remove_role',
    title: 'Remove a role',
    description: 'Remove a role; refused while repos play it.',
    input: RemoveCatalogInputSchema.extend({ role: Name }),
    output: Removed,
    annotations: UPDATE,
    run: async ({ ws }, { role, ...args }) => ({ removed: role, changed: (await removeRole(ws, role, args)).changed }),
  }),
];
