// Step type `repo_creation`: a new local git repository (first commit on its default branch), added to the
// catalog of ecosystem.yaml through the write pipeline. A folder that exists and is not empty is refused.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { git } from '../../app/git.js';
import { defineStep, insideDir } from '../step.js';
import { hint, op } from '../../core/hints.js';

export const repoCreationStep = defineStep({
  type: 'repo_creation',
  summary: 'create a local git repo (one first commit) and add it to ecosystem.yaml; outputs name, path, dir, branch, commit',
  input: z.strictObject({
    name: z.string().min(1).max(100),
    path: z.string().min(1).max(1_000).optional().describe('Relative to the ecosystem folder (default ./<name>)'),
    description: z.string().max(2_000).optional(),
    role: z.string().min(1).optional(),
    tags: z.array(z.string().min(1)).optional(),
    branch: z.string().regex(/^[A-Za-z0-9._/-]+$/).default('main'),
    readme: z.string().max(100_000).optional().describe('The README.md of the first commit (default: a title and the description)'),
  }),
  async run(ctx, w) {
    const rel = w.path ?? `./${w.name}`;
    // The repo may live beside the ecosystem (../name), so only the folder's own form is checked here.
    const dir = path.resolve(ctx.ws.dir, rel);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new ConcordError('FILE_EXISTS', `repo_creation: ${dir} exists and is not empty`, { hint: hint`choose another path, or add the existing folder with ${op('repo.add')}` });
    const made = !fs.existsSync(dir);
    fs.mkdirSync(dir, { recursive: true });
    try {
      const env = ctx.env;
      await git(dir, ['init', '-q', '-b', w.branch], { env });
      fs.writeFileSync(insideDir(dir, 'README.md', 'readme'), w.readme ?? `# ${w.name}\n${w.description ? `\n${w.description}\n` : ''}`);
      await git(dir, ['add', '-A'], { env });
      await git(dir, ['commit', '-q', '-m', `Create ${w.name}`], { env });
      const commit = (await git(dir, ['rev-parse', 'HEAD'], { env })).stdout.trim();
      const { addRepo } = await import('../../app/catalog.js');
      const r = await addRepo(ctx.ws, { name: w.name, path: rel, ...(w.description ? { description: w.description } : {}), ...(w.role ? { role: w.role } : {}), ...(w.tags ? { tags: w.tags } : {}) });
      ctx.log(`created ${dir} (${w.branch} at ${commit.slice(0, 10)}) and added repo ${r.repo.name} to ${path.basename(ctx.ws.file)}`);
      return { name: r.repo.name, path: rel, dir, branch: w.branch, commit };
    } catch (e) {
      // Nothing half-made stays behind: the folder goes if this step made it (the catalog write is the last step).
      if (made) fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  },
});
