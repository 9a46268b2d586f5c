// Inter-repo dependency use-cases (the records; checks live with the dependency validation).
import { CreateDependencyInputSchema, UpdateDependencyInputSchema } from '../core/inputs.js';
import type { Dependency } from '../core/model.js';
import { planCreateDependency, planDeleteDependency, planUpdateDependency } from '../core/mutations/dependency.js';
import { ConcordError } from '../core/errors.js';
import { constraintProblem } from './checks/constraint-syntax.js';
import { parseInput } from './input.js';
import { loadSnapshot } from './snapshot.js';
import { withCanonicalRepos } from './repo-names.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface DependencyWrite extends WriteResult {
  dependency: Dependency;
}

const asDependency = (r: WriteResult): DependencyWrite => ({ ...r, dependency: r.record as Dependency });

/** A constraint that does not read in the scheme of the provider's ecosystem is refused before the write. */
async function refuseBadConstraint(ws: Workspace, constraint: string | null | undefined, provider: string | undefined): Promise<void> {
  if (!constraint) return;
  const { graph } = await loadSnapshot(ws);
  const problem = await constraintProblem(constraint, provider ? graph.repos.get(provider) : undefined, ws.dir);
  if (problem) throw new ConcordError('INVALID_INPUT', problem, { hint: 'see docs/dependencies.md, Versions, for the range syntax of each ecosystem', data: { field: 'version_constraint' } });
}

export async function createDependency(ws: Workspace, input: unknown): Promise<DependencyWrite> {
  const parsed = parseInput(CreateDependencyInputSchema, await withCanonicalRepos(ws, input, ['consumer', 'provider']), 'dependency');
  await refuseBadConstraint(ws, parsed.version_constraint, parsed.provider);
  return asDependency(await mutate(ws, (ctx) => planCreateDependency(ctx, parsed)));
}

export async function updateDependency(ws: Workspace, id: string, input: unknown): Promise<DependencyWrite> {
  const parsed = parseInput(UpdateDependencyInputSchema, input, 'dependency update');
  await refuseBadConstraint(ws, parsed.version_constraint, (await loadSnapshot(ws)).graph.dependencies.get(id)?.provider);
  return asDependency(await mutate(ws, (ctx) => planUpdateDependency(ctx, id, parsed)));
}

export async function deleteDependency(ws: Workspace, id: string): Promise<WriteResult> {
  return mutate(ws, (ctx) => planDeleteDependency(ctx, id));
}
