// `add_<list>` / `remove_<list>` in an update: edits of a list field against its current value, under the lock.
//
// Replacing a list (`blocked_by: [...]`) needs the current list, read before the write; two agents adding a
// blocker each would lose one. An edit is resolved inside the planner, against the state the write sees.

/** The list fields of todos and issues that `add_` / `remove_` apply to. */
export const EDITABLE_LISTS = ['blocked_by', 'blocking', 'labels'] as const;

/** The input with every `add_<f>` / `remove_<f>` folded into `<f>` (given or current list, minus removes, plus adds). */
export function resolveListEdits<T extends object>(before: object, input: T, fields: readonly string[]): T {
  const out = { ...input } as Record<string, unknown>;
  const was = before as Record<string, unknown>;
  for (const f of fields) {
    const add = out[`add_${f}`] as string[] | undefined;
    const remove = out[`remove_${f}`] as string[] | undefined;
    delete out[`add_${f}`];
    delete out[`remove_${f}`];
    if (!add?.length && !remove?.length) continue;
    const base = (out[f] as string[] | undefined) ?? (was[f] as string[] | undefined) ?? [];
    const drop = new Set(remove ?? []);
    out[f] = [...new Set([...base.filter((x) => !drop.has(x)), ...(add ?? [])])];
  }
  return out as T;
}
