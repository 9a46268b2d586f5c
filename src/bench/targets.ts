// The targets of issue 12 and the table that compares each command against them and against `node -e 0`.

export interface Target {
  /** CPU time as a multiple of `node -e 0` measured in the same run. */
  ratio?: number;
  /** Wall time, for what an agent waits on (a fresh clone, a server's first answer, a hand edit). */
  wall_ms?: number;
  rss_mib: number;
}

export const CLI_MIB = 100;
export const SERVER_MIB = 250;
export const read = (ratio = 3): Target => ({ ratio, rss_mib: CLI_MIB });
export const WRITE: Target = { ratio: 5, rss_mib: CLI_MIB };
export const FRESH_CLONE: Target = { wall_ms: 1500, rss_mib: CLI_MIB };
export const HAND_EDIT: Target = { wall_ms: 300, rss_mib: CLI_MIB };
export const SERVER_FIRST_CALL: Target = { wall_ms: 2000, rss_mib: SERVER_MIB };
export const SERVER_HAND_EDIT: Target = { wall_ms: 300, rss_mib: SERVER_MIB };

/** The targets are for 10,000 todos; at 50,000 they hold within 2x. */
export function scaled(t: Target, todos: number): Target {
  const k = todos > 10_000 ? 2 : 1;
  return { ...(t.ratio ? { ratio: t.ratio * k } : {}), ...(t.wall_ms ? { wall_ms: t.wall_ms * k } : {}), rss_mib: t.rss_mib * k };
}

export interface Row {
  name: string;
  runs: number;
  cpu_ms?: number;
  wall_ms: number;
  rss_mib?: number;
  target?: Target;
  note?: string;
}

/** What a row misses, given the CPU time of `node -e 0` in the same run. */
export function misses(row: Row, baselineCpu: number): string[] {
  const t = row.target;
  if (!t) return [];
  const out: string[] = [];
  if (t.ratio !== undefined && row.cpu_ms !== undefined && row.cpu_ms / baselineCpu > t.ratio) out.push('cpu');
  if (t.wall_ms !== undefined && row.wall_ms > t.wall_ms) out.push('time');
  if (row.rss_mib !== undefined && row.rss_mib > t.rss_mib) out.push('memory');
  return out;
}

export function formatRows(title: string, rows: readonly Row[], baselineCpu: number): string {
  const header = ['command', 'runs', 'cpu ms', 'x node', 'target', 'wall ms', 'peak MiB', 'max MiB', 'verdict'];
  const body = rows.map((r) => {
    const t = r.target;
    const miss = misses(r, baselineCpu);
    return [
      r.name + (r.note ? ` (${r.note})` : ''),
      String(r.runs),
      r.cpu_ms === undefined ? '' : r.cpu_ms.toFixed(0),
      r.cpu_ms === undefined ? '' : (r.cpu_ms / baselineCpu).toFixed(2),
      t?.ratio !== undefined ? `<= ${t.ratio}x` : t?.wall_ms !== undefined ? `<= ${t.wall_ms} ms` : '',
      r.wall_ms.toFixed(0),
      r.rss_mib === undefined ? '' : r.rss_mib.toFixed(0),
      t ? String(t.rss_mib) : '',
      !t ? '' : miss.length ? `MISSED (${miss.join(', ')})` : 'ok',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** One size's command rows, for the scaling table. */
export interface SizedRows {
  todos: number;
  rows: readonly Row[];
  baselineCpu: number;
}

/**
 * Each command across the sizes: its CPU ratio to `node -e 0` (or its wall time, for a wall-time target) and
 * peak memory, with `!` where that size's target is missed.
 */
export function formatScaling(sizes: readonly SizedRows[]): string {
  const names = [...new Set(sizes.flatMap((s) => s.rows.filter((r) => r.target).map((r) => r.name)))];
  const cell = (r: Row | undefined, base: number) => {
    if (!r?.target) return '';
    const figure = r.target.ratio !== undefined && r.cpu_ms !== undefined ? `${(r.cpu_ms / base).toFixed(2)}x` : `${r.wall_ms.toFixed(0)} ms`;
    return `${figure}${r.rss_mib === undefined ? '' : `, ${r.rss_mib.toFixed(0)} MiB`}${misses(r, base).length ? ' !' : ''}`;
  };
  const header = ['command', ...sizes.map((s) => `${s.todos.toLocaleString('en')} todos`)];
  const body = names.map((name) => [name, ...sizes.map((s) => cell(s.rows.find((r) => r.name === name), s.baselineCpu))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const title = '\nScaling of the commands (CPU as a multiple of node -e 0, or wall time where the target is one; ! = missed at that size; targets at 50,000 are 2x)';
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
