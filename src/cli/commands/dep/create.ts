// `concord dep create`: a new inter-repo dependency (consumer needs provider); prints it with its new id.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withExamples } from '../define.js';
import { addDependencyFieldOptions, dependencyInput } from './fields.js';

export function depCreate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('record that one repo needs another (prints it, with its new id)');
    addDependencyFieldOptions(cmd, 'create').action(async (opts: Record<string, unknown>, c: Command) => {
      const input = dependencyInput(opts, ctx.io.cwd);
      if (!input['consumer'] || !input['provider']) c.error('error: a dependency needs --consumer <repo> and --provider <repo>', { exitCode: 2, code: 'concord.missingRepos' });
      const { createDependency } = await import('../../../app/dependencies.js');
      const out = ctx.output(c);
      const r = await createDependency(await ctx.workspace(c), input);
      out.result(r.dependency, (d) => `Created ${out.paint(d.id, 'bold')}  ${d.consumer} needs ${d.provider} (${d.type}${d.version_constraint ? ` ${d.version_constraint}` : ''})`);
    });
    return withExamples(
      cmd,
      'concord dep create --consumer web --provider api --type runtime --constraint ">=1.2.0" --command "npm ls @acme/api" --expect "@acme/api@1\\."',
      'concord dep create --consumer api --provider auth --type mcp --health-check http://127.0.0.1:8678/health --expect-status 200 --json',
    );
  };
}
