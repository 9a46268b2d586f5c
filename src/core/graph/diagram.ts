// The graphs `dep-graph` draws: repos joined by their dependencies, or todos and issues joined by blocker edges.
import { UNMET_DEPENDENCY_STATUSES } from './repo-blocking.js';
import { computeCriticalPath } from './critical-path.js';
import { type Graph, isResolved, itemTitle, workItem } from './graph.js';
import { isReady } from './ready.js';

export type DiagramNodeKind = 'repo' | 'todo' | 'issue' | 'missing';

export interface DiagramNode {
  id: string;
  kind: DiagramNodeKind;
  label: string;
  status?: string;
  /** Todos and issues: resolved (completed, cancelled, resolved, closed). */
  done?: boolean;
  /** The repo a todo is in (diagrams group todos by repo). */
  group?: string;
  /** Todos: can be worked on now. */
  ready?: boolean;
  /** On the critical path (the chain of unresolved work with the most remaining hours). */
  critical?: boolean;
  /** Outside the requested scope, shown because something in scope waits on it. */
  external?: boolean;
}

export interface DiagramEdge {
  /** Repos: consumer -> provider ("needs"). Work items: blocker -> blocked ("must finish before"). */
  from: string;
  to: string;
  label?: string;
  status?: string;
  /** The dependency is not known to be satisfied, or the blocker is unresolved. */
  open: boolean;
  critical?: boolean;
}

export interface Diagram {
  kind: 'repos' | 'todos';
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Every repo of the catalog (or those touching `repo`) and the dependencies between them. */
export function computeRepoDiagram(g: Graph, options: { repo?: string } = {}): Diagram {
  const deps = [...g.dependencies.values()].filter((d) => !options.repo || d.consumer === options.repo || d.provider === options.repo);
  const names = new Set<string>(options.repo ? [options.repo] : g.repos.keys());
  for (const d of deps) names.add(d.consumer).add(d.provider);
  const nodes = [...names].map((name): DiagramNode => {
    const r = g.repos.get(name);
    return r ? { id: name, kind: 'repo', label: r.role ? `${name} (${r.role})` : name, ...(r.status ? { status: r.status } : {}) } : { id: name, kind: 'missing', label: `${name} (not in the catalog)` };
  });
  const edges = deps.map((d): DiagramEdge => ({
    from: d.consumer,
    to: d.provider,
    label: [d.type, d.version_constraint].filter(Boolean).join(' '),
    status: d.status,
    open: UNMET_DEPENDENCY_STATUSES.has(d.status),
  }));
  return { kind: 'repos', nodes, edges };
}

/** The nodes drawn on their own, and those drawn inside a box per group (todos of a repo). */
export function groupNodes(d: Diagram): { loose: DiagramNode[]; groups: Map<string, DiagramNode[]> } {
  const loose: DiagramNode[] = [];
  const groups = new Map<string, DiagramNode[]>();
  for (const n of d.nodes) {
    if (n.group && !n.external) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
    else loose.push(n);
  }
  return { loose, groups };
}

export interface TodoDiagramOptions {
  plan?: string;
  repo?: string;
  /** Include completed and cancelled todos and resolved issues. */
  all?: boolean;
}

/** Todos and issues in scope, the blockers they wait on, and the critical path through them. */
export function computeTodoDiagram(g: Graph, options: TodoDiagramOptions = {}): Diagram {
  const inScope = (id: string): boolean => {
    if (!options.all && isResolved(g, id)) return false;
    const t = g.todos.get(id);
    if (t) return (!options.plan || t.plan === options.plan) && (!options.repo || t.repo === options.repo);
    const i = g.issues.get(id);
    return Boolean(i) && !options.plan && (!options.repo || i!.repos.includes(options.repo as never));
  };
  const ids = [...g.todos.keys(), ...g.issues.keys()].filter(inScope);
  const critical = computeCriticalPath(g, { ...(options.plan ? { plan: options.plan } : {}), ...(options.repo ? { repo: options.repo } : {}) }).steps.map((s) => s.id);
  const onPath = new Set(critical.length > 1 ? critical : []);
  const shown = new Set(ids);
  const edges: DiagramEdge[] = [];
  const external = new Set<string>();
  for (const id of ids) {
    for (const b of g.blockers.get(id) ?? []) {
      if (!shown.has(b)) {
        if (!options.all && isResolved(g, b)) continue;
        external.add(b);
      }
      const open = !isResolved(g, b);
      edges.push({ from: b, to: id, open, ...(onPath.has(b) && onPath.has(id) ? { critical: true } : {}) });
    }
  }
  const node = (id: string, outside: boolean): DiagramNode => {
    const item = workItem(g, id);
    if (!item) return { id, kind: 'missing', label: `${id} (not in the ecosystem)`, external: true };
    const repo = item.kind === 'todo' ? item.row.repo : undefined;
    return {
      id,
      kind: item.kind,
      label: `${id}: ${itemTitle(item)}`,
      status: item.row.status,
      ...(isResolved(g, id) ? { done: true } : {}),
      ...(repo ? { group: repo } : {}),
      ...(item.kind === 'todo' && isReady(g, item.row) ? { ready: true } : {}),
      ...(onPath.has(id) ? { critical: true } : {}),
      ...(outside ? { external: true } : {}),
    };
  };
  return { kind: 'todos', nodes: [...ids.map((id) => node(id, false)), ...[...external].map((id) => node(id, true))], edges };
}
