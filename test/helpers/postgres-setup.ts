// Vitest global setup: one throwaway PostgreSQL server per test run (src/fleet/local-postgres.ts), shared by
// the fleet tests, each of which makes its own database on it (test/helpers/postgres.ts). When PostgreSQL
// cannot be started, the reason is handed to those tests, which then fail with it (never skip).
import type { TestProject } from 'vitest/node';
import { startLocalPostgres } from '../../src/fleet/local-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url?: string; error?: string };
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  try {
    const pg = await startLocalPostgres(process.env);
    project.provide('postgres', { url: pg.url });
    return () => pg.destroy();
  } catch (e) {
    project.provide('postgres', { error: (e as Error).message });
    return undefined;
  }
}
