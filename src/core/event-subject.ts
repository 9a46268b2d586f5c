// What an event is about (title, repos, priority, plan), read from the record it describes.
import type { EntityKind, EventSubject } from './events.js';

type Rec = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** The subject of an event on `record` (a milestone also reads its plan, `parent`). */
export function subjectOf(kind: EntityKind, record: Rec | undefined, parent?: Rec): EventSubject | undefined {
  if (!record) return undefined;
  const s: EventSubject = {};
  switch (kind) {
    case 'todo':
      s.title = str(record['task']);
      s.repos = strs([record['repo']]);
      break;
    case 'issue':
    case 'plan':
      s.title = str(record['title']);
      s.repos = strs(record['repos']);
      break;
    case 'milestone':
      s.title = str(record['name']);
      s.repos = strs(parent?.['repos']);
      s.plan = str(parent?.['id']);
      break;
    case 'dependency':
      s.title = `${str(record['consumer']) ?? '?'} needs ${str(record['provider']) ?? '?'}`;
      s.repos = strs([record['consumer'], record['provider']]);
      break;
    case 'repo':
      s.title = str(record['name']);
      s.repos = strs([record['name']]);
      break;
    case 'role':
    case 'job':
    case 'activity':
    case 'workflow':
      s.title = str(record['name']);
      break;
  }
  if (kind === 'todo' || kind === 'issue') {
    s.priority = str(record['priority']);
    s.plan = str(record['plan']);
    s.milestone = str(record['milestone']);
  }
  const out = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as EventSubject;
  return Object.keys(out).length ? out : undefined;
}
