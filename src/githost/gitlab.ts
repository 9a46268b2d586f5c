// GitLab's REST API v4 (https://docs.gitlab.com/api/): projects, merge requests by source branch, issues.
import { ConcordError } from '../core/errors.js';
import { call, type ChangeRequest, type GitHostClient, hostError, type HostConnection, messageOf, type RemoteIssue, type RemoteRepo } from './client.js';

type Project = { id: number; path_with_namespace: string; http_url_to_repo: string; web_url: string; default_branch?: string | null };
type Mr = { iid: number; web_url: string; state: string; title: string; source_branch: string; target_branch: string };
type Issue = { iid: number; web_url: string; title: string; description?: string | null; state: string; labels?: string[]; updated_at?: string };

const mr = (m: Mr): ChangeRequest => ({ kind: 'merge_request', number: m.iid, url: m.web_url, state: m.state === 'opened' ? 'open' : m.state, branch: m.source_branch, base: m.target_branch, title: m.title });

export function gitlabClient(c: HostConnection): GitHostClient {
  const headers = { 'private-token': c.token };
  const api = (p: string) => `${c.apiUrl.replace(/\/$/, '')}${p}`;
  const id = (project: string) => {
    if (!/^[^/\s]+(\/[^/\s]+)+$/.test(project)) throw new ConcordError('INVALID_INPUT', `"${project}" is no GitLab project: write group/name`, { hint: 'e.g. project: acme/billing' });
    return encodeURIComponent(project);
  };
  const client: GitHostClient = {
    kind: 'gitlab',
    name: c.name,
    async whoami() {
      const res = await call(c, 'the account', { url: api('/user'), headers });
      return { login: (res.json as { username: string }).username };
    },
    async ensureRepo(o) {
      const toRemote = (p: Project, created: boolean): RemoteRepo => ({ fullName: p.path_with_namespace, cloneUrl: p.http_url_to_repo, webUrl: p.web_url, ...(p.default_branch ? { defaultBranch: p.default_branch } : {}), created });
      const existing = await call(c, 'the project', { url: api(`/projects/${id(o.project)}`), headers, ok: [200, 404] });
      if (existing.status === 200) return toRemote(existing.json as Project, false);
      const parts = o.project.split('/');
      const name = parts.pop()!;
      const me = (await client.whoami()).login;
      const group = parts.join('/');
      let namespace: number | undefined;
      if (group !== me) {
        const ns = await call(c, 'the namespace', { url: api(`/namespaces/${encodeURIComponent(group)}`), headers, ok: [200, 404] });
        if (ns.status === 404) throw new ConcordError('INVALID_INPUT', `${c.name}: no group "${group}" that this token can create projects in`, { hint: 'create the group first, or use your own namespace', data: { host: c.name, project: o.project } });
        namespace = (ns.json as { id: number }).id;
      }
      const res = await call(c, 'creating the project', { url: api('/projects'), method: 'POST', headers, body: { name, path: name, visibility: o.private ? 'private' : 'public', ...(namespace !== undefined ? { namespace_id: namespace } : {}), ...(o.description ? { description: o.description } : {}) }, ok: [201, 400, 409] });
      if (res.status !== 201) {
        const msg = messageOf(res);
        if (/taken|exists/i.test(msg)) throw new ConcordError('GITHOST_CONFLICT', `${c.name}: the name ${o.project} is taken (${msg}), and this token cannot see that project`, { hint: 'choose another name (project: group/other-name), or give the token access to the existing project', data: { host: c.name, project: o.project } });
        throw hostError(c, 'creating the project', api('/projects'), res);
      }
      return toRemote(res.json as Project, true);
    },
    async findRequest(o) {
      const res = await call(c, 'merge requests', { url: api(`/projects/${id(o.project)}/merge_requests?state=opened&source_branch=${encodeURIComponent(o.branch)}`), headers });
      const found = (res.json as Mr[]).find((m) => m.source_branch === o.branch);
      return found ? mr(found) : undefined;
    },
    async openRequest(o) {
      const url = api(`/projects/${id(o.project)}/merge_requests`);
      const res = await call(c, 'opening the merge request', { url, method: 'POST', headers, body: { source_branch: o.branch, target_branch: o.base, title: o.draft ? `Draft: ${o.title}` : o.title, description: o.body }, ok: [201, 409] });
      if (res.status === 201) return mr(res.json as Mr);
      const again = await client.findRequest(o);
      if (again) return again;
      throw hostError(c, 'opening the merge request', url, res);
    },
    async listIssues(o) {
      const out: RemoteIssue[] = [];
      for (let page = 1; out.length < o.max; page++) {
        const res = await call(c, 'issues', { url: api(`/projects/${id(o.project)}/issues?state=all&per_page=100&page=${page}`), headers });
        const batch = res.json as Issue[];
        for (const i of batch) out.push({ number: i.iid, url: i.web_url, title: i.title, body: i.description ?? '', state: i.state === 'closed' ? 'closed' : 'open', labels: i.labels ?? [], ...(i.updated_at ? { updated_at: i.updated_at } : {}) });
        if (batch.length < 100) break;
      }
      return out.slice(0, o.max);
    },
    async setIssueState(o) {
      await call(c, `issue ${o.number}`, { url: api(`/projects/${id(o.project)}/issues/${o.number}`), method: 'PUT', headers, body: { state_event: o.state === 'closed' ? 'close' : 'reopen' } });
    },
    pushHeader: () => `Authorization: Basic ${Buffer.from(`oauth2:${c.token}`).toString('base64')}`,
  };
  return client;
}
