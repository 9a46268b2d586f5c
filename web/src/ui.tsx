// Small shared pieces of the dashboard: status pills, toasts, panels, progress bars, the todo drawer.
import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, ApiError, type HistoryEvent, type TodoShow } from './api';
import { useLive } from './live';
import { go, href, useRoute } from './router';

export const Pill = ({ s, children }: { s: string | undefined; children?: ReactNode }) => <span className={`pill ${s ?? ''}`}>{children ?? (s ?? '').replace(/_/g, ' ')}</span>;
export const Prio = ({ p }: { p: string | undefined }) => (p ? <span className={`prio ${p}`}>{p}</span> : null);

export function Panel({ title, count, children, right }: { title: ReactNode; count?: number; children: ReactNode; right?: ReactNode }) {
  return (
    <section className="panel">
      <h2>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
        <span className="grow" />
        {right}
      </h2>
      {children}
    </section>
  );
}

export const Bar = ({ percent }: { percent: number }) => (
  <div className="bar" title={`${percent}%`}>
    <span style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
  </div>
);

export function Loading({ error }: { error?: Error | undefined }) {
  return error ? <div className="panel toast error">{error instanceof ApiError ? error.text : error.message}</div> : <div className="muted">Loading…</div>;
}

export const when = (at: string | undefined) => (at ? new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '');

// Toasts: a tiny store any view pushes to. A toast belongs to the view it was shown on: it goes when the view
// changes, else after a few seconds.
interface Toast {
  id: number;
  kind: 'error' | 'ok' | 'info';
  title: string;
  text?: string;
}
/** How long a toast stays, in ms (an error is read, so longer). */
const TOAST_MS = { error: 6000, ok: 3500, info: 3500 } as const;
let toasts: Toast[] = [];
let nextToast = 1;
const toastSubs = new Set<() => void>();
function setToasts(list: Toast[]) {
  toasts = list;
  toastSubs.forEach((f) => f());
}
export function toast(kind: Toast['kind'], title: string, text?: string) {
  const t: Toast = { id: nextToast++, kind, title, ...(text ? { text } : {}) };
  setToasts([...toasts.slice(-3), t]);
  setTimeout(() => setToasts(toasts.filter((x) => x !== t)), TOAST_MS[kind]);
}
export const toastError = (title: string, e: unknown) => toast('error', title, e instanceof ApiError ? e.text : e instanceof Error ? e.message : String(e));

export function Toasts() {
  const list = useSyncExternalStore(
    (f) => {
      toastSubs.add(f);
      return () => toastSubs.delete(f);
    },
    () => toasts,
  );
  // Another view: the toasts were about the last one (runs/<id> after runs is the same view: they stay).
  const { view } = useRoute();
  useEffect(() => () => setToasts([]), [view]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`}>
          <b>{t.title}</b>
          {t.text}
        </div>
      ))}
    </div>
  );
}

/** Runs an action against the API, with a toast of its refusal. */
export async function act<T>(title: string, f: () => Promise<T>, done?: string): Promise<T | undefined> {
  try {
    const r = await f();
    if (done) toast('ok', done);
    return r;
  } catch (e) {
    toastError(title, e);
    return undefined;
  }
}

export function History({ id }: { id: string }) {
  const live = useLive((signal) => api<{ events: HistoryEvent[] }>(`history?id=${encodeURIComponent(id)}&limit=30`, { signal }), [id], (e) => e.entity?.id === id);
  if (!live.data) return <Loading error={live.error} />;
  if (!live.data.events.length) return <div className="empty">No history yet.</div>;
  return (
    <table className="list">
      <tbody>
        {live.data.events.map((e) => (
          <tr key={e.seq}>
            <td className="small muted" style={{ whiteSpace: 'nowrap' }}>{when(e.at)}</td>
            <td className="small"><code>{e.type}</code></td>
            <td className="small">{e.summary} <span className="muted">— {e.actor}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A todo's details beside the current view (board, graph, inbox): fields, blockers, notes, history, actions. */
export function TodoDrawer({ id, onClose, actions }: { id: string; onClose: () => void; actions?: ReactNode }) {
  const live = useLive((signal) => api<TodoShow>(`todos/${encodeURIComponent(id)}`, { signal }), [id], (e) => e.entity?.id === id || e.type.startsWith('run:'));
  const [note, setNote] = useState('');
  useEffect(() => {
    const k = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', k);
    return () => window.removeEventListener('keydown', k);
  }, [onClose]);
  const t = live.data?.todo;
  return (
    <aside className="drawer" aria-label={`todo ${id}`}>
      <div className="row">
        <span className="mono muted">{id}</span>
        <span className="grow" />
        <button onClick={onClose} aria-label="close">✕</button>
      </div>
      {!t ? (
        <Loading error={live.error} />
      ) : (
        <>
          <h2>{t.task}</h2>
          <div className="row">
            <Pill s={t.status} /> <Prio p={t.priority} /> {live.data?.ready && <Pill s="ok">ready</Pill>} {live.data?.stale && <Pill s="blocked">stale claim</Pill>}
          </div>
          <dl>
            <dt>repo</dt>
            <dd>{t.repo ? <a href={href('repo', t.repo)}>{t.repo}</a> : '—'}</dd>
            <dt>assignee</dt>
            <dd>{t.assignee ?? '—'}</dd>
            <dt>plan</dt>
            <dd>{t.plan ?? '—'} {t.milestone && <span className="muted">/ {t.milestone}</span>}</dd>
            <dt>estimate</dt>
            <dd>{t.estimated_hours !== undefined ? `${t.estimated_hours} h` : '—'} {t.actual_hours ? <span className="muted">({t.actual_hours} h spent)</span> : null}</dd>
            {t.labels.length > 0 && (
              <>
                <dt>labels</dt>
                <dd>{t.labels.map((l) => <Pill key={l} s="">{l}</Pill>)}</dd>
              </>
            )}
          </dl>
          <div className="row" style={{ margin: '8px 0' }}>
            {t.status !== 'completed' && t.status !== 'cancelled' && (
              <button
                className="primary"
                onClick={() => void act(`${id} was not queued`, () => api<{ run: { id: string } }>(`todos/${encodeURIComponent(id)}/execute`, { body: {} }).then((r) => go('runs', r.run.id)), `${id} queued`)}
              >
                Execute with an agent
              </button>
            )}
            {actions}
          </div>
          {t.description && <p>{t.description}</p>}
          {!!t.acceptance_criteria?.length && (
            <>
              <h3>Acceptance</h3>
              <ul>{t.acceptance_criteria.map((a) => <li key={a}>{a}</li>)}</ul>
            </>
          )}
          {(['blocked_by', 'blocking'] as const).map((k) =>
            live.data![k].length ? (
              <div key={k}>
                <h3>{k === 'blocked_by' ? 'Blocked by' : 'Blocking'}</h3>
                {live.data![k].map((r) => (
                  <div key={r.id} className="row small">
                    <a href={href(r.kind === 'todo' ? 'todo' : 'search', r.id)}>{r.id}</a> <Pill s={r.status} /> {r.title}
                  </div>
                ))}
              </div>
            ) : null,
          )}
          <h3>Notes</h3>
          {(t.notes ?? []).map((n, i) => (
            <div key={i} className="note">
              <div className="small muted">{n.author} · {when(n.at)}</div>
              {n.text}
            </div>
          ))}
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (!note.trim()) return;
              void act('Note refused', () => api(`todos/${encodeURIComponent(id)}/notes`, { body: { text: note } })).then((r) => r && setNote(''));
            }}
          >
            <input type="text" className="grow" placeholder="Add a note" value={note} onChange={(e) => setNote(e.target.value)} aria-label="note" />
            <button type="submit">Add</button>
          </form>
          <h3>History</h3>
          <History id={id} />
        </>
      )}
    </aside>
  );
}
