// docs/errors.md lists every error code with its kind, so a caller can look up any code Concord answers.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/core/errors.js';

const KIND: Record<string, string> = { 'not found': 'not_found', invalid: 'invalid', conflict: 'conflict', unavailable: 'unavailable' };

describe('docs/errors.md', () => {
  it('has a row for every error code, with its kind, in the order of ERROR_CODES', () => {
    const text = fs.readFileSync(path.resolve(import.meta.dirname, '../docs/errors.md'), 'utf8');
    const rows = [...text.matchAll(/^\| `([A-Z_]+)` \| ([a-z ]+) \| [^|]+ \| [^|]+ \|$/gm)].map((m) => [m[1], KIND[m[2]!] ?? m[2]]);
    expect(rows).toEqual(Object.entries(ERROR_CODES));
  });
});
