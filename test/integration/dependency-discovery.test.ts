// Discovery over real manifests and lockfiles: undeclared edges, drifted constraints, and --apply.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverDependencies } from '../../src/app/checks/index.js';
import { getDependency } from '../../src/app/queries.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { git, gitInit } from '../helpers/temp.js';

function ecosystem() {
  return ecosystemWithRepos(
    {
      sdk: { files: { 'package.json': { name: '@acme/sdk', version: '2.3.0' } } },
      web: {
        files: {
          'package.json': { name: 'web', dependencies: { '@acme/sdk': '^1.4.0', react: '^18.0.0' }, devDependencies: { '@acme/testkit': 'file:../testkit' } },
          'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/@acme/sdk': { version: '1.9.0' }, 'node_modules/@acme/testkit': { resolved: '../testkit', link: true }, '../testkit': { version: '0.4.0' } } },
        },
      },
      testkit: { files: { 'package.json': { name: '@acme/testkit', version: '0.4.0' } } },
      oneiric: { files: { 'pyproject.toml': '[project]\nname = "oneiric"\nversion = "0.3.0"\n' } },
      fastblocks: {
        files: {
          'pyproject.toml': '[tool.poetry]\nname = "fastblocks"\nversion = "1.0.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\noneiric = "^0.2"\n',
          'poetry.lock': '[[package]]\nname = "oneiric"\nversion = "0.2.4"\n',
        },
      },
      engine: { files: { 'Cargo.toml': '[package]\nname = "engine"\nversion = "1.4.0"\n' } },
      cli: { files: { 'Cargo.toml': '[package]\nname = "cli"\nversion = "0.1.0"\n\n[dependencies]\nengine = { version = "1.2", features = ["fast"] }\n', 'Cargo.lock': '[[package]]\nname = "engine"\nversion = "1.4.0"\n' } },
      services: { catalog: { path: null } },
    },
    [
      { id: 'DEP-SDK', consumer: 'web', provider: 'sdk', version_constraint: '>=2.1.0', status: 'satisfied' },
      { id: 'DEP-PY', consumer: 'fastblocks', provider: 'oneiric', version_constraint: '>=0.2.5', status: 'satisfied' },
      { id: 'DEP-CARGO', consumer: 'cli', provider: 'engine', version_constraint: '1.3', status: 'satisfied' },
      { id: 'DEP-SVC', consumer: 'web', provider: 'services', type: 'runtime', status: 'unknown' },
    ],
  );
}

describe('dependency discovery', () => {
  it('reports undeclared edges and drift from real manifests, and changes nothing without --apply', async () => {
    const { ws, file } = ecosystem();
    const before = fs.readFileSync(file, 'utf8');
    const report = await discoverDependencies(ws, {});
    expect(report.scanned).toEqual(['sdk', 'web', 'testkit', 'oneiric', 'fastblocks', 'engine', 'cli']);
    expect(report.found.map((e) => `${e.consumer}->${e.provider}:${e.package}`).sort()).toEqual(['cli->engine:engine', 'fastblocks->oneiric:oneiric', 'web->sdk:@acme/sdk', 'web->testkit:@acme/testkit']);
    // A `file:` dependency is an edge, but its "range" is no version constraint.
    expect(report.undeclared).toEqual([
      expect.objectContaining({ consumer: 'web', provider: 'testkit', range: 'file:../testkit', kind: 'development', locked: '0.4.0', proposal: { consumer: 'web', provider: 'testkit', type: 'development', notes: expect.stringContaining('package.json of web needs @acme/testkit') } }),
    ]);
    expect(report.drift).toEqual([
      expect.objectContaining({ id: 'DEP-SDK', kind: 'range', reason: 'package.json of web asks for @acme/sdk ^1.4.0, and no version within it is within >=2.1.0', fix: { version_constraint: '^1.4.0' } }),
      // Poetry's ^0.2 is >=0.2,<0.3 in PEP 440: it overlaps >=0.2.5, but the lock (what is installed) is outside.
      expect.objectContaining({ id: 'DEP-PY', kind: 'lock', reason: expect.stringContaining('poetry.lock of fastblocks locks oneiric 0.2.4') }),
    ]);
    expect(report.drift.find((d) => d.id === 'DEP-PY')?.fix).toBeUndefined();
    expect(report.unseen).toEqual([{ id: 'DEP-SVC', consumer: 'web', provider: 'services' }]);
    expect(report.applied).toBeUndefined();
    expect(report.open).toBe(3);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('with --apply declares the edges and fixes the constraints in one write, keeping comments; a second run finds nothing', async () => {
    const { ws, file, dir } = ecosystem();
    gitInit(dir);
    const report = await discoverDependencies(ws, { apply: true });
    expect(report.applied?.updated).toEqual(['DEP-SDK']);
    expect(report.applied?.created).toHaveLength(1);
    // Left open: the lock drift, which only an update of the lock in fastblocks fixes.
    expect(report.open).toBe(1);
    const created = await getDependency(ws, report.applied!.created[0]!);
    expect(created).toMatchObject({ consumer: 'web', provider: 'testkit', type: 'development', status: 'unknown' });
    expect((await getDependency(ws, 'DEP-SDK')).version_constraint).toBe('^1.4.0');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# Dependencies under test/);
    expect(git(dir, 'diff', '--stat')).toContain('1 file changed');

    const again = await discoverDependencies(ws, { apply: true });
    expect(again.undeclared).toEqual([]);
    expect(again.drift.map((d) => d.id)).toEqual(['DEP-PY']);
    expect(again.applied).toBeUndefined();
    expect(again.open).toBe(1);
  });
});
