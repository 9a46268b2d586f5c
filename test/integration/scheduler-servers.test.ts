// Two `concord serve` processes on one state folder fire a job once per instant, never twice.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { ScheduleStore } from '../../src/state/schedule-store.js';
import { CLI } from '../helpers/cli.js';
import { ecosystemDir } from '../helpers/temp.js';

function serve(dir: string) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CONCORD_ACTOR: 'e2e' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, stderr: () => stderr };
}

describe('two servers, one state folder', () => {
  it('fire each instant of an every-second job exactly once', async () => {
    const { dir } = ecosystemDir('repos: []\n');
    const out = path.join(dir, 'fired.txt');
    fs.writeFileSync(path.join(dir, 'append.cjs'), "require('fs').appendFileSync(process.argv[2], process.env.CONCORD_FIRE_INSTANT + ' ' + process.env.CONCORD_FIRE_ID + '\\n');\n");
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `coordination:\n  auto_dependency_check: false\nscheduler:\n  poll: 200ms\njobs:\n  - name: tick\n    cron: "* * * * * *"\n    command: ["${process.execPath}", "append.cjs", "${out}"]\n    overlap: allow_all\n`);
    const a = serve(dir);
    const b = serve(dir);
    await expect.poll(() => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n').length : 0), { timeout: 30_000, interval: 200 }).toBeGreaterThanOrEqual(6);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect([await a.exited, await b.exited], a.stderr() + b.stderr()).toEqual([0, 0]);

    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    const instants = lines.map((l) => l.split(' ')[0]!);
    expect(new Set(instants).size).toBe(instants.length);
    const ws = new Workspace({ cwd: dir, env: {} });
    const fires = new ScheduleStore(ws.db).history('job:tick', 10_000);
    const started = fires.filter((f) => f.status !== 'missed' && f.status !== 'skipped');
    expect(new Set(started.map((f) => f.key)).size).toBe(started.length);
    expect(started.filter((f) => f.status === 'succeeded').length).toBe(lines.length);
    ws.close();
  });
});
