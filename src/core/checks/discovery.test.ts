import { describe, expect, it } from 'vitest';
import { snapshot } from '../../../test/helpers/builders.js';
import { type CompareRanges, planDiscovery, type RepoManifests, usableRange } from './discovery.js';

// Ranges compared by text, so the planner is tested apart from any version library.
const differ: CompareRanges = (edge, constraint) => (edge.range === constraint ? undefined : { kind: 'range', reason: `${edge.range} vs ${constraint}` });

describe('planDiscovery', () => {
  const s = snapshot({
    repos: ['web', 'sdk', { name: 'py', package: 'Py_Lib' }],
    dependencies: [
      { id: 'DEP-1', consumer: 'web', provider: 'sdk', version_constraint: '^1.0.0' },
      { id: 'DEP-2', consumer: 'web', provider: 'py', type: 'mcp' },
      { id: 'DEP-3', consumer: 'sdk', provider: 'web', status: 'cancelled' },
    ],
  });
  const manifests: RepoManifests[] = [
    { repo: 'sdk', publishes: [{ ecosystem: 'npm', name: '@a/sdk', version: '2.0.0', manifest: 'package.json' }], needs: [{ ecosystem: 'npm', name: 'lodash', range: '^4', kind: 'runtime', manifest: 'package.json' }] },
    {
      repo: 'web',
      publishes: [{ ecosystem: 'npm', name: 'web', manifest: 'package.json' }],
      needs: [
        { ecosystem: 'npm', name: '@a/sdk', range: '^2.0.0', kind: 'runtime', manifest: 'package.json', locked: '2.0.1', lockfile: 'package-lock.json' },
        { ecosystem: 'python', name: 'py-lib', range: '>=1', kind: 'development', manifest: 'requirements-dev.txt' },
        { ecosystem: 'npm', name: 'web', range: '*', kind: 'runtime', manifest: 'package.json' },
      ],
    },
  ];

  it('finds edges between repos (by manifest names and catalog packages), drift and unseen declarations', () => {
    const plan = planDiscovery(s.repos, manifests, s.dependencies, differ);
    expect(plan.found.map((e) => [e.consumer, e.provider, e.package])).toEqual([['web', 'sdk', '@a/sdk'], ['web', 'py', 'py-lib']]);
    expect(plan.undeclared).toEqual([]);
    expect(plan.drift).toEqual([expect.objectContaining({ id: 'DEP-1', constraint: '^1.0.0', kind: 'range', reason: '^2.0.0 vs ^1.0.0', fix: { version_constraint: '^2.0.0' } })]);
    expect(plan.unseen).toEqual([]);
  });

  it('proposes a dependency for an edge nobody declared, with the manifest range when it is a range', () => {
    const plan = planDiscovery(s.repos, manifests, s.dependencies.filter((d) => d.id !== 'DEP-2'), differ);
    expect(plan.undeclared).toEqual([expect.objectContaining({ consumer: 'web', provider: 'py', proposal: { consumer: 'web', provider: 'py', type: 'development', version_constraint: '>=1', notes: 'Found by concord dep discover: requirements-dev.txt of web needs py-lib >=1' } })]);
    expect(usableRange('workspace:*')).toBeUndefined();
    expect(usableRange('git+https://x/y.git')).toBeUndefined();
    expect(usableRange('*')).toBeUndefined();
    expect(usableRange(' ^1.2 ')).toBe('^1.2');
  });
});
