// A dependency check that could not run because a repo's folder is missing on this machine: unknown, never written.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/app/checks/index.js';
import { workspaceWith } from '../helpers/workspace.js';

const TEXT = `repos:
  - name: web
    path: ./not-cloned/web
  - name: sdk
    path: ./not-cloned/sdk
coordination:
  dependencies:
    - id: DEP-1
      consumer: web
      provider: sdk
      type: runtime
      status: satisfied
      validation:
        command: node --version
        expected_pattern: "^v\\\\d+"
    - id: DEP-2
      consumer: web
      provider: sdk
      type: runtime
      status: pending
      validation:
        command: node --version
        cwd: provider
`;

describe('a check whose repo folder is missing', () => {
  it('is unknown, says why, and leaves ecosystem.yaml byte for byte as it was', async () => {
    const { ws, file } = workspaceWith(TEXT);
    const report = await checkDependencies(ws, {});
    expect(report.checks.map((c) => [c.id, c.outcome, c.status, c.status_changed])).toEqual([
      ['DEP-1', 'unknown', 'satisfied', false],
      ['DEP-2', 'unknown', 'pending', false],
    ]);
    expect(report.checks[0]!.summary).toMatch(/the folder of repo web \(.*not-cloned\/web\) does not exist on this machine, so `node --version` cannot run there/);
    expect(report.checks[1]!.summary).toMatch(/the folder of repo sdk \(.*not-cloned\/sdk\) does not exist on this machine/);
    expect(report.ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(TEXT);
    ws.close();
  });
});
