// `concord waves`: unresolved work in parallel waves (everything in a wave waits only on earlier waves).
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

export function registerWaves(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('waves')
    .description('unresolved work in waves that can run in parallel')
    .option('--plan <plan>', 'only the todos of this plan')
    .option('-r, --repo <repo>', 'only the todos of this repo')
    .action(async (opts: { plan?: string; repo?: string }, c: Command) => {
      const { waves } = await import('../../app/queries.js');
      const out = ctx.output(c);
      const w = await waves(await ctx.workspace(c), opts);
      out.result(w, (v) => {
        if (v.waves.length === 0 && v.cyclic.length === 0) return 'No unresolved work.';
        const lines = v.waves.map((ids, i) => `${out.paint(`wave ${i + 1}`, 'bold')} (${ids.length})  ${ids.join(' ')}`);
        if (v.cyclic.length) lines.push(out.paint(`on or behind a cycle (run \`concord lint\`): ${v.cyclic.join(' ')}`, 'red'));
        return lines.join('\n');
      });
    });
  withExamples(cmd, 'concord waves --plan PLAN-001', 'concord waves --json');
}
