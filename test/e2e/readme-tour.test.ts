// The README's tour, run as written on a copy of examples/: every command succeeds, and the copy changes only
// where a command meant to change it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, concord } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The lines of the sh block under "## A short tour", comments and continuation-only lines dropped. */
function tourLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /## A short tour\n\n```sh\n([\s\S]*?)```/.exec(readme);
  expect(block, 'README.md has a "## A short tour" section with an sh block').not.toBeNull();
  return block![1]!
    .split('\n')
    .map(stripComment)
    .filter((l) => l.length > 0);
}

/** A line without its `# comment` (a # outside quotes, after a space). */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i).trim();
  }
  return line.trim();
}

/** Shell words with '...' and "..." quotes (all the tour uses). */
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** `concord serve` runs until stopped: it must come up, answer /health, and stop cleanly on SIGTERM. */
async function serveOnce(cwd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CONCORD_ACTOR: 'tour', CONCORD_PORT: '0' } });
  let output = '';
  const health = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`concord serve did not start: ${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /health: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${output}`)));
  });
  expect((await fetch(health)).status).toBe(200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return { code: await exited, output };
}

/** Records of one section of an ecosystem file, by id (or name). */
function records(doc: Record<string, unknown>, section: string): Map<string, Record<string, unknown>> {
  const coordination = (doc['coordination'] ?? {}) as Record<string, unknown>;
  const list = (section === 'repos' || section === 'roles' ? doc[section] : coordination[section]) as Record<string, unknown>[] | undefined;
  return new Map((list ?? []).map((r) => [String(r['id'] ?? r['name']), r]));
}

describe('the README tour', () => {
  it('runs every command as written, on a copy of examples/, and changes only what the commands meant to change', async () => {
    const copy = path.join(tempDir('concord-tour-'), 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), copy, { recursive: true });
    const before = fs.readFileSync(path.join(copy, 'ecosystem.yaml'), 'utf8');
    const settings = fs.readFileSync(path.join(copy, 'concord.yaml'), 'utf8');
    let cwd = path.dirname(copy);
    const ran: string[] = [];

    for (const line of tourLines()) {
      if (line.startsWith('alias concord=')) continue;
      if (line.startsWith('cd ')) {
        cwd = path.resolve(cwd, line.slice(3).trim());
        expect(fs.existsSync(cwd), line).toBe(true);
        continue;
      }
      const piped = /^echo '([^']*)' \| (concord .*)$/.exec(line);
      const sourced = /^source <\((concord [^)]*)\)$/.exec(line);
      const redirected = /^(concord .*?)\s*>\s*(\S+)$/.exec(line);
      const command = piped?.[2] ?? sourced?.[1] ?? redirected?.[1] ?? line;
      const [head, ...args] = words(command);
      expect(head, `a tour line runs concord: ${line}`).toBe('concord');
      ran.push(args.join(' '));
      if (args[0] === 'serve') {
        const served = await serveOnce(cwd, args);
        expect(served.code, `${line}\n${served.output}`).toBe(0);
        continue;
      }
      const r = concord(args, { cwd, env: { CONCORD_ACTOR: 'tour' }, input: piped?.[1] ?? '' });
      expect(r.code, `${line}\n${r.stderr}`).toBe(0);
      if (redirected) fs.writeFileSync(path.join(cwd, redirected[2]!), r.stdout);
      if (sourced) {
        expect(r.stdout.length, line).toBeGreaterThan(100);
        expect(spawnSync('bash', ['-n'], { input: r.stdout }).status, `${line}: the script is valid bash`).toBe(0);
      }
      if (args[0] === 'history') expect(r.stdout, `${line} prints the history`).toMatch(/todo:status_changed\s+TODO-102/);
    }
    expect(ran.length).toBeGreaterThan(25);

    // What the commands meant to change, checked by meaning (a claim's exact fields are the claim's business).
    const was = parse(before) as Record<string, unknown>;
    const now = parse(fs.readFileSync(path.join(copy, 'ecosystem.yaml'), 'utf8')) as Record<string, unknown>;
    const [oldTodos, newTodos] = [records(was, 'todos'), records(now, 'todos')];
    expect(newTodos.get('TODO-102')).toMatchObject({ status: 'completed' });
    expect(newTodos.get('TODO-103')).toMatchObject({ status: 'completed', assignee: 'alice', notes: [expect.objectContaining({ text: 'starting on the client' })] });
    const added = [...newTodos.values()].filter((t) => !oldTodos.has(String(t['id'])));
    expect(added).toEqual([expect.objectContaining({ task: 'Add retries', repo: 'sdk', priority: 'high', estimated_hours: 24, blocked_by: ['TODO-103'] })]);
    expect(newTodos.get('TODO-103')!['blocking']).toEqual(['TODO-105', added[0]!['id']]);
    const claimed = concord(['todo', 'show', 'TODO-107', '--json'], { cwd }).json() as { todo: { status: string }; claim?: { agent: string } };
    expect(claimed.claim?.agent ?? claimed.todo.status).toMatch(/^(me|in_progress)$/);
    for (const [id, todo] of oldTodos) {
      if (!['TODO-102', 'TODO-103', 'TODO-107'].includes(id)) expect(newTodos.get(id), `${id} is as it was`).toEqual(todo);
    }
    const newIssues = [...records(now, 'issues').values()].filter((i) => !records(was, 'issues').has(String(i['id'])));
    expect(newIssues).toEqual([expect.objectContaining({ title: 'Token format changes', priority: 'critical', repos: ['api', 'web', 'sdk'], target: '2027-09-01' })]);
    for (const [id, issue] of records(was, 'issues')) expect(records(now, 'issues').get(id), `${id} is as it was`).toEqual(issue);
    const newPlans = [...records(now, 'plans').values()].filter((p) => !records(was, 'plans').has(String(p['id'])));
    expect(newPlans).toEqual([expect.objectContaining({ title: 'Q3 launch', milestones: [expect.objectContaining({ name: 'Beta', due: '2027-08-01' }), expect.objectContaining({ name: 'GA', due: '2027-09-15' })] })]);
    for (const [id, plan] of records(was, 'plans')) expect(records(now, 'plans').get(id), `${id} is as it was`).toEqual(plan);
    // `dep check`, `repo validate` and `serve` (which checks at start) wrote no status: nothing could be checked here.
    expect(now['coordination'] && (now['coordination'] as Record<string, unknown>)['dependencies']).toEqual((was['coordination'] as Record<string, unknown>)['dependencies']);
    expect(now['roles']).toEqual(was['roles']);
    expect(records(now, 'repos').get('billing')).toEqual({ name: 'billing', path: './repos/billing', role: 'service' });
    expect([...records(now, 'repos').values()].filter((r) => r['name'] !== 'billing')).toEqual(was['repos']);
    for (const key of ['version', 'description', 'maintainer']) expect(now[key]).toEqual(was[key]);
    expect(fs.readFileSync(path.join(copy, 'concord.yaml'), 'utf8')).toBe(settings);
    // Files: the schema the tour wrote, and the runtime state (never the ecosystem's git-tracked neighbours);
    // the example's workflows/ folder came with the copy and is left as it was.
    expect(fs.readdirSync(copy).sort()).toEqual(['.concord', 'concord.yaml', 'ecosystem.schema.json', 'ecosystem.yaml', 'workflows']);
    expect(fs.readdirSync(path.join(copy, 'workflows'))).toEqual(['scaffold-service.yaml']);
    expect(JSON.parse(fs.readFileSync(path.join(copy, 'ecosystem.schema.json'), 'utf8'))).toMatchObject({ title: expect.stringContaining('ecosystem') });
  });
});
