// Command groups shared by several files: `todo`, `dep`, `repo`... are created once, extended by each file.
import type { Command } from 'commander';

/** The `name` subcommand of `program`, created on first use; later calls add to the same group. */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(description);
}
