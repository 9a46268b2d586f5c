// GitHub's REST API (https://docs.github.com/rest): repositories, pull requests by head branch, issues.
import { ConcordError } from '../core/errors.js';
import { call, type ChangeRequest, type GitHostClient, hostError, type HostConnection, messageOf, type RemoteIssue, type RemoteRepo } from './client.js';

type Repo = { full_name: string; clone_url: string; html_url: string; default_branch?: string };
type Pull = { number: number; html_url: string; state: string; title: string; head: { ref: string }; base: { ref: string } };
type Issue = { number: number; html_url: string; title: string; body?: string | null; state: string; labels?: ({ name?: string } | string)[]; updated_at?: string; pull_request?: unknown };

const pull = (p: Pull): ChangeRequest => ({ kind: 'pull_request', number: p.number, url: p.html_url, state: p.state, branch: p.head.ref, base: p.base.ref, title: p.title });

export function githubClient(c: HostConnection): GitHostClient {
  const headers = { authorization: `Bearer ${c.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  const api = (p: string) => `${c.apiUrl.replace(/\/$/, '')}${p}`;
  let login: string | undefined;
  const split = (project: string) => {
    const m = /^([^/\s]+)\/([^/\s]+)$/.exec(project);
    if (!m) throw new ConcordError('INVALID_INPUT', `"${project}" is no GitHub repository: write owner/name`, { hint: 'e.g. project: acme/billing' });
    return { owner: m[1]!, repo: m[2]! };
  };
  const client: GitHostClient = {
    kind: 'github',
    name: c.name,
    async whoami() {
      const res = await call(c, 'the account', { url: api('/user'), headers });
      login = (res.json as { login: string }).login;
      return { login };
    },
    async ensureRepo(o) {
      const { owner, repo } = split(o.project);
      const existing = await call(c, 'the repository', { url: api(`/repos/${owner}/${repo}`), headers, ok: [200, 404] });
      const toRemote = (r: Repo, created: boolean): RemoteRepo => ({ fullName: r.full_name, cloneUrl: r.clone_url, webUrl: r.html_url, ...(r.default_branch ? { defaultBranch: r.default_branch } : {}), created });
      if (existing.status === 200) return toRemote(existing.json as Repo, false);
      const me = login ?? (await client.whoami()).login;
      const url = owner === me ? api('/user/repos') : api(`/orgs/${owner}/repos`);
      const res = await call(c, 'creating the repository', { url, method: 'POST', headers, body: { name: repo, private: o.private, ...(o.description ? { description: o.description } : {}), auto_init: false }, ok: [201, 422] });
      if (res.status === 422) {
        throw new ConcordError('GITHOST_CONFLICT', `${c.name}: the name ${owner}/${repo} is taken (${messageOf(res)}), and this token cannot see that repository`, { hint: 'choose another name (project: owner/other-name), or give the token access to the existing repository', data: { host: c.name, project: o.project } });
      }
      return toRemote(res.json as Repo, true);
    },
    async findRequest(o) {
      const { owner, repo } = split(o.project);
      const res = await call(c, 'pull requests', { url: api(`/repos/${owner}/${repo}/pulls?state=open&head=${encodeURIComponent(`${owner}:${o.branch}`)}&per_page=10`), headers });
      const found = (res.json as Pull[]).find((p) => p.head.ref === o.branch);
      return found ? pull(found) : undefined;
    },
    async openRequest(o) {
      const { owner, repo } = split(o.project);
      const url = api(`/repos/${owner}/${repo}/pulls`);
      const res = await call(c, 'opening the pull request', { url, method: 'POST', headers, body: { title: o.title, head: o.branch, base: o.base, body: o.body, ...(o.draft ? { draft: true } : {}) }, ok: [201, 422] });
      if (res.status === 201) return pull(res.json as Pull);
      // Opened meanwhile (by another run, or a first try whose answer was lost): that one is ours.
      const again = await client.findRequest(o);
      if (again) return again;
      throw hostError(c, 'opening the pull request', url, res);
    },
    async listIssues(o) {
      const { owner, repo } = split(o.project);
      const out: RemoteIssue[] = [];
      for (let page = 1; out.length < o.max; page++) {
        const res = await call(c, 'issues', { url: api(`/repos/${owner}/${repo}/issues?state=all&per_page=100&page=${page}`), headers });
        const batch = res.json as Issue[];
        for (const i of batch) {
          if (i.pull_request) continue;
          out.push({ number: i.number, url: i.html_url, title: i.title, body: i.body ?? '', state: i.state === 'closed' ? 'closed' : 'open', labels: (i.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean), ...(i.updated_at ? { updated_at: i.updated_at } : {}) });
        }
        if (batch.length < 100) break;
      }
      return out.slice(0, o.max);
    },
    async setIssueState(o) {
      const { owner, repo } = split(o.project);
      await call(c, `issue ${o.number}`, { url: api(`/repos/${owner}/${repo}/issues/${o.number}`), method: 'PATCH', headers, body: { state: o.state } });
    },
    pushHeader: () => `Authorization: Basic ${Buffer.from(`x-access-token:${c.token}`).toString('base64')}`,
  };
  return client;
}
