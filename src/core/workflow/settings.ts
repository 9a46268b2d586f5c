// The settings of workflows and Git hosts in concord.yaml (docs/workflows.md, docs/githosts.md).
import { z } from 'zod';
import { onFirstUse } from '../on-first-use.js';

const EnvName = onFirstUse(() => z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'));

/** Credentials an api_call step names with `auth: <name>`: the secret is read from the environment, never the file. */
export const ApiAuthSchema = onFirstUse(() =>
  z.strictObject({
    scheme: z.enum(['bearer', 'token', 'basic', 'header']).default('bearer').describe('Authorization: Bearer|token <secret>, Basic (user:password in the variable), or a header of its own'),
    env: EnvName().describe('The variable holding the secret'),
    header: z.string().regex(/^[A-Za-z0-9-]+$/).optional().describe('For scheme header: its name (X-Api-Key)'),
  }),
);
export type ApiAuth = z.infer<ReturnType<typeof ApiAuthSchema>>;

export const WorkflowSettingsSchema = onFirstUse(() =>
  z.strictObject({
    dir: z.string().min(1).default('workflows').describe('The folder of workflow files, relative to ecosystem.yaml'),
    auth: z.record(z.string().min(1), ApiAuthSchema()).default(() => ({})),
    /** Runs kept per workflow in `workflow show` (older ones stay in the state database). */
    history: z.number().int().min(1).max(1_000).default(20),
  }),
);
export type WorkflowSettings = z.infer<ReturnType<typeof WorkflowSettingsSchema>>;

export const GITHOST_KINDS = ['github', 'gitlab'] as const;
export type GitHostKind = (typeof GITHOST_KINDS)[number];

export const GitHostSettingsSchema = onFirstUse(() =>
  z.strictObject({
    kind: z.enum(GITHOST_KINDS),
    api_url: z.url().optional().describe('Default https://api.github.com or https://gitlab.com/api/v4'),
    token_env: EnvName().optional().describe('The variable holding the token (default GITHUB_TOKEN or GITLAB_TOKEN)'),
    /** How many times a 429 or 5xx is retried (honouring Retry-After), and the longest wait accepted. */
    retries: z.number().int().min(0).max(10).default(4),
    max_retry_wait_ms: z.number().int().min(0).max(600_000).default(60_000),
    timeout_ms: z.number().int().positive().max(600_000).default(30_000),
  }),
);
export type GitHostSettings = z.infer<ReturnType<typeof GitHostSettingsSchema>>;

/** `githosts:` names each host a workflow or a sync refers to; github and gitlab exist without settings. */
export const GitHostsSchema = onFirstUse(() => z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), GitHostSettingsSchema()).default(() => ({})));
