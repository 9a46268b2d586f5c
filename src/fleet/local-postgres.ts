// A throwaway PostgreSQL server on loopback, for the fleet's tests and `npm run bench`: initdb in a temp
// folder, fsync off, a free port, stopped (and removed) at the end.
//
// initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser), in a
// folder that user owns. A missing PostgreSQL is an error that says what to install, never a skip.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../app/process.js';

export interface LocalPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dir: string;
  /** The folder of initdb and pg_ctl. */
  bin: string;
  /** A fresh, empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (as a crash would look to clients: every connection dropped). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops, then removes its folder. */
  destroy(): Promise<void>;
}

const CANDIDATES = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/local/pgsql/bin'];

/** The folder with initdb, pg_ctl and psql: CONCORD_PG_BIN, or Debian's. */
export function postgresBin(env: Readonly<Record<string, string | undefined>>): string {
  const dirs = env['CONCORD_PG_BIN'] ? [env['CONCORD_PG_BIN']] : CANDIDATES;
  const found = dirs.find((d) => fs.existsSync(path.join(d, 'initdb')) && fs.existsSync(path.join(d, 'pg_ctl')));
  if (!found) throw new Error(`PostgreSQL was not found (looked for initdb and pg_ctl in ${dirs.join(', ')}): install it (apt-get install postgresql-15) or set CONCORD_PG_BIN`);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `durable: true` keeps PostgreSQL's default synchronous_commit (on): a commit it acknowledged survives a crash,
 * as on a production server. Otherwise commits are acknowledged before their WAL is written (faster tests), and
 * a crash (`stop`, an immediate shutdown) may lose the last few hundred milliseconds of them. `settings`: more
 * server settings (`name=value`), e.g. the bench's pg_stat_statements.
 */
export async function startLocalPostgres(env: Readonly<Record<string, string | undefined>>, o: { durable?: boolean; settings?: readonly string[] } = {}): Promise<LocalPostgres> {
  const bin = postgresBin(env);
  const root = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (root) {
    const ids = await runProcess({ argv: ['id', '-u', 'postgres'], cwd: dir });
    const gid = await runProcess({ argv: ['id', '-g', 'postgres'], cwd: dir });
    if (ids.code !== 0) throw new Error('running as root, PostgreSQL needs the postgres user (apt-get install postgresql-15 creates it)');
    fs.chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const as = (argv: string[]) => (root ? ['runuser', '-u', 'postgres', '--', ...argv] : argv);
  const run = async (argv: string[], what: string) => {
    const r = await runProcess({ argv: as(argv), cwd: dir, env: { PATH: env['PATH'] ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' }, wallMs: 60_000 });
    if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${(r.stderr || r.stdout).slice(-2000)}`);
  };
  await run([path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], 'initdb');
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', ...(o.durable ? [] : ['-c synchronous_commit=off']), '-c full_page_writes=off', '-c max_connections=300', ...(o.settings ?? []).map((x) => `-c ${x}`)].join(' ');
  const start = () => run([path.join(bin, 'pg_ctl'), '-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], 'pg_ctl start');
  const stop = () => run([path.join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], 'pg_ctl stop');
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let running = true;
  return {
    url,
    port,
    dir,
    bin,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
      const { default: pg } = await import('pg');
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop().catch(() => undefined);
      running = false;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
