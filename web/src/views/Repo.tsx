// A repo's page, the `status --repo` answer: its work, what blocks it, what it holds up, its dependencies and their
// checks: "check now" runs the checks of what it consumes (POST /api/repos/{repo}/validate), and each dependency
// shows its recorded checks (GET /api/dependencies/{id}/checks), newest first.
import { useState } from 'react';
import { api, query } from '../api';
import { useLive } from '../live';
import { go, href } from '../router';
import { act, Loading, Panel, Pill, when } from '../ui';

interface Ref {
  id: string;
  kind?: string;
  title: string;
  status: string;
  repos?: string[];
  blocks?: (string | { id: string })[];
}
interface Dependency {
  id: string;
  consumer: string;
  provider: string;
  type: string;
  version_constraint?: string;
  status: string;
  notes?: string;
  last_checked?: string;
}
interface RepoStatus {
  repo: { name: string; role?: string; description?: string; path?: string; url?: string; package?: string; tags?: string[] };
  todos: { total: number; by_status: Record<string, number>; ready: number; blocked: number; remaining_hours: number };
  ready: { id: string; task: string; priority?: string }[];
  open_issues: { id: string; title: string; status: string; priority?: string }[];
  dependencies: { as_consumer: Dependency[]; as_provider: Dependency[] };
  blocking: { blockers: Ref[]; issues: Ref[]; dependencies: Dependency[] };
  blocked_by: { items: Ref[] };
}

interface Check {
  id: string;
  outcome: string;
  status: string;
  status_changed: boolean;
  summary: string;
  checked_at: string;
  duration_ms: number;
}
interface CheckReport {
  ok: boolean;
  counts: Record<string, number>;
  checks: Check[];
  status_changes: number;
}

/** The recorded checks of a dependency, newest first (reloaded after a check of it, and after `version` changes). */
function CheckHistory({ id, version }: { id: string; version: number }) {
  const checks = useLive((signal) => api<Check[]>(`dependencies/${encodeURIComponent(id)}/checks${query({ limit: 5 })}`, { signal }), [id, version], (e) => e.entity?.id === id);
  if (!checks.data) return <span className="muted small">{checks.error ? checks.error.message : 'loading checks…'}</span>;
  if (!checks.data.length) return <span className="muted small" data-testid={`checks-${id}`}>never checked</span>;
  const [last, ...before] = checks.data;
  return (
    <span className="small" data-testid={`checks-${id}`}>
      last check <Pill s={last!.outcome} /> {when(last!.checked_at)} · {last!.summary}
      {before.length > 0 && (
        <span className="muted"> · before: {before.map((c) => <span key={c.checked_at} title={`${when(c.checked_at)}: ${c.summary}`}><Pill s={c.outcome} /> </span>)}</span>
      )}
    </span>
  );
}

const link = (id: string) => (id.startsWith('TODO') ? href('todo', id) : href('search', undefined, { q: id }));

function DepTable({ deps, side, version }: { deps: Dependency[]; side: 'consumer' | 'provider'; version: number }) {
  if (!deps.length) return <div className="empty">none</div>;
  return (
    <table className="list">
      <tbody>
        {deps.flatMap((d) => [
          <tr key={d.id}>
            <td className="mono small">{d.id}</td>
            <td><a href={href('repo', d[side])}>{d[side]}</a></td>
            <td className="small">{d.type} {d.version_constraint && <code>{d.version_constraint}</code>}</td>
            <td><Pill s={d.status} /></td>
            <td className="small muted">{d.notes}</td>
          </tr>,
          <tr key={`${d.id}-checks`} className="sub">
            <td />
            <td colSpan={4}><CheckHistory id={d.id} version={version} /></td>
          </tr>,
        ])}
      </tbody>
    </table>
  );
}

/** Runs the checks of what the repo consumes now, and says what they found. */
function CheckNow({ repo, onDone }: { repo: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<CheckReport>();
  const run = async () => {
    setBusy(true);
    const r = await act(`Checks of ${repo}`, () => api<CheckReport>(`repos/${encodeURIComponent(repo)}/validate`, { body: {} }));
    setBusy(false);
    if (r) setLast(r);
    onDone();
  };
  const counts = last ? Object.entries(last.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`).join(', ') : '';
  return (
    <span className="row">
      {last && <span className="small" data-testid="check-result">{last.checks.length ? `checked ${last.checks.length}: ${counts}` : 'nothing to check'}{last.status_changes ? ` · ${last.status_changes} status change(s)` : ''}</span>}
      <button className="primary" disabled={busy} onClick={() => void run()}>{busy ? 'checking…' : 'Check now'}</button>
    </span>
  );
}

export function RepoPage({ name }: { name: string | undefined }) {
  const repos = useLive((signal) => api<{ repos: { name: string; role?: string; description?: string }[] }>('repos', { signal }), [], (e) => e.type.startsWith('repo:'));
  const [version, setVersion] = useState(0);
  const status = useLive((signal) => (name ? api<RepoStatus>(`repos/${encodeURIComponent(name)}`, { signal }) : Promise.resolve(undefined)), [name, version]);
  if (!name) {
    if (!repos.data) return <Loading error={repos.error} />;
    return (
      <Panel title="Repos" count={repos.data.repos.length}>
        <table className="list">
          <tbody>
            {repos.data.repos.map((r) => (
              <tr key={r.name} onClick={() => go('repo', r.name)} style={{ cursor: 'pointer' }}>
                <td><a href={href('repo', r.name)}>{r.name}</a></td>
                <td className="muted">{r.role}</td>
                <td className="small">{r.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    );
  }
  const s = status.data;
  if (!s) return <Loading error={status.error} />;
  const t = s.todos;
  return (
    <>
      <div className="row" style={{ marginBottom: 12 }}>
        <span className="muted">Repos:</span>
        {(repos.data?.repos ?? []).map((r) => (
          <a key={r.name} href={href('repo', r.name)} className={`pill ${r.name === name ? 'in_progress' : ''}`}>{r.name}</a>
        ))}
      </div>
      <div className="stats">
        <div className="stat"><span className="muted small">open todos</span><b>{t.total - (t.by_status.completed ?? 0) - (t.by_status.cancelled ?? 0)}</b></div>
        <div className="stat"><span className="muted small">ready</span><b>{t.ready}</b></div>
        <div className="stat"><span className="muted small">blocked</span><b>{t.blocked}</b></div>
        <div className="stat"><span className="muted small">hours left</span><b>{t.remaining_hours}</b></div>
        <div className="stat"><span className="muted small">role</span><b style={{ fontSize: 16 }}>{s.repo.role ?? '—'}</b></div>
      </div>
      {s.repo.description && <p className="muted">{s.repo.description} {s.repo.package && <code>{s.repo.package}</code>}</p>}
      <div className="grid2">
        <Panel title="Ready to work on" count={s.ready.length}>
          {s.ready.length ? s.ready.map((r) => <div key={r.id} className="inbox-item"><a className="mono" href={href('todo', r.id)}>{r.id}</a> {r.task}</div>) : <div className="empty">nothing ready</div>}
        </Panel>
        <Panel title="What blocks it" count={s.blocking.blockers.length + s.blocking.dependencies.length}>
          {s.blocking.blockers.map((b) => (
            <div key={b.id} className="inbox-item"><a className="mono" href={link(b.id)}>{b.id}</a> <Pill s={b.status} /> {b.title} <span className="muted small">{b.repos?.join(', ')}</span></div>
          ))}
          {s.blocking.dependencies.map((d) => (
            <div key={d.id} className="inbox-item"><span className="mono">{d.id}</span> <Pill s={d.status} /> needs {d.provider}</div>
          ))}
          {!s.blocking.blockers.length && !s.blocking.dependencies.length && <div className="empty">nothing blocks {name}</div>}
        </Panel>
        <Panel title="What it holds up" count={s.blocked_by.items.length}>
          {s.blocked_by.items.length ? s.blocked_by.items.map((b) => (
            <div key={b.id} className="inbox-item">
              <a className="mono" href={link(b.id)}>{b.id}</a> <Pill s={b.status} /> {b.title}
              <span className="muted small"> → {(b.blocks ?? []).map((x) => (typeof x === 'string' ? x : x.id)).join(', ')}</span>
            </div>
          )) : <div className="empty">{name} holds nothing up</div>}
        </Panel>
        <Panel title="Open issues" count={s.open_issues.length}>
          {s.open_issues.length ? s.open_issues.map((i) => <div key={i.id} className="inbox-item"><span className="mono">{i.id}</span> <Pill s={i.status} /> {i.title}</div>) : <div className="empty">none</div>}
        </Panel>
        <Panel title={`Dependencies of ${name} (it consumes)`} count={s.dependencies.as_consumer.length} right={s.dependencies.as_consumer.length > 0 && <CheckNow repo={name} onDone={() => setVersion((v) => v + 1)} />}>
          <DepTable deps={s.dependencies.as_consumer} side="provider" version={version} />
        </Panel>
        <Panel title={`Dependents (they consume ${name})`} count={s.dependencies.as_provider.length}>
          <DepTable deps={s.dependencies.as_provider} side="consumer" version={version} />
        </Panel>
      </div>
    </>
  );
}
