import os from 'node:os';
import { defineConfig } from 'vitest/config';

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
    // One PostgreSQL server per run for the fleet tests (test/helpers/postgres.ts).
    globalSetup: ['test/helpers/postgres-setup.ts'],
  },
});
