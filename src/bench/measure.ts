// Timing helpers for the benchmark: medians over repeated runs.

export interface Measurement {
  name: string;
  median_ms: number;
  p90_ms: number;
  runs: number;
  /** The target from the issue or seed, when there is one. */
  target_ms?: number;
  note?: string;
}

export async function measure(name: string, runs: number, fn: (i: number) => unknown | Promise<unknown>, extra: Partial<Measurement> = {}): Promise<Measurement> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { name, median_ms: round(at(0.5)), p90_ms: round(at(0.9)), runs, ...extra };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function formatTable(title: string, rows: readonly Measurement[]): string {
  const header = ['measurement', 'median ms', 'p90 ms', 'runs', 'target ms', 'verdict'];
  const body = rows.map((r) => [
    r.name + (r.note ? ` (${r.note})` : ''),
    r.median_ms.toFixed(1),
    r.p90_ms.toFixed(1),
    String(r.runs),
    r.target_ms === undefined ? '' : String(r.target_ms),
    r.target_ms === undefined ? '' : r.median_ms <= r.target_ms ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [title, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
