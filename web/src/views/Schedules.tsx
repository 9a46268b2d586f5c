// Jobs and activities: next fire, last outcome, breaker state; trigger now and reset a breaker through the API.
import { api } from '../api';
import { useLive } from '../live';
import { act, Loading, Panel, Pill, when } from '../ui';

interface Scheduled {
  kind: 'job' | 'activity';
  name: string;
  description?: string;
  enabled: boolean;
  triggers: string[];
  breaker: { threshold: number; failures: number; open: boolean; opened_at?: string };
  next_fire?: string | null;
  running: number;
  last?: { status: string; ended_at?: string; started_at?: string; duration_ms?: number; summary?: string; error?: string };
  source?: string;
}

const path = (s: Scheduled, verb: 'run' | 'reset') =>
  s.kind === 'job' ? (verb === 'run' ? `trigger/${encodeURIComponent(s.name)}` : `jobs/${encodeURIComponent(s.name)}/reset`) : `activities/${encodeURIComponent(s.name)}/${verb}`;

function Table({ rows }: { rows: Scheduled[] }) {
  if (!rows.length) return <div className="empty">none</div>;
  return (
    <table className="list">
      <thead>
        <tr><th>name</th><th>triggers</th><th>next fire</th><th>last outcome</th><th>breaker</th><th /></tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.name} data-scheduled={s.name}>
            <td>
              <b>{s.name}</b> {!s.enabled && <Pill s="cancelled">disabled</Pill>}
              <div className="small muted">{s.description}</div>
            </td>
            <td className="small">{s.triggers.join(', ')}</td>
            <td className="small">{s.next_fire ? when(s.next_fire) : '—'}</td>
            <td className="small">
              {s.last ? <><span title={s.last.error ?? s.last.summary ?? ""}><Pill s={s.last.status} /></span> {when(s.last.ended_at ?? s.last.started_at)}{s.last.duration_ms !== undefined && <span className="muted"> · {s.last.duration_ms} ms</span>}</> : <span className="muted">never ran</span>}
              {s.running > 0 && <> <Pill s="running">running {s.running}</Pill></>}
            </td>
            <td className="small">
              {s.breaker.open ? <Pill s="open">open</Pill> : <Pill s="ok">closed</Pill>}
              <span className="muted"> {s.breaker.failures}/{s.breaker.threshold || '∞'} failures</span>
            </td>
            <td style={{ whiteSpace: 'nowrap' }}>
              <button onClick={() => void act(`${s.name} was not triggered`, () => api(path(s, 'run'), { body: {} }), `${s.name} triggered`)}>Trigger</button>{' '}
              <button disabled={!s.breaker.open && s.breaker.failures === 0} onClick={() => void act(`${s.name}'s breaker was not reset`, () => api(path(s, 'reset'), { body: {} }), `${s.name}: breaker reset`)}>Reset breaker</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Schedules() {
  const concerns = (e: { type: string }) => /^(job|activity):/.test(e.type);
  const jobs = useLive((signal) => api<Scheduled[]>('jobs', { signal }), [], concerns);
  const acts = useLive((signal) => api<{ dir: string; activities: Scheduled[]; invalid: { file: string; message: string }[] }>('activities', { signal }), [], concerns);
  if (!jobs.data || !acts.data) return <Loading error={jobs.error ?? acts.error} />;
  return (
    <>
      <Panel title="Jobs" count={jobs.data.length}>
        <Table rows={jobs.data} />
      </Panel>
      <Panel title="Activities" count={acts.data.activities.length} right={<span className="small muted mono">{acts.data.dir}</span>}>
        <Table rows={acts.data.activities} />
        {acts.data.invalid.map((i) => (
          <div key={i.file} className="toast error small">{i.file}: {i.message}</div>
        ))}
      </Panel>
    </>
  );
}
