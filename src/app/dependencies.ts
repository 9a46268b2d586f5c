// Inter-repo dependency use-cases (the records; checks live with the dependency validation).
import { CreateDependencyInputSchema, UpdateDependencyInputSchema } from '../core/inputs.js';
import type { Dependency } from '../core/model.js';
import { planCreateDependency, planDeleteDependency, planUpdateDependency } from '../core/mutations/dependency.js';
import { parseInput } from './input.js';
import { withCanonicalRepos } from './repo-names.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface DependencyWrite extends WriteResult {
  dependency: Dependency;
}

const asDependency = (r: WriteResult): DependencyWrite => ({ ...r, dependency: r.record as Dependency });

export async function createDependency(ws: Workspace, input: unknown): Promise<DependencyWrite> {
  const parsed = parseInput(CreateDependencyInputSchema, await withCanonicalRepos(ws, input, ['consumer', 'provider']), 'dependency');
  return asDependency(await mutate(ws, (ctx) => planCreateDependency(ctx, parsed)));
}

export async function updateDependency(ws: Workspace, id: string, input: unknown): Promise<DependencyWrite> {
  const parsed = parseInput(UpdateDependencyInputSchema, input, 'dependency update');
  return asDependency(await mutate(ws, (ctx) => planUpdateDependency(ctx, id, parsed)));
}

export async function deleteDependency(ws: Workspace, id: string): Promise<WriteResult> {
  return mutate(ws, (ctx) => planDeleteDependency(ctx, id));
}
