import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeBlockedBy, computeBlocking } from './repo-blocking.js';

const eco = () =>
  graph({
    issues: [issue('I-open', { repos: ['web'], status: 'in_progress' }), issue('I-done', { repos: ['web'], status: 'resolved' })],
    todos: [
      todo('api-1', { repo: 'api', blocking: ['web-1'] }),
      todo('api-2', { repo: 'api', status: 'completed', blocking: ['web-2'] }),
      todo('web-1', { repo: 'web', blocked_by: ['api-1'] }),
      todo('web-2', { repo: 'web', blocked_by: ['api-2'] }),
      todo('web-3', { repo: 'web', blocked_by: ['I-open'] }),
      todo('api-3', { repo: 'api', blocking: ['api-4'] }),
      todo('api-4', { repo: 'api', blocked_by: ['api-3'] }),
    ],
    dependencies: [
      { id: 'D1', consumer: 'web', provider: 'api', status: 'unsatisfied' },
      { id: 'D2', consumer: 'web', provider: 'lib', status: 'satisfied' },
      { id: 'D3', consumer: 'lib', provider: 'api', status: 'failed' },
    ],
  });

describe('blocking(repo)', () => {
  it('lists open issues naming the repo, unresolved blockers of its todos and its unmet dependencies', () => {
    const b = computeBlocking(eco(), 'web');
    expect(b.issues.map((i) => i.id)).toEqual(['I-open']);
    expect(b.blockers.map((x) => [x.id, x.blocks])).toEqual([['api-1', ['web-1']], ['I-open', ['web-3']]]);
    expect(b.dependencies.map((d) => d.id)).toEqual(['D1']);
  });
});

describe('blocked_by(repo)', () => {
  it('lists what the repo holds up in other repos, not inside itself', () => {
    const b = computeBlockedBy(eco(), 'api');
    expect(b.items.map((i) => [i.id, i.blocks.map((x) => x.id)])).toEqual([['api-1', ['web-1']]]);
    expect(b.dependencies.map((d) => d.id)).toEqual(['D1', 'D3']);
  });
});
