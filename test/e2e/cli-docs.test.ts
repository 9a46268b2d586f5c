// docs/cli.md documents every command the CLI has (run `concord help --json` to see them).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';

describe('docs/cli.md', () => {
  it('names every command and every seed name', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/cli.md'), 'utf8');
    const commands = concord(['help', '--json']).json() as { command: string; seed_name?: string }[];
    const missing = commands.filter((c) => !new RegExp('`' + c.command.replace(/[-]/g, '\\-') + '[` ]').test(doc)).map((c) => c.command);
    expect(missing, 'add these to docs/cli.md').toEqual([]);
    const seeds = commands.flatMap((c) => (c.seed_name ? [c.seed_name] : [])).filter((s) => !doc.includes('`' + s + '`'));
    expect(seeds, 'add these seed names to docs/cli.md').toEqual([]);
  });
});
