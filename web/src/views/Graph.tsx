// The dependency graph of todos (grouped by repo, critical path highlighted) or of repos; pan, zoom, click a node.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, query } from '../api';
import { useLive } from '../live';
import { go, setParam, type Route } from '../router';
import { Loading, TodoDrawer } from '../ui';
import { ISSUES, nodeText, type Diagram } from './graph-input';
import { layoutGraph, type Layout } from './graph-layout';

/** Above this many todos every repo starts collapsed: the graph opens fast and one repo is a click away. */
const EXPANDED_MAX = 150;

interface CriticalPath {
  steps: { id: string; hours: number; cumulative_hours: number }[];
}

export function Graph({ route }: { route: Route }) {
  const kind = route.params.get('graph') === 'repos' ? 'repos' : 'todos';
  const all = route.params.get('completed') === 'show';
  const diagram = useLive(
    (signal) => api<{ graph: Diagram }>(`dependencies/graph${query({ graph: kind, format: 'json', all: all || undefined })}`, { signal }).then((r) => r.graph),
    [kind, all],
    (e) => /^(todo|issue|dependency|repo):/.test(e.type),
  );
  const critical = useLive((signal) => api<CriticalPath>('critical-path', { signal }), [], (e) => e.type.startsWith('todo:'));
  const [collapsed, setCollapsed] = useState<Set<string>>();
  const [layout, setLayout] = useState<Layout>();
  const [layoutError, setLayoutError] = useState<Error>();
  const [open, setOpen] = useState<string>();
  const [view, setView] = useState({ x: 0, y: 0, k: 1 });
  const svg = useRef<SVGSVGElement>(null);
  const d = diagram.data;

  // The first collapse state once the graph is known: small graphs open, large ones by repo.
  const groups = useMemo(() => [...new Set((d?.nodes ?? []).flatMap((n) => (n.group ? [n.group] : n.kind === 'issue' ? [ISSUES] : [])))].sort(), [d]);
  useEffect(() => {
    if (d && !collapsed) setCollapsed(new Set(d.nodes.length > EXPANDED_MAX ? groups : []));
  }, [d, groups, collapsed]);
  useEffect(() => {
    if (!d || !collapsed) return;
    let live = true;
    layoutGraph(d, collapsed).then(
      (l) => {
        if (!live) return;
        setLayout(l);
        setLayoutError(undefined);
      },
      (e: Error) => live && setLayoutError(e),
    );
    return () => {
      live = false;
    };
  }, [d, collapsed]);
  // Fit to the window when the layout's size changes.
  const size = layout ? `${Math.round(layout.width)}x${Math.round(layout.height)}` : '';
  useEffect(() => {
    const el = svg.current;
    if (!layout || !el) return;
    const r = el.getBoundingClientRect();
    // Fit, but never so small that labels cannot be read: a larger graph starts at its left end, to pan through.
    const fit = Math.min((r.width - 40) / Math.max(1, layout.width), (r.height - 40) / Math.max(1, layout.height));
    const k = Math.max(0.55, Math.min(1.2, fit));
    const x = layout.width * k <= r.width - 40 ? (r.width - layout.width * k) / 2 : 20;
    const y = layout.height * k <= r.height - 40 ? (r.height - layout.height * k) / 2 : 20;
    setView({ k, x, y });
  }, [size]);

  const toggle = (name: string) => setCollapsed((c) => {
    const n = new Set(c);
    if (n.has(name)) n.delete(name);
    else n.add(name);
    return n;
  });
  const pan = useRef<{ x: number; y: number } | undefined>(undefined);

  return (
    <>
      <div className="filters" style={{ marginBottom: 10 }}>
        <select aria-label="graph" value={kind} onChange={(e) => setParam('graph', e.target.value === 'repos' ? 'repos' : undefined)}>
          <option value="todos">todos</option>
          <option value="repos">repos</option>
        </select>
        {kind === 'todos' && (
          <>
            <label className="row small">
              <input type="checkbox" checked={all} onChange={(e) => setParam('completed', e.target.checked ? 'show' : undefined)} /> show completed
            </label>
            <button onClick={() => setCollapsed(new Set(groups))}>collapse repos</button>
            <button onClick={() => setCollapsed(new Set())}>expand all</button>
          </>
        )}
        {d && <span className="muted small">{d.nodes.length} nodes · {d.edges.length} edges</span>}
        {kind === 'todos' && critical.data && critical.data.steps.length > 0 && (
          <span className="small" data-testid="critical-path">
            critical path: <b>{critical.data.steps.map((s) => s.id).join(' → ')}</b> ({critical.data.steps.at(-1)!.cumulative_hours} h)
          </span>
        )}
      </div>
      {!layout ? (
        <Loading error={diagram.error ?? layoutError} />
      ) : (
        <div className="graph-wrap">
          <svg
            ref={svg}
            role="img"
            aria-label="dependency graph"
            onWheel={(e) => {
              const r = svg.current!.getBoundingClientRect();
              const f = Math.exp(-e.deltaY * 0.0015);
              const mx = e.clientX - r.left;
              const my = e.clientY - r.top;
              setView((v) => ({ k: v.k * f, x: mx - (mx - v.x) * f, y: my - (my - v.y) * f }));
            }}
            onPointerDown={(e) => {
              if ((e.target as Element).closest('.gnode,.ggroup > text')) return;
              pan.current = { x: e.clientX - view.x, y: e.clientY - view.y };
              (e.target as Element).setPointerCapture?.(e.pointerId);
            }}
            onPointerMove={(e) => pan.current && setView((v) => ({ ...v, x: e.clientX - pan.current!.x, y: e.clientY - pan.current!.y }))}
            onPointerUp={() => (pan.current = undefined)}
          >
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="var(--muted)" />
              </marker>
              <marker id="arrow-critical" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="var(--critical)" />
              </marker>
            </defs>
            <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
              {layout.boxes.filter((b) => b.group && !b.group.collapsed).map((b) => (
                <g key={b.id} className="ggroup">
                  <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
                  <text x={b.x + 12} y={b.y + 18} onClick={() => toggle(b.group!.name)}>
                    ▾ {b.group!.name} · {b.group!.count}
                  </text>
                </g>
              ))}
              {layout.lines.map((l) => (
                <path key={l.id} className={`gedge ${l.critical ? 'critical' : ''}`} d={l.d} markerEnd={`url(#${l.critical ? 'arrow-critical' : 'arrow'})`} strokeWidth={l.count > 1 ? Math.min(6, 1 + Math.log2(l.count)) : undefined}>
                  <title>{l.count > 1 ? `${l.count} edges` : l.label ?? l.id}</title>
                </path>
              ))}
              {layout.boxes.filter((b) => b.node || b.group?.collapsed).map((b) =>
                b.node ? (
                  <g
                    key={b.id}
                    className={`gnode ${b.node.status ?? ''} ${b.node.critical ? 'critical' : ''} ${b.node.ready ? 'ready' : ''} ${open === b.id ? 'sel' : ''}`}
                    data-node={b.id}
                    tabIndex={0}
                    onClick={() => (b.node!.kind === 'repo' ? go('repo', b.id) : b.node!.kind === 'todo' ? setOpen(b.id) : go('search', undefined, { q: b.id }))}
                    onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as SVGGElement).dispatchEvent(new MouseEvent('click', { bubbles: true }))}
                  >
                    <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={6} />
                    <text x={b.x + 10} y={b.y + 16}>{nodeText(b.node)}</text>
                    <text className="sub" x={b.x + 10} y={b.y + 30}>
                      {[b.node.kind !== 'todo' ? b.node.kind : layout.engine === 'fast' ? b.node.group ?? '' : '', (b.node.status ?? '').replace('_', ' '), b.node.ready ? 'ready' : '', b.node.critical ? 'critical' : ''].filter(Boolean).join(' · ')}
                    </text>
                  </g>
                ) : (
                  <g key={b.id} className={`gnode group ${b.group!.critical ? 'critical' : ''}`} data-group={b.group!.name} tabIndex={0} onClick={() => toggle(b.group!.name)} onKeyDown={(e) => e.key === 'Enter' && toggle(b.group!.name)}>
                    <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={10} />
                    <text x={b.x + 12} y={b.y + 20} style={{ fontWeight: 600, fontSize: 13 }}>▸ {b.group!.name}</text>
                    <text className="sub" x={b.x + 12} y={b.y + 38}>
                      {b.group!.count} {b.group!.name === ISSUES ? 'issues' : 'todos'} · {b.group!.ready} ready{b.group!.critical ? ` · ${b.group!.critical} critical` : ''}
                    </text>
                  </g>
                ),
              )}
            </g>
          </svg>
          <div className="legend">
            <span><i style={{ background: 'var(--critical)' }} />critical path</span>
            <span><i style={{ background: 'var(--ok)' }} />ready</span>
            <span><i style={{ background: 'var(--accent)' }} />in progress</span>
            <span><i style={{ background: 'var(--warn)' }} />blocked</span>
            <span>scroll to zoom · drag to pan · click a repo to open it</span>
          </div>
        </div>
      )}
      {open && <TodoDrawer id={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}
