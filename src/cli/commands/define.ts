// Helpers every command file uses: examples in help, and the seed's flat names (`list-todos`) beside `todo list`.
import type { Command } from 'commander';

const EXAMPLES = new WeakMap<Command, string[]>();

/** Adds examples shown by `concord help <command>` (and listed by `concord help --json`). */
export function withExamples(cmd: Command, ...lines: string[]): Command {
  EXAMPLES.set(cmd, [...(EXAMPLES.get(cmd) ?? []), ...lines]);
  return cmd;
}

export function examplesOf(cmd: Command): readonly string[] {
  return EXAMPLES.get(cmd) ?? [];
}

const SEED_NAMES = new WeakMap<Command, string>();

/**
 * Registers `make(verb)` under its noun group, and `make(flat)` at the top level as the name seed 004 uses
 * (`concord list-todos`): the same options and behaviour, hidden from the main help to keep it short.
 */
export function nounVerb(program: Command, group: Command, verb: string, flat: string | undefined, make: (name: string) => Command): Command {
  const primary = make(verb);
  group.addCommand(primary);
  if (flat) {
    const alias = make(flat);
    SEED_NAMES.set(primary, flat);
    program.addCommand(alias, { hidden: true });
  }
  return primary;
}

/** The seed-004 name of a noun-verb command (`list-todos` for `todo list`), if it has one. */
export function seedNameOf(cmd: Command): string | undefined {
  return SEED_NAMES.get(cmd);
}

/** Hidden from the help (the seed's flat names); commander keeps this flag private. */
export const isHidden = (cmd: Command): boolean => (cmd as unknown as { _hidden: boolean })._hidden;

/** `concord todo list`: the words that run `cmd`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
