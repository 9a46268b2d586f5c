// Roadmap and timeline: plans and milestones with progress, due dates, today's line, and the forecast from trends.
import { api } from '../api';
import { useLive } from '../live';
import { Bar, Loading, Panel, Pill } from '../ui';

interface Progress {
  total: number;
  done: number;
  percent: number;
}
interface Milestone {
  id: string;
  name: string;
  status: string;
  due?: string;
  overdue: boolean;
  progress: Progress;
}
interface Plan {
  id: string;
  title: string;
  status: string;
  target?: string;
  overdue: boolean;
  repos: string[];
  progress: Progress;
  milestones: Milestone[];
}
interface Forecast {
  likely: string | null;
  range: [string, string] | null;
  chance_by_due: number | null;
  note?: string;
}
interface Trends {
  plans: { id: string; forecast?: Forecast; milestones?: { id: string; forecast?: Forecast }[] }[];
}

const DAY = 86_400_000;
const day = (s: string) => Date.parse(`${s.slice(0, 10)}T00:00:00Z`);

function forecastText(f: Forecast | undefined) {
  if (!f) return '';
  if (f.likely) return `forecast ${f.likely}${f.range ? ` (${f.range[0]} – ${f.range[1]})` : ''}${f.chance_by_due !== null ? `, ${Math.round(f.chance_by_due * 100)}% by due` : ''}`;
  return f.note ?? '';
}

export function Roadmap() {
  const plans = useLive((signal) => api<Plan[]>('roadmap', { signal }), [], (e) => /^(todo|plan|milestone|issue):/.test(e.type));
  const trends = useLive((signal) => api<Trends>('trends', { signal }), [], (e) => /^(todo|plan|milestone):/.test(e.type));
  if (!plans.data) return <Loading error={plans.error} />;
  const fc = new Map<string, Forecast | undefined>();
  for (const p of trends.data?.plans ?? []) {
    fc.set(p.id, p.forecast);
    for (const m of p.milestones ?? []) fc.set(m.id, m.forecast);
  }
  // The time axis: from a little before today to after the last date (due, target or forecast).
  const today = day(new Date().toISOString());
  const dates = plans.data.flatMap((p) => [p.target, ...p.milestones.map((m) => m.due), fc.get(p.id)?.likely ?? undefined].filter((d): d is string => !!d)).map(day);
  const start = Math.min(today - 14 * DAY, ...dates) - 3 * DAY;
  const end = Math.max(today + 30 * DAY, ...dates) + 7 * DAY;
  const pos = (t: number) => `${((t - start) / (end - start)) * 100}%`;
  const ticks: number[] = [];
  for (let t = start + ((7 - new Date(start).getUTCDay() + 1) % 7) * DAY; t < end; t += 7 * DAY) ticks.push(t);
  const bar = (id: string, label: string, due: string | undefined, done: boolean, overdue: boolean) => {
    const to = due ? day(due) : today;
    const from = Math.min(today, to) - 10 * DAY;
    return (
      <div className="tl-row" key={id}>
        <div className={`tl-bar ${done ? 'done' : overdue ? 'overdue' : ''}`} style={{ left: pos(from), width: `calc(${pos(to)} - ${pos(from)})`, minWidth: 80 }} title={`${label}${due ? `, due ${due}` : ''}`}>
          {label} {due && <span className="muted">· {due}</span>}
        </div>
        <div className="tl-today" style={{ left: pos(today) }} />
      </div>
    );
  };
  return (
    <>
      <Panel title="Timeline" right={<span className="small muted">today is the orange line</span>}>
        <div className="timeline">
          <div className="tl-axis">
            {ticks.map((t) => (
              <span key={t} style={{ left: pos(t) }}>{new Date(t).toISOString().slice(5, 10)}</span>
            ))}
          </div>
          {plans.data.flatMap((p) => [bar(p.id, p.title, p.target, p.status === 'completed', p.overdue), ...p.milestones.map((m) => bar(m.id, `↳ ${m.name}`, m.due, m.status === 'completed', m.overdue))])}
        </div>
      </Panel>
      {plans.data.length === 0 && <div className="empty">No plans yet: concord plan create "Q3 launch" --milestone "Beta@2027-08-01"</div>}
      {plans.data.map((p) => (
        <Panel key={p.id} title={<>{p.title} <span className="mono muted small">{p.id}</span> <Pill s={p.status} /> {p.overdue && <Pill s="failed">overdue</Pill>}</>} right={<span className="small muted">{p.target ? `target ${p.target}` : 'no target'}</span>}>
          <div className="row" style={{ marginBottom: 8 }}>
            <Bar percent={p.progress.percent} />
            <span className="small">{p.progress.done} / {p.progress.total} done ({p.progress.percent}%)</span>
            <span className="small muted">{forecastText(fc.get(p.id))}</span>
          </div>
          <table className="list">
            <thead>
              <tr><th>milestone</th><th>status</th><th>due</th><th>progress</th><th>forecast</th></tr>
            </thead>
            <tbody>
              {p.milestones.map((m) => (
                <tr key={m.id}>
                  <td>{m.name} <span className="mono muted small">{m.id}</span></td>
                  <td><Pill s={m.status} /> {m.overdue && <Pill s="failed">overdue</Pill>}</td>
                  <td>{m.due ?? '—'}</td>
                  <td><div className="row"><Bar percent={m.progress.percent} /><span className="small">{m.progress.done}/{m.progress.total}</span></div></td>
                  <td className="small muted">{forecastText(fc.get(m.id))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="small muted" style={{ marginTop: 6 }}>repos: {p.repos.join(', ')}</div>
        </Panel>
      ))}
    </>
  );
}
