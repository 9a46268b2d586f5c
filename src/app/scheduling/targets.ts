// Every job and activity the scheduler knows: jobs from concord.yaml, the built-in dependency check, activity files.
import { ConcordError, suggest } from '../../core/errors.js';
import { hint, op } from '../../core/hints.js';
import type { Target, TargetKind } from '../../core/scheduling/schemas.js';
import type { Workspace } from '../workspace.js';
import { type ActivityProblem, loadActivities } from './activities.js';

/** The job seed 004's `auto_dependency_check` / `dependency_check_interval_minutes` become. */
export const BUILTIN_DEPENDENCY_CHECK = 'dependency-check';

function builtinDependencyCheck(ws: Workspace): Target {
  const c = ws.settings.coordination;
  return {
    kind: 'job',
    name: BUILTIN_DEPENDENCY_CHECK,
    id: `job:${BUILTIN_DEPENDENCY_CHECK}`,
    description: 'Checks every dependency (coordination.auto_dependency_check, every dependency_check_interval_minutes)',
    enabled: c.enabled && c.auto_dependency_check,
    triggers: [{ interval: c.dependency_check_interval_minutes * 60_000, quiet_per: 'trigger' }],
    actions: [{ operation: 'dependency-check' }],
    overlap: 'skip',
    misfire: { policy: 'fire_once' },
    breaker: 0,
    timeout_ms: 60 * 60_000,
    source: 'concord.yaml (coordination.auto_dependency_check)',
    builtin: true,
  };
}

export function jobTargets(ws: Workspace): Target[] {
  const jobs: Target[] = ws.settings.jobs.map((j, i) => ({
    kind: 'job',
    name: j.name,
    id: `job:${j.name}`,
    ...(j.description ? { description: j.description } : {}),
    enabled: j.enabled,
    triggers: [{ ...(j.cron !== undefined ? { cron: j.cron } : {}), ...(j.timezone ? { timezone: j.timezone } : {}), ...(j.interval !== undefined ? { interval: j.interval } : {}), quiet_per: 'trigger' }],
    actions: [{ ...(j.operation ? { operation: j.operation } : {}), ...(j.args ? { args: j.args } : {}), ...(j.command ? { command: j.command } : {}), ...(j.cwd ? { cwd: j.cwd } : {}) }],
    overlap: j.overlap,
    misfire: j.misfire,
    breaker: j.breaker,
    timeout_ms: j.timeout,
    source: `concord.yaml (jobs.${i})`,
  }));
  // A job of the same name in concord.yaml replaces the built-in one.
  if (!jobs.some((j) => j.name === BUILTIN_DEPENDENCY_CHECK)) jobs.unshift(builtinDependencyCheck(ws));
  return jobs;
}

export interface AllTargets {
  targets: Target[];
  invalid: ActivityProblem[];
}

export function loadTargets(ws: Workspace): AllTargets {
  const activities = loadActivities(ws);
  return { targets: [...jobTargets(ws), ...activities.activities.map((a) => a.target)], invalid: activities.invalid };
}

/** The job or activity named `name`, or a not-found error naming the nearest one. */
export function findTarget(ws: Workspace, kind: TargetKind, name: string): Target {
  const all = loadTargets(ws).targets.filter((t) => t.kind === kind);
  const t = all.find((x) => x.name === name);
  if (t) return t;
  const near = suggest(name, all.map((x) => x.name));
  throw new ConcordError(kind === 'job' ? 'JOB_NOT_FOUND' : 'ACTIVITY_NOT_FOUND', `no ${kind} named "${name}"${near ? ` (did you mean "${near}"?)` : ''}`, {
    hint: kind === 'job' ? hint`jobs are listed by ${op('job.list')} (jobs: in concord.yaml)` : hint`activities are listed by ${op('activity.list')} (files in activities/)`,
  });
}

export function targetById(ws: Workspace, id: string): Target | undefined {
  return loadTargets(ws).targets.find((t) => t.id === id);
}
