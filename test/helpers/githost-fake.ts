// A small fake of GitHub's and GitLab's REST APIs for the tests (real HTTP on loopback: the only fake Concord's
// tests allow, at the outer edge). Repositories are real bare git repos in a temp dir (their clone URL is a
// file:// URL), so a push really lands; a pull request needs its head branch to exist there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from './temp.js';

export interface FakeRequest {
  method: string;
  path: string;
  /** Whether an Authorization/PRIVATE-TOKEN header came, and whether it was the right one. */
  auth: 'none' | 'ok' | 'wrong';
  body: unknown;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

interface FakeRepo {
  fullName: string;
  bare: string;
  pulls: { number: number; head: string; base: string; title: string; body: string; state: 'open' | 'closed' }[];
  issues: FakeIssue[];
  id: number;
}

export interface FakeHost {
  kind: 'github' | 'gitlab';
  apiUrl: string;
  token: string;
  requests: FakeRequest[];
  repos: Map<string, FakeRepo>;
  /** Answers given before the real one, per "METHOD /path-pattern" (e.g. "POST pulls"), in order. */
  inject: (key: string, ...answers: { status: number; headers?: Record<string, string>; body?: unknown }[]) => void;
  /** A name that is taken by a repository the token cannot see (GET 404, create refused). */
  hide: (fullName: string) => void;
  addRepo: (fullName: string) => FakeRepo;
  addIssue: (fullName: string, issue: Omit<FakeIssue, 'number'>) => FakeIssue;
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.splice(0)) await c();
});

export async function startFakeHost(kind: 'github' | 'gitlab', token = `tok-${kind}-${Math.random().toString(36).slice(2)}`): Promise<FakeHost> {
  const root = tempDir('concord-fakehost-');
  const repos = new Map<string, FakeRepo>();
  const hidden = new Set<string>();
  const injected = new Map<string, { status: number; headers?: Record<string, string>; body?: unknown }[]>();
  const requests: FakeRequest[] = [];
  let nextId = 1;
  const user = 'octo';

  const addRepo = (fullName: string): FakeRepo => {
    const bare = path.join(root, `${fullName.replace(/\//g, '__')}.git`);
    execFileSync('git', ['init', '-q', '--bare', bare]);
    const repo: FakeRepo = { fullName, bare, pulls: [], issues: [], id: nextId++ };
    repos.set(fullName, repo);
    return repo;
  };
  const hasBranch = (repo: FakeRepo, branch: string) => {
    try {
      execFileSync('git', ['rev-parse', '--verify', '-q', `refs/heads/${branch}`], { cwd: repo.bare, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  };
  const ghRepo = (r: FakeRepo) => ({ full_name: r.fullName, clone_url: `file://${r.bare}`, html_url: `https://github.test/${r.fullName}`, default_branch: 'main' });
  const ghPull = (r: FakeRepo, p: FakeRepo['pulls'][number]) => ({ number: p.number, html_url: `https://github.test/${r.fullName}/pull/${p.number}`, state: p.state, title: p.title, head: { ref: p.head }, base: { ref: p.base } });
  const glProject = (r: FakeRepo) => ({ id: r.id, path_with_namespace: r.fullName, http_url_to_repo: `file://${r.bare}`, web_url: `https://gitlab.test/${r.fullName}`, default_branch: 'main' });
  const glMr = (r: FakeRepo, p: FakeRepo['pulls'][number]) => ({ iid: p.number, web_url: `https://gitlab.test/${r.fullName}/-/merge_requests/${p.number}`, state: p.state === 'open' ? 'opened' : 'closed', title: p.title, source_branch: p.head, target_branch: p.base });
  const issueUrl = (r: FakeRepo, n: number) => (kind === 'github' ? `https://github.test/${r.fullName}/issues/${n}` : `https://gitlab.test/${r.fullName}/-/issues/${n}`);

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
  const route = (method: string, p: string, q: URLSearchParams, body: Record<string, unknown>): { key: string; answer: () => Answer } => {
    const notFound = (): Answer => ({ status: 404, body: { message: 'Not Found' } });
    let m: RegExpExecArray | null;
    if (kind === 'github') {
      if (method === 'GET' && p === '/user') return { key: 'GET user', answer: () => ({ status: 200, body: { login: user } }) };
      if ((m = /^\/repos\/([^/]+)\/([^/]+)$/.exec(p)) && method === 'GET') {
        const r = repos.get(`${m[1]}/${m[2]}`);
        return { key: 'GET repo', answer: () => (r ? { status: 200, body: ghRepo(r) } : notFound()) };
      }
      if (method === 'POST' && (p === '/user/repos' || /^\/orgs\/[^/]+\/repos$/.test(p))) {
        const owner = p === '/user/repos' ? user : p.split('/')[2]!;
        const full = `${owner}/${String(body['name'])}`;
        return {
          key: 'POST repos',
          answer: () => (repos.has(full) || hidden.has(full) ? { status: 422, body: { message: 'Repository creation failed.', errors: [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }] } } : { status: 201, body: ghRepo(addRepo(full)) }),
        };
      }
      if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(p))) {
        const r = repos.get(`${m[1]}/${m[2]}`);
        if (!r) return { key: 'pulls', answer: notFound };
        if (method === 'GET') {
          const head = (q.get('head') ?? '').split(':').pop();
          return { key: 'GET pulls', answer: () => ({ status: 200, body: r.pulls.filter((x) => x.state === (q.get('state') ?? 'open') && (!head || x.head === head)).map((x) => ghPull(r, x)) }) };
        }
        return {
          key: 'POST pulls',
          answer: () => {
            const head = String(body['head']);
            if (r.pulls.some((x) => x.head === head && x.state === 'open')) return { status: 422, body: { message: 'Validation Failed', errors: [{ message: `A pull request already exists for ${user}:${head}.` }] } };
            if (!hasBranch(r, head) || !hasBranch(r, String(body['base']))) return { status: 422, body: { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] } };
            const pr = { number: r.pulls.length + r.issues.length + 1, head, base: String(body['base']), title: String(body['title']), body: String(body['body'] ?? ''), state: 'open' as const };
            r.pulls.push(pr);
            return { status: 201, body: ghPull(r, pr) };
          },
        };
      }
      if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(p)) && method === 'GET') {
        const r = repos.get(`${m[1]}/${m[2]}`);
        const page = Number(q.get('page') ?? 1);
        return { key: 'GET issues', answer: () => (r ? { status: 200, body: page > 1 ? [] : [...r.issues.map((i) => ({ number: i.number, html_url: issueUrl(r, i.number), title: i.title, body: i.body, state: i.state, labels: i.labels.map((name) => ({ name })) })), ...r.pulls.map((x) => ({ ...ghPull(r, x), pull_request: {} }))] } : notFound()) };
      }
      if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(p)) && method === 'PATCH') {
        const i = repos.get(`${m[1]}/${m[2]}`)?.issues.find((x) => x.number === Number(m![3]));
        return { key: 'PATCH issue', answer: () => (i ? (Object.assign(i, { state: body['state'] }), { status: 200, body: { number: i.number, state: i.state } }) : notFound()) };
      }
      return { key: `${method} ?`, answer: notFound };
    }
    // GitLab
    if (method === 'GET' && p === '/api/v4/user') return { key: 'GET user', answer: () => ({ status: 200, body: { username: user } }) };
    if ((m = /^\/api\/v4\/namespaces\/(.+)$/.exec(p))) return { key: 'GET namespace', answer: () => ({ status: 200, body: { id: 77, full_path: decodeURIComponent(m![1]!) } }) };
    if (method === 'POST' && p === '/api/v4/projects') {
      const full = `${body['namespace_id'] !== undefined ? 'acme' : user}/${String(body['path'])}`;
      return { key: 'POST repos', answer: () => (repos.has(full) || hidden.has(full) ? { status: 400, body: { message: { name: ['has already been taken'], path: ['has already been taken'] } } } : { status: 201, body: glProject(addRepo(full)) }) };
    }
    if ((m = /^\/api\/v4\/projects\/([^/]+)(\/.*)?$/.exec(p))) {
      const r = repos.get(decodeURIComponent(m[1]!));
      const rest = m[2] ?? '';
      if (!r) return { key: rest ? `${method} ${rest}` : 'GET repo', answer: () => ({ status: 404, body: { message: '404 Project Not Found' } }) };
      if (!rest && method === 'GET') return { key: 'GET repo', answer: () => ({ status: 200, body: glProject(r) }) };
      if (rest === '/merge_requests' && method === 'GET') return { key: 'GET pulls', answer: () => ({ status: 200, body: r.pulls.filter((x) => x.state === 'open' && x.head === q.get('source_branch')).map((x) => glMr(r, x)) }) };
      if (rest === '/merge_requests' && method === 'POST') {
        return {
          key: 'POST pulls',
          answer: () => {
            const head = String(body['source_branch']);
            if (r.pulls.some((x) => x.head === head && x.state === 'open')) return { status: 409, body: { message: ['Another open merge request already exists for this source branch: !1'] } };
            if (!hasBranch(r, head) || !hasBranch(r, String(body['target_branch']))) return { status: 400, body: { message: 'Invalid source or target branch' } };
            const pr = { number: r.pulls.length + 1, head, base: String(body['target_branch']), title: String(body['title']), body: String(body['description'] ?? ''), state: 'open' as const };
            r.pulls.push(pr);
            return { status: 201, body: glMr(r, pr) };
          },
        };
      }
      if (rest === '/issues' && method === 'GET') return { key: 'GET issues', answer: () => ({ status: 200, body: Number(q.get('page') ?? 1) > 1 ? [] : r.issues.map((i) => ({ iid: i.number, web_url: issueUrl(r, i.number), title: i.title, description: i.body, state: i.state === 'open' ? 'opened' : 'closed', labels: i.labels })) }) };
      if ((m = /^\/issues\/(\d+)$/.exec(rest)) && method === 'PUT') {
        const i = r.issues.find((x) => x.number === Number(m![1]));
        return { key: 'PATCH issue', answer: () => (i ? (Object.assign(i, { state: body['state_event'] === 'close' ? 'closed' : 'open' }), { status: 200, body: { iid: i.number, state: i.state } }) : notFound()) };
      }
    }
    return { key: `${method} ?`, answer: notFound };
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const given = kind === 'github' ? (req.headers.authorization ?? '').replace(/^Bearer /, '') : String(req.headers['private-token'] ?? '');
      const auth = given === '' ? 'none' : given === token ? 'ok' : 'wrong';
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      requests.push({ method: req.method!, path: url.pathname, auth, body });
      const send = (a: Answer) => {
        res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      };
      if (auth !== 'ok') return send({ status: 401, body: { message: kind === 'github' ? 'Bad credentials' : '401 Unauthorized' } });
      const r = route(req.method!, url.pathname, url.searchParams, body);
      const queue = injected.get(r.key);
      if (queue?.length) return send(queue.shift()!);
      send(r.answer());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const port = (server.address() as AddressInfo).port;
  return {
    kind,
    apiUrl: kind === 'github' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/api/v4`,
    token,
    requests,
    repos,
    inject: (key, ...answers) => injected.set(key, [...(injected.get(key) ?? []), ...answers]),
    hide: (fullName) => void hidden.add(fullName),
    addRepo,
    addIssue: (fullName, issue) => {
      const r = repos.get(fullName) ?? addRepo(fullName);
      const i = { ...issue, number: r.issues.length + r.pulls.length + 1 };
      r.issues.push(i);
      return i;
    },
  };
}

/** The branches of a bare repo. */
export function branchesOf(bare: string): string[] {
  return execFileSync('git', ['for-each-ref', '--format=%(refname:short)', 'refs/heads'], { cwd: bare, encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
}

export const exists = (p: string) => fs.existsSync(p);
