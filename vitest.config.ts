import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (they wait on many child processes, leases and kills) start first, one per
 * worker, so that a run on a clean clone (no timings cached yet: vitest would start larger files first) does
 * not end with one of them running alone.
 */
const LONGEST = ['test/integration/stress.test.ts', 'test/mcp/claim-races.test.ts', 'test/integration/processes.test.ts', 'test/fleet/chaos.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONGEST.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/report.json' },
    pool: 'forks',
    // A worker per core, not vitest's cores - 1 (one on a 2-core machine): most files wait on the child
    // processes they start (the built CLI, git, servers), so two files at once keep both cores busy.
    maxWorkers: os.availableParallelism(),
    // A worker runs file after file in one process: the modules a file imports stay loaded for the next (the
    // import phase was ~190 s of CPU in isolated workers, ~30 s shared). Tests share no state through modules:
    // none mutates process.env or the working folder (test/settings.test.ts checks that settings are never shared).
    isolate: false,
    sequence: { sequencer: LongestFirst },
    // One PostgreSQL server per run for the fleet tests (test/helpers/postgres.ts).
    globalSetup: ['test/helpers/postgres-setup.ts'],
  },
});
