// Settings every command of the tree shares (errors, output, usage after an error, examples, help groups).
import type { Command, Option } from 'commander';
import { commandPath, examplesOf, isHidden, seedNameOf, withExamples } from './commands/define.js';

/** Help headings of the top-level commands; commands not listed here appear under "More commands:". */
const HELP_GROUPS: Record<string, string> = {
  todo: 'Work items:',
  issue: 'Work items:',
  plan: 'Work items:',
  milestone: 'Work items:',
  dep: 'Work items:',
  repo: 'Work items:',
  status: 'What is going on:',
  ready: 'What is going on:',
  blocked: 'What is going on:',
  blocking: 'What is going on:',
  'blocked-by': 'What is going on:',
  'critical-path': 'What is going on:',
  waves: 'What is going on:',
  roadmap: 'What is going on:',
  workload: 'What is going on:',
  'dep-graph': 'What is going on:',
  init: 'Set-up and checks:',
  lint: 'Set-up and checks:',
  validate: 'Set-up and checks:',
  schema: 'Set-up and checks:',
  completion: 'Set-up and checks:',
  help: 'Set-up and checks:',
  history: 'Memory and context:',
  search: 'Memory and context:',
  trends: 'Memory and context:',
  hooks: 'Memory and context:',
  checkpoint: 'Memory and context:',
  mcp: 'Agents and servers:',
  serve: 'Agents and servers:',
  'claim-next': 'Work items:',
  execute: 'Pool execution:',
  sweep: 'Pool execution:',
  'sweep-status': 'Pool execution:',
  run: 'Pool execution:',
  worker: 'Pool execution:',
};

/**
 * Commands added with `addCommand` do not inherit the program's settings, so they are applied here, to
 * the whole tree, once every group (including other files' subcommands) is registered.
 */
export function finalizeTree(program: Command): void {
  for (const cmd of program.commands) {
    if (!cmd.helpGroup()) cmd.helpGroup(HELP_GROUPS[cmd.name()] ?? 'More commands:');
  }
  const visit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.copyInheritedSettings(cmd);
      const path = commandPath(sub);
      sub.showHelpAfterError(`Usage: ${path} ${sub.usage()}\nRun \`concord help ${path.slice('concord '.length)}\` for every option and an example.`);
      if (examplesOf(sub).length === 0 && sub.commands.length === 0) withExamples(sub, exampleFromUsage(sub));
      const examples = examplesOf(sub);
      const seed = seedNameOf(sub);
      if (examples.length || seed) {
        sub.addHelpText('after', () => [
          ...(examples.length ? ['', 'Examples:', ...examples.map((e) => `  $ ${e}`)] : []),
          ...(seed ? ['', `Also available as \`concord ${seed}\` (the name in the design).`] : []),
        ].join('\n'));
      }
      visit(sub);
    }
  };
  visit(program);
  program.showHelpAfterError('Run `concord help` for the list of commands.');
  const seedNames = program.commands.filter(isHidden).map((c) => c.name());
  program.addHelpText('after', () =>
    [
      '',
      'Every command takes --json (stable JSON on stdout, diagnostics on stderr). Exit codes: 0 ok, 1 a',
      'domain error (CODE: message, then a hint), 2 a usage error. `concord help <command>` shows examples.',
      ...(seedNames.length ? ['', `The names of the design also work: ${seedNames.join(', ')}.`] : []),
    ].join('\n'),
  );
}

/** For a command registered without examples: its required arguments and options, as placeholders. */
function exampleFromUsage(cmd: Command): string {
  const args = cmd.registeredArguments.filter((a) => a.required).map((a) => `<${a.name()}>`);
  const opts = (cmd.options as Option[]).filter((o) => o.mandatory).map((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('--') || f.startsWith('<')).join(' '));
  return ['concord', ...commandPath(cmd).split(' ').slice(1), ...args, ...opts].join(' ');
}
