// A diagram as Graphviz DOT (`concord dep-graph --format dot | dot -Tsvg > graph.svg`).
import { type Diagram, type DiagramNode, groupNodes } from '../graph/diagram.js';

const MAX_LABEL = 60;

/** A DOT double-quoted string. */
function quote(s: string): string {
  const cut = s.length > MAX_LABEL ? s.slice(0, MAX_LABEL - 1) + '…' : s;
  return `"${cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeAttrs(n: DiagramNode): string {
  const a = [`label=${quote(n.label)}`];
  if (n.kind === 'issue') a.push('shape=hexagon');
  if (n.kind === 'missing') a.push('color="#d62728"', 'fontcolor="#d62728"', 'style="rounded,dashed"');
  else if (n.critical) a.push('color="#d62728"', 'penwidth=3');
  if (n.done) a.push('fontcolor="#777777"', 'style="rounded,filled"', 'fillcolor="#eeeeee"');
  else if (n.ready) a.push('style="rounded,filled"', 'fillcolor="#e6f4ea"');
  else if (n.external && n.kind !== 'missing') a.push('style="rounded,dashed"');
  return a.join(', ');
}

export function renderDot(d: Diagram): string {
  const lines = ['digraph concord {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  const { loose, groups } = groupNodes(d);
  for (const n of loose) lines.push(`  ${quote(n.id)} [${nodeAttrs(n)}];`);
  let i = 0;
  for (const [name, members] of groups) {
    lines.push(`  subgraph cluster_${i++} {`, `    label=${quote(name)};`, ...members.map((n) => `    ${quote(n.id)} [${nodeAttrs(n)}];`), '  }');
  }
  for (const e of d.edges) {
    const a: string[] = [];
    if (e.label) a.push(`label=${quote(e.label)}`);
    if (e.critical) a.push('color="#d62728"', 'penwidth=3');
    else if (e.open && d.kind === 'repos') a.push('color="#d62728"', 'style=dashed');
    else if (!e.open && d.kind === 'todos') a.push('color="#999999"');
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${a.length ? ` [${a.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
