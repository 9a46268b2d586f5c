// A diagram as a Mermaid flowchart (renders on GitHub, GitLab and in most Markdown viewers).
import { type Diagram, type DiagramNode, groupNodes } from '../graph/diagram.js';

const MAX_LABEL = 48;

/** Mermaid text in a quoted label: entity codes for what would end or confuse the string. */
function text(s: string): string {
  const cut = s.length > MAX_LABEL ? s.slice(0, MAX_LABEL - 1) + '…' : s;
  return cut.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, ' ');
}

function nodeClass(n: DiagramNode): string | undefined {
  if (n.kind === 'missing') return 'missing';
  if (n.critical) return 'critical';
  if (n.done) return 'done';
  if (n.ready) return 'ready';
  if (n.external) return 'external';
  return undefined;
}

export function renderMermaid(d: Diagram): string {
  const key = new Map(d.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  const shape = (n: DiagramNode) => (n.kind === 'issue' ? `{{"${text(n.label)}"}}` : n.kind === 'repo' ? `(["${text(n.label)}"])` : `["${text(n.label)}"]`);
  const { loose, groups } = groupNodes(d);
  for (const n of loose) lines.push(`  ${key.get(n.id)}${shape(n)}`);
  let g = 0;
  for (const [name, members] of groups) {
    lines.push(`  subgraph g${g++}["${text(name)}"]`, ...members.map((n) => `    ${key.get(n.id)}${shape(n)}`), '  end');
  }
  const open: number[] = [];
  const critical: number[] = [];
  d.edges.forEach((e, i) => {
    const arrow = e.label ? ` -- "${text(e.label)}" --> ` : ' --> ';
    lines.push(`  ${key.get(e.from)}${arrow}${key.get(e.to)}`);
    if (e.critical) critical.push(i);
    else if (e.open && d.kind === 'repos') open.push(i);
  });
  lines.push(
    '  classDef critical stroke:#d62728,stroke-width:3px',
    '  classDef done fill:#eeeeee,color:#777777',
    '  classDef ready fill:#e6f4ea,stroke:#2ca02c',
    '  classDef external stroke-dasharray:4 3',
    '  classDef missing stroke:#d62728,stroke-dasharray:4 3,color:#d62728',
  );
  const byClass = new Map<string, string[]>();
  for (const n of d.nodes) {
    const c = nodeClass(n);
    if (c) byClass.set(c, [...(byClass.get(c) ?? []), key.get(n.id)!]);
  }
  for (const [c, ids] of byClass) lines.push(`  class ${ids.join(',')} ${c}`);
  if (open.length) lines.push(`  linkStyle ${open.join(',')} stroke:#d62728,stroke-dasharray:4 3`);
  if (critical.length) lines.push(`  linkStyle ${critical.join(',')} stroke:#d62728,stroke-width:3px`);
  return lines.join('\n') + '\n';
}
