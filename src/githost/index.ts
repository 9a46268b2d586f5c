// The Git host a workflow or a sync names: `github`, `gitlab`, or a host under `githosts:` in concord.yaml,
// with its token read from the environment (it never reaches a log, an error or a record).
import { ConcordError, suggest } from '../core/errors.js';
import { type GitHostSettings, GitHostSettingsSchema } from '../core/workflow/settings.js';
import type { Workspace } from '../app/workspace.js';
import type { GitHostClient, HostConnection } from './client.js';
import { githubClient } from './github.js';
import { gitlabClient } from './gitlab.js';

export type { ChangeRequest, GitHostClient, RemoteIssue, RemoteRepo } from './client.js';

const DEFAULT_API = { github: 'https://api.github.com', gitlab: 'https://gitlab.com/api/v4' } as const;

export interface ClientOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Called with the token, so a caller can mask it wherever it logs. */
  secret?: (token: string) => void;
  onRetry?: HostConnection['onRetry'];
}

export function hostSettings(ws: Workspace, name: string): GitHostSettings {
  const configured = ws.settings.githosts[name];
  if (configured) return configured;
  if (name === 'github' || name === 'gitlab') return GitHostSettingsSchema().parse({ kind: name });
  const names = ['github', 'gitlab', ...Object.keys(ws.settings.githosts)];
  const near = suggest(name, names);
  throw new ConcordError('INVALID_SETTINGS', `no Git host "${name}"${near ? ` (did you mean "${near}"?)` : ''}; hosts: ${names.join(', ')}`, { hint: 'add it under githosts: in concord.yaml (kind, api_url, token_env): see docs/githosts.md' });
}

export function gitHostClient(ws: Workspace, name: string, o: ClientOptions): GitHostClient {
  const settings = hostSettings(ws, name);
  const variable = settings.token_env ?? (settings.kind === 'github' ? 'GITHUB_TOKEN' : 'GITLAB_TOKEN');
  const token = o.env[variable];
  if (!token) throw new ConcordError('GITHOST_AUTH', `no token for ${name}: the variable ${variable} is not set`, { hint: `export ${variable} (a token with repo scope on GitHub, api on GitLab), or name another variable with githosts.${name}.token_env` });
  o.secret?.(token);
  const c: HostConnection = { name, kind: settings.kind, apiUrl: settings.api_url ?? DEFAULT_API[settings.kind], token, settings, ...(o.onRetry ? { onRetry: o.onRetry } : {}) };
  return settings.kind === 'github' ? githubClient(c) : gitlabClient(c);
}
