// Structured logs: JSON lines, levels, and secrets removed by key and by value.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startObservability } from '../../src/app/observability.js';
import { Workspace } from '../../src/app/workspace.js';
import { createLogger, REDACTED } from '../../src/obs/logger.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

const lines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('logger', () => {
  it('writes JSON lines at or above its level to a file, with the time, level and base fields', () => {
    const file = path.join(tempDir(), 'logs', 'concord.log');
    const log = createLogger({ level: 'info', destination: file, sync: true, base: { surface: 'serve' } });
    log.debug('not written');
    log.info({ job: 'nightly' }, 'fired');
    log.error({ err: new Error('boom') }, 'failed');
    const got = lines(file);
    expect(got.map((l) => [l['level'], l['msg']])).toEqual([
      ['info', 'fired'],
      ['error', 'failed'],
    ]);
    expect(got[0]).toMatchObject({ job: 'nightly', surface: 'serve', pid: process.pid });
    expect(Date.parse(String(got[0]!['time']))).not.toBeNaN();
    expect(got[1]).toMatchObject({ err: { message: 'boom', type: 'Error' } });
  });

  it('redacts secrets by key (defaults and extra paths) and by value anywhere in the line', () => {
    const file = path.join(tempDir(), 'concord.log');
    const secret = 'hunter2-very-secret-token';
    const log = createLogger({ level: 'info', destination: file, sync: true, redact: ['data.private_key'], secrets: [secret, 'short'] });
    log.info({ token: 'abc', headers: { authorization: 'Bearer x' }, hook: { secret: 's3' }, data: { private_key: 'k', keep: 'kept' } }, 'with keys');
    log.warn({ url: `https://example.test/?t=${secret}` }, `request to https://example.test/?t=${secret} failed`);
    log.info('a short word stays: short');
    log.error('agent said: sk-proj-Zq9Xw8Vu7Ts6Rq5Po4Nm3 and ghp_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx with Authorization: Bearer abc.def.123456; the token refreshed');
    const [keys, values, short, shapes] = lines(file);
    expect(keys).toMatchObject({ token: REDACTED, headers: { authorization: REDACTED }, hook: { secret: REDACTED }, data: { private_key: REDACTED, keep: 'kept' } });
    expect(JSON.stringify(values)).not.toContain(secret);
    expect(values!['msg']).toBe(`request to https://example.test/?t=${REDACTED} failed`);
    expect(short!['msg']).toBe('a short word stays: short');
    // Token shapes nobody told the logger of: the same list as run logs (src/obs/redact.ts).
    expect(shapes!['msg']).toBe(`agent said: ${REDACTED} and ${REDACTED} with Authorization: Bearer ${REDACTED}; the token refreshed`);
  });
});

describe('startObservability', () => {
  it('logs to the file named in concord.yaml (relative to it), masking the server token and hook secrets', async () => {
    const { dir } = ecosystemDir('repos: []\n');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'observability:\n  log:\n    level: debug\n    destination: logs/server.log\nhooks:\n  - name: ci\n    events: todo:*\n    url: http://127.0.0.1:9/hook\n    secret_env: HOOK_SECRET\n');
    const token = 'a-server-token-of-some-length';
    const ws = new Workspace({ cwd: dir, env: { CONCORD_SERVER_TOKEN: token, HOOK_SECRET: 'the-hook-secret-value' } });
    const obs = await startObservability(ws, { surface: 'serve' });
    obs.logger.debug(`token ${token} and secret the-hook-secret-value`);
    await obs.shutdown();
    await expect.poll(() => fs.existsSync(path.join(dir, 'logs', 'server.log')) && fs.readFileSync(path.join(dir, 'logs', 'server.log'), 'utf8').includes('token')).toBe(true);
    const [line] = lines(path.join(dir, 'logs', 'server.log'));
    expect(line).toMatchObject({ level: 'debug', surface: 'serve', msg: `token ${REDACTED} and secret ${REDACTED}` });
  });

  it('refuses an unknown log level from the environment, naming the variable', () => {
    const { dir } = ecosystemDir('repos: []\n');
    expect(() => new Workspace({ cwd: dir, env: { CONCORD_LOG_LEVEL: 'loud' } })).toThrow(/observability\.log\.level.*CONCORD_LOG_LEVEL|CONCORD_LOG_LEVEL.*observability\.log\.level/s);
  });
});
