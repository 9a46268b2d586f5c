import { describe, expect, it } from 'vitest';
import type { Diagram } from '../graph/diagram.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';

const tricky: Diagram = {
  kind: 'todos',
  nodes: [
    { id: 'T-1', kind: 'todo', label: 'T-1: say "hi" <b> & a\\b', group: 'we "b"', critical: true },
    { id: 'T-2', kind: 'todo', label: 'T-2: ' + 'x'.repeat(80), group: 'we "b"', ready: true },
    { id: 'I"1', kind: 'issue', label: 'I"1: issue', status: 'closed', done: true },
  ],
  edges: [
    { from: 'I"1', to: 'T-1', open: false },
    { from: 'T-1', to: 'T-2', open: true, critical: true, label: 'a "label"' },
  ],
};

describe('mermaid', () => {
  it('escapes quotes and angle brackets, shortens long labels, keeps ids safe', () => {
    const text = renderMermaid(tricky);
    expect(text).toContain('  n2{{"I#quot;1: issue"}}');
    expect(text).toContain('  subgraph g0["we #quot;b#quot;"]');
    expect(text).toContain('    n0["T-1: say #quot;hi#quot; #lt;b#gt; #amp; a\\b"]');
    expect(text).toContain(`    n1["T-2: ${'x'.repeat(42)}…"]`);
    expect(text).toContain('  n2 --> n0\n  n0 -- "a #quot;label#quot;" --> n1');
    expect(text).toContain('  class n0 critical\n  class n1 ready\n  class n2 done');
    expect(text).toContain('  linkStyle 1 stroke:#d62728,stroke-width:3px');
  });
});

describe('dot', () => {
  it('escapes quotes and backslashes and clusters by group', () => {
    const text = renderDot(tricky);
    expect(text).toContain('  "I\\"1" [label="I\\"1: issue", shape=hexagon, fontcolor="#777777", style="rounded,filled", fillcolor="#eeeeee"];');
    expect(text).toContain('  subgraph cluster_0 {\n    label="we \\"b\\"";\n    "T-1" [label="T-1: say \\"hi\\" <b> & a\\\\b", color="#d62728", penwidth=3];');
    expect(text).toContain('  "T-1" -> "T-2" [label="a \\"label\\"", color="#d62728", penwidth=3];');
    expect(text).toContain('  "I\\"1" -> "T-1" [color="#999999"];');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
