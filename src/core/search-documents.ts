// The text Concord's full-text search indexes: one document per record, per note, and per event.
import { describeEvent } from './event-describe.js';
import type { EventSubject } from './events.js';
import type { SectionName } from './sections.js';

export const SEARCH_KINDS = ['todo', 'issue', 'plan', 'milestone', 'dependency', 'note', 'event'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDocument {
  kind: SearchKind;
  /** The entity the document is about (a note's todo, an event's entity). */
  id: string;
  /** What a result shows as its title. */
  label: string;
  /** Indexed text, weighted above the body. */
  title: string;
  body: string;
  repos: string[];
  at?: string | undefined;
  /** Locates the document within its entity: a note's position, an event's sequence number. */
  ref?: string | undefined;
}

type Rec = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
const lines = (...parts: (string | string[])[]) => parts.flat().filter((p) => p !== '').join('\n');

/** The documents of one record of a section (repos and roles are not searched). */
export function documentsForRecord(section: SectionName, r: Rec): SearchDocument[] {
  const id = str(r['id']);
  switch (section) {
    case 'todos': {
      const task = str(r['task']);
      const repos = r['repo'] ? [str(r['repo'])] : [];
      const notes = (Array.isArray(r['notes']) ? r['notes'] : []) as Rec[];
      return [
        { kind: 'todo', id, label: task, title: task, body: lines(id, str(r['description']), list(r['labels']), list(r['acceptance_criteria']), str(r['assignee'])), repos, at: str(r['updated']) || str(r['created']) || undefined },
        ...notes.map((n, i): SearchDocument => ({ kind: 'note', id, label: `note on ${id}: ${task}`, title: '', body: lines(str(n['text']), str(n['author'])), repos, at: str(n['at']) || undefined, ref: String(i) })),
      ];
    }
    case 'issues': {
      const title = str(r['title']);
      return [{ kind: 'issue', id, label: title, title, body: lines(id, str(r['description']), str(r['resolution']), str(r['severity']), list(r['labels']), list(r['affected_files'])), repos: list(r['repos']), at: str(r['updated']) || str(r['created']) || undefined }];
    }
    case 'plans': {
      const title = str(r['title']);
      const repos = list(r['repos']);
      const milestones = (Array.isArray(r['milestones']) ? r['milestones'] : []) as Rec[];
      return [
        { kind: 'plan', id, label: title, title, body: lines(id, str(r['description']), list(r['labels']), str(r['owner'])), repos, at: str(r['updated']) || str(r['created']) || undefined },
        ...milestones.map((m): SearchDocument => ({
          kind: 'milestone',
          id: str(m['id']),
          label: `${str(m['name'])} (${title})`,
          title: str(m['name']),
          body: lines(str(m['id']), str(m['description']), list(m['completion_criteria']), list(m['deliverables'])),
          repos,
          at: str(m['due']) || undefined,
        })),
      ];
    }
    case 'dependencies': {
      const title = `${str(r['consumer'])} needs ${str(r['provider'])}`;
      return [{ kind: 'dependency', id, label: title, title, body: lines(id, str(r['type']), str(r['version_constraint']), str(r['notes'])), repos: [str(r['consumer']), str(r['provider'])].filter(Boolean), at: str(r['updated']) || undefined }];
    }
    default:
      return [];
  }
}

/**
 * The document of one event of the history: what happened and what changed, not the subject's title (the
 * record's own document holds that; repeating it in every event of the record would make each search for
 * a title wade through the record's whole history).
 */
export function documentForEvent(e: { seq: number; type: string; entity: { id: string }; actor: string; at: string; data: unknown; subject?: EventSubject | undefined }): SearchDocument {
  const what = describeEvent(e);
  const title = e.subject?.title ?? '';
  return {
    kind: 'event',
    id: e.entity.id,
    label: `${e.type} ${e.entity.id}${title ? ` ${title}` : ''}`,
    title: '',
    body: lines(e.type.replace(/[:_]/g, ' '), e.entity.id, what, e.actor),
    repos: e.subject?.repos ?? [],
    at: e.at,
    ref: String(e.seq),
  };
}
