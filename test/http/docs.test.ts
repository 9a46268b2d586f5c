// docs/api.md lists every route of the manifest, with its operation and command.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/ops/index.js';

describe('docs/api.md', () => {
  it('has a row for every operation: its route, id and command', () => {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
    const rows = [...text.matchAll(/^\| `([A-Z]+ \/api\/[^`]+)` \| `([^`]+)` \| `concord ([^`]+)` \|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(OPERATIONS.map((op) => [op.http, op.id, op.cli.command]));
  });
});
