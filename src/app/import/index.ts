// `concord import`: read peer tools' folders, map each into its repo, and write everything in one checked write.
import path from 'node:path';
import { ConcordError, suggest } from '../../core/errors.js';
import { findRepo, type Graph } from '../../core/graph/graph.js';
import type { ImportTool, SourceBatch } from '../../core/import/model.js';
import type { ImportReport } from '../../core/import/report.js';
import { ImportInputSchema } from '../../core/inputs.js';
import { type ImportTarget, planImport } from '../../core/mutations/import.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import type { Workspace } from '../workspace.js';
import { mutate } from '../write.js';
import { parseBacklog } from './backlog.js';
import { parseBeads } from './beads.js';
import { findSource, type LocatedSource, locateSource, readSourceFiles, sourceFolderOf } from './files.js';
import { parseTaskmaster } from './taskmaster.js';

export interface ImportSource {
  path: string;
  tool: ImportTool;
  repo: string;
  /** The repository folder the source belongs to. */
  root: string;
  items: number;
}

export interface ImportResult {
  dry_run: boolean;
  /** False when the ecosystem already had everything (nothing to write). */
  changed: boolean;
  sources: ImportSource[];
  report: ImportReport;
}

export async function importSources(ws: Workspace, input: unknown, cwd = process.cwd()): Promise<ImportResult> {
  const parsed = parseInput(ImportInputSchema, input, 'import');
  if (parsed.repo !== undefined && parsed.paths.length > 1) {
    throw new ConcordError('INVALID_INPUT', `--repo names one repo, but ${parsed.paths.length} folders were given`, { hint: 'import the folders one at a time with --repo, or leave --repo out so each maps to its own repo' });
  }
  // Several folders (`../*/`): one without the tool's folder is skipped and reported (not every repo keeps
  // its work in the tool, and the ecosystem's own folder is often among them); one folder must have it.
  const found = parsed.paths.length === 1 ? [locateSource(parsed.tool, parsed.paths[0]!, cwd)] : parsed.paths.map((p) => findSource(parsed.tool, p, cwd));
  const without = parsed.paths.filter((_, i) => found[i] === undefined);
  if (without.length === parsed.paths.length) throw new ConcordError('SOURCE_NOT_FOUND', `none of the ${parsed.paths.length} folders has ${sourceFolderOf(parsed.tool)}`, { hint: 'give the folders of repositories that keep their work in it' });
  const paths = parsed.paths.filter((_, i) => found[i] !== undefined);
  const located = found.filter((x): x is LocatedSource => x !== undefined);
  const seen = new Map<string, string>();
  located.forEach((src, i) => {
    const other = seen.get(src.dir);
    if (other !== undefined) throw new ConcordError('INVALID_INPUT', `${paths[i]} and ${other} are the same ${parsed.tool} folder (${src.dir})`, { hint: 'give each folder once' });
    seen.set(src.dir, paths[i]!);
  });
  const { graph } = await loadSnapshot(ws);
  const batches: ImportTarget[] = [];
  const projectPaths: { name: string; dir: string }[] = [];
  located.forEach((src, i) => {
    const files = readSourceFiles(src, cwd);
    const label = paths[i]!;
    let batch: SourceBatch;
    if (parsed.tool === 'backlog') batch = parseBacklog(files, path.basename(src.root));
    else if (parsed.tool === 'taskmaster') batch = parseTaskmaster(files[0]!);
    else {
      const beads = parseBeads(files);
      batch = beads.batch;
      for (const [name, p] of Object.entries(beads.projects)) projectPaths.push({ name, dir: path.resolve(src.root, p) });
    }
    const repo = repoFor(graph, ws.dir, src, parsed.repo, batches);
    batches.push({ ...batch, ...repo, label });
  });
  for (const p of without) batches[0]!.skipped.unshift({ where: p, reason: `no ${sourceFolderOf(parsed.tool)} in it; nothing imported from it` });
  const projects = projectRepos(graph, ws.dir, batches, located, projectPaths);
  let report: ImportReport | undefined;
  const result = await mutate(
    ws,
    (ctx) => {
      const planned = planImport(ctx, { batches, projects });
      report = planned.report;
      return planned.plan;
    },
    { dryRun: parsed.dry_run === true },
  );
  return {
    dry_run: parsed.dry_run === true,
    changed: result.changed,
    sources: batches.map((b, i) => ({ path: b.label, tool: b.tool, repo: b.repo, root: located[i]!.root, items: b.items.length })),
    report: report!,
  };
}

/**
 * The repo a source folder maps into: --repo, else the catalog repo whose path is the folder, else the repo
 * named like the folder, else a new repo (added by the same write).
 */
function repoFor(g: Graph, ecosystemDir: string, src: LocatedSource, explicit: string | undefined, done: readonly ImportTarget[]): { repo: string; repoPath?: string } {
  const claim = (repo: string, repoPath?: string) => {
    const twin = done.find((b) => b.repo === repo && b.tool === src.tool);
    if (twin) throw new ConcordError('INVALID_INPUT', `${twin.label} and ${src.root} both map to repo ${repo}`, { hint: 'import them one at a time with --repo, or give the repos distinct paths in ecosystem.yaml' });
    return repoPath === undefined ? { repo } : { repo, repoPath };
  };
  if (explicit !== undefined) {
    const repo = findRepo(g, explicit);
    if (repo) return claim(repo.name);
    const guess = suggest(explicit, g.repos.keys());
    throw new ConcordError('UNKNOWN_REFERENCE', `--repo ${explicit} is not in the catalog`, { hint: guess ? `did you mean ${guess}? Otherwise leave --repo out to add the folder as a new repo` : 'leave --repo out to add the folder as a new repo, or add it under repos: first' });
  }
  for (const r of g.repos.values()) if (r.path !== undefined && path.resolve(ecosystemDir, r.path) === src.root) return claim(r.name);
  const name = path.basename(src.root).replace(/\s+/g, '-') || 'repo';
  const named = g.repos.get(name);
  if (named) {
    if (named.path === undefined) return claim(name);
    throw new ConcordError('INVALID_INPUT', `${src.root} is named like repo ${name}, but that repo is at ${named.path}`, { hint: `pass --repo ${name} to import into it anyway, or --repo <other> for another repo` });
  }
  return claim(name, path.relative(ecosystemDir, src.root) || '.');
}

/** beads names other repos in external refs: by external_projects paths, else by their own names. */
function projectRepos(g: Graph, ecosystemDir: string, batches: readonly ImportTarget[], located: readonly LocatedSource[], projects: readonly { name: string; dir: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of batches) out[path.basename(located[batches.indexOf(b)]!.root)] ??= b.repo;
  for (const { name, dir } of projects) {
    const i = located.findIndex((l) => l.root === dir);
    const repo = i !== -1 ? batches[i]!.repo : [...g.repos.values()].find((r) => r.path !== undefined && path.resolve(ecosystemDir, r.path) === dir)?.name;
    if (repo) out[name] = repo;
  }
  return out;
}
