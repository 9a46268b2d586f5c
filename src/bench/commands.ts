// The commands of issue 12, each run as its own process (as agents run them), against `node -e 0`.
import fs from 'node:fs';
import path from 'node:path';
import { loadSnapshot } from '../app/snapshot.js';
import { Workspace } from '../app/workspace.js';
import { generateHistory } from './history.js';
import { median, type ProcessSample, runNode, showsProgressOnTerminal, usagePreload } from './process.js';
import { benchServer, type ServerSample } from './servers.js';
import { FRESH_CLONE, HAND_EDIT, read, type Row, scaled, SERVER_FIRST_CALL, SERVER_HAND_EDIT, type Target, WRITE } from './targets.js';

const READS: [string, string[], Target][] = [
  ['concord --version', ['--version'], read(2)],
  ['concord todo show TODO-5', ['todo', 'show', 'TODO-5'], read(2)],
  ['concord todo show TODO-5 --json', ['todo', 'show', 'TODO-5', '--json'], read(2)],
  ['concord todo list --repo repo-7 --status pending --limit 20', ['todo', 'list', '--repo', 'repo-7', '--status', 'pending', '--limit', '20'], read()],
  ['concord todo list --label area-3 --sort priority --limit 50 --json', ['todo', 'list', '--label', 'area-3', '--sort', 'priority', '--limit', '50', '--json'], read()],
  ['concord ready --limit 5', ['ready', '--limit', '5'], read()],
  ['concord ready --json --limit 5', ['ready', '--json', '--limit', '5'], read()],
  ['concord blocked --limit 20', ['blocked', '--limit', '20'], read()],
  ['concord status', ['status'], read()],
  ['concord status --repo repo-3', ['status', '--repo', 'repo-3'], read()],
  ['concord search implement work', ['search', 'implement', 'work'], read()],
  ['concord history TODO-424', ['history', 'TODO-424'], read()],
];

export interface CliBench {
  rows: Row[];
  baselineCpu: number;
}

/** Runs every measurement of one ecosystem size; `file` is a generated ecosystem.yaml with no index. */
export async function benchCommands(cli: string, file: string, todos: number): Promise<CliBench> {
  const dir = path.dirname(file);
  const preload = usagePreload(dir);
  const runs = todos > 10_000 ? 3 : 7;
  const baseline: ProcessSample[] = [];
  const base = () => baseline.push(runNode(['-e', '0'], { preload }));
  const cliRun = (args: string[], f = file, exitCode = 0) => runNode([cli, ...args, '--file', f], { preload, exitCode });
  const rows: Row[] = [];
  const summarize = (name: string, samples: ProcessSample[], target: Target, note?: string): Row => ({
    name,
    runs: samples.length,
    cpu_ms: median(samples.map((s) => s.cpu_ms)),
    wall_ms: median(samples.map((s) => s.wall_ms)),
    rss_mib: Math.max(...samples.map((s) => s.rss_mib)),
    target: scaled(target, todos),
    ...(note ? { note } : {}),
  });
  const fresh = (n: number) => {
    const d = path.join(dir, `clone-${n}`);
    fs.mkdirSync(d);
    fs.copyFileSync(file, path.join(d, 'ecosystem.yaml'));
    return path.join(d, 'ecosystem.yaml');
  };

  // A fresh clone: the file and no .concord/ yet.
  let clones = 0;
  const freshRuns: ProcessSample[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    base();
    freshRuns.push(cliRun(['status'], fresh(clones++)));
  }
  const progress = showsProgressOnTerminal([cli, 'status', '--file', fresh(clones++)], dir);
  const progressNote = progress === undefined ? 'no `script` to check the progress line' : progress ? 'a progress line on a terminal' : 'no progress line on a terminal';
  rows.push(summarize('first command in a fresh clone: concord status', freshRuns, FRESH_CLONE, progressNote));

  // The main copy: indexed once, with about two events per todo for search and history.
  cliRun(['status']);
  const ws = new Workspace({ file, actor: 'bench', env: {} });
  await loadSnapshot(ws);
  const events = await generateHistory(ws, todos, Date.parse(ws.now()));
  ws.close();

  // Reads, interleaved with `node -e 0` so that a change of load on the machine hits both alike.
  const samples = READS.map(() => [] as ProcessSample[]);
  for (let r = 0; r < runs; r++) {
    base();
    READS.forEach(([, args], i) => samples[i]!.push(cliRun(args)));
  }
  READS.forEach(([name, , target], i) => rows.push(summarize(name, samples[i]!, target, name.includes('search') || name.includes('history') ? `${events} events` : undefined)));

  // Writes: one todo changed end to end, comments kept.
  const comments = () => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('#')).length;
  const before = comments();
  const updates: ProcessSample[] = [];
  const creates: ProcessSample[] = [];
  for (let r = 0; r < runs; r++) {
    base();
    updates.push(cliRun(['todo', 'update', 'TODO-5', '--priority', r % 2 ? 'high' : 'low']));
    creates.push(cliRun(['todo', 'create', `bench ${r}`, '--repo', 'repo-1', '--blocked-by', 'TODO-3']));
  }
  if (comments() !== before) throw new Error(`comments were lost: ${before} before, ${comments()} after`);
  rows.push(summarize('concord todo update TODO-5 --priority high', updates, WRITE, 'comments kept'));
  rows.push(summarize('concord todo create <task> --repo repo-1 --blocked-by TODO-3', creates, WRITE));

  // A hand edit of one record, then the first command that reads it.
  const edits: ProcessSample[] = [];
  for (let r = 0; r < runs; r++) {
    base();
    const id = `TODO-${100 + r}`;
    const marker = `hand edit ${r}`;
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(`Implement part ${100 + r} of the work`, `Implement part ${100 + r} of the work (${marker})`));
    const s = cliRun(['todo', 'show', id, '--json']);
    if (!s.stdout.includes(marker)) throw new Error(`the hand edit of ${id} was not picked up`);
    edits.push(s);
  }
  rows.push(summarize('hand edit of one todo, then concord todo show <it> --json', edits, HAND_EDIT));

  // The servers, each on a fresh clone.
  for (const kind of ['mcp', 'serve'] as const) {
    const all: ServerSample[] = [];
    let failed: string | undefined;
    for (let r = 0; r < Math.min(runs, 3) && !failed; r++) {
      // A call past the SDK client's 60 s timeout is what the issue says must never happen: a row, not a crash.
      try {
        all.push(await benchServer(kind, cli, fresh(clones++), 'TODO-42'));
      } catch (e) {
        failed = (e as Error).message.slice(0, 80);
      }
    }
    if (failed) {
      rows.push({ name: `concord ${kind}: spawn to the answer of the first call, fresh clone (${failed})`, runs: all.length + 1, wall_ms: Infinity, target: scaled(SERVER_FIRST_CALL, todos) });
      continue;
    }
    const rss = all.flatMap((s) => (s.rss_mib === undefined ? [] : [s.rss_mib]));
    const server = (name: string, pick: (s: ServerSample) => number, target?: Target, note?: string): Row => ({
      name: `concord ${kind}: ${name}`,
      runs: all.length,
      wall_ms: median(all.map(pick)),
      ...(target ? { target: scaled(target, todos), ...(rss.length ? { rss_mib: Math.max(...rss) } : {}) } : {}),
      ...(note ? { note } : {}),
    });
    const retries = all.reduce((n, s) => n + s.retries, 0);
    const longest = Math.max(...all.map((s) => s.longest_call_ms));
    rows.push(server('spawn to the answer of initialize, fresh clone', (s) => s.connect_ms));
    rows.push(server('spawn to the answer of the first call, fresh clone', (s) => s.first_call_ms, SERVER_FIRST_CALL, `longest call ${(longest / 1000).toFixed(1)} s${retries ? `, ${retries} INDEX_BUILDING retries` : ''}`));
    rows.push(server('a call once warm (coord_get_todo)', (s) => s.warm_call_ms));
    rows.push(server('hand edit of one todo, then the call that shows it', (s) => s.hand_edit_ms, SERVER_HAND_EDIT));
  }

  const baselineCpu = median(baseline.map((s) => s.cpu_ms));
  rows.unshift({ name: 'node -e 0 (the floor, measured between the runs)', runs: baseline.length, cpu_ms: baselineCpu, wall_ms: median(baseline.map((s) => s.wall_ms)), rss_mib: Math.max(...baseline.map((s) => s.rss_mib)) });
  return { rows, baselineCpu };
}
