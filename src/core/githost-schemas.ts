// The input and answer of issue sync with a Git host (docs/githosts.md), for the operation and its surfaces.
import { z } from 'zod';

export const IssueSyncInputSchema = z.object({
  host: z.string().min(1).default('github').describe('github, gitlab, or a host under githosts: in concord.yaml'),
  project: z.string().min(1).max(300).describe('owner/name on the host'),
  as: z.enum(['issue', 'todo']).default('issue').describe('What its issues become here'),
  repo: z.string().min(1).describe('The Concord repo they belong to'),
  dry_run: z.boolean().default(false).describe('Report what would change, change nothing'),
  max: z.number().int().min(1).max(5_000).default(1_000).describe('Remote issues read at most'),
});

const Entry = z.object({ id: z.string(), number: z.number() });
export const IssueSyncReportSchema = z.object({
  host: z.string(),
  project: z.string(),
  dry_run: z.boolean(),
  imported: z.array(Entry.extend({ url: z.string() })),
  closed_here: z.array(Entry),
  reopened_here: z.array(Entry),
  closed_there: z.array(Entry),
  reopened_there: z.array(Entry),
  unchanged: z.number(),
});
