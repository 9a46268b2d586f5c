// The command tree as plain data, for the shell completion scripts.
import type { Command, Option } from 'commander';
import { isHidden } from '../commands/define.js';

export interface CompletionOption {
  /** `--status`, `-s`. */
  names: string[];
  takesValue: boolean;
  choices?: string[];
  description: string;
}

export interface CompletionCommand {
  /** Words from the root: [] for `concord`, ['todo', 'list'] for `concord todo list`. */
  path: string[];
  names: string[];
  /** The seed's names: completed after, not offered. */
  hidden: boolean;
  description: string;
  options: CompletionOption[];
  subcommands: CompletionCommand[];
}

function options(cmd: Command): CompletionOption[] {
  return (cmd.options as Option[])
    .filter((o) => !o.hidden)
    .map((o) => ({
      names: [o.long, o.short].filter((x): x is string => Boolean(x)),
      takesValue: o.required || o.optional,
      ...(o.argChoices ? { choices: o.argChoices } : {}),
      description: o.description,
    }));
}

/** Commands (and their aliases) with their options; the root's options apply everywhere. */
export function completionModel(cmd: Command, path: string[] = []): CompletionCommand {
  const subs = cmd.commands;
  return {
    path,
    names: [cmd.name(), ...cmd.aliases()],
    hidden: isHidden(cmd),
    description: cmd.summary() || cmd.description(),
    options: [...options(cmd), { names: ['--help', '-h'], takesValue: false, description: 'show help' }],
    subcommands: subs.map((s) => completionModel(s, [...path, s.name()])),
  };
}

/** The subcommand names worth offering (not the hidden seed names). */
export const offered = (c: CompletionCommand) => c.subcommands.filter((s) => !s.hidden);

export function flatten(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.subcommands.flatMap(flatten)];
}
