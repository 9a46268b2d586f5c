// A scanned layout as plain data (offsets, no line tables), to compare two layouts of one text.
import type { Layout } from '../../src/store/scan.js';

export function plainLayout(layout: Layout): unknown {
  const sections = Object.fromEntries(Object.entries(layout.sections).map(([name, s]) => [name, { ...s, chunks: s.chunks.map((c) => [c.start, c.end]) }]));
  return { ...layout, sections };
}
