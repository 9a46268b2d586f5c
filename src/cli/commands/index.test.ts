import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliContext } from '../context.js';
import { COMMAND_MODULES, commandWord, modulesFor, runWords } from './index.js';

const ctx = new CliContext({ stdout: process.stdout, stderr: process.stderr, env: {}, cwd: process.cwd() });

describe('command modules', () => {
  it('declare exactly the top-level commands they register, so a run loads the right ones', async () => {
    for (const m of COMMAND_MODULES) {
      const program = new Command('concord');
      (await m.load())(program, ctx);
      const registered = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      expect([...new Set(registered)].sort(), `declared ${m.commands.join(', ')}`).toEqual([...new Set(m.commands)].sort());
    }
  });

  it('declare exactly the verbs they add to groups of other modules, so a run of another verb need not load them', async () => {
    for (const m of COMMAND_MODULES.filter((x) => x.verbs)) {
      const program = new Command('concord');
      (await m.load())(program, ctx);
      for (const [group, verbs] of Object.entries(m.verbs!)) {
        const added = program.commands.find((c) => c.name() === group)!.commands.flatMap((c) => [c.name(), ...c.aliases()]);
        expect(added.sort(), `${group} verbs of ${m.commands.join(', ')}`).toEqual([...verbs].sort());
      }
    }
  });

  it('finds the command word after global options', () => {
    expect(commandWord(['--json', '-f', 'x.yaml', 'todo', 'list'])).toBe('todo');
    expect(commandWord(['--actor', 'me', '--file', 'todo', 'ready'])).toBe('ready');
    expect(commandWord(['--json'])).toBeUndefined();
    expect(modulesFor(['ready', '--json']).map((m) => m.commands)).toEqual([['ready']]);
    expect(modulesFor(['todo', 'list']).length).toBe(1);
    expect(modulesFor(['todo', 'claim', 'TODO-1']).length).toBe(2);
    expect(modulesFor(['todo', '--help']).length).toBe(2);
    expect(modulesFor(['help', 'todo'])).toBe(COMMAND_MODULES);
    expect(modulesFor(['staus'])).toBe(COMMAND_MODULES);
    expect(modulesFor(['--version'])).toEqual([]);
    expect(runWords(['--json', 'todo', 'show', 'TODO-1'])).toEqual({ command: 'todo', verb: 'show' });
    expect(runWords(['status', '--repo', 'api'])).toEqual({ command: 'status' });
  });
});
