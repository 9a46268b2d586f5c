// Step type `file_generation`: templates rendered into a repo. Every path is proven to stay inside the repo
// before anything is written; the files it wrote are removed (and files it replaced restored) when the step
// fails part-way or the workflow fails later.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { interpolate } from '../../core/workflow/expr.js';
import { defineStep, dyn, insideDir, repoDir } from '../step.js';

const MAX_TEMPLATE = 1024 * 1024;
const MAX_FILES = 500;

const FileSchema = z
  .strictObject({
    path: z.string().min(1).max(1_000).describe('Relative to the repo; may hold ${{ }}'),
    template: z.string().max(MAX_TEMPLATE).optional().describe('The text, with ${{ }} expressions'),
    template_file: z.string().min(1).optional().describe('A template file, relative to the workflows folder'),
    overwrite: z.boolean().optional(),
  })
  .refine((f) => (f.template === undefined) !== (f.template_file === undefined), { message: 'give exactly one of template and template_file' });

/** A folder this step made, if nothing else was put in it meanwhile. */
function removeEmptyDir(d: string): void {
  try {
    fs.rmdirSync(d);
  } catch {
    // Not empty (something else wrote there) or already gone: leave it.
  }
}

type Written = { file: string; previous?: Buffer; madeDirs: string[] };

export const fileGenerationStep = defineStep({
  type: 'file_generation',
  summary: 'render templates into a repo (paths proven inside it; removed again if the workflow fails); outputs files',
  input: z.strictObject({
    repo: z.string().min(1).optional().describe('A repo of the catalog'),
    dir: z.string().min(1).optional().describe('Or a folder relative to the ecosystem folder (one of repo and dir)'),
    files: z.array(FileSchema).min(1).max(MAX_FILES),
    overwrite: dyn(z.boolean()).default(false).describe('Replace files that exist (default: refuse)'),
  }),
  async run(ctx, w) {
    if ((w.repo === undefined) === (w.dir === undefined)) throw new ConcordError('INVALID_INPUT', 'file_generation: give exactly one of with.repo and with.dir', { hint: 'name the repo the files go into' });
    const root = w.repo ? await repoDir(ctx.ws, w.repo) : insideDir(ctx.ws.dir, w.dir!, 'with.dir');
    if (!fs.existsSync(root)) throw new ConcordError('INVALID_INPUT', `file_generation: ${root} does not exist`, { hint: 'create the repo first (a repo_creation step)' });
    const workflowsDir = path.resolve(ctx.ws.dir, ctx.ws.settings.workflows.dir);
    // Every path is checked (and every template read) before the first file is written.
    const planned = w.files.map((f, i) => {
      const rel = String(interpolate(f.path, ctx.scope));
      const file = insideDir(root, rel, `with.files.${i}.path`);
      const text = f.template ?? fs.readFileSync(insideDir(workflowsDir, f.template_file!, `with.files.${i}.template_file`), 'utf8');
      if (text.length > MAX_TEMPLATE) throw new ConcordError('INVALID_INPUT', `with.files.${i}: the template is over ${MAX_TEMPLATE} characters`);
      if (fs.existsSync(file) && !(f.overwrite ?? w.overwrite)) throw new ConcordError('FILE_EXISTS', `with.files.${i}.path: ${rel} exists in ${root}`, { hint: 'set overwrite: true to replace it, or choose another path' });
      return { rel, file, text: String(interpolate(text, ctx.scope)) };
    });
    const written: Written[] = [];
    const undo = () => {
      for (const wr of written.reverse()) {
        if (wr.previous) fs.writeFileSync(wr.file, wr.previous);
        else fs.rmSync(wr.file, { force: true });
        for (const d of wr.madeDirs.reverse()) removeEmptyDir(d);
      }
    };
    try {
      for (const p of planned) {
        const madeDirs: string[] = [];
        for (let d = path.dirname(p.file); !fs.existsSync(d); d = path.dirname(d)) madeDirs.unshift(d);
        fs.mkdirSync(path.dirname(p.file), { recursive: true });
        const previous = fs.existsSync(p.file) ? fs.readFileSync(p.file) : undefined;
        written.push({ file: p.file, ...(previous ? { previous } : {}), madeDirs });
        fs.writeFileSync(p.file, p.text);
        ctx.log(`wrote ${p.rel} (${Buffer.byteLength(p.text)} bytes)`);
      }
    } catch (e) {
      undo();
      throw e;
    }
    ctx.onCleanup(`removed ${planned.map((p) => p.rel).join(', ')} from ${root}`, undo);
    return { root, files: planned.map((p) => p.rel) };
  },
});
