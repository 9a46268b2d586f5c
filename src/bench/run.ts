// `npm run bench`: issue 12's targets (commands as processes) and the seed's (library calls), at 1k, 10k and 50k todos.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getHistory } from '../app/history.js';
import { search } from '../app/search.js';
import { getTrends } from '../app/trends.js';
import { blocked, criticalPath, ecosystemStatus, listTodos, ready, repoStatus, roadmap, workload } from '../app/queries.js';
import { readEnvironment } from '../app/environment.js';
import { loadSnapshot } from '../app/snapshot.js';
import { createTodo, updateTodo } from '../app/todos.js';
import { Workspace } from '../app/workspace.js';
import { benchApi } from './api.js';
import { benchCommands } from './commands.js';
import { benchDashboard } from './dashboard.js';
import { benchDependencyChecks } from './dependency-checks.js';
import { benchScheduler } from './scheduler.js';
import { benchExecution } from './execution.js';
import { generateEcosystem } from './generate.js';
import { generateHistory } from './history.js';
import { benchImport } from './import.js';
import { formatTable, measure, type Measurement } from './measure.js';
import { LIST_BUDGET, measureTokenBudget, measureToolLists, TOKEN_BUDGET } from './mcp-budget.js';
import { envNote } from './process.js';
import { formatRows, formatScaling, type SizedRows } from './targets.js';

/** The installed command: the bundle with its code cache (bin/concord.cjs). */
const CLI = path.resolve(import.meta.dirname, '../../bin/concord.cjs');
const settings = readEnvironment().settings;
const sizes = (settings['CONCORD_BENCH_SIZES'] ?? '1000,10000,50000').split(',').map(Number);
/** Which tables: commands (issue 12, processes), library (calls in one process), checks (dependency checks), import, scheduler, execution (issue 14), api (issue 15), dashboard (issue 16), fleet (issue 17). */
const tables = new Set((settings['CONCORD_BENCH_TABLES'] ?? 'commands,library,checks,import,scheduler,execution,api,dashboard,fleet').split(','));

async function benchSize(todos: number): Promise<{ rows: Measurement[]; bytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-${todos}-`));
  const file = path.join(dir, 'ecosystem.yaml');
  const text = generateEcosystem({ todos });
  fs.writeFileSync(file, text);
  const open = () => new Workspace({ file, actor: 'bench', env: {} });
  const rows: Measurement[] = [];
  try {
    rows.push(await measure('first read of a new file (no index yet)', 1, async () => {
      const ws = open();
      await loadSnapshot(ws);
      ws.close();
    }));
    rows.push(await measure('load from the index (unchanged file) + ready query', 15, async () => {
      const ws = open();
      await ready(ws, { limit: 20 });
      ws.close();
    }, { target_ms: 100 }));

    const ws = open();
    await loadSnapshot(ws);
    const queries: [string, () => Promise<unknown>][] = [
      ['query: ready (all)', () => ready(ws)],
      ['query: blocked, with chains', () => blocked(ws)],
      ['query: list todos --repo --status', () => listTodos(ws, { repo: ['repo-7'], status: ['pending'] })],
      ['query: list todos --label --sort priority --limit 50', () => listTodos(ws, { label: ['area-3'], sort: 'priority', limit: 50 })],
      ['query: status of a repo', () => repoStatus(ws, 'repo-3')],
      ['query: ecosystem status', () => ecosystemStatus(ws)],
      ['query: critical path', () => criticalPath(ws)],
      ['query: workload', () => workload(ws)],
      ['query: roadmap', () => roadmap(ws)],
    ];
    for (const [name, fn] of queries) rows.push(await measure(name, 15, fn, { target_ms: 50 }));

    // History, search and trends over the ecosystem with about two events per todo.
    let events = 0;
    rows.push(await measure('history: append ~2 events per todo (search index and outbox kept in step)', 1, async () => {
      events = await generateHistory(ws, todos, Date.parse(ws.now()));
    }));
    rows[rows.length - 1]!.note = `${events} events`;
    await search(ws, { query: 'warm up' });
    const memory: [string, () => Promise<unknown>][] = [
      ['search: common words in every todo ("implement work"), best 20', () => search(ws, { query: 'implement work' })],
      ['search: a phrase ("part 424")', () => search(ws, { query: '"part 424"' })],
      ['search: stemmed words in notes and events ("flaky timeouts")', () => search(ws, { query: 'flaky timeouts' })],
      ['search: a prefix in the history only ("migrat*" --kind event)', () => search(ws, { query: 'migrat*', kind: 'event' })],
      ['search: no match, falling back to any word', () => search(ws, { query: 'zeppelin webhook' })],
      ['history: one todo', () => getHistory(ws, { id: 'TODO-424' })],
      ['history: --repo --type *:status_changed --since 30d', () => getHistory(ws, { repo: 'repo-7', type: '*:status_changed', since: '30d' })],
    ];
    for (const [name, fn] of memory) rows.push(await measure(name, 15, fn, { target_ms: 50, note: `${events} events` }));
    rows.push(await measure('trends: throughput, cycle time, burndown and forecast of every plan', 5, () => getTrends(ws), { target_ms: 1000 }));

    if (todos === sizes[0]) {
      for (const row of await measureToolLists(ws)) {
        rows.push({ name: `MCP ${row.call}: ${row.bytes} bytes, ~${row.tokens} tokens`, median_ms: row.tokens, p90_ms: row.tokens, runs: 1, target_ms: LIST_BUDGET[row.set], note: 'tokens' });
      }
    }
    if (todos >= 10_000) {
      for (const row of await measureTokenBudget(ws, { todo: 'TODO-42', issue: 'ISSUE-7', plan: 'PLAN-3', repo: 'repo-3' })) {
        rows.push({ name: `MCP ${row.call}: ${row.bytes} bytes, ~${row.tokens} tokens`, median_ms: row.tokens, p90_ms: row.tokens, runs: 1, target_ms: TOKEN_BUDGET, note: 'tokens' });
      }
    }
    const comments = (t: string) => t.split('\n').filter((l) => l.includes('#')).length;
    const before = comments(fs.readFileSync(file, 'utf8'));
    rows.push(await measure('change one todo end to end (lock, edit, fsync, index)', 15, (i) => updateTodo(ws, 'TODO-5', { priority: i % 2 ? 'high' : 'low' }), { target_ms: 250 }));
    rows.push(await measure('create one todo with an edge end to end', 10, (i) => createTodo(ws, { task: `bench ${i}`, repo: 'repo-1', blocked_by: ['TODO-3'] }), { target_ms: 250 }));
    const after = comments(fs.readFileSync(file, 'utf8'));
    if (after !== before) throw new Error(`comments were lost: ${before} before, ${after} after`);
    ws.close();

    rows.push(await measure('first read after a hand edit of one todo', 5, async (i) => {
      const current = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, current.replace(`Implement part ${100 + i} of the work`, `Implement part ${100 + i} of the edited work`));
      const fresh = open();
      await loadSnapshot(fresh);
      fresh.close();
    }, { target_ms: 1000 }));

    return { rows, bytes: Buffer.byteLength(text) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The commands as agents run them: one process each, against `node -e 0` in the same run (issue 12). */
async function commandTable(todos: number, sized: SizedRows[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-cli-${todos}-`));
  const file = path.join(dir, 'ecosystem.yaml');
  const text = generateEcosystem({ todos });
  fs.writeFileSync(file, text);
  try {
    const load = os.loadavg()[0]!.toFixed(2);
    const { rows, baselineCpu } = await benchCommands(CLI, file, todos);
    sized.push({ todos, rows, baselineCpu });
    const title = `\n${todos.toLocaleString('en')} todos, commands as processes (${(text.length / 1e6).toFixed(1)} MB ecosystem.yaml, 50 repos; ${envNote()}; load ${load} -> ${os.loadavg()[0]!.toFixed(2)})`;
    return formatRows(title, rows, baselineCpu);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const sized: SizedRows[] = [];
for (const n of sizes) {
  if (tables.has('commands')) console.log(await commandTable(n, sized));
  if (tables.has('library')) {
    const { rows, bytes } = await benchSize(n);
    console.log(formatTable(`\n${n.toLocaleString('en')} todos, library calls in one process (${(bytes / 1e6).toFixed(1)} MB ecosystem.yaml, 50 repos)`, rows));
  }
}
if (sized.length > 1) console.log(formatScaling(sized));
if (tables.has('checks')) console.log(formatTable('\nDependency checks (a local HTTP server; seed target: dependency validation < 500 ms)', await benchDependencyChecks()));
// The issue's target: 10,000 Backlog.md tasks imported in under 5 s (at most the largest size asked for).
if (tables.has('import')) {
  const n = Math.min(10_000, Math.max(...sizes));
  console.log(formatTable(`\nImport (${n.toLocaleString('en')} Backlog.md task files, through the write pipeline)`, await benchImport(n)));
}
if (tables.has('scheduler')) console.log(formatTable('\nScheduler (jobs and activities; docs/scheduler.md)', await benchScheduler()));
if (tables.has('execution')) console.log(formatTable('\nExecution (issue 14: >= 500 runs/s through the queue, execute to agent start < 150 ms; the sweep is the whole path)', await benchExecution()));
// Issue 15: the API at 10,000 todos (at most the largest size asked for); the memory soak lasts
// CONCORD_BENCH_SOAK_SECONDS (the issue's 10 minutes: 600; default 60, 0 leaves it out).
if (tables.has('api')) {
  const n = Math.min(10_000, Math.max(...sizes));
  const soak = Number(settings['CONCORD_BENCH_SOAK_SECONDS'] ?? 60);
  console.log(formatTable(`\nHTTP API of concord serve (${n.toLocaleString('en')} todos; a real server process on loopback)`, await benchApi(CLI, n, soak)));
}
if (tables.has('dashboard')) console.log(formatTable('\nDashboard (issue 16: headless chromium against concord serve; first meaningful paint, bundle size in KB)', await benchDashboard(CLI, sizes)));
if (tables.has('fleet')) console.log(formatTable('\nFleet (issue 17: PostgreSQL + graphile-worker; target >= 1,000 no-op runs/s, printed beside the embedded queue as a ratio)', await (await import('./fleet.js')).benchFleet()));
console.log(`\nnode ${process.version}, ${os.cpus().length} cpu(s), ${os.platform()}`);
