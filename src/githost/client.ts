// What Concord asks of a Git host, whichever it is (GitHub, GitLab): the account, a repository (created or
// reused), pull/merge requests by branch, issues and their state. Errors are ConcordErrors that name the
// host and the fix, and never carry the token.
import { ConcordError } from '../core/errors.js';
import type { GitHostKind, GitHostSettings } from '../core/workflow/settings.js';
import { type HttpRequest, type HttpResponse, request, safeUrl } from './http.js';

export interface RemoteRepo {
  /** owner/name (GitHub) or group/.../name (GitLab) */
  fullName: string;
  cloneUrl: string;
  webUrl: string;
  defaultBranch?: string;
  created: boolean;
}

export interface ChangeRequest {
  kind: 'pull_request' | 'merge_request';
  number: number;
  url: string;
  state: string;
  branch: string;
  base: string;
  title: string;
}

export interface RemoteIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  updated_at?: string;
}

export interface GitHostClient {
  readonly kind: GitHostKind;
  readonly name: string;
  /** The account of the token: a refused token fails here, before anything is created. */
  whoami(): Promise<{ login: string }>;
  ensureRepo(o: { project: string; private: boolean; description?: string }): Promise<RemoteRepo>;
  findRequest(o: { project: string; branch: string }): Promise<ChangeRequest | undefined>;
  openRequest(o: { project: string; branch: string; base: string; title: string; body: string; draft?: boolean }): Promise<ChangeRequest>;
  listIssues(o: { project: string; max: number }): Promise<RemoteIssue[]>;
  setIssueState(o: { project: string; number: number; state: 'open' | 'closed' }): Promise<void>;
  /** How git authenticates to push (an http.extraHeader, passed in the environment, never in argv). */
  pushHeader(): string;
}

export interface HostConnection {
  name: string;
  kind: GitHostKind;
  apiUrl: string;
  token: string;
  settings: GitHostSettings;
  onRetry?: HttpRequest['onRetry'];
}

/** One call to the API: retries and limits from the settings; 401/403 and other failures become clear errors. */
export async function call(c: HostConnection, label: string, r: Omit<HttpRequest, 'retries' | 'maxWaitMs' | 'timeoutMs'> & { ok?: number[] }): Promise<HttpResponse> {
  const res = await request({ ...r, retries: c.settings.retries, maxWaitMs: c.settings.max_retry_wait_ms, timeoutMs: c.settings.timeout_ms, ...(c.onRetry ? { onRetry: c.onRetry } : {}) });
  if ((r.ok ?? [200, 201]).includes(res.status)) return res;
  throw hostError(c, label, r.url, res);
}

export function messageOf(res: HttpResponse): string {
  const j = res.json as { message?: unknown; error?: unknown; errors?: unknown } | undefined;
  const parts = [j?.message, j?.error, j?.errors].filter((x) => x !== undefined).map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return (parts.join('; ') || res.text).slice(0, 300);
}

export function hostError(c: HostConnection, label: string, url: string, res: HttpResponse): ConcordError {
  const msg = messageOf(res).split(c.token).join('***');
  const where = `${c.name} (${c.kind}) ${label}: ${safeUrl(url)} answered ${res.status}${msg ? ` (${msg})` : ''}`;
  const variable = c.settings.token_env ?? (c.kind === 'github' ? 'GITHUB_TOKEN' : 'GITLAB_TOKEN');
  if (res.status === 401) return new ConcordError('GITHOST_AUTH', `${c.name} refused the token: ${where}`, { hint: `set ${variable} to a valid token (it may have expired or been revoked)`, data: { host: c.name, status: res.status } });
  if (res.status === 403) return new ConcordError('GITHOST_AUTH', `${c.name} refused the request with this token: ${where}`, { hint: `give the token in ${variable} the scope it needs (repo, or api on GitLab), or use another account`, data: { host: c.name, status: res.status } });
  if (res.status === 429 || res.status >= 500) return new ConcordError('GITHOST_UNAVAILABLE', `${where}, after ${res.attempts} tries`, { hint: 'the host is busy or down: try again later', data: { host: c.name, status: res.status } });
  return new ConcordError('INVALID_INPUT', where, { data: { host: c.name, status: res.status } });
}
