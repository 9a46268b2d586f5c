// `concord dep ...`, `list-deps` and `dep-graph` (Mermaid, Graphviz DOT, JSON), against real files.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

function setup(text = SMALL) {
  const { dir, file } = ecosystemDir(text);
  const run = (...args: string[]) => concord(args, { cwd: dir });
  return { dir, run, read: () => fs.readFileSync(file, 'utf8') };
}

describe('dependencies', () => {
  it('list-deps filters by consumer, provider, type and status', () => {
    const { run } = setup();
    const ids = (...a: string[]) => (run('list-deps', '--json', ...a).json() as { items: { id: string }[] }).items.map((d) => d.id);
    expect(ids()).toEqual(['DEP-1', 'DEP-2']);
    expect(ids('--consumer', 'web')).toEqual(['DEP-1']);
    expect(ids('--provider', 'backend')).toEqual(['DEP-1']);
    expect(ids('--type', 'dev')).toEqual(['DEP-2']);
    expect(ids('--status', 'unsatisfied,failed')).toEqual(['DEP-2']);
    const human = run('dep', 'list');
    expect(human.stdout).toMatch(/^ID\s+CONSUMER\s+PROVIDER\s+TYPE\s+CONSTRAINT\s+STATUS\s+CHECK\nDEP-1\s+web\s+api\s+runtime\s+>=1\.0\.0\s+satisfied\n/);
    expect(human.stdout).toContain('2 dependencies');
  });

  it('creates a dependency with its validation, shows, updates and deletes it', () => {
    const { run, read } = setup();
    const r = run('dep', 'create', '--consumer', 'lib', '--provider', 'a', '--type', 'mcp', '--constraint', '>=0.2.0', '--notes', 'needs the MCP server', '--health-check', 'http://127.0.0.1:8678/health', '--expect-status', '200', '--timeout', '5000', '--json');
    expect(r.stderr).toBe('');
    const dep = r.json() as { id: string };
    expect(dep).toMatchObject({ consumer: 'lib', provider: 'api', type: 'mcp', version_constraint: '>=0.2.0', status: 'unknown', notes: 'needs the MCP server', validation: { health_check: 'http://127.0.0.1:8678/health', expected_status: 200, timeout_ms: 5000 } });
    expect(dep.id).toMatch(/^DEP-[0-9A-Z]{7}$/);
    expect(read()).toContain(`- id: ${dep.id}`);
    const show = run('dep', 'show', dep.id);
    expect(show.stdout).toMatch(new RegExp(`^${dep.id} {2}lib needs api\\n`));
    expect(show.stdout).toMatch(/Validation\n {2}health check +http:\/\/127\.0\.0\.1:8678\/health\n {2}expected status +200\n/);
    const upd = run('dep', 'update', dep.id, '--command', 'pip show oneiric', '--expect', '^Version: 0\\.2\\.', '--status', 'satisfied', '--no-constraint', '--json');
    expect(upd.json()).toMatchObject({ status: 'satisfied', validation: { command: 'pip show oneiric', expected_pattern: '^Version: 0\\.2\\.' } });
    expect((upd.json() as Record<string, unknown>)['version_constraint']).toBeUndefined();
    expect(run('dep', 'delete', dep.id, '--json').json()).toEqual({ deleted: dep.id, changed: true });
    expect(run('dep', 'show', dep.id).code).toBe(1);
  });

  it('refuses an unknown repo and a bad type with clear errors, writing nothing', () => {
    const { run, read } = setup();
    const before = read();
    const repo = run('dep', 'create', '--consumer', 'lib', '--provider', 'wbe');
    expect(repo.code).toBe(1);
    expect(repo.stderr).toMatch(/^UNKNOWN_REFERENCE: .*"wbe".*\n {2}hint: did you mean "web"\?/);
    const type = run('dep', 'create', '--consumer', 'lib', '--provider', 'web', '--type', 'runtme');
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('Did you mean "runtime"?');
    expect(run('dep', 'create', '--consumer', 'lib').code).toBe(2);
    expect(run('dep', 'show', 'DEP-3').stderr).toMatch(/^DEPENDENCY_NOT_FOUND: dependency DEP-3 not found\n {2}hint: did you mean DEP-[12]\?\n$/);
    expect(read()).toBe(before);
  });
});

describe('dep-graph', () => {
  it('draws the repo graph as Mermaid by default, unmet dependencies dashed red', () => {
    const { run } = setup();
    const r = run('dep-graph');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'flowchart LR',
        '  n0(["api (service)"])',
        '  n1(["web (app)"])',
        '  n2(["lib (library)"])',
        '  n1 -- "runtime #gt;=1.0.0" --> n0',
        '  n0 -- "development" --> n2',
        '  classDef critical stroke:#d62728,stroke-width:3px',
        '  classDef done fill:#eeeeee,color:#777777',
        '  classDef ready fill:#e6f4ea,stroke:#2ca02c',
        '  classDef external stroke-dasharray:4 3',
        '  classDef missing stroke:#d62728,stroke-dasharray:4 3,color:#d62728',
        '  linkStyle 1 stroke:#d62728,stroke-dasharray:4 3',
        '',
      ].join('\n'),
    );
  });

  it('draws Graphviz DOT that names every edge, and JSON with the documented shape', () => {
    const { run } = setup();
    const dot = run('dep', 'graph', '--format', 'dot');
    expect(dot.stdout).toMatch(/^digraph concord \{\n {2}rankdir=LR;\n/);
    expect(dot.stdout).toContain('  "web" -> "api" [label="runtime >=1.0.0"];');
    expect(dot.stdout).toContain('  "api" -> "lib" [label="development", color="#d62728", style=dashed];');
    expect(dot.stdout.trimEnd().endsWith('}')).toBe(true);
    const json = run('dep-graph', '--format', 'json').json();
    expect(json).toEqual({
      kind: 'repos',
      nodes: [
        { id: 'api', kind: 'repo', label: 'api (service)' },
        { id: 'web', kind: 'repo', label: 'web (app)' },
        { id: 'lib', kind: 'repo', label: 'lib (library)' },
      ],
      edges: [
        { from: 'web', to: 'api', label: 'runtime >=1.0.0', status: 'satisfied', open: false },
        { from: 'api', to: 'lib', label: 'development', status: 'unsatisfied', open: true },
      ],
    });
    const wrapped = run('dep-graph', '--format', 'dot', '--json').json() as { format: string; text: string; graph: unknown };
    expect(wrapped.format).toBe('dot');
    expect(wrapped.text).toBe(dot.stdout);
    expect(wrapped.graph).toEqual(json);
  });

  it('draws the todo graph with the critical path, grouped by repo, and writes to a file', () => {
    const { dir, run } = setup();
    const g = run('dep-graph', '--graph', 'todos', '--format', 'json').json() as { nodes: { id: string; critical?: boolean; ready?: boolean; group?: string }[]; edges: { from: string; to: string; critical?: boolean }[] };
    expect(g.nodes.map((n) => n.id)).toEqual(['TODO-2', 'TODO-3', 'TODO-4', 'TODO-5', 'ISSUE-1']);
    expect(g.nodes.filter((n) => n.critical).map((n) => n.id)).toEqual(['TODO-2', 'TODO-4']);
    expect(g.nodes.filter((n) => n.ready).map((n) => n.id)).toEqual(['TODO-2', 'TODO-5']);
    expect(g.edges).toEqual([
      { from: 'ISSUE-1', to: 'TODO-3', open: true },
      { from: 'TODO-2', to: 'TODO-4', open: true, critical: true },
    ]);
    const r = run('dep', 'graph', '--graph', 'todos', '-o', 'plan.mmd');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote mermaid drawing of 5 todos to .*plan\.mmd\n$/);
    const text = fs.readFileSync(path.join(dir, 'plan.mmd'), 'utf8');
    expect(text).toContain('  subgraph g0["web"]\n    n0["TODO-2: Call the API from the web app"]\n  end');
    expect(text).toContain('  n4{{"ISSUE-1: Upgrade the runtime"}}');
    expect(text).toContain('  class n0,n2 critical');
    const all = run('dep-graph', '--graph', 'todos', '--all', '--plan', 'PLAN-1', '--format', 'json').json() as { nodes: { id: string }[] };
    expect(all.nodes.map((n) => n.id)).toEqual(['TODO-1', 'TODO-2', 'TODO-4']);
  });

  it('refuses an unknown format, plan or repo', () => {
    const { run } = setup();
    expect(run('dep-graph', '--format', 'svg').code).toBe(2);
    expect(run('dep-graph', '--graph', 'todos', '--plan', 'PLAN-2').stderr).toMatch(/^PLAN_NOT_FOUND: plan PLAN-2 not found\n {2}hint: did you mean PLAN-1\?/);
    expect(run('dep-graph', '--repo', 'nope').code).toBe(1);
  });
});
