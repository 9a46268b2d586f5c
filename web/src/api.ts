// The dashboard's one way to call the Concord API: JSON in and out, errors as ApiError with the server's message and hint.
// A server started with CONCORD_SERVER_TOKEN wants the token: the person types it once (TokenPrompt in App.tsx),
// it is kept in sessionStorage (this tab, until it closes) and sent as Authorization; EventSource cannot send
// headers, so it also goes in the cookie the server accepts for reads (src/http/guard.ts), never for writes.
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

const TOKEN_KEY = 'concord-token';
const cookieName = () => `concord_token_${location.port || (location.protocol === 'https:' ? '443' : '80')}`;

export function savedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Keeps the token for this tab (and in the cookie of this server's port, for the event streams); undefined forgets it. */
export function saveToken(token: string | undefined): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    document.cookie = `${cookieName()}=${encodeURIComponent(token)}; path=/; SameSite=Strict${secure}`;
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
    document.cookie = `${cookieName()}=; path=/; SameSite=Strict; max-age=0${secure}`;
  }
}

/** Told when the server refuses the token (or wants one): the frame asks for it. */
const unauthorized = new Set<() => void>();
export function onUnauthorized(f: () => void): () => void {
  unauthorized.add(f);
  return () => unauthorized.delete(f);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const token = savedToken();
  const res = await fetch(`api/${path.replace(/^\//, '')}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), 'x-concord-actor': 'dashboard', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (res.status === 401) for (const f of [...unauthorized]) f();
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
