// Hints on the command line: operations as `concord …` commands, arguments as options.
import type { HintStyle, Operation } from '../core/hints.js';

const COMMANDS: Record<Operation, string> = {
  'todo.list': 'concord todo list',
  'todo.ready': 'concord ready',
  'todo.claim': 'concord todo claim',
  'issue.list': 'concord issue list',
  'plan.list': 'concord plan list',
  'milestone.list': 'concord milestone list',
  'dependency.list': 'concord dep list',
  'repo.list': 'concord repo list',
  'checkpoint.save': 'concord checkpoint save',
  'checkpoint.list': 'concord checkpoint list',
  'run.list': 'concord run list',
  'run.resume': 'concord run resume',
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

/** Input fields the commands take as their argument, not as an option (`concord job reset nightly`). */
const POSITIONAL = new Set(['id', 'name']);

/** Input fields whose option is not `--` + the field's name with dashes. */
const OPTIONS: Record<string, string> = { estimated_hours: '--estimate', actual_hours: '--actual', acceptance_criteria: '--acceptance', lease_seconds: '--lease' };

const option = (name: string, value: unknown) => {
  const flag = OPTIONS[name] ?? `--${name.replaceAll('_', '-')}`;
  if (value === undefined || value === true) return flag;
  const text = String(value);
  return /^[\w.,:/@-]+$/.test(text) ? `${flag} ${text}` : `${flag} ${JSON.stringify(text)}`;
};

export const CLI_HINTS: HintStyle = {
  op: ({ op, args = {} }) => {
    const words = Object.entries(args).map(([k, v]) => (POSITIONAL.has(k) ? String(v) : option(k, v)));
    return `\`${[COMMANDS[op], ...words].join(' ')}\``;
  },
  arg: ({ arg, value }) => option(arg, value),
};
