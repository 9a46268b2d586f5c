// The inbox: what needs a person now: runs that need input or failed, unsatisfied dependencies, stale claims, open breakers, overdue milestones.
import type { ReactNode } from 'react';
import { api, ApiError, type TodoRow } from '../api';
import { useLive } from '../live';
import { href } from '../router';
import { act, Loading, Panel, Pill } from '../ui';
import type { Run } from './Runs';

interface Dependency {
  id: string;
  consumer: string;
  provider: string;
  type: string;
  status: string;
  notes?: string;
}
interface Scheduled {
  kind: 'job' | 'activity';
  name: string;
  breaker: { open: boolean; failures: number; threshold: number };
  last?: { status: string; error?: string; summary?: string };
}
interface Milestone {
  id: string;
  name: string;
  due?: string;
  overdue: boolean;
  progress: { done: number; total: number };
}

/** Runs appear once execution is on; without it the inbox still shows the rest. */
const runsOf = (status: string, signal: AbortSignal) => api<Run[]>(`runs?status=${status}&limit=100`, { signal }).catch((e: unknown) => (e instanceof ApiError && e.status < 500 ? [] : Promise.reject(e)));

function Section({ title, items, empty }: { title: string; items: ReactNode[]; empty: string }) {
  return (
    <Panel title={title} count={items.length}>
      {items.length ? items : <div className="empty">{empty}</div>}
    </Panel>
  );
}

export function Inbox() {
  const data = useLive(
    async (signal) => {
      const [needsInput, failed, deps, stale, jobs, activities, roadmap] = await Promise.all([
        runsOf('needs_input', signal),
        runsOf('failed,infra_error', signal),
        api<{ items: Dependency[] }>('dependencies?status=unsatisfied&limit=200', { signal }),
        api<{ todo: TodoRow }[]>('todos/stale', { signal }),
        api<Scheduled[]>('jobs', { signal }),
        api<{ activities: Scheduled[] }>('activities', { signal }),
        api<{ id: string; title: string; milestones: Milestone[] }[]>('roadmap', { signal }),
      ]);
      return { needsInput, failed, deps: deps.items, stale, breakers: [...jobs, ...activities.activities].filter((s) => s.breaker.open), roadmap };
    },
    [],
  );
  if (!data.data) return <Loading error={data.error} />;
  const d = data.data;
  const overdue = d.roadmap.flatMap((p) => p.milestones.filter((m) => m.overdue).map((m) => ({ ...m, plan: p.title })));
  const total = d.needsInput.length + d.failed.length + d.deps.length + d.stale.length + d.breakers.length + overdue.length;
  const runRow = (r: Run) => (
    <div key={r.id} className="inbox-item" data-inbox={r.id}>
      <Pill s={r.status} />
      <a className="mono" href={href('runs', r.id)}>{r.id}</a>
      <a className="mono" href={href('todo', r.todo)}>{r.todo}</a>
      <span>{r.outcome?.reason}</span>
    </div>
  );
  return (
    <>
      <div className="stats">
        <div className="stat"><span className="muted small">needs you</span><b data-testid="inbox-total">{total}</b></div>
        <div className="stat"><span className="muted small">runs waiting for input</span><b>{d.needsInput.length}</b></div>
        <div className="stat"><span className="muted small">failed runs</span><b>{d.failed.length}</b></div>
        <div className="stat"><span className="muted small">unsatisfied dependencies</span><b>{d.deps.length}</b></div>
        <div className="stat"><span className="muted small">stale claims</span><b>{d.stale.length}</b></div>
        <div className="stat"><span className="muted small">open breakers</span><b>{d.breakers.length}</b></div>
        <div className="stat"><span className="muted small">overdue milestones</span><b>{overdue.length}</b></div>
      </div>
      <div className="grid2">
        <Section title="Runs waiting for an answer" items={d.needsInput.map(runRow)} empty="no run needs input" />
        <Section title="Failed runs" items={d.failed.map(runRow)} empty="no failed run" />
        <Section
          title="Unsatisfied dependencies"
          items={d.deps.map((x) => (
            <div key={x.id} className="inbox-item" data-inbox={x.id}>
              <Pill s={x.status} /> <span className="mono">{x.id}</span> <a href={href('repo', x.consumer)}>{x.consumer}</a> needs <a href={href('repo', x.provider)}>{x.provider}</a> <span className="muted small">{x.type}</span>
            </div>
          ))}
          empty="every checked dependency is satisfied"
        />
        <Section
          title="Stale claims"
          items={d.stale.map(({ todo: t }) => (
            <div key={t.id} className="inbox-item" data-inbox={t.id}>
              <Pill s="blocked">stale</Pill> <a className="mono" href={href('todo', t.id)}>{t.id}</a> {t.task} <span className="muted small">@{t.assignee ?? '—'}</span>
            </div>
          ))}
          empty="no todo is in progress without a live claim"
        />
        <Section
          title="Open breakers"
          items={d.breakers.map((s) => (
            <div key={s.kind + s.name} className="inbox-item" data-inbox={s.name}>
              <Pill s="open">open</Pill> <b>{s.name}</b> <span className="muted small">{s.kind}, {s.breaker.failures} failures</span>
              <span className="grow" />
              <button onClick={() => void act('Not reset', () => api(s.kind === 'job' ? `jobs/${encodeURIComponent(s.name)}/reset` : `activities/${encodeURIComponent(s.name)}/reset`, { body: {} }), `${s.name}: breaker reset`)}>Reset</button>
            </div>
          ))}
          empty="no breaker is open"
        />
        <Section
          title="Overdue milestones"
          items={overdue.map((m) => (
            <div key={m.id} className="inbox-item" data-inbox={m.id}>
              <Pill s="failed">overdue</Pill> <b>{m.name}</b> <span className="muted small">{m.plan} · due {m.due} · {m.progress.done}/{m.progress.total} done</span>
            </div>
          ))}
          empty="no milestone is overdue"
        />
      </div>
    </>
  );
}
