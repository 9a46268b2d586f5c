// The options for every dependency field, shared by `dep create` and `dep update`, and the input they make.
import { type Command, Option } from 'commander';
import { DEPENDENCY_STATUSES, DEPENDENCY_TYPES } from '../../../core/enums.js';
import { count, enumOption, statusCode } from '../../args.js';
import { fieldsFrom, inputFrom } from '../../input.js';
import { addClearOptions, addMetadataAndInputOptions } from '../field-options.js';

const DEP_FIELDS: Record<string, string> = {
  consumer: 'consumer',
  provider: 'provider',
  type: 'type',
  constraint: 'version_constraint',
  status: 'status',
  notes: 'notes',
  metadata: 'metadata',
};
const VALIDATION_FIELDS: Record<string, string> = {
  command: 'command',
  expect: 'expected_pattern',
  healthCheck: 'health_check',
  expectStatus: 'expected_status',
  timeout: 'timeout_ms',
  cwd: 'cwd',
};

export function addDependencyFieldOptions(cmd: Command, mode: 'create' | 'update'): Command {
  if (mode === 'create') cmd.option('-c, --consumer <repo>', 'the repo that needs the other').option('--provider <repo>', 'the repo it needs');
  const replaces = mode === 'update' ? ' (validation options replace the whole validation)' : '';
  cmd
    .addOption(enumOption('--type <type>', 'kind of dependency', DEPENDENCY_TYPES, 'dependencyType'))
    .option('--constraint <range>', 'version constraint, e.g. ">=0.2.0"')
    .addOption(enumOption('-s, --status <status>', 'status', DEPENDENCY_STATUSES, 'dependencyStatus'))
    .option('--notes <text>', 'why the consumer needs it')
    .option('--command <cmd>', `validation: a command to run (no shell; | pipes between stages)${replaces}`)
    .option('--expect <regex>', 'validation: a pattern the command output must match')
    .option('--health-check <url>', 'validation: an http(s):// URL or tcp://host:port to probe')
    .addOption(new Option('--expect-status <code>', 'validation: the HTTP status the health check must return').argParser(statusCode))
    .addOption(new Option('--timeout <ms>', 'validation: time limit in milliseconds').argParser(count))
    .addOption(enumOption('--cwd <side>', 'validation: run the command in the consumer (default) or the provider', ['consumer', 'provider']));
  addMetadataAndInputOptions(cmd, mode);
  if (mode === 'update') addClearOptions(cmd, ['constraint', 'notes', 'validation', 'metadata']);
  return cmd;
}

/** The CreateDependencyInput / UpdateDependencyInput the options describe. */
export function dependencyInput(opts: Record<string, unknown>, cwd: string): Record<string, unknown> {
  const validation = fieldsFrom(opts, VALIDATION_FIELDS);
  return {
    ...inputFrom(opts, DEP_FIELDS, cwd),
    ...(Object.keys(validation).length ? { validation } : {}),
    ...(opts['validation'] === false ? { validation: null } : {}),
  };
}
