// `concord execute`, `concord sweep` (and `validate --plan`): pool execution, which is not built yet; they say so.
import type { Command } from 'commander';
import { ConcordError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

/** The error every pool-execution command gives until pools exist: nothing is run, nothing is changed. */
export function notYetAvailable(what: string, meanwhile: string): ConcordError {
  return new ConcordError('NOT_IMPLEMENTED', `${what} arrives with pool execution, which this version of Concord does not have yet; nothing was run`, {
    hint: meanwhile,
    data: { feature: 'pool_execution' },
  });
}

export function registerExecution(program: Command, _ctx: CliContext): void {
  const execute = program
    .command('execute')
    .description('run a todo in a worker pool (not yet available)')
    .argument('<todo>', 'todo id')
    .option('--pool <name>', 'the pool to run it in')
    .action(() => {
      throw notYetAvailable('`concord execute`', 'meanwhile, pick work with `concord ready` and record progress with `concord todo update <id> --status in_progress`');
    });
  withExamples(execute, 'concord execute TODO-001');
  const sweep = program
    .command('sweep')
    .description('run the ready todos of a plan (not yet available)')
    .requiredOption('--plan <plan>', 'the plan to sweep')
    .option('--pool <name>', 'the pool to run them in')
    .action(() => {
      throw notYetAvailable('`concord sweep`', 'meanwhile, `concord ready --plan <plan>` lists what a sweep would start');
    });
  withExamples(sweep, 'concord sweep --plan PLAN-001');
}
