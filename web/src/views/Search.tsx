// History search: full-text search over every record and event, and the latest history of the whole ecosystem.
import { useState } from 'react';
import { api, query, type HistoryEvent } from '../api';
import { useLive } from '../live';
import { href, setParam, type Route } from '../router';
import { Loading, Panel, Pill, when } from '../ui';

interface SearchResult {
  kind: string;
  id: string;
  title: string;
  snippet?: string;
  repos?: string[];
  at?: string | null;
}

/** `**word**` marks of the search snippet, drawn bold without HTML from the server. */
const Snippet = ({ text }: { text: string }) => <>{text.split('**').map((part, i) => (i % 2 ? <b key={i}>{part}</b> : part))}</>;

const linkOf = (r: { kind: string; id: string }) => (r.kind === 'todo' ? href('todo', r.id) : r.kind === 'repo' ? href('repo', r.id) : r.kind === 'run' ? href('runs', r.id) : href('search', undefined, { q: r.id }));

export function Search({ route }: { route: Route }) {
  const q = route.params.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = useLive((signal) => (q ? api<{ total: number; results: SearchResult[] }>(`search${query({ query: q, limit: 50 })}`, { signal }) : Promise.resolve(undefined)), [q]);
  const history = useLive((signal) => api<{ events: HistoryEvent[] }>(`history${query({ limit: 60, id: /^[A-Z]+-\d+$/.test(q) ? q : undefined })}`, { signal }), [q]);
  return (
    <>
      <form
        className="row"
        style={{ marginBottom: 14 }}
        onSubmit={(e) => {
          e.preventDefault();
          setParam('q', text.trim());
        }}
      >
        <input type="search" className="grow" autoFocus placeholder="Search todos, issues, plans, notes, events…" value={text} onChange={(e) => setText(e.target.value)} aria-label="search" />
        <button type="submit" className="primary">Search</button>
      </form>
      {q && (
        <Panel title={`Results for “${q}”`} count={results.data?.total}>
          {!results.data ? <Loading error={results.error} /> : results.data.results.length === 0 ? <div className="empty">no match</div> : results.data.results.map((r) => (
            <div key={`${r.kind}:${r.id}:${r.at ?? ''}`} className="inbox-item">
              <Pill s="">{r.kind}</Pill>
              <a className="mono" href={linkOf(r)}>{r.id}</a>
              <span>{r.snippet ? <Snippet text={r.snippet} /> : r.title}</span>
              <span className="muted small">{r.repos?.join(', ')} {r.at && when(r.at)}</span>
            </div>
          ))}
        </Panel>
      )}
      <Panel title={/^[A-Z]+-\d+$/.test(q) ? `History of ${q}` : 'Latest history'}>
        {!history.data ? <Loading error={history.error} /> : (
          <table className="list">
            <tbody>
              {history.data.events.map((e) => (
                <tr key={e.seq}>
                  <td className="small muted" style={{ whiteSpace: 'nowrap' }}>{when(e.at)}</td>
                  <td className="small"><code>{e.type}</code></td>
                  <td className="small">{e.entity && <a className="mono" href={linkOf(e.entity)}>{e.entity.id}</a>} {e.subject?.title}</td>
                  <td className="small" title={e.summary}>{(e.summary ?? "").length > 140 ? `${e.summary!.slice(0, 139)}…` : e.summary}</td>
                  <td className="small muted">{e.actor} · {e.surface}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
