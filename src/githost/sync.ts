// Issue sync: a repository's issues on a Git host as Concord issues or todos, each with a link (its URL, the
// host's number, and the state both sides agreed on at the last sync). Status goes both ways: the side that
// changed since the last sync wins (with two states, open and closed, both sides changing means they agree).
// Running it again imports nothing twice (items are matched by the link's URL).
import type { Workspace } from '../app/workspace.js';
import type { GitHostClient, RemoteIssue } from './client.js';

export interface SyncRequest {
  host: string;
  project: string;
  /** What remote issues become. */
  as: 'issue' | 'todo';
  /** The Concord repo they belong to (a todo's repo, an issue's repos). */
  repo: string;
  dry_run: boolean;
  max: number;
}

export interface SyncReport {
  host: string;
  project: string;
  dry_run: boolean;
  imported: { id: string; number: number; url: string }[];
  closed_here: { id: string; number: number }[];
  reopened_here: { id: string; number: number }[];
  closed_there: { id: string; number: number }[];
  reopened_there: { id: string; number: number }[];
  unchanged: number;
}

export interface Link {
  kind: string;
  url: string;
  host?: string;
  number?: number;
  state?: string;
  branch?: string;
  title?: string;
}

type Local = { id: string; section: 'issues' | 'todos'; record: Record<string, unknown>; link: Link };

const CLOSED_ISSUE = new Set(['resolved', 'closed']);
const CLOSED_TODO = new Set(['completed', 'cancelled']);
const MAX_BODY = 20_000;

const stateOf = (l: Local): 'open' | 'closed' => ((l.section === 'issues' ? CLOSED_ISSUE : CLOSED_TODO).has(String(l.record['status'])) ? 'closed' : 'open');

/** Items of the ecosystem that carry a link to a remote issue, by its URL. */
async function linked(ws: Workspace): Promise<Map<string, Local>> {
  const { loadSnapshot } = await import('../app/snapshot.js');
  await loadSnapshot(ws);
  const out = new Map<string, Local>();
  for (const r of ws.index.served()) {
    if (r.section !== 'issues' && r.section !== 'todos') continue;
    const links = (r.record['links'] ?? []) as Link[];
    for (const l of Array.isArray(links) ? links : []) if (l && l.kind === 'issue' && typeof l.url === 'string') out.set(l.url, { id: r.id, section: r.section, record: r.record, link: l });
  }
  return out;
}

const withState = (links: unknown, url: string, state: string): Link[] => ((Array.isArray(links) ? links : []) as Link[]).map((l) => (l.url === url ? { ...l, state } : l));

export async function syncIssues(ws: Workspace, client: GitHostClient, r: SyncRequest, log: (line: string) => void = () => undefined): Promise<SyncReport> {
  const report: SyncReport = { host: r.host, project: r.project, dry_run: r.dry_run, imported: [], closed_here: [], reopened_here: [], closed_there: [], reopened_there: [], unchanged: 0 };
  const remote = await client.listIssues({ project: r.project, max: r.max });
  const local = await linked(ws);
  const issues = await import('../app/issues.js');
  const todos = await import('../app/todos.js');
  for (const issue of remote) {
    const here = local.get(issue.url);
    if (!here) {
      if (issue.state === 'closed') continue;
      await importOne(ws, r, issue, report, { issues, todos }, log);
      continue;
    }
    const base = here.link.state ?? 'open';
    const mine = stateOf(here);
    const theirs = issue.state;
    const entry = { id: here.id, number: issue.number };
    if (mine === theirs) {
      if (base !== mine && !r.dry_run) await setLinkState(ws, here, theirs, { issues, todos });
      report.unchanged++;
    } else if (theirs !== base && mine === base) {
      // Changed on the host since the last sync: this side follows.
      (theirs === 'closed' ? report.closed_here : report.reopened_here).push(entry);
      log(`${here.id}: ${theirs} on ${r.host} (#${issue.number}), ${theirs === 'closed' ? 'closing' : 'reopening'} it here`);
      if (!r.dry_run) await applyHere(ws, here, theirs, issue, { issues, todos });
    } else {
      // This side changed since the last sync (the host did not): the host follows.
      (mine === 'closed' ? report.closed_there : report.reopened_there).push(entry);
      log(`${here.id}: ${mine} here, ${mine === 'closed' ? 'closing' : 'reopening'} #${issue.number} on ${r.host}`);
      if (!r.dry_run) {
        await client.setIssueState({ project: r.project, number: issue.number, state: mine });
        await setLinkState(ws, here, mine, { issues, todos });
      }
    }
  }
  return report;
}

type Apps = { issues: typeof import('../app/issues.js'); todos: typeof import('../app/todos.js') };

async function importOne(ws: Workspace, r: SyncRequest, issue: RemoteIssue, report: SyncReport, apps: Apps, log: (line: string) => void): Promise<void> {
  const link: Link = { kind: 'issue', url: issue.url, host: r.host, number: issue.number, state: 'open' };
  const description = issue.body.length > MAX_BODY ? `${issue.body.slice(0, MAX_BODY)}\n\n[truncated: see ${issue.url}]` : issue.body;
  const title = issue.title.slice(0, 500) || `#${issue.number}`;
  if (r.dry_run) {
    report.imported.push({ id: '(dry run)', number: issue.number, url: issue.url });
    return;
  }
  const written =
    r.as === 'issue'
      ? (await apps.issues.createIssue(ws, { title, ...(description ? { description } : {}), repos: [r.repo], labels: issue.labels, links: [link] })).issue.id
      : (await apps.todos.createTodo(ws, { task: title, ...(description ? { description } : {}), repo: r.repo, labels: issue.labels, links: [link] })).todo.id;
  log(`${written}: imported ${r.host} #${issue.number} ${issue.url}`);
  report.imported.push({ id: written, number: issue.number, url: issue.url });
}

async function applyHere(ws: Workspace, here: Local, state: 'open' | 'closed', issue: RemoteIssue, apps: Apps): Promise<void> {
  const links = withState(here.record['links'], issue.url, state);
  if (here.section === 'issues') {
    if (state === 'closed') {
      await apps.issues.updateIssue(ws, here.id, { links });
      await apps.issues.closeIssue(ws, here.id, { resolution: `closed on the Git host: ${issue.url}` });
    } else await apps.issues.updateIssue(ws, here.id, { status: 'pending', links });
    return;
  }
  if (state === 'closed') {
    await apps.todos.updateTodo(ws, here.id, { links });
    await apps.todos.completeTodo(ws, here.id, { force: true, note: `closed on the Git host: ${issue.url}` });
  } else await apps.todos.updateTodo(ws, here.id, { status: 'pending', links });
}

async function setLinkState(ws: Workspace, here: Local, state: string, apps: Apps): Promise<void> {
  const links = withState(here.record['links'], here.link.url, state);
  if (here.section === 'issues') await apps.issues.updateIssue(ws, here.id, { links });
  else await apps.todos.updateTodo(ws, here.id, { links });
}
