// The dashboard's one way to call the Concord API: JSON in and out, errors as ApiError with the server's message and hint.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
  /** The message and the hint, as a person reads them. */
  get text(): string {
    return this.hint ? `${this.message} (${this.hint})` : this.message;
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(`api/${path.replace(/^\//, '')}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), 'x-concord-actor': 'dashboard' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; hint?: string } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? `${res.status} ${res.statusText}`, e?.hint);
  }
  return data as T;
}

export const query = (params: Record<string, string | number | boolean | undefined>) => {
  const q = Object.entries(params).filter(([, v]) => v !== undefined && v !== '');
  return q.length ? `?${q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
};

export type TodoStatus = 'pending' | 'in_progress' | 'blocked' | 'completed' | 'cancelled';
export const TODO_STATUSES: readonly TodoStatus[] = ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'];

export interface TodoRow {
  id: string;
  task: string;
  repo?: string;
  status: TodoStatus;
  priority?: string;
  estimated_hours?: number;
  actual_hours?: number;
  blocked_by: string[];
  blocking: string[];
  assignee?: string;
  labels: string[];
  plan?: string;
  milestone?: string;
  due?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  next_offset?: number;
}

export interface Note {
  text: string;
  author?: string;
  at?: string;
}

export interface TodoDetail extends TodoRow {
  description?: string;
  acceptance_criteria?: string[];
  notes?: Note[];
}

export interface HistoryEvent {
  seq: number;
  type: string;
  entity?: { kind: string; id: string };
  at: string;
  actor?: string;
  surface?: string;
  subject?: { title?: string; repos?: string[] };
  summary?: string;
  data?: Record<string, unknown>;
}

export interface Ref {
  id: string;
  kind: string;
  title: string;
  status: string;
  repos?: string[];
}

export interface TodoShow {
  todo: TodoDetail;
  ready: boolean;
  stale?: boolean;
  blocked_by: Ref[];
  blocking: Ref[];
}

/** Every todo: pages of the list until the end (the API pages; the board needs them all). */
export async function allTodos(signal?: AbortSignal): Promise<TodoRow[]> {
  const out: TodoRow[] = [];
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page: Page<TodoRow> = await api<Page<TodoRow>>(`todos${query({ offset, limit: 50_000 })}`, signal ? { signal } : {});
    out.push(...page.items);
    offset = page.next_offset;
  }
  return out;
}
