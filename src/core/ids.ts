// Distinct id types and the collision-free id scheme (see docs/ids.md).
import { z } from 'zod';
import { lazySchema } from './on-first-use.js';

/**
 * Ids of hand-written files may be anything readable (`MHV-001`, `TODO-001`); Concord generates
 * `PREFIX-XXXXXXX` with seven random Crockford base32 characters (35 bits).
 */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const idString = () =>
  z
    .string()
    .trim()
    .min(1, 'an id cannot be empty')
    .max(120)
    .regex(ID_PATTERN, 'ids use letters, digits, and . _ : / - (no spaces)');

export const TodoIdSchema = lazySchema(() => idString().brand<'TodoId'>());
export const IssueIdSchema = lazySchema(() => idString().brand<'IssueId'>());
export const PlanIdSchema = lazySchema(() => idString().brand<'PlanId'>());
export const MilestoneIdSchema = lazySchema(() => idString().brand<'MilestoneId'>());
export const DependencyIdSchema = lazySchema(() => idString().brand<'DependencyId'>());
/** A blocker or blocked item: a todo or an issue, in any repo. */
export const ItemIdSchema = lazySchema(() => idString().brand<'ItemId'>());
export const RepoNameSchema = lazySchema(() => z.string().trim().min(1).max(200).brand<'RepoName'>());
export const RoleNameSchema = lazySchema(() => z.string().trim().min(1).max(200).brand<'RoleName'>());

export type TodoId = z.infer<typeof TodoIdSchema>;
export type IssueId = z.infer<typeof IssueIdSchema>;
export type PlanId = z.infer<typeof PlanIdSchema>;
export type MilestoneId = z.infer<typeof MilestoneIdSchema>;
export type DependencyId = z.infer<typeof DependencyIdSchema>;
export type ItemId = z.infer<typeof ItemIdSchema>;
export type RepoName = z.infer<typeof RepoNameSchema>;
export type RoleName = z.infer<typeof RoleNameSchema>;

/** Any id of the coordination section. */
export type AnyId = TodoId | IssueId | PlanId | MilestoneId | DependencyId;

export const ID_PREFIXES = {
  issue: 'ISSUE',
  plan: 'PLAN',
  milestone: 'MILESTONE',
  todo: 'TODO',
  dependency: 'DEP',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const GENERATED_ID_LENGTH = 7;

/**
 * A new id for `kind` that is not in `taken`. `random` returns bytes (crypto in production, a seeded
 * source in tests), which keeps this function pure.
 */
export function generateId(kind: IdKind, taken: (id: string) => boolean, random: (n: number) => Uint8Array): string {
  for (let attempt = 0; attempt < 64; attempt++) {
    const bytes = random(GENERATED_ID_LENGTH);
    let suffix = '';
    for (const b of bytes) suffix += CROCKFORD[b & 31];
    const id = `${ID_PREFIXES[kind]}-${suffix}`;
    if (!taken(id)) return id;
  }
  throw new Error(`could not find a free ${kind} id after 64 attempts; is the random source broken?`);
}

/** Brands a string that was read from a trusted place (the index, a validated record). */
export const asTodoId = (s: string) => s as TodoId;
export const asIssueId = (s: string) => s as IssueId;
export const asPlanId = (s: string) => s as PlanId;
export const asMilestoneId = (s: string) => s as MilestoneId;
export const asDependencyId = (s: string) => s as DependencyId;
export const asItemId = (s: string) => s as ItemId;
export const asRepoName = (s: string) => s as RepoName;

/** `list.includes(id)` for lists of branded ids, when `id` is a plain string from input or another list. */
export function listHas(list: readonly string[], id: string): boolean {
  return list.includes(id);
}
