// Export to GitHub and GitLab against a local fake of each REST API and real bare git repos: retries of 502 and
// 429 (Retry-After honoured) end in exactly one pull/merge request; a second export reuses it; a name conflict
// and a refused token are clear errors that never show the token and change nothing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { exportBranch } from '../../src/githost/export.js';
import { gitHostClient } from '../../src/githost/index.js';
import { branchesOf, startFakeHost } from '../helpers/githost-fake.js';
import { parse } from 'yaml';
import { ecosystemDir, git, gitInit } from '../helpers/temp.js';

function localRepo(): string {
  const { dir } = ecosystemDir("version: '1.0'\nrepos: []\n");
  const repo = path.join(dir, 'svc');
  fs.mkdirSync(repo);
  fs.writeFileSync(path.join(repo, 'README.md'), '# svc\n');
  gitInit(repo);
  git(repo, 'switch', '-q', '-c', 'feature/readme');
  fs.writeFileSync(path.join(repo, 'README.md'), '# svc\n\nMore.\n');
  git(repo, 'commit', '-qam', 'More README');
  return repo;
}

async function setup(kind: 'github' | 'gitlab') {
  const host = await startFakeHost(kind);
  const { dir } = ecosystemDir("version: '1.0'\nrepos: []\n");
  fs.writeFileSync(path.join(dir, 'concord.yaml'), `githosts:\n  fake: { kind: ${kind}, api_url: "${host.apiUrl}", token_env: FAKE_TOKEN, max_retry_wait_ms: 5000 }\n`);
  const ws = new Workspace({ cwd: dir, actor: 'tester', env: {} });
  const lines: string[] = [];
  const retries: number[] = [];
  const client = (token = host.token) => gitHostClient(ws, 'fake', { env: { FAKE_TOKEN: token }, onRetry: (r) => void retries.push(r.status ?? 0) });
  const env = { PATH: process.env['PATH'] };
  return { host, ws, lines, retries, client, env, log: (l: string) => void lines.push(l) };
}

describe.each(['github', 'gitlab'] as const)('export to %s', (kind) => {
  it('creates the repo, pushes, and opens exactly one request through 502 and 429 + Retry-After; a second export reuses it', async () => {
    const s = await setup(kind);
    const repo = localRepo();
    s.host.inject('POST pulls', { status: 502, body: { message: 'bad gateway' } }, { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } });
    const first = await exportBranch(s.client(), { dir: repo, project: 'octo/svc', base: 'main', title: 'More README', body: 'From Concord', private: true }, { env: s.env, log: s.log });
    expect(first.created).toBe(true);
    expect(first.repo.created).toBe(true);
    expect(first.request).toMatchObject({ kind: kind === 'github' ? 'pull_request' : 'merge_request', number: 1, branch: 'feature/readme', base: 'main', state: 'open' });
    expect(s.retries).toEqual([502, 429]);
    const posts = s.host.requests.filter((r) => r.method === 'POST' && /pulls|merge_requests/.test(r.path));
    expect(posts).toHaveLength(3);
    const fake = s.host.repos.get('octo/svc')!;
    expect(fake.pulls).toHaveLength(1);
    // The push really landed: both branches, at the local commits.
    expect(branchesOf(fake.bare)).toEqual(['feature/readme', 'main']);
    expect(git(fake.bare, 'rev-parse', 'feature/readme').trim()).toBe(git(repo, 'rev-parse', 'HEAD').trim());

    const again = await exportBranch(s.client(), { dir: repo, project: 'octo/svc', base: 'main', title: 'More README', body: 'again', private: true }, { env: s.env, log: s.log });
    expect(again.created).toBe(false);
    expect(again.repo.created).toBe(false);
    expect(again.request.url).toBe(first.request.url);
    expect(fake.pulls).toHaveLength(1);
    expect(s.host.requests.filter((r) => r.method === 'POST' && /pulls|merge_requests/.test(r.path))).toHaveLength(3);
    expect(s.lines.join('\n')).not.toContain(s.host.token);
  });

  it('reports a name taken by a repository the token cannot see as a conflict, creating and pushing nothing', async () => {
    const s = await setup(kind);
    s.host.hide('octo/taken');
    const repo = localRepo();
    const err = await exportBranch(s.client(), { dir: repo, project: 'octo/taken', base: 'main', title: 't', body: '', private: true }, { env: s.env, log: s.log }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'GITHOST_CONFLICT', message: expect.stringMatching(/octo\/taken is taken/) });
    expect(s.host.repos.size).toBe(0);
  });

  it('reports a refused token before anything is created, without showing the token', async () => {
    const s = await setup(kind);
    const repo = localRepo();
    const wrong = 'wrong-token-1234567';
    const err = (await exportBranch(s.client(wrong), { dir: repo, project: 'octo/svc', base: 'main', title: 't', body: '', private: true }, { env: s.env, log: s.log }).catch((e: unknown) => e)) as { code: string; message: string; hint: string };
    expect(err.code).toBe('GITHOST_AUTH');
    expect(err.message).toMatch(/fake refused the token/);
    expect(err.hint).toMatch(/FAKE_TOKEN/);
    expect(JSON.stringify(err) + err.message + err.hint).not.toContain(wrong);
    expect(s.host.requests.map((r) => `${r.method} ${r.auth}`)).toEqual(['GET wrong']);
    expect(s.host.repos.size).toBe(0);
    const missing = (() => {
      try {
        gitHostClient(s.ws, 'fake', { env: {} });
      } catch (e) {
        return e as { code: string; message: string };
      }
      return undefined;
    })();
    expect(missing).toMatchObject({ code: 'GITHOST_AUTH', message: expect.stringContaining('FAKE_TOKEN is not set') });
  });
});

describe('the export step of a workflow', () => {
  it('commits, pushes and opens one pull request, links it to the todo, and masks the token in the run', async () => {
    const host = await startFakeHost('github');
    const { dir, file } = ecosystemDir("version: '1.0'\nrepos:\n  - { name: svc, path: ./svc }\ncoordination:\n  todos:\n    - { id: TODO-001, task: Document svc, repo: svc, status: in_progress }\n");
    const repo = path.join(dir, 'svc');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'README.md'), '# svc\n');
    gitInit(repo);
    git(repo, 'switch', '-q', '-c', 'docs/usage');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `githosts:\n  gh: { kind: github, api_url: "${host.apiUrl}" }\n`);
    fs.mkdirSync(path.join(dir, 'workflows'));
    fs.writeFileSync(path.join(dir, 'workflows', 'ship.yaml'), `
steps:
  - id: docs
    type: file_generation
    with: { repo: svc, files: [{ path: docs/usage.md, template: "How to use svc" }] }
  - id: pr
    type: export
    with: { repo: svc, host: gh, project: octo/svc, title: Usage docs, body: "Generated", commit: "Add usage docs", todo: TODO-001 }
  - id: announce
    type: shell
    if: "steps.pr.outputs.created"
    with: { run: [${JSON.stringify(process.execPath)}, -e, "console.log(process.argv[1])", "\${{ steps.pr.outputs.url }}"] }
`);
    const ws = new Workspace({ cwd: dir, actor: 'tester', env: { GITHUB_TOKEN: host.token, PATH: process.env['PATH'] } });
    const { runWorkflow } = await import('../../src/workflows/index.js');
    const run = await runWorkflow(ws, { name: 'ship' }, { trigger: 'cli' });
    expect(run.status, run.error).toBe('succeeded');
    const url = 'https://github.test/octo/svc/pull/1';
    expect(run.steps[1]!.outputs).toMatchObject({ url, number: 1, created: true, repo_created: true, branch: 'docs/usage' });
    expect((run.steps[2]!.outputs as { stdout: string }).stdout).toBe(`${url}\n`);
    const fake = host.repos.get('octo/svc')!;
    expect(git(fake.bare, 'show', 'docs/usage:docs/usage.md')).toBe('How to use svc');
    const todo = (parse(fs.readFileSync(file, 'utf8')) as { coordination: { todos: { id: string; links?: unknown[] }[] } }).coordination.todos[0]!;
    expect(todo.links).toEqual([{ kind: 'pull_request', url, host: 'gh', number: 1, state: 'open', branch: 'docs/usage', title: 'Usage docs' }]);
    // Again: the same pull request, no second one, the link not doubled.
    const again = await runWorkflow(ws, { name: 'ship' }, { trigger: 'cli' });
    expect(again.steps[0]!.status).toBe('failed'); // docs/usage.md exists now: refused, not overwritten
    fs.rmSync(path.join(dir, 'workflows', 'ship.yaml'));
    fs.writeFileSync(path.join(dir, 'workflows', 'reship.yaml'), 'steps:\n  - { id: pr, type: export, with: { repo: svc, host: gh, project: octo/svc, title: Usage docs, todo: TODO-001 } }\n');
    const third = await runWorkflow(ws, { name: 'reship' }, { trigger: 'cli' });
    expect(third.steps[0]!.outputs).toMatchObject({ url, created: false, repo_created: false });
    expect(fake.pulls).toHaveLength(1);
    expect((parse(fs.readFileSync(file, 'utf8')) as { coordination: { todos: { links?: unknown[] }[] } }).coordination.todos[0]!.links).toHaveLength(1);
    const logs = [run, third].map((r) => fs.readFileSync(r.log!, 'utf8')).join('\n');
    expect(logs).toMatch(/opened https:\/\/github\.test\/octo\/svc\/pull\/1/);
    expect(logs + JSON.stringify([run, third])).not.toContain(host.token);
  });
});
