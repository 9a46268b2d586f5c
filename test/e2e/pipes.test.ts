// The CLI as the last stage of a pipeline: a reader that stops early is not an error.
import { describe, expect, it } from 'vitest';
import { ecosystemDir } from '../helpers/temp.js';

describe('output into a closed pipe', () => {
  it('ends quietly when the reader stops early (concord todo list --json | head -c 10)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { generateEcosystem } = await import('../../src/bench/generate.js');
    const { CLI } = await import('../helpers/cli.js');
    const { dir } = ecosystemDir(generateEcosystem({ todos: 1500 }));
    // Far more than a pipe holds, so the writer meets the closed pipe (EPIPE).
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" todo list --json --limit 1500 | head -c 10; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('status 0\n');
  });

  it('writes a long answer whole through a slow reader (concord todo list --json | (sleep; cat))', async () => {
    const { spawnSync } = await import('node:child_process');
    const { generateEcosystem } = await import('../../src/bench/generate.js');
    const { CLI } = await import('../helpers/cli.js');
    const { dir } = ecosystemDir(generateEcosystem({ todos: 1500 }));
    // The pipe fills long before the answer is written: every write has to wait for the reader, none may be cut.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" todo list --json --limit 1500 | (sleep 0.3; cat)`], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const ids = (JSON.parse(r.stdout) as { items: { id: string }[] }).items.map((t) => t.id);
    expect(ids.length).toBe(1500);
    expect(new Set(ids).size).toBe(1500);
  });
});
