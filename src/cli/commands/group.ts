// Command groups shared by several files: `todo`, `dep`, `repo`... are created once, extended by each file.
import type { Command } from 'commander';

/**
 * The `name` subcommand of `program`, created on first use; later calls add to the same group. The noun's
 * own folder gives the description; files that only add verbs to it (dep-check.ts, todo-claims.ts) give none,
 * so the help says the same whichever modules a run loads.
 */
export function commandGroup(program: Command, name: string, description?: string): Command {
  const group = program.commands.find((c) => c.name() === name) ?? program.command(name);
  if (description) group.description(description);
  return group;
}
