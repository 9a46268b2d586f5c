// `concord job ...`, `concord trigger` and `concord activity ...` through the built CLI.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('concord job and concord trigger', () => {
  it('lists jobs, runs one now (exit 0), and exits 1 with the error when a run fails', () => {
    const { dir } = ecosystemDir('repos: []\n');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `jobs:\n  - name: hello\n    cron: "0 3 * * *"\n    timezone: Europe/Berlin\n    command: ["${process.execPath}", "-e", "console.log('hello')"]\n  - name: broken\n    interval: 1h\n    command: ["${process.execPath}", "-e", "process.exit(3)"]\n    breaker: 1\n`);
    const list = concord(['job', 'list', '--json'], { cwd: dir });
    expect(list.code, list.stderr).toBe(0);
    expect((list.json() as { name: string }[]).map((j) => j.name)).toEqual(['dependency-check', 'hello', 'broken']);

    const ok = concord(['trigger', 'hello'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^job hello: fire \d+ succeeded in \d+ ms: .* exited with code 0\nhello\n$/);

    const bad = concord(['job', 'trigger', 'broken', '--json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ error: { code: 'JOB_FAILED', data: { status: 'failed', outcome: { error: expect.stringContaining('exited with code 3') } } } });
    const refused = concord(['trigger', 'broken'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/BREAKER_OPEN: job "broken" stopped after 1 consecutive failures[\s\S]*concord job reset broken/);
    expect(concord(['job', 'reset', 'broken'], { cwd: dir }).stdout).toContain('breaker closed');

    const shown = concord(['job', 'show', 'broken'], { cwd: dir });
    expect(shown.stdout).toMatch(/overlap skip, misfire skip, breaker 0\/1/);
    expect(shown.stdout).toMatch(/failed\s+manual/);
    expect(concord(['trigger', 'nope'], { cwd: dir }).stderr).toContain('JOB_NOT_FOUND');
  });

  it('refuses a concord.yaml with a bad job, naming the line and the fix', () => {
    const { dir } = ecosystemDir('repos: []\n');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'jobs:\n  - name: x\n    cron: "99 * * * *"\n    command: ["true"]\n    overlap: sometimes\n');
    const r = concord(['job', 'list'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/jobs\.0\.cron \(line 3\): "99 \* \* \* \*" is not a cron expression/);
    expect(r.stderr).toMatch(/jobs\.0\.overlap \(line 5\): overlap is one of skip, buffer_one, buffer_all, cancel_other, allow_all/);
  });
});

describe('concord activity', () => {
  it('lists, shows, runs, enables, disables and resets an activity', () => {
    const { dir } = ecosystemDir('repos: []\n');
    fs.mkdirSync(path.join(dir, 'activities'));
    fs.writeFileSync(path.join(dir, 'activities', 'weekly.md'), `---\n# Metrics every Monday\ndescription: Weekly review\ntriggers:\n  - cron: "0 8 * * 1"\nactions:\n  - command: ["${process.execPath}", "-e", "console.log(process.env.CONCORD_ACTIVITY)"]\n---\nRuns the weekly metrics.\n`);
    fs.writeFileSync(path.join(dir, 'activities', 'bad.md'), '---\ntriggers: []\n---\n');
    const list = concord(['activity', 'list'], { cwd: dir });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/weekly\s+no\s+cron "0 8 \* \* 1" UTC/);
    expect(list.stdout).toMatch(/invalid: .*bad\.md:2: triggers: an activity needs at least one trigger/);

    const run = concord(['activity', 'run', 'weekly'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('\nweekly\n');
    expect(concord(['activity', 'enable', 'weekly'], { cwd: dir }).stdout).toMatch(/weekly: enabled/);
    expect(fs.readFileSync(path.join(dir, 'activities', 'weekly.md'), 'utf8')).toMatch(/^---\n# Metrics every Monday\n[\s\S]*enabled: true\n---\nRuns the weekly metrics.\n$/);
    const shown = concord(['activity', 'show', 'weekly'], { cwd: dir });
    expect(shown.stdout).toMatch(/activity weekly\nWeekly review[\s\S]*Runs the weekly metrics\.[\s\S]*succeeded\s+manual/);
    expect(concord(['activity', 'disable', 'weekly'], { cwd: dir }).stdout).toMatch(/weekly: disabled/);
    expect(concord(['activity', 'reset', 'weekly'], { cwd: dir }).stdout).toContain('was not open');
  });
});
