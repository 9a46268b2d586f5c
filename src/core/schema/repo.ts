// The catalog: repos and the roles they play.
import { z } from 'zod';
import { RepoNameSchema, RoleNameSchema } from '../ids.js';
import { StringListSchema } from './common.js';
import { lazySchema } from '../on-first-use.js';

export const RepoSchema = lazySchema(() => z.object({
  name: RepoNameSchema.describe('Unique name of the repo, used everywhere else to refer to it'),
  path: z.string().min(1).optional().describe('Local checkout, absolute or relative to ecosystem.yaml'),
  url: z.string().min(1).optional().describe('Remote URL'),
  package: z.string().min(1).optional().describe('Package name published by the repo'),
  role: RoleNameSchema.optional().describe('A role from roles:'),
  tags: StringListSchema.default([]),
  nickname: z.string().min(1).optional(),
  nicknames: StringListSchema.default([]),
  description: z.string().optional(),
  status: z.string().min(1).optional().describe('active, archived, deprecated, ...'),
}));
export type Repo = z.infer<typeof RepoSchema>;

export const RoleSchema = lazySchema(() => z.object({
  name: RoleNameSchema,
  description: z.string().optional(),
  tags: StringListSchema.default([]),
  capabilities: StringListSchema.default([]),
  duties: StringListSchema.default([]),
}));
export type Role = z.infer<typeof RoleSchema>;

export const REPO_KEY_ORDER = ['name', 'path', 'url', 'package', 'role', 'tags', 'nickname', 'nicknames', 'description', 'status'];
export const ROLE_KEY_ORDER = ['name', 'description', 'tags', 'capabilities', 'duties'];
