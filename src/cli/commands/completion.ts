// `concord completion bash|zsh|fish`: a completion script generated from the command tree.
import type { Command } from 'commander';
import { bashCompletion } from '../completion/bash.js';
import { fishCompletion } from '../completion/fish.js';
import { completionModel } from '../completion/model.js';
import { zshCompletion } from '../completion/zsh.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

export function registerCompletion(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('completion')
    .description('shell completion for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string, _opts: unknown, c: Command) => {
      const shells = ['bash', 'zsh', 'fish'];
      if (!shells.includes(shell)) c.error(`error: no completion for "${shell}". Allowed: ${shells.join(', ')}.`, { exitCode: 2, code: 'concord.badShell' });
      const model = completionModel(program);
      const globals = model.options.flatMap((o) => o.names).filter((n) => !['--help', '-h', '--version', '-V'].includes(n));
      const script = shell === 'bash' ? bashCompletion(model, globals) : shell === 'zsh' ? zshCompletion(model, globals) : fishCompletion(model);
      const out = ctx.output(c);
      if (out.json) out.result({ shell, script }, () => '');
      else ctx.io.stdout.write(script);
    });
  withExamples(cmd, 'source <(concord completion bash)   # in ~/.bashrc', 'concord completion zsh > "${fpath[1]}/_concord"', 'concord completion fish > ~/.config/fish/completions/concord.fish');
}
