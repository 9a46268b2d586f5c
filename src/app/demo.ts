// The demo ecosystem of `concord serve --demo` (and `npm start`): real git repos in a temp folder, todos
// across them with dependencies, a plan with milestones, jobs, and a pool whose executor is the bundled
// demo agent (demo/agent.mjs), which makes a small commit for each todo it is given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { git } from './git.js';

export const DEMO_PLAN = 'PLAN-001';

/** demo/agent.mjs of this package, found upwards from this module (bundled or not). */
export function demoAgentPath(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'demo', 'agent.mjs');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`demo/agent.mjs not found above ${from}: this copy of Concord is incomplete`);
}

const REPOS = [
  { name: 'api', role: 'service', description: 'HTTP API of the notes service', file: 'src/server.js', code: "export const routes = ['/notes'];\n" },
  { name: 'sdk', role: 'library', description: 'Client library for the API', file: 'src/client.js', code: 'export const client = (url) => ({ url });\n' },
  { name: 'web', role: 'app', description: 'The web client', file: 'src/app.js', code: "export const App = () => 'notes';\n" },
  { name: 'docs', role: 'documentation', description: 'Guides and reference', file: 'guide.md', code: '# Guide\n' },
  { name: 'infra', role: 'infrastructure', description: 'Deploy pipelines and config', file: 'deploy.yaml', code: 'replicas: 1\n' },
];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function todos() {
  const t = (id: number, task: string, repo: string, extra: Record<string, unknown> = {}) => ({ id: `TODO-${id}`, task, repo, status: 'pending', priority: 'medium', estimated_hours: 2, ...extra });
  const plan = (milestone: string) => ({ plan: DEMO_PLAN, milestone });
  return [
    t(101, 'Design the share model', 'api', { status: 'completed', priority: 'high', assignee: 'erin', actual_hours: 3, ...plan('MILESTONE-001') }),
    t(102, 'Add share endpoints to the API', 'api', { priority: 'high', blocked_by: ['TODO-101'], estimated_hours: 6, ...plan('MILESTONE-001') }),
    t(103, 'Add share methods to the SDK', 'sdk', { priority: 'high', blocked_by: ['TODO-102'], estimated_hours: 4, ...plan('MILESTONE-001') }),
    t(104, 'Feature flag for sharing in the deploy config', 'infra', { priority: 'low', estimated_hours: 1, ...plan('MILESTONE-001') }),
    t(105, 'Share dialog in the web app', 'web', { priority: 'high', blocked_by: ['TODO-103'], estimated_hours: 8, labels: ['ui'], ...plan('MILESTONE-002') }),
    t(106, 'Document sharing', 'docs', { blocked_by: ['TODO-103'], estimated_hours: 3, ...plan('MILESTONE-002') }),
    t(107, 'Announce sharing in the changelog', 'docs', { priority: 'low', blocked_by: ['TODO-105', 'TODO-106'], estimated_hours: 1, ...plan('MILESTONE-002') }),
    t(201, 'Rate-limit the share endpoints', 'api', { priority: 'critical', estimated_hours: 3, labels: ['security'], assignee: 'dana' }),
    t(202, 'Dashboard for rate limits', 'infra', { blocked_by: ['TODO-201'], estimated_hours: 2 }),
    t(203, 'Retry failed requests in the SDK', 'sdk', { estimated_hours: 2 }),
    t(204, 'Dark mode for the web app', 'web', { priority: 'low', estimated_hours: 5, labels: ['ui'] }),
    t(205, 'Explain the API errors in the docs', 'docs', { priority: 'low', estimated_hours: 2, status: 'in_progress', assignee: 'frank' }),
  ];
}

/** Writes the demo into `dir` (a new temp folder by default) and returns the ecosystem file; CONCORD_DEMO_PACE_MS paces the agent. */
export async function createDemo(o: { dir?: string; env: Readonly<Record<string, string | undefined>>; paceMs?: number }): Promise<{ dir: string; file: string }> {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'concord-demo-'));
  for (const r of REPOS) {
    const repo = path.join(dir, 'repos', r.name);
    fs.mkdirSync(path.join(repo, path.dirname(r.file)), { recursive: true });
    fs.writeFileSync(path.join(repo, 'README.md'), `# ${r.name}\n\n${r.description}.\n`);
    fs.writeFileSync(path.join(repo, r.file), r.code);
    await git(repo, ['init', '-q', '-b', 'main'], { env: o.env });
    await git(repo, ['add', '-A'], { env: o.env });
    await git(repo, ['-c', 'user.name=Concord demo', '-c', 'user.email=demo@localhost', 'commit', '-q', '-m', 'initial'], { env: o.env });
  }
  const ecosystem = {
    version: '1.0',
    description: 'The Concord demo: a notes service built from five repos (made by concord serve --demo).',
    repos: REPOS.map((r) => ({ name: r.name, path: `./repos/${r.name}`, role: r.role, description: r.description })),
    coordination: {
      issues: [{ id: 'ISSUE-001', title: 'Rate limits are missing on the public API', status: 'pending', priority: 'critical', repos: ['api', 'infra'], blocking: ['TODO-202'] }],
      plans: [
        {
          id: DEMO_PLAN,
          title: 'Sharing v1',
          status: 'active',
          repos: ['api', 'sdk', 'web', 'docs', 'infra'],
          target: day(21),
          milestones: [
            { id: 'MILESTONE-001', name: 'API and SDK ready', due: day(7), status: 'in_progress' },
            { id: 'MILESTONE-002', name: 'Shipped to users', due: day(21), status: 'pending' },
          ],
        },
      ],
      todos: todos(),
      dependencies: [
        { id: 'DEP-001', consumer: 'web', provider: 'sdk', type: 'runtime', status: 'satisfied' },
        { id: 'DEP-002', consumer: 'sdk', provider: 'api', type: 'runtime', status: 'satisfied' },
        { id: 'DEP-003', consumer: 'docs', provider: 'sdk', type: 'documentation', status: 'pending' },
      ],
    },
  };
  const node = process.execPath;
  const settings = {
    executors: { demo: { extends: 'claude', command: node, args: [demoAgentPath()], env: { CONCORD_DEMO_PACE_MS: String(o.paceMs ?? (Number(o.env['CONCORD_DEMO_PACE_MS']) || 1200)) } } },
    pools: [{ name: 'demo', executor: 'demo', concurrency: 2, limits: { wall_seconds: 120, idle_seconds: 30, after_result_seconds: 5 } }],
    queue: { per_repo: 1, max_running: 2, heartbeat_seconds: 1, lease_seconds: 10, poll_ms: 200 },
    jobs: [
      { name: 'nightly-report', cron: '0 3 * * *', command: [node, '-e', "console.log('report written')"] },
      { name: 'flaky-probe', interval: '1h', command: [node, '-e', "throw new Error('the probe failed: the service did not answer')"], breaker: 1 },
    ],
  };
  const file = path.join(dir, 'ecosystem.yaml');
  fs.writeFileSync(file, `# The Concord demo ecosystem (concord serve --demo); edit it by hand or through the dashboard.\n${stringify(ecosystem)}`);
  fs.writeFileSync(path.join(dir, 'concord.yaml'), `# Settings of the demo: its pool runs the demo agent (demo/agent.mjs).\n${stringify(settings)}`);
  return { dir, file };
}
