// `concord help [command...]`: help for any command with an example; `--json` gives the whole tree for agents.
import { Command, type Option } from 'commander';
import { suggest } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { commandPath, examplesOf, isHidden, seedNameOf } from './define.js';

interface CommandInfo {
  command: string;
  aliases: string[];
  seed_name?: string;
  description: string;
  usage: string;
  options: { flags: string; description: string; choices?: string[] }[];
  examples: string[];
}

function info(cmd: Command): CommandInfo {
  const seed = seedNameOf(cmd);
  return {
    command: commandPath(cmd).replace(/^concord /, ''),
    aliases: cmd.aliases(),
    ...(seed ? { seed_name: seed } : {}),
    description: cmd.description(),
    usage: `${commandPath(cmd)} ${cmd.usage()}`,
    options: (cmd.options as Option[]).filter((o) => !o.hidden).map((o) => ({ flags: o.flags, description: o.description, ...(o.argChoices ? { choices: o.argChoices } : {}) })),
    examples: [...examplesOf(cmd)],
  };
}

/** Every runnable command (leaves of the tree, visible ones), depth first. */
function leafCommands(root: Command): Command[] {
  const out: Command[] = [];
  const visit = (c: Command) => {
    for (const sub of c.commands) {
      if (isHidden(sub) || sub.name() === 'help') continue;
      if (sub.commands.filter((s) => s.name() !== 'help').length) visit(sub);
      else out.push(sub);
    }
  };
  visit(root);
  return out;
}

/** The command named by `words` (names or aliases, hidden seed names included). */
function resolve(root: Command, words: readonly string[]): Command {
  let cur = root;
  for (const w of words) {
    const next = cur.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (next === undefined) {
      const guess = suggest(w, cur.commands.map((c) => c.name()));
      cur.error(`error: no command "${[...commandPath(cur).split(' ').slice(1), w].join(' ')}"${guess ? ` (did you mean "${guess}"?)` : ''}`, { exitCode: 2, code: 'concord.unknownHelpTopic' });
      return cur; // not reached: error() throws
    }
    cur = next;
  }
  return cur;
}

export function registerHelp(program: Command, ctx: CliContext): void {
  program.addCommand(
    new Command('help')
      .description('help for a command, with examples (--json: all commands)')
      .argument('[command...]', 'a command, e.g. `todo list` or `list-todos`')
      .action((words: string[], _opts: unknown, c: Command) => {
        const out = ctx.output(c);
        const target = resolve(program, words);
        if (out.json) {
          const commands = target === program ? leafCommands(program) : target.commands.length ? leafCommands(target) : [target];
          out.result(commands.map(info), () => '');
          return;
        }
        target.outputHelp();
      }),
  );
}
