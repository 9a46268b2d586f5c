// How the CLI behaves as a program: help with examples, usage errors, exit codes, colour, completion, --debug.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../src/bench/generate.js';
import { CLI, concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

describe('help', () => {
  it('`concord` alone prints the overview on stdout and succeeds', () => {
    const r = concord([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: concord \[options\] \[command\]/);
    expect(r.stdout).toMatch(/Work items:\n {2}todo /);
    expect(r.stdout).toContain('The names of the design also work: list-todos, show-todo, create-todo');
  });

  it('`concord help <command>` shows the options, an example and the seed name', () => {
    const r = concord(['help', 'todo', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: concord todo list\|ls \[options\]/);
    expect(r.stdout).toContain('-s, --status <status>');
    expect(r.stdout).toContain('Examples:\n  $ concord todo list --repo api --status pending,in_progress');
    expect(r.stdout).toContain('Also available as `concord list-todos` (the name in the design).');
    expect(concord(['help', 'list-todos']).stdout).toContain('Usage: concord list-todos [options]');
    expect(concord(['todo', 'list', '--help']).stdout).toContain('Examples:');
  });

  it('every command has a description and at least one example (help --json lists them for agents)', () => {
    const list = concord(['help', '--json']).json() as { command: string; description: string; examples: string[]; options: { flags: string }[] }[];
    expect(list.length).toBeGreaterThan(40);
    for (const c of list) {
      expect(c.description, c.command).not.toBe('');
      expect(c.examples.length, `${c.command} has no example`).toBeGreaterThan(0);
      for (const e of c.examples) expect(e.startsWith('concord ') || e.includes('concord '), e).toBe(true);
    }
    const names = list.map((c) => c.command);
    for (const n of ['todo list', 'todo create', 'issue close', 'plan create', 'milestone add', 'dep graph', 'repo blocking', 'blocked', 'critical-path', 'roadmap', 'workload', 'init', 'completion', 'execute', 'sweep']) expect(names).toContain(n);
    const one = concord(['help', 'issue', 'create', '--json']).json() as { command: string; seed_name: string; options: { flags: string; choices?: string[] }[] }[];
    expect(one).toEqual([expect.objectContaining({ command: 'issue create', seed_name: 'create-issue' })]);
    expect(one[0]!.options).toContainEqual({ flags: '-p, --priority <priority>', description: 'priority (P0-P3 also work)', choices: ['critical', 'high', 'medium', 'low'] });
  });

  it('an unknown help topic is a usage error with the nearest command', () => {
    const r = concord(['help', 'todo', 'lst']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no command "todo lst" (did you mean "list"?)');
  });
});

describe('usage errors (exit 2) and domain errors (exit 1)', () => {
  it('a group without a verb shows its commands on stderr with exit 2', () => {
    const r = concord(['todo']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: concord todo \[options\] \[command\][\s\S]*list\|ls \[options\]/);
  });

  it('a mistyped subcommand or option suggests the nearest one', () => {
    const sub = concord(['todo', 'lst']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("error: unknown command 'lst'\n(Did you mean one of list, ls?)");
    const opt = concord(['todo', 'list', '--stauts', 'pending']);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("error: unknown option '--stauts'\n(Did you mean --status?)");
    expect(opt.stderr).toContain('Usage: concord todo list [options]\nRun `concord help todo list` for every option and an example.');
  });

  it('a missing argument or an extra one is a usage error; --json also gets it as JSON on stdout', () => {
    const missing = concord(['todo', 'show']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: missing required argument 'id'");
    const extra = concord(['status', 'extra', '--json']);
    expect(extra.code).toBe(2);
    expect(extra.json()).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('too many arguments') } });
  });

  it('--version prints the version, as JSON with --json', () => {
    expect(concord(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(concord(['--version', '--json']).json()).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
  });

  it('records who made a change: --actor, else CONCORD_ACTOR', () => {
    const { dir } = ecosystemDir(SMALL);
    const byFlag = concord(['--actor', 'bob', 'todo', 'note', 'TODO-5', 'from bob', '--json'], { cwd: dir }).json() as { notes: { author: string }[] };
    expect(byFlag.notes.at(-1)!.author).toBe('bob');
    const byEnv = concord(['todo', 'note', 'TODO-5', 'from carol', '--json'], { cwd: dir, env: { CONCORD_ACTOR: 'carol' } }).json() as { notes: { author: string }[] };
    expect(byEnv.notes.at(-1)!.author).toBe('carol');
  });

  it('with malformed YAML in the file: other records are still written, and an error about the broken one says the file has problems', () => {
    const { dir, file } = ecosystemDir(SMALL.replace('task: Document the API', 'task: "Document the API'));
    const created = concord(['todo', 'create', 'Still works', '--repo', 'web', '--json'], { cwd: dir });
    expect(created.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain(`- id: ${(created.json() as { id: string }).id}`);
    const broken = concord(['todo', 'update', 'TODO-4', '--status', 'in_progress'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^INVALID_RECORD: todo TODO-4 is invalid at line \d+: .*\n.*\nwarning: .* has 1 invalid record\(s\) or syntax error\(s\)/);
    expect(fs.readFileSync(file, 'utf8')).toContain('task: "Document the API');
  });

  it('prints no stack trace unless --debug (or CONCORD_DEBUG)', () => {
    const { dir } = ecosystemDir(SMALL);
    const plain = concord(['todo', 'show', 'TODO-9'], { cwd: dir });
    expect(plain.stderr).not.toMatch(/\bat .*\.c?js:\d+/);
    const debug = concord(['todo', 'show', 'TODO-9', '--debug'], { cwd: dir });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^TODO_NOT_FOUND: todo TODO-9 not found\n[\s\S]*\n {4}at .*\.c?js:\d+/);
    expect(concord(['todo', 'show', 'TODO-9'], { cwd: dir, env: { CONCORD_DEBUG: '1' } }).stderr).toMatch(/\n {4}at /);
  });

  it('warns on stderr when invalid records were left out of an answer, keeping stdout JSON, and exits 1', () => {
    const { dir } = ecosystemDir(SMALL.replace('task: Document the API', 'task: "Document the API'));
    const r = concord(['todo', 'list', '--json'], { cwd: dir });
    // The answer is printed, but it is not the whole truth: a script must not take it for one.
    expect(r.code).toBe(1);
    expect((r.json() as { total: number }).total).toBe(4);
    expect(r.stderr).toMatch(/^warning: .*ecosystem\.yaml has 1 invalid record\(s\) or syntax error\(s\), left out of this answer; run `concord lint` to see where\n$/);
  });
});

describe('validate', () => {
  it('plain `validate` still checks the file, as lint does', () => {
    const { dir } = ecosystemDir(SMALL);
    expect(concord(['validate'], { cwd: dir }).code).toBe(0);
  });
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
function onTerminal(args: string[], cwd: string, env: Record<string, string> = {}): string {
  const line = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  return execFileSync('script', ['-qec', line, '/dev/null'], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: '/tmp', TERM: 'xterm', CONCORD_ACTOR: 'e2e', ...env } });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(hasScript)('colour and progress', () => {
  it('uses colour on a terminal only, and never with NO_COLOR or --no-color', () => {
    const { dir } = ecosystemDir(SMALL);
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[\d+m/;
    expect(onTerminal(['todo', 'list'], dir)).toMatch(ansi);
    expect(onTerminal(['todo', 'list'], dir, { NO_COLOR: '1' })).not.toMatch(ansi);
    expect(onTerminal(['todo', 'list', '--no-color'], dir)).not.toMatch(ansi);
    expect(concord(['todo', 'list'], { cwd: dir }).stdout).not.toMatch(ansi);
  });

  it('shows scanning progress on a terminal and none in a pipe', () => {
    const dir = tempDir();
    for (const r of ['a', 'b']) execFileSync('git', ['init', '-q', path.join(dir, r)]);
    expect(onTerminal(['init'], dir)).toContain('\r\u001b[Kscanning: 2 folder(s) looked at, 2 repo(s) found');
    // Again, in a pipe: the existing file gets no new repo (both are in it), and nothing is printed on stderr.
    const piped = concord(['init'], { cwd: dir });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });

  it('says so while it indexes a large file for the first time, and counts dependency checks, on a terminal only', () => {
    const { dir, file } = ecosystemDir(generateEcosystem({ todos: 2_000, repos: 5 }));
    expect(fs.statSync(file).size).toBeGreaterThan(500_000);
    expect(concord(['ready', '--limit', '1'], { cwd: dir }).stderr).toBe('');
    fs.rmSync(path.join(dir, '.concord'), { recursive: true });
    // eslint-disable-next-line no-control-regex
    expect(onTerminal(['ready', '--limit', '1'], dir)).toMatch(/\r\u001b\[Kindexing ecosystem\.yaml \(\d\.\d MB\): the first read; later reads use the index\r\u001b\[K/);
    // Indexed now: nothing to say.
    expect(onTerminal(['ready', '--limit', '1'], dir)).not.toContain('indexing');

    const deps = ecosystemDir(
      ['repos:', '  - {name: a, path: ./a}', '  - {name: b, path: ./b}', 'coordination:', '  dependencies:', ...[1, 2, 3].map((n) => `    - {id: DEP-${n}, consumer: a, provider: b, validation: {command: "true"}}`)].join('\n') + '\n',
    );
    for (const r of ['a', 'b']) fs.mkdirSync(path.join(deps.dir, r));
    const shown = onTerminal(['dep', 'check', '--concurrency', '1'], deps.dir);
    expect(shown).toContain('\r\u001b[Kchecking dependencies: 1/3 done');
    expect(shown).toContain('\r\u001b[Kchecking dependencies: 2/3 done');
    expect(shown).toMatch(/3 satisfied/);
    const piped = concord(['dep', 'check'], { cwd: deps.dir });
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
  });
});

describe('shell completion', () => {
  const complete = (script: string, words: string[]) => {
    const line = words.map((w) => `'${w}'`).join(' ');
    const program = `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _concord; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
  };

  it('bash: completes commands, subcommands, options and enum values in a real bash', () => {
    const script = concord(['completion', 'bash']).stdout;
    expect(script).toContain('complete -F _concord concord');
    expect(complete(script, ['concord', 'to'])).toEqual(['todo']);
    expect(complete(script, ['concord', 'todo', 'cr'])).toEqual(['create']);
    expect(complete(script, ['concord', 'iss'])).toEqual(['issue']);
    expect(complete(script, ['concord', 'todo', 'list', '--st'])).toEqual(['--status']);
    expect(complete(script, ['concord', 'todo', 'list', '--status', 'in'])).toEqual(['in_progress']);
    expect(complete(script, ['concord', '--file', 'x.yaml', 'dep', 'graph', '--format', ''])).toEqual(['mermaid', 'dot', 'json']);
    expect(complete(script, ['concord', 'todo', 'ls', '--pri'])).toEqual(['--priority']);
    expect(complete(script, ['concord', 'list-todos', '--sta'])).toEqual(['--status']);
    expect(complete(script, ['concord', 'list-t'])).toEqual([]);
  });

  it('zsh and fish scripts are generated from the same tree', () => {
    const zsh = concord(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef concord\n/);
    expect(zsh.stdout).toContain("'todo list') subs=(); opts=(");
    const fish = concord(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c concord -n '__fish_use_subcommand' -a 'todo'");
    expect(fish.stdout).toContain("-l status -s s -r -a 'pending in_progress blocked completed cancelled'");
    const bad = concord(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no completion for "tcsh". Allowed: bash, zsh, fish.');
    expect(concord(['completion', 'fish', '--json']).json()).toEqual({ shell: 'fish', script: fish.stdout });
  });
});
