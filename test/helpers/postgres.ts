// The fleet tests' PostgreSQL: a fresh database per call on the test run's server (postgres-setup.ts), so
// test files run in parallel without seeing each other's runs or graphile-worker jobs.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The server's URL; throws (the test fails) when the test setup could not start PostgreSQL. */
export function postgresUrl(): string {
  const p = inject('postgres');
  if (!p?.url) throw new Error(`no PostgreSQL for this test: ${p?.error ?? 'the global setup did not run (vitest.config.ts globalSetup)'}`);
  return p.url;
}

/** A new empty database on the test server, and its URL. */
export async function freshDatabase(prefix = 't'): Promise<string> {
  const url = postgresUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return url.replace(/\/[^/]*$/, `/${name}`);
}
