// Hints that name what the caller can do next without any surface's syntax: they refer to operations
// and arguments, and each surface renders those its own way (`concord todo list` or coord_list_todos,
// `--force` or `force: true`). The ids are the operations' names, which the surfaces map to commands and
// tools (src/cli/hints.ts, src/mcp/hints.ts; the compiler checks both know every one).

export const OPERATIONS = [
  'todo.list',
  'todo.ready',
  'todo.claim',
  'todo.update',
  'issue.list',
  'issue.update',
  'issue.close',
  'plan.list',
  'milestone.list',
  'dependency.list',
  'repo.list',
  'repo.add',
  'repo.update',
  'role.add',
  'role.update',
  'checkpoint.save',
  'checkpoint.list',
  'run.list',
  'run.retry',
  'run.resume',
  'plan.sweep',
  'sweep.show',
  'plan.validate',
  'hook.deliveries',
  'workflow.validate',
  'workflow.show',
  'worker',
  'lint',
  'job.list',
  'job.show',
  'job.reset',
  'activity.list',
  'activity.show',
  'activity.enable',
  'activity.reset',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Another operation, optionally with the arguments to call it with. */
export interface OperationRef {
  op: Operation;
  args?: Record<string, unknown>;
}
/** An argument of the operation that failed: `claim_token`, or with a value (`force` true, `plan` PLAN-1). */
export interface ArgumentRef {
  arg: string;
  value?: unknown;
}
export type HintPart = string | OperationRef | ArgumentRef;
/** A plain sentence, or one with references in it. */
export type Hint = string | readonly HintPart[];

export const op = (id: Operation, args?: Record<string, unknown>): OperationRef => (args ? { op: id, args } : { op: id });
export const arg = (name: string, value?: unknown): ArgumentRef => (value === undefined ? { arg: name } : { arg: name, value });

/** hint`resolve them first, or pass ${arg('force', true)}`: a hint with references in it. */
export function hint(strings: TemplateStringsArray, ...refs: (OperationRef | ArgumentRef | string | number)[]): readonly HintPart[] {
  const parts: HintPart[] = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    const ref = refs[i];
    if (ref !== undefined) parts.push(typeof ref === 'number' ? String(ref) : ref);
  });
  return parts;
}

/** How a surface spells references. */
export interface HintStyle {
  op: (ref: OperationRef) => string;
  arg: (ref: ArgumentRef) => string;
}

/** The names as they are, for logs and for callers that know no surface. */
export const PLAIN_STYLE: HintStyle = {
  op: (r) => (r.args ? `${r.op} ${JSON.stringify(r.args)}` : r.op),
  arg: (r) => (r.value === undefined ? r.arg : `${r.arg}: ${JSON.stringify(r.value)}`),
};

export function renderHint(h: Hint | undefined, style: HintStyle): string | undefined {
  if (h === undefined || typeof h === 'string') return h;
  return h.map((p) => (typeof p === 'string' ? p : 'op' in p ? style.op(p) : style.arg(p))).join('');
}
