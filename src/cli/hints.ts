// Hints on the command line: operations as `concord …` commands, arguments as options.
import type { HintStyle, Operation } from '../core/hints.js';

const COMMANDS: Record<Operation, string> = {
  'todo.list': 'concord todo list',
  'todo.ready': 'concord ready',
  'todo.claim': 'concord todo claim',
  'todo.update': 'concord todo update',
  'issue.list': 'concord issue list',
  'issue.update': 'concord issue update',
  'issue.close': 'concord issue close',
  'plan.list': 'concord plan list',
  'milestone.list': 'concord milestone list',
  'dependency.list': 'concord dep list',
  'repo.list': 'concord repo list',
  'repo.add': 'concord repo add',
  'repo.update': 'concord repo update',
  'role.add': 'concord role add',
  'role.update': 'concord role update',
  'checkpoint.save': 'concord checkpoint save',
  'checkpoint.list': 'concord checkpoint list',
  'run.list': 'concord run list',
  'run.retry': 'concord run retry',
  'run.resume': 'concord run resume',
  'plan.sweep': 'concord sweep',
  'sweep.show': 'concord sweep-status',
  'plan.validate': 'concord plan validate',
  'hook.deliveries': 'concord hooks deliveries',
  'workflow.validate': 'concord workflow validate',
  'workflow.show': 'concord workflow show',
  worker: 'concord worker',
  lint: 'concord lint',
  'job.list': 'concord job list',
  'job.show': 'concord job show',
  'job.reset': 'concord job reset',
  'activity.list': 'concord activity list',
  'activity.show': 'concord activity show',
  'activity.enable': 'concord activity enable',
  'activity.reset': 'concord activity reset',
};

/** Input fields whose option is not `--` + the field's name with dashes. */
const OPTIONS: Record<string, string> = { estimated_hours: '--estimate', actual_hours: '--actual', acceptance_criteria: '--acceptance', lease_seconds: '--lease' };

const option = (name: string, value: unknown) => {
  const flag = OPTIONS[name] ?? `--${name.replaceAll('_', '-')}`;
  if (value === undefined || value === true) return flag;
  const text = String(value);
  // A placeholder (`<value>`) is for the reader to fill in, not to quote.
  return /^[\w.,:/@-]+$|^<\w+>$/.test(text) ? `${flag} ${text}` : `${flag} ${JSON.stringify(text)}`;
};

/** Commands whose record is an option, not their argument (`concord sweep --plan PLAN-1`). */
const BY_OPTION: Partial<Record<Operation, readonly string[]>> = { 'plan.sweep': ['plan'] };

/** The record an operation works on (`id`, `name`, or `repo` for `repo.update`) is the command's argument, not an option. */
const words = (op: Operation, args: Record<string, unknown>) =>
  Object.entries(args).map(([k, v]) => ((k === 'id' || k === 'name' || k === op.split('.')[0]) && !BY_OPTION[op]?.includes(k) ? String(v) : option(k, v)));

export const CLI_HINTS: HintStyle = {
  op: ({ op, args }) => `\`${[COMMANDS[op], ...words(op, args ?? {})].join(' ')}\``,
  arg: ({ arg, value }) => option(arg, value),
};
