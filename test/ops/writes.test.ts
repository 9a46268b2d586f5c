// The same writes through the three surfaces: one list of cases (create a todo, update it, claim and complete
// one, create and close an issue, refused writes) run through the CLI (`concordInProcess`), MCP (the SDK
// client over the in-memory transport) and HTTP (Hono's app.request()), each against its own temp copy of one
// ecosystem. Every surface must leave the same ecosystem.yaml (times and random ids aside), give the same answers
// and the same error codes, and a refused write must leave the file byte for byte as it was.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import { operation } from '../../src/ops/index.js';
import { routeOf } from '../../src/ops/operation.js';
import { concordInProcess } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are compared field by field
type Answer = { ok: true; value: Json } | { ok: false; code: string };

interface Case {
  name: string;
  /** The operation of the manifest (its HTTP route and MCP tool come from it). */
  op: string;
  /** Its input; a function of the answers so far (a claim's token). */
  input: Json | ((seen: Record<string, Answer>) => Json);
  /** The same as a command line. */
  cli: string[] | ((seen: Record<string, Answer>) => string[]);
  /** What the answer must say, on every surface (a refused write: its code). */
  expect: Json | { code: string };
  /** The fields of a success compared across surfaces. */
  pick?: (a: Json) => unknown;
}

/** MCP's hand-written tools answer a record under its noun (`{ todo }`); the CLI and HTTP answer the record. */
const recordOf = (v: Json): Json => (v['todo'] ?? v['issue'] ?? v) as Json;

/** A value of an earlier case's answer on the same surface (the new todo's id, the claim's token). */
const from = (seen: Record<string, Answer>, name: string, get: (v: Json) => string): string => {
  const a = seen[name];
  if (!a?.ok) throw new Error(`the case "${name}" did not succeed: ${JSON.stringify(a)}`);
  return get(a.value);
};
const token = (seen: Record<string, Answer>) => from(seen, 'claim', (v) => v['claim']['token']);
const newTodo = (seen: Record<string, Answer>) => from(seen, 'create a todo', (v) => recordOf(v)['id']);
const newIssue = (seen: Record<string, Answer>) => from(seen, 'create an issue', (v) => recordOf(v)['id']);

const CASES: Case[] = [
  {
    name: 'create a todo',
    op: 'todo.create',
    input: { task: 'Write the release notes', repo: 'lib', priority: 'high', labels: ['docs'] },
    cli: ['todo', 'create', 'Write the release notes', '--repo', 'lib', '--priority', 'high', '--label', 'docs'],
    expect: { task: 'Write the release notes', repo: 'lib', priority: 'high', status: 'pending', labels: ['docs'] },
    pick: ({ id: _new, ...rest }) => rest,
  },
  {
    name: 'update it',
    op: 'todo.update',
    input: (seen) => ({ id: newTodo(seen), priority: 'low', estimated_hours: 3 }),
    cli: (seen) => ['todo', 'update', newTodo(seen), '--priority', 'low', '--estimate', '3'],
    expect: { task: 'Write the release notes', priority: 'low', estimated_hours: 3 },
    pick: ({ id: _new, ...rest }) => rest,
  },
  {
    name: 'claim',
    op: 'todo.claim',
    input: { id: 'TODO-5' },
    cli: ['todo', 'claim', 'TODO-5'],
    expect: { claim: { todo: 'TODO-5', agent: 'tester', kind: 'claim' } },
    pick: (a) => ({ todo: a['claim'].todo, agent: a['claim'].agent, kind: a['claim'].kind, expires_in: Date.parse(a['claim'].expires_at) - Date.parse(a['claim'].claimed_at) }),
  },
  {
    name: 'complete without the claim token is refused',
    op: 'todo.complete',
    input: { id: 'TODO-5' },
    cli: ['todo', 'complete', 'TODO-5'],
    expect: { code: 'CLAIM_REQUIRED' },
  },
  {
    name: 'complete with it',
    op: 'todo.complete',
    input: (seen) => ({ id: 'TODO-5', claim_token: token(seen), note: 'written' }),
    cli: (seen) => ['todo', 'complete', 'TODO-5', '--claim-token', token(seen), '--note', 'written'],
    expect: { id: 'TODO-5', status: 'completed', assignee: 'tester' },
    pick: (a) => a,
  },
  {
    name: 'create an issue',
    op: 'issue.create',
    input: { title: 'Flaky CI', repos: ['api', 'web'], priority: 'high' },
    cli: ['issue', 'create', 'Flaky CI', '--repos', 'api,web', '--priority', 'high'],
    expect: { title: 'Flaky CI', repos: ['api', 'web'], priority: 'high', status: 'pending' },
    pick: ({ id: _new, ...rest }) => rest,
  },
  {
    name: 'close it',
    op: 'issue.close',
    input: (seen) => ({ id: newIssue(seen), resolution: 'retried' }),
    cli: (seen) => ['issue', 'close', newIssue(seen), '--resolution', 'retried'],
    expect: { title: 'Flaky CI', status: 'closed', resolution: 'retried' },
    pick: ({ id: _new, ...rest }) => rest,
  },
  {
    name: 'complete a blocked todo is refused',
    op: 'todo.complete',
    input: { id: 'TODO-4' },
    cli: ['todo', 'complete', 'TODO-4'],
    expect: { code: 'TODO_BLOCKED' },
  },
  {
    name: 'update an unknown todo is refused',
    op: 'todo.update',
    input: { id: 'TODO-99', priority: 'low' },
    cli: ['todo', 'update', 'TODO-99', '--priority', 'low'],
    expect: { code: 'TODO_NOT_FOUND' },
  },
  {
    name: 'a todo in an unknown repo is refused',
    op: 'todo.create',
    input: { task: 'Nowhere', repo: 'nope' },
    cli: ['todo', 'create', 'Nowhere', '--repo', 'nope'],
    expect: { code: 'UNKNOWN_REFERENCE' },
  },
];

const ACTOR = 'tester';
const SESSION = 'writes-suite';

interface Surface {
  name: string;
  file: string;
  run(c: Case, input: Json, argv: string[]): Promise<Answer>;
  close(): Promise<void>;
}

function cliSurface(): Surface {
  const { dir, file } = ecosystemDir(SMALL);
  return {
    name: 'cli',
    file,
    run: async (_c, _input, argv) => {
      const r = concordInProcess([...argv, '--json'], { cwd: dir, env: { CONCORD_ACTOR: ACTOR, CONCORD_SESSION: SESSION } });
      const out = r.stdout.trim() ? (JSON.parse(r.stdout) as Json) : {};
      if (r.code !== 0) return { ok: false, code: out['error']?.code ?? `exit ${r.code}: ${r.stderr}` };
      return { ok: true, value: out };
    },
    close: async () => undefined,
  };
}

async function mcpSurface(): Promise<Surface> {
  const { file } = ecosystemDir(SMALL);
  const ws = new Workspace({ file, env: {}, warn: () => undefined });
  // The client is named as the other surfaces' actor: a claim's agent is the MCP client's name.
  const client = await memoryClient(file, { ws: ws.as(ACTOR, 'mcp', SESSION), name: ACTOR });
  return {
    name: 'mcp',
    file,
    run: async (c, input) => {
      const r = await call(client, operation(c.op).mcp!.tool, input);
      return r.ok ? { ok: true, value: r.value } : { ok: false, code: (r.value['error'] as Json)?.['code'] ?? JSON.stringify(r.value) };
    },
    close: async () => {
      await client.close();
      ws.close();
    },
  };
}

function httpSurface(): Surface {
  const { file } = ecosystemDir(SMALL);
  const ws = new Workspace({ file, env: {}, warn: () => undefined });
  const http = createHttpApp(ws.as('server', 'http'), { token: undefined, allowedOrigins: [], allowedHosts: [] });
  return {
    name: 'http',
    file,
    run: async (c, input) => {
      const { method, path, params } = routeOf(operation(c.op));
      const body = Object.fromEntries(Object.entries(input).filter(([k]) => !params.includes(k)));
      const url = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(input[k])));
      const r = await http.app.request(url, { method, headers: { 'content-type': 'application/json', 'x-concord-actor': ACTOR, 'x-concord-session': SESSION }, body: JSON.stringify(body) });
      const out = (await r.json()) as Json;
      return r.ok ? { ok: true, value: out } : { ok: false, code: out['error']?.code ?? `HTTP ${r.status}` };
    },
    close: async () => {
      await http.close();
      ws.close();
    },
  };
}

/** The file with its times (created, updated, completed, claimed) made one, so surfaces compare on the rest. */
const timeless = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>');

describe('the same writes through the CLI, MCP and HTTP', () => {
  it('leave the same ecosystem.yaml and give the same answers and error codes on every surface', async () => {
    const surfaces = [cliSurface(), await mcpSurface(), httpSurface()];
    const answers: Record<string, Record<string, Answer>> = {};
    try {
      for (const s of surfaces) {
        const seen: Record<string, Answer> = {};
        for (const c of CASES) {
          const input = typeof c.input === 'function' ? c.input(seen) : c.input;
          const argv = typeof c.cli === 'function' ? c.cli(seen) : c.cli;
          const before = fs.readFileSync(s.file);
          seen[c.name] = await s.run(c, input, argv);
          // A refused write writes nothing: the file is byte for byte what it was.
          if ('code' in c.expect) expect(fs.readFileSync(s.file).equals(before), `${c.name} on ${s.name} left the file as it was`).toBe(true);
        }
        answers[s.name] = seen;
      }
      for (const c of CASES) {
        for (const s of surfaces) {
          const a = answers[s.name]![c.name]!;
          if ('code' in c.expect) expect(a, `${c.name} on ${s.name}`).toEqual({ ok: false, code: c.expect.code });
          else {
            expect(a.ok, `${c.name} on ${s.name}: ${JSON.stringify(a)}`).toBe(true);
            expect(recordOf((a as { value: Json }).value), `${c.name} on ${s.name}`).toMatchObject(c.expect);
          }
        }
        // Beyond what the case names: the answers agree field for field.
        if (c.pick) {
          const [first, ...rest] = surfaces.map((s) => JSON.parse(timeless(JSON.stringify(c.pick!(recordOf((answers[s.name]![c.name] as { value: Json }).value))))) as unknown);
          for (const [i, other] of rest.entries()) expect(other, `${c.name}: ${surfaces[i + 1]!.name} vs cli`).toEqual(first);
        }
      }
      // Generated ids are random: each surface's new todo and issue are named alike.
      const files = surfaces.map((s) => {
        const seen = answers[s.name]!;
        return timeless(fs.readFileSync(s.file, 'utf8')).split(newTodo(seen)).join('<new todo>').split(newIssue(seen)).join('<new issue>');
      });
      // The writes happened (each surface changed the file the same way).
      expect(files[0]).toContain('id: <new todo>\n      task: Write the release notes');
      expect(files[0]).toContain('id: <new issue>');
      expect(files[0]).not.toBe(timeless(SMALL));
      expect(files[1], 'mcp vs cli').toBe(files[0]);
      expect(files[2], 'http vs cli').toBe(files[0]);
    } finally {
      for (const s of surfaces) await s.close();
    }
  });
});
