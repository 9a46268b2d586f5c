// `concord dep graph` (seed: `dep-graph`): the repo dependency graph or the todo graph, as Mermaid, DOT or JSON.
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { enumOption } from '../../args.js';
import type { CliContext } from '../../context.js';
import { withExamples } from '../define.js';

interface Opts {
  format: 'mermaid' | 'dot' | 'json';
  graph: 'repos' | 'todos';
  plan?: string;
  repo?: string;
  all?: boolean;
  output?: string;
}

export function depGraph(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('draw the repo dependency graph (or the todo graph with --graph todos) as Mermaid, Graphviz DOT or JSON')
      .addOption(enumOption('--format <format>', 'mermaid (default), dot or json', ['mermaid', 'dot', 'json']).default('mermaid'))
      .addOption(enumOption('--graph <graph>', 'repos: consumer -> provider (default); todos: blocker -> blocked, critical path marked', ['repos', 'todos']).default('repos'))
      .option('--plan <plan>', 'todos graph: only this plan')
      .option('-r, --repo <repo>', 'only this repo (and what it touches)')
      .option('--all', 'todos graph: include completed and cancelled work')
      .option('-o, --output <file>', 'write the drawing to a file instead of stdout')
      .action(async (opts: Opts, c: Command) => {
        const [{ diagram }, { renderMermaid }, { renderDot }] = await Promise.all([import('../../../app/queries.js'), import('../../../core/render/mermaid.js'), import('../../../core/render/dot.js')]);
        const out = ctx.output(c);
        const graph = await diagram(await ctx.workspace(c), { graph: opts.graph, ...(opts.plan ? { plan: opts.plan } : {}), ...(opts.repo ? { repo: opts.repo } : {}), ...(opts.all ? { all: true } : {}) });
        const text = opts.format === 'mermaid' ? renderMermaid(graph) : opts.format === 'dot' ? renderDot(graph) : JSON.stringify(graph, null, 2) + '\n';
        if (opts.output) {
          const file = path.resolve(ctx.io.cwd, opts.output);
          fs.writeFileSync(file, text);
          out.note(`wrote ${opts.format} drawing of ${graph.nodes.length} ${opts.graph} to ${file}`);
        }
        if (out.json) out.result({ format: opts.format, graph, ...(opts.format === 'json' ? {} : { text }), ...(opts.output ? { file: path.resolve(ctx.io.cwd, opts.output) } : {}) }, () => '');
        else if (!opts.output) ctx.io.stdout.write(text);
      });
    return withExamples(
      cmd,
      'concord dep-graph > deps.mmd',
      'concord dep graph --format dot | dot -Tsvg > deps.svg',
      'concord dep graph --graph todos --plan PLAN-001 --format mermaid -o plan.mmd',
      'concord dep-graph --graph todos --json',
    );
  };
}
