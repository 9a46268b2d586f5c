// Cycles among repos through runtime dependencies: a needs b at run time, b needs a (directly or further on).
import type { Dependency } from '../model.js';

/**
 * Each cycle once, as the repos in order with the first repeated at the end (`a → b → a`), starting from its
 * smallest name. Only runtime dependencies count: a test or documentation edge back is no deadlock.
 */
export function findRuntimeRepoCycles(dependencies: Iterable<Dependency>): string[][] {
  const needs = new Map<string, Set<string>>();
  for (const d of dependencies) {
    if (d.type !== 'runtime' || d.status === 'cancelled' || d.status === 'deprecated' || d.consumer === d.provider) continue;
    if (!needs.has(d.consumer)) needs.set(d.consumer, new Set());
    needs.get(d.consumer)!.add(d.provider);
  }
  const found = new Map<string, string[]>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of needs.get(at) ?? []) {
      if (next === start) {
        const cycle = [...path];
        const least = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(least), ...cycle.slice(0, least)];
        found.set(rotated.join('\u0000'), [...rotated, rotated[0]!]);
      } else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const repo of [...needs.keys()].sort()) walk(repo, repo, [repo]);
  return [...found.values()].sort((a, b) => a.join().localeCompare(b.join()));
}
