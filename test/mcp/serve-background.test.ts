// `concord serve` also does the background work: it checks dependencies when it starts (and on its
// interval) and delivers hooks for changes made through it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpClient, serve } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('concord serve in the background', () => {
  it('checks dependencies at start, writing a status that changed', async () => {
    const text = SMALL.replace('      type: development\n      status: unsatisfied', '      type: development\n      status: unsatisfied\n      validation:\n        command: node --version\n        expected_pattern: "^v\\\\d+"');
    const { dir, file } = ecosystemDir(text);
    fs.mkdirSync(path.join(dir, 'api')); // the consumer's checkout, where the command runs
    const server = await serve(file);
    try {
      await waitFor('the dependency check', () => (/job:dependency-check succeeded: dependency-check: .*satisfied/.test(server.stderr()) ? true : undefined));
      expect(server.stderr()).toMatch(/checks: dependencies every 60 min/);
      const after = fs.readFileSync(file, 'utf8');
      expect(after).toMatch(/ {4}- id: DEP-2\n(.*\n){3} {6}status: satisfied/);
    } finally {
      await server.stop();
    }
  });

  it('delivers a shell hook for a change made over MCP', async () => {
    const { dir, file } = ecosystemDir(SMALL);
    const out = path.join(dir, 'hook-out.json');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `coordination:\n  auto_dependency_check: false\nhooks:\n  - name: record\n    events: todo:created\n    command: cat > ${out}\n`);
    const server = await serve(file);
    try {
      expect(server.stderr()).not.toContain('checks: dependencies');
      const client = await httpClient(server.url, { name: 'hooked-agent' });
      const created = await call(client, 'coord_create_todo', { task: 'Trigger the hook', repo: 'api' });
      await client.close();
      const id = (created.value['todo'] as { id: string }).id;
      const event = await waitFor('the hook', () => (fs.existsSync(out) && fs.readFileSync(out, 'utf8').includes('}') ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>) : undefined));
      expect(event).toMatchObject({ type: 'todo:created', entity: { kind: 'todo', id }, surface: 'mcp' });
    } finally {
      await server.stop();
    }
  });
});
