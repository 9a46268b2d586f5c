// Runs: the live list, and one run's detail with its log streaming (SSE, read by offset where no stream can be had), tokens, cost, branch, diffstat; cancel, retry, resume.
import { useEffect, useRef, useState } from 'react';
import { api, query } from '../api';
import { onEvent, useLive } from '../live';
import { go, href, type Route } from '../router';
import { act, Loading, Panel, Pill, when } from '../ui';

export interface Run {
  id: string;
  todo: string;
  repo: string;
  pool: string;
  executor: string;
  status: string;
  attempt: number;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  sweep?: string;
  retry_of?: string;
  worker?: string;
  branch?: string;
  worktree?: string;
  session?: string;
  cancel_requested: boolean;
  outcome?: {
    status: string;
    reason: string;
    turns: number;
    tokens: { input: number; output: number };
    cost_usd?: number;
    cost_kind?: string;
    diffstat?: { files: number; insertions: number; deletions: number };
    duration_ms?: number;
    summary?: string;
    error_tail?: string;
  };
}
interface RunLog {
  attempt: number;
  offset: number;
  text: string;
  next_offset: number;
  size: number;
}

const LIVE = new Set(['queued', 'dispatching', 'running']);
const RESUMABLE = new Set(['needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled']);
const FINAL = new Set(['succeeded', 'failed', 'no_op', 'cancelled', 'infra_error']);
const cost = (r: Run) => (r.outcome?.cost_usd !== undefined ? `$${r.outcome.cost_usd.toFixed(4)}${r.outcome.cost_kind === 'estimated' ? ' (est.)' : ''}` : '—');
const duration = (ms: number | undefined) => (ms === undefined ? '—' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`);

export const isRunEvent = (e: { type: string }) => e.type.startsWith('run:');

function RunActions({ run }: { run: Run }) {
  const [answer, setAnswer] = useState('');
  const path = `runs/${encodeURIComponent(run.id)}`;
  return (
    <div className="row">
      {LIVE.has(run.status) && <button className="danger" onClick={() => void act(`${run.id} was not cancelled`, () => api(`${path}/cancel`, { body: {} }), `${run.id}: cancel requested`)}>Cancel</button>}
      {FINAL.has(run.status) && <button onClick={() => void act(`${run.id} was not retried`, () => api<{ run: Run }>(`${path}/retry`, { body: {} }).then((r) => go('runs', r.run.id)), 'retry queued')}>Retry</button>}
      {RESUMABLE.has(run.status) && (
        <form className="row" onSubmit={(e) => {
          e.preventDefault();
          void act(`${run.id} was not resumed`, () => api(`${path}/resume`, { body: answer ? { answer } : {} }), `${run.id} resumed`);
        }}>
          {run.status === 'needs_input' && <input type="text" placeholder="Your answer" value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label="answer" />}
          <button type="submit" className="primary">Resume</button>
        </form>
      )}
    </div>
  );
}

/** One line of an agent's stream as a person reads it: the text of stream-json events, other lines as they are. */
export function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const e = JSON.parse(line) as { type?: string; subtype?: string; model?: string; result?: string; is_error?: boolean; message?: { content?: { type: string; text?: string; name?: string }[] } };
    if (e.type === 'system') return `● ${e.subtype ?? 'system'}${e.model ? ` (${e.model})` : ''}`;
    if (e.type === 'assistant' || e.type === 'user') {
      const parts = (e.message?.content ?? []).map((c) => (c.type === 'text' ? c.text : c.type === 'tool_use' ? `→ ${c.name}` : c.type === 'tool_result' ? '  ↳ tool result' : '')).filter(Boolean);
      return parts.length ? `${e.type === 'assistant' ? '› ' : ''}${parts.join(' ')}` : '';
    }
    if (e.type === 'result') return `${e.is_error ? '✗' : '✓'} ${e.subtype ?? 'result'}: ${e.result ?? ''}`;
  } catch {
    // Not JSON after all: shown as it is.
  }
  return line;
}

/**
 * The log of a run's latest attempt, streamed: GET /api/runs/{id}/log/stream (server-sent events; the browser
 * resumes it with Last-Event-ID after a drop), each attempt after the other, until the run ends. Where the
 * stream cannot be had (refused, or no EventSource), the log is read by offset instead, on from where the
 * stream stopped, while the run lives.
 */
function LiveLog({ run }: { run: Run }) {
  const [log, setLog] = useState<{ attempt: number; text: string; next: number; source: 'stream' | 'poll' }>({ attempt: 0, text: '', next: 0, source: 'stream' });
  const [raw, setRaw] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const stuck = useRef(true);
  const live = LIVE.has(run.status);
  const liveRef = useRef(live);
  liveRef.current = live;
  const attemptRef = useRef(run.attempt);
  attemptRef.current = run.attempt;
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let es: EventSource | undefined;
    const state = { attempt: 0, text: '', next: 0, source: 'stream' as 'stream' | 'poll' };
    setLog({ ...state });
    const add = (attempt: number, text: string, next: number) => {
      if (attempt !== state.attempt) Object.assign(state, { attempt, text: '', next: 0 });
      Object.assign(state, { text: (state.text + text).slice(-400_000), next });
      setLog({ ...state });
    };
    const poll = async () => {
      try {
        for (;;) {
          const latest = Math.max(attemptRef.current, 1);
          const r = await api<RunLog>(`runs/${encodeURIComponent(run.id)}/log${query({ offset: state.attempt === latest ? state.next : 0, limit: 65536 })}`);
          if (stop) return;
          add(r.attempt, r.text, r.next_offset);
          if (r.next_offset >= r.size) break;
        }
      } catch {
        // The run's log may not exist yet: the next tick reads again.
      }
      if (!stop && liveRef.current) timer = setTimeout(() => void poll(), 600);
    };
    const fallBack = () => {
      es?.close();
      es = undefined;
      if (stop || state.source === 'poll') return;
      state.source = 'poll';
      setLog({ ...state });
      void poll();
    };
    if (typeof EventSource === 'function') {
      es = new EventSource(`api/runs/${encodeURIComponent(run.id)}/log/stream`);
      es.addEventListener('log', (m) => {
        const d = JSON.parse((m as MessageEvent<string>).data) as { attempt: number; text: string };
        // The event's id is attempt:next_offset: where a fallback reads on from.
        add(d.attempt, d.text, Number((m as MessageEvent<string>).lastEventId.split(':')[1] ?? 0));
      });
      es.addEventListener('end', () => {
        es?.close();
        es = undefined;
      });
      // A refused stream (the server's answer was not a stream) closes for good; a dropped one reconnects by itself.
      es.onerror = () => es?.readyState === EventSource.CLOSED && fallBack();
    } else fallBack();
    const off = onEvent((e) => state.source === 'poll' && e.entity?.id === run.id && void poll());
    return () => {
      stop = true;
      off();
      es?.close();
      if (timer) clearTimeout(timer);
    };
  }, [run.id]);
  useEffect(() => {
    if (pre.current && stuck.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log.text]);
  const shown = raw ? log.text : log.text.split('\n').map(readable).filter(Boolean).join('\n');
  return (
    <>
      <label className="row small muted" style={{ marginBottom: 6 }}>
        <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} /> raw output
      </label>
      <pre className="log" ref={pre} data-testid="run-log" data-source={log.source} onScroll={(e) => (stuck.current = e.currentTarget.scrollTop + e.currentTarget.clientHeight >= e.currentTarget.scrollHeight - 8)}>
        {shown || (live ? 'waiting for output…' : '(no output)')}
      </pre>
    </>
  );
}

function RunDetail({ id }: { id: string }) {
  const detail = useLive((signal) => api<{ run: Run; attempts: { attempt: number; status: string; started_at: string; finished_at?: string; worker: string }[] }>(`runs/${encodeURIComponent(id)}${query({ limit: 1 })}`, { signal }), [id], (e) => e.entity?.id === id || isRunEvent(e));
  if (!detail.data) return <Loading error={detail.error} />;
  const { run, attempts } = detail.data;
  const o = run.outcome;
  return (
    <Panel title={<>Run <span className="mono">{run.id}</span> <Pill s={run.status} /> {run.cancel_requested && <Pill s="blocked">cancel requested</Pill>}</>} right={<RunActions run={run} />}>
      <div className="stats">
        <div className="stat"><span className="muted small">todo</span><b style={{ fontSize: 15 }}><a href={href('todo', run.todo)}>{run.todo}</a></b></div>
        <div className="stat"><span className="muted small">repo · pool</span><b style={{ fontSize: 15 }}>{run.repo} · {run.pool}</b></div>
        <div className="stat"><span className="muted small">executor</span><b style={{ fontSize: 15 }}>{run.executor}</b></div>
        <div className="stat"><span className="muted small">tokens in / out</span><b style={{ fontSize: 15 }}>{o ? `${o.tokens.input} / ${o.tokens.output}` : '—'}</b></div>
        <div className="stat"><span className="muted small">cost</span><b style={{ fontSize: 15 }}>{cost(run)}</b></div>
        <div className="stat"><span className="muted small">diffstat</span><b style={{ fontSize: 15 }}>{o?.diffstat ? <><span style={{ color: 'var(--ok)' }}>+{o.diffstat.insertions}</span> <span style={{ color: 'var(--bad)' }}>−{o.diffstat.deletions}</span> <span className="muted small">{o.diffstat.files} files</span></> : '—'}</b></div>
        <div className="stat"><span className="muted small">time</span><b style={{ fontSize: 15 }}>{duration(o?.duration_ms)}</b></div>
      </div>
      <dl className="small" style={{ display: 'grid', gridTemplateColumns: '110px 1fr', gap: '4px 10px' }}>
        <dt className="muted">branch</dt><dd className="mono" style={{ margin: 0 }}>{run.branch ?? '—'}</dd>
        <dt className="muted">worktree</dt><dd className="mono" style={{ margin: 0 }}>{run.worktree ?? '—'}</dd>
        <dt className="muted">attempts</dt><dd style={{ margin: 0 }}>{attempts.map((a) => `#${a.attempt} ${a.status}`).join(', ') || '—'}</dd>
        {o && <><dt className="muted">outcome</dt><dd style={{ margin: 0 }}>{o.reason}</dd></>}
        {o?.summary && <><dt className="muted">summary</dt><dd style={{ margin: 0 }}>{o.summary}</dd></>}
      </dl>
      <h3 style={{ fontSize: 13 }}>Log {LIVE.has(run.status) && <Pill s="running">live</Pill>}</h3>
      <LiveLog run={run} />
      {o?.error_tail && <pre className="log" style={{ marginTop: 8 }}>{o.error_tail}</pre>}
    </Panel>
  );
}

export function Runs({ route }: { route: Route }) {
  const status = route.params.get('status') ?? '';
  const runs = useLive((signal) => api<Run[]>(`runs${query({ status: status || undefined, limit: 200 })}`, { signal }), [status], isRunEvent);
  const [todo, setTodo] = useState('');
  return (
    <>
      <form className="row" style={{ marginBottom: 12 }} onSubmit={(e) => {
        e.preventDefault();
        const id = todo.trim();
        if (id) void act(`${id} was not queued`, () => api<{ run: Run }>(`todos/${encodeURIComponent(id)}/execute`, { body: {} }).then((r) => go('runs', r.run.id)), `${id} queued`);
      }}>
        <input type="text" placeholder="TODO-…" value={todo} onChange={(e) => setTodo(e.target.value)} aria-label="todo to execute" />
        <button type="submit" className="primary">Execute</button>
        <select aria-label="status" value={status} onChange={(e) => go('runs', route.arg, { status: e.target.value || undefined })}>
          <option value="">every status</option>
          {['queued,dispatching,running', 'needs_input', 'failed,infra_error', 'succeeded', 'cancelled'].map((s) => <option key={s} value={s}>{s.replace(/,/g, ', ')}</option>)}
        </select>
      </form>
      {route.arg && <RunDetail id={route.arg} />}
      <Panel title="Runs" count={runs.data?.length}>
        {!runs.data ? <Loading error={runs.error} /> : runs.data.length === 0 ? <div className="empty">No runs yet: execute a ready todo.</div> : (
          <table className="list">
            <thead>
              <tr><th>run</th><th>todo</th><th>repo</th><th>status</th><th>executor</th><th>started</th><th>time</th><th>cost</th><th>diff</th></tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} className={route.arg === r.id ? 'sel' : ''} onClick={() => go('runs', r.id, status ? { status } : undefined)} style={{ cursor: 'pointer' }} data-run={r.id}>
                  <td className="mono"><a href={href('runs', r.id)}>{r.id}</a></td>
                  <td className="mono">{r.todo}</td>
                  <td>{r.repo}</td>
                  <td><Pill s={r.status} /></td>
                  <td className="small">{r.executor}</td>
                  <td className="small muted">{when(r.started_at ?? r.created_at)}</td>
                  <td className="small">{duration(r.outcome?.duration_ms)}</td>
                  <td className="small">{cost(r)}</td>
                  <td className="small">{r.outcome?.diffstat ? `+${r.outcome.diffstat.insertions} −${r.outcome.diffstat.deletions}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
