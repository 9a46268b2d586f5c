import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/report.json' },
    pool: 'forks',
    // One PostgreSQL server per run for the fleet tests (test/helpers/postgres.ts).
    globalSetup: ['test/helpers/postgres-setup.ts'],
  },
});
