// What a step type is (one module per type in steps/, listed in steps/index.ts), and what a running step is handed.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import type { ExprScope } from '../core/workflow/expr.js';
import type { Workspace } from '../app/workspace.js';
import { hint, op } from '../core/hints.js';

export interface StepContext {
  ws: Workspace;
  /** Aborted when the run is cancelled or the step's timeout passes. */
  signal: AbortSignal;
  /** A line of the run's log (secrets registered with `secret` are masked). */
  log: (line: string) => void;
  /** A value that must never reach the log or the run's record (a token). */
  secret: (value: string) => void;
  runId: string;
  stepId: string;
  /** What `${{ }}` reads at this point of the run (for templates the step renders itself). */
  scope: ExprScope;
  /** Undo work of this step if the workflow fails later (generated files); run in reverse order. */
  onCleanup: (what: string, undo: () => Promise<void> | void) => void;
  /** The environment steps take variables from (the workspace's, unless a test gives another). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface StepType<I extends z.ZodType = z.ZodType> {
  type: string;
  /** One line, for the docs and the JSON Schema. */
  summary: string;
  /** Its `with:` arguments. Fields that are not strings take an expression too: wrap them in `dyn`. */
  input: I;
  /** Checks the schema cannot make (an operation that exists): problems as `field: message`. */
  check?: (input: z.output<I>) => Promise<string[]> | string[];
  /** Does the work; its outputs are what later steps read. Throws to fail the step. */
  run: (ctx: StepContext, input: z.output<I>) => Promise<Record<string, unknown>>;
}

export const defineStep = <I extends z.ZodType>(def: StepType<I>): StepType => def as unknown as StepType;

const ExprString = z.string().regex(/^\$\{\{[\s\S]*\}\}$/, 'an expression ${{ ... }}');
/** A field that is not a string, or an expression that gives it at run time. */
export const dyn = <T extends z.ZodType>(schema: T) => z.union([schema, ExprString]) as unknown as T;

/** The folder of a repo of the ecosystem, or a path relative to the ecosystem's folder. */
export async function repoDir(ws: Workspace, repo: string): Promise<string> {
  const { listRepos } = await import('../app/queries.js');
  const { repos } = await listRepos(ws);
  const r = repos.find((x) => x.name === repo);
  if (!r) throw new ConcordError('REPO_NOT_FOUND', `no repo "${repo}" in ${ws.file}`, { hint: hint`name a repo of the catalog (${op('repo.list')}), or create it with a repo_creation step first`, data: { repo } });
  if (!r.path) throw new ConcordError('INVALID_INPUT', `repo "${repo}" has no path in the catalog`, { hint: `add path: to ${repo} under repos: in ecosystem.yaml`, data: { repo } });
  return path.resolve(ws.dir, r.path);
}

/**
 * `rel` resolved inside `root`, or an error: absolute paths, `..` that climbs out, and symlinks (of the file or
 * of any folder on the way) that lead out are refused before anything is written.
 */
export function insideDir(root: string, rel: string, field: string): string {
  if (rel === '' || path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel) || rel.includes('\0')) throw outside(rel, root, field, 'an absolute or empty path');
  const target = path.resolve(root, rel);
  const up = path.relative(root, target);
  if (up === '' || up.startsWith('..') || path.isAbsolute(up)) throw outside(rel, root, field, 'a path that climbs out of it');
  const realRoot = fs.realpathSync(root);
  for (let p = target; p.length >= root.length; p = path.dirname(p)) {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      continue;
    }
    const r = path.relative(realRoot, real);
    if (r.startsWith('..') || path.isAbsolute(r)) throw outside(rel, root, field, 'a symbolic link that leads out of it');
    break;
  }
  return target;
}

const outside = (rel: string, root: string, field: string, what: string) =>
  new ConcordError('INVALID_INPUT', `${field}: "${rel}" is ${what}; a generated file must stay inside ${root}`, { hint: 'give a path relative to the repo, without ".." that leaves it', data: { path: rel, root } });
