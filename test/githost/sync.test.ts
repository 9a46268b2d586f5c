// Issue sync against the fake GitHub and GitLab APIs: open issues imported once (with their links), closing
// and reopening carried both ways.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Workspace } from '../../src/app/workspace.js';
import { operation } from '../../src/ops/index.js';
import { startFakeHost } from '../helpers/githost-fake.js';
import { ecosystemDir } from '../helpers/temp.js';

type Rec = { id: string; status: string; title?: string; task?: string; links?: { url: string; state: string; number: number }[] };

describe.each([['github', 'todo'], ['gitlab', 'issue']] as const)('issue sync with %s as %ss', (kind, as) => {
  it('imports open issues once (a dry run writes nothing), and carries closing and reopening both ways', async () => {
    const host = await startFakeHost(kind);
    const { dir, file } = ecosystemDir("version: '1.0'\nrepos:\n  - { name: billing, path: ./billing }\n");
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `githosts:\n  fake: { kind: ${kind}, api_url: "${host.apiUrl}", token_env: FAKE_TOKEN }\n`);
    const ws = new Workspace({ cwd: dir, actor: 'tester', env: { FAKE_TOKEN: host.token } });
    const a = host.addIssue('acme/billing', { title: 'Invoices round wrong', body: 'Off by a cent.', state: 'open', labels: ['bug'] });
    const b = host.addIssue('acme/billing', { title: 'Add VAT', body: '', state: 'open', labels: [] });
    const c = host.addIssue('acme/billing', { title: 'Old and done', body: '', state: 'closed', labels: [] });
    const d = host.addIssue('acme/billing', { title: 'Untouched', body: '', state: 'open', labels: [] });
    const sync = async (dry = false) => (await operation('issue.sync').run(ws, { host: 'fake', project: 'acme/billing', as, repo: 'billing', dry_run: dry, max: 1000 }, {})) as { imported: { id: string; number: number }[]; closed_here: unknown[]; closed_there: unknown[]; reopened_here: unknown[]; reopened_there: unknown[]; unchanged: number };
    const records = () => {
      const doc = parse(fs.readFileSync(file, 'utf8')) as { coordination?: { todos?: Rec[]; issues?: Rec[] } };
      return (as === 'todo' ? doc.coordination?.todos : doc.coordination?.issues) ?? [];
    };

    expect((await sync(true)).imported).toHaveLength(3);
    expect(records()).toHaveLength(0);
    const first = await sync();
    expect(first.imported.map((i) => i.number)).toEqual([a.number, b.number, d.number]);
    const byNumber = new Map(records().map((r) => [r.links![0]!.number, r]));
    expect(byNumber.get(a.number)).toMatchObject({ [as === 'todo' ? 'task' : 'title']: 'Invoices round wrong', status: 'pending', links: [{ url: expect.stringContaining(`/${a.number}`), state: 'open' }] });
    expect(byNumber.has(c.number)).toBe(false);
    expect((await sync()).imported).toEqual([]);
    expect(records()).toHaveLength(3);

    // Closed there -> done here; done here -> closed there.
    const idA = byNumber.get(a.number)!.id;
    const idB = byNumber.get(b.number)!.id;
    const remote = (n: number) => host.repos.get('acme/billing')!.issues.find((i) => i.number === n)!;
    remote(a.number).state = 'closed';
    if (as === 'todo') await operation('todo.complete').run(ws, { id: idB, force: true }, {});
    else await operation('issue.close').run(ws, { id: idB }, {});
    const second = await sync();
    expect(second.closed_here).toEqual([{ id: idA, number: a.number }]);
    expect(second.closed_there).toEqual([{ id: idB, number: b.number }]);
    const closed = as === 'todo' ? 'completed' : 'closed';
    expect(records().find((r) => r.id === idA)).toMatchObject({ status: closed, links: [{ state: 'closed' }] });
    expect(records().find((r) => r.id === idB)).toMatchObject({ status: closed, links: [{ state: 'closed' }] });
    expect(remote(b.number).state).toBe('closed');

    // Reopened there -> reopened here; reopened here -> reopened there.
    remote(a.number).state = 'open';
    await operation(as === 'todo' ? 'todo.update' : 'issue.update').run(ws, { id: idB, status: 'pending' }, {});
    const third = await sync();
    expect(third.reopened_here).toEqual([{ id: idA, number: a.number }]);
    expect(third.reopened_there).toEqual([{ id: idB, number: b.number }]);
    expect(records().find((r) => r.id === idA)!.status).toBe('pending');
    expect(remote(b.number).state).toBe('open');
    const fourth = await sync();
    expect([fourth.closed_here, fourth.closed_there, fourth.reopened_here, fourth.reopened_there, fourth.imported].flat()).toEqual([]);
    expect(fourth.unchanged).toBe(3);
    expect(host.requests.every((r) => r.auth === 'ok')).toBe(true);
  });
});
