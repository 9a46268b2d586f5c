// The board: every todo across repos in columns by status; filters; drag (or Shift+arrow) to change a status through the API.
import { useEffect, useMemo, useRef, useState } from 'react';
import { allTodos, api, TODO_STATUSES, type TodoRow, type TodoStatus } from '../api';
import { useLive } from '../live';
import { setParam, type Route } from '../router';
import { act, Loading, Prio, TodoDrawer } from '../ui';

interface Repo {
  name: string;
  role?: string;
}
const FILTERS = ['repo', 'role', 'plan', 'milestone', 'assignee', 'label'] as const;
/** Cards drawn per column at first: the rest on request, so 10,000 todos paint as fast as 1,000. */
const PAGE = 60;

export async function moveTodo(t: TodoRow, to: TodoStatus): Promise<boolean> {
  const path = `todos/${encodeURIComponent(t.id)}`;
  const r = await act(`${t.id} was not moved`, () => (to === 'completed' ? api(`${path}/complete`, { body: {} }) : api(path, { method: 'PATCH', body: { status: to } })));
  return r !== undefined;
}

export function Board({ route }: { route: Route }) {
  const todos = useLive((signal) => allTodos(signal), [], (e) => e.entity?.kind === 'todo' || e.type.startsWith('run:'));
  const repos = useLive((signal) => api<{ repos: Repo[] }>('repos', { signal }), [], (e) => e.type.startsWith('repo:'));
  const [pending, setPending] = useState<Record<string, TodoStatus>>({});
  const [shown, setShown] = useState<Record<string, number>>({});
  const [selected, setSelected] = useState<string>();
  const [open, setOpen] = useState<string>();
  const [over, setOver] = useState<TodoStatus>();
  const drag = useRef<TodoRow | undefined>(undefined);
  const p = route.params;
  const q = (p.get('q') ?? '').toLowerCase();

  // A move shows at once; the next load (after its event) is the truth, and a refused move springs back.
  useEffect(() => setPending({}), [todos.data]);
  // Blockers still open (a completed blocker no longer holds a card up).
  const statusOf = useMemo(() => new Map((todos.data ?? []).map((t) => [t.id, t.status])), [todos.data]);
  const openBlockers = (t: TodoRow) => t.blocked_by.filter((b) => !['completed', 'cancelled'].includes(statusOf.get(b) ?? 'pending'));
  const roleOf = useMemo(() => new Map((repos.data?.repos ?? []).map((r) => [r.name, r.role])), [repos.data]);
  const options = useMemo(() => {
    const o: Record<string, Set<string>> = Object.fromEntries(FILTERS.map((f) => [f, new Set<string>()]));
    for (const t of todos.data ?? []) {
      if (t.repo) o.repo!.add(t.repo);
      const role = t.repo ? roleOf.get(t.repo) : undefined;
      if (role) o.role!.add(role);
      if (t.plan) o.plan!.add(t.plan);
      if (t.milestone) o.milestone!.add(t.milestone);
      if (t.assignee) o.assignee!.add(t.assignee);
      for (const l of t.labels) o.label!.add(l);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [...v].sort()]));
  }, [todos.data, roleOf]);
  const columns = useMemo(() => {
    const c = Object.fromEntries(TODO_STATUSES.map((s) => [s, [] as TodoRow[]])) as Record<TodoStatus, TodoRow[]>;
    const f = Object.fromEntries(FILTERS.map((k) => [k, p.get(k)]));
    for (const t of todos.data ?? []) {
      if (f.repo && t.repo !== f.repo) continue;
      if (f.role && (!t.repo || roleOf.get(t.repo) !== f.role)) continue;
      if (f.plan && t.plan !== f.plan) continue;
      if (f.milestone && t.milestone !== f.milestone) continue;
      if (f.assignee && t.assignee !== f.assignee) continue;
      if (f.label && !t.labels.includes(f.label)) continue;
      if (q && !`${t.id} ${t.task}`.toLowerCase().includes(q)) continue;
      c[pending[t.id] ?? t.status].push(t);
    }
    return c;
  }, [todos.data, roleOf, pending, p, q]);

  const move = async (t: TodoRow, to: TodoStatus) => {
    if (t.status === to) return;
    setPending((m) => ({ ...m, [t.id]: to }));
    if (!(await moveTodo(t, to))) setPending((m) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== t.id)));
  };

  // Keyboard: arrows move the selection, Shift+arrows move the card, Enter opens it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (open || (e.target as HTMLElement).closest('input,select,textarea')) return;
      const at = (() => {
        for (const [ci, s] of TODO_STATUSES.entries()) {
          const ri = columns[s].findIndex((t) => t.id === selected);
          if (ri >= 0) return { ci, ri };
        }
        return undefined;
      })();
      const pick = (ci: number, ri: number) => {
        const col = columns[TODO_STATUSES[ci]!];
        const t = col[Math.max(0, Math.min(col.length - 1, ri))];
        if (t) setSelected(t.id);
        document.querySelector(`[data-todo="${t?.id}"]`)?.scrollIntoView({ block: 'nearest' });
      };
      const k = e.key;
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'j', 'k', 'h', 'l'].includes(k)) return;
      e.preventDefault();
      if (!at) return pick(TODO_STATUSES.findIndex((s) => columns[s].length), 0);
      const t = columns[TODO_STATUSES[at.ci]!][at.ri]!;
      if (k === 'Enter') return setOpen(t.id);
      const dx = k === 'ArrowLeft' || k === 'h' ? -1 : k === 'ArrowRight' || k === 'l' ? 1 : 0;
      const dy = k === 'ArrowUp' || k === 'k' ? -1 : k === 'ArrowDown' || k === 'j' ? 1 : 0;
      const ci = at.ci + dx;
      if (e.shiftKey && dx && ci >= 0 && ci < TODO_STATUSES.length) return void move(t, TODO_STATUSES[ci]!);
      if (dx) {
        for (let c = ci; c >= 0 && c < TODO_STATUSES.length; c += dx) if (columns[TODO_STATUSES[c]!].length) return pick(c, at.ri);
        return;
      }
      pick(at.ci, at.ri + dy);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!todos.data) return <Loading error={todos.error} />;
  return (
    <>
      <div className="filters" style={{ marginBottom: 12 }}>
        <input type="search" placeholder="Filter by id or text" defaultValue={p.get('q') ?? ''} onChange={(e) => setParam('q', e.target.value)} aria-label="filter" />
        {FILTERS.map((f) => (
          <select key={f} aria-label={f} value={p.get(f) ?? ''} onChange={(e) => setParam(f, e.target.value)}>
            <option value="">{`every ${f}`}</option>
            {options[f]!.map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        ))}
        <span className="muted small">{todos.data.length} todos · drag a card, or select it and press Shift+←/→</span>
      </div>
      <div className="board">
        {TODO_STATUSES.map((s) => {
          const list = columns[s];
          const n = shown[s] ?? PAGE;
          return (
            <div
              key={s}
              className={`col ${over === s ? 'over' : ''}`}
              data-status={s}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(s);
              }}
              onDragLeave={() => setOver(undefined)}
              onDrop={(e) => {
                e.preventDefault();
                setOver(undefined);
                if (drag.current) void move(drag.current, s);
                drag.current = undefined as TodoRow | undefined;
              }}
            >
              <h3>
                <span>{s.replace('_', ' ')}</span>
                <span className="muted">{list.length}</span>
              </h3>
              <div className="cards">
                {list.slice(0, n).map((t) => (
                  <div
                    key={t.id}
                    className={`card ${selected === t.id ? 'sel' : ''}`}
                    data-todo={t.id}
                    draggable
                    tabIndex={-1}
                    onDragStart={(e) => {
                      drag.current = t;
                      e.dataTransfer.setData('text/plain', t.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => setSelected(t.id)}
                    onDoubleClick={() => setOpen(t.id)}
                  >
                    <div className="top">
                      <span className="mono">{t.id}</span>
                      <Prio p={t.priority} />
                    </div>
                    <div className="task">{t.task}</div>
                    <div className="meta">
                      {t.repo && <span>{t.repo}</span>}
                      {t.assignee && <span>@{t.assignee}</span>}
                      {t.estimated_hours !== undefined && <span>{t.estimated_hours} h</span>}
                      {openBlockers(t).length > 0 && <span title={openBlockers(t).join(', ')}>blocked by {openBlockers(t).length}</span>}
                      <button className="small" style={{ padding: '0 6px', marginLeft: 'auto' }} onClick={() => setOpen(t.id)} aria-label={`open ${t.id}`}>
                        open
                      </button>
                    </div>
                  </div>
                ))}
                {list.length > n && (
                  <button className="more" onClick={() => setShown((m) => ({ ...m, [s]: n + PAGE * 4 }))}>
                    show {Math.min(PAGE * 4, list.length - n)} more of {list.length - n}
                  </button>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {open && <TodoDrawer id={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}
