// A todo as a compact row: enough to choose, small enough for agents to read many within their token budget.
// The MCP tools' rows (src/mcp/compact.ts) and operations that answer agents with one (todo.claim-next) share it.
import { z } from 'zod';
import type { TodoRow } from './model.js';

/** `s` cut to `limit` characters, an ellipsis marking the cut. */
export const cut = (s: string, limit = 120) => (s.length > limit ? s.slice(0, limit - 1) + '…' : s);

export const TodoCompactSchema = z.object({
  id: z.string(),
  task: z.string(),
  status: z.string(),
  priority: z.string(),
  repo: z.string().optional(),
  assignee: z.string().optional(),
  estimated_hours: z.number().optional(),
  plan: z.string().optional(),
});

export const opt = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

export function compactTodo(t: TodoRow): z.infer<typeof TodoCompactSchema> {
  return { id: t.id, task: cut(t.task), status: t.status, priority: t.priority, ...opt('repo', t.repo), ...opt('assignee', t.assignee), ...opt('estimated_hours', t.estimated_hours), ...opt('plan', t.plan) };
}
