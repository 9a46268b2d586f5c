// `concord checkpoint save|restore|list`: the state of work on a todo, for the next session (seed 000).
import type { Command } from 'commander';
import { ConcordError } from '../../core/errors.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { readJson } from '../input.js';
import { commandGroup } from './group.js';

const checkpoints = () => import('../../app/checkpoints.js');

/** `0.75`, `.75` or `75%`. */
function parseProgress(text: string): number {
  const t = text.trim();
  const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (t === '' || !Number.isFinite(n)) throw new ConcordError('INVALID_INPUT', `--progress "${text}" is not a number`, { hint: 'give a fraction (0.75) or a percentage (75%)' });
  return n;
}

export function registerCheckpoint(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'checkpoint', 'save and restore the state of work on a todo, for the next session');

  group
    .command('save')
    .description('save a checkpoint: phase, progress and any JSON state')
    .requiredOption('--todo <id>', 'the todo')
    .requiredOption('--phase <phase>', 'where the work is: planning, implementation, review…')
    .requiredOption('--progress <p>', 'how far: 0.75 or 75%')
    .option('--state <file>', 'a JSON file holding the state (- for stdin)')
    .option('--note <text>', 'a line for the next session')
    .action(async (opts: { todo: string; phase: string; progress: string; state?: string; note?: string }, cmd: Command) => {
      const out = ctx.output(cmd);
      const input = {
        todo: opts.todo,
        phase: opts.phase,
        progress: parseProgress(opts.progress),
        ...(opts.state !== undefined ? { state: readJson(opts.state, ctx.io.cwd, `the state file ${opts.state}`) } : {}),
        ...(opts.note !== undefined ? { note: opts.note } : {}),
      };
      const { saveCheckpoint } = await checkpoints();
      const saved = await saveCheckpoint(await ctx.workspace(cmd), input);
      out.result(saved, (s) => `checkpoint ${s.checkpoint.id} of ${s.checkpoint.todo}: ${s.checkpoint.phase}, ${Math.round(s.checkpoint.progress * 100)}%${s.pruned ? ` (${s.pruned} older dropped)` : ''}`);
    });

  group
    .command('restore')
    .description('show the latest checkpoint of a todo (or the one with --id), with its state')
    .option('--todo <id>', 'the todo')
    .option('--id <n>', 'a checkpoint id', count)
    .option('--state-only', 'print only the state JSON (for a file or a pipe)')
    .action(async (opts: { todo?: string; id?: number; stateOnly?: boolean }, cmd: Command) => {
      const out = ctx.output(cmd);
      const { stateOnly, ...input } = opts;
      const { restoreCheckpoint } = await checkpoints();
      const c = await restoreCheckpoint(await ctx.workspace(cmd), input);
      if (stateOnly) {
        ctx.io.stdout.write(JSON.stringify(c.state, null, 2) + '\n');
        return;
      }
      out.result(c, (v) =>
        [
          `${out.paint(`checkpoint ${v.id}`, 'bold')} of ${v.todo}: ${v.phase}, ${Math.round(v.progress * 100)}% — ${v.actor} via ${v.surface}, ${v.created_at}`,
          ...(v.note ? [`note: ${v.note}`] : []),
          JSON.stringify(v.state, null, 2),
        ].join('\n'),
      );
    });

  group
    .command('list')
    .description('checkpoints, newest first')
    .option('--todo <id>', 'only this todo')
    .option('-n, --limit <n>', 'at most this many (default 20)', count)
    .action(async (opts: { todo?: string; limit?: number }, cmd: Command) => {
      const { listCheckpoints } = await checkpoints();
      const out = ctx.output(cmd);
      out.result(await listCheckpoints(await ctx.workspace(cmd), opts), (r) =>
        r.checkpoints.length
          ? out.table(r.checkpoints, [
              { header: 'ID', get: (c) => c.id, align: 'right' },
              { header: 'TODO', get: (c) => c.todo },
              { header: 'PHASE', get: (c) => c.phase },
              { header: 'PROGRESS', get: (c) => `${Math.round(c.progress * 100)}%`, align: 'right' },
              { header: 'BY', get: (c) => c.actor },
              { header: 'WHEN', get: (c) => c.created_at },
              { header: 'NOTE', get: (c) => c.note ?? '', max: 50 },
            ])
          : 'No checkpoints.',
      );
    });
}
