// MCP resources: the ecosystem summary, and each record by URI (concord://todo/TODO-1 ...).
import { ecosystemStatus, getDependency, getIssue, getPlan, getTodo, repoStatus } from '../app/queries.js';
import type { Workspace } from '../app/workspace.js';

export const SUMMARY_URI = 'concord://ecosystem';

export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  description: string;
  read: (ws: Workspace, id: string) => Promise<unknown>;
}

export const TEMPLATES: readonly ResourceTemplate[] = [
  { uriTemplate: 'concord://todo/{id}', name: 'todo', description: 'A todo in full, with blockers and what it blocks', read: (ws, id) => getTodo(ws, id) },
  { uriTemplate: 'concord://issue/{id}', name: 'issue', description: 'An issue in full, with linked todos', read: (ws, id) => getIssue(ws, id) },
  { uriTemplate: 'concord://plan/{id}', name: 'plan', description: 'A plan with milestones and progress', read: (ws, id) => getPlan(ws, id) },
  { uriTemplate: 'concord://dependency/{id}', name: 'dependency', description: 'An inter-repo dependency', read: (ws, id) => getDependency(ws, id) },
  { uriTemplate: 'concord://repo/{name}', name: 'repo', description: "A repo's coordination status", read: (ws, id) => repoStatus(ws, id) },
];

/** How to read the resource behind a URI, or undefined when it names none. */
export function resolveResource(uri: string): ((ws: Workspace) => Promise<unknown>) | undefined {
  if (uri === SUMMARY_URI) return (ws) => ecosystemStatus(ws);
  const m = /^concord:\/\/([a-z]+)\/(.+)$/.exec(uri);
  if (!m) return undefined;
  const template = TEMPLATES.find((t) => t.uriTemplate.startsWith(`concord://${m[1]}/`));
  if (!template) return undefined;
  const id = decodeURIComponent(m[2]!);
  return (ws) => template.read(ws, id);
}
