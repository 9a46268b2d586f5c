// Vitest global setup: one throwaway PostgreSQL server per test run (src/fleet/local-postgres.ts), shared by
// the fleet tests, each of which makes its own database on it (test/helpers/postgres.ts). When PostgreSQL
// cannot be started, the reason is handed to those tests, which then fail with it (never skip).
import { execFileSync } from 'node:child_process';
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
    // A test run stopped by a signal skips the teardown: stop the server on the way out all the same.
    const bail = () => {
      const ctl = [pg.bin + '/pg_ctl', '-D', pg.dir + '/data', '-m', 'immediate', 'stop'];
      const argv = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...ctl] : ctl;
      try {
        execFileSync(argv[0]!, argv.slice(1), { stdio: 'ignore', timeout: 10_000 });
      } catch {
        // Already stopped.
      }
    };
    const onSignal = (signal: NodeJS.Signals) => {
      bail();
      // Nobody else handles it: end as the signal would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
    return async () => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, onSignal);
      await pg.destroy();
    };
  } catch (e) {
    project.provide('postgres', { error: (e as Error).message });
    return undefined;
  }
}
