// Status tools: one repo's coordination status, and the whole ecosystem's.
import { z } from 'zod';
import { ecosystemStatus, repoStatus, roadmap } from '../../app/queries.js';
import { RepoSchema } from '../../core/schema/repo.js';
import { compactDependency, compactIssue, compactPlan, compactReady, DependencyCompactSchema, IssueCompactSchema, PlanCompactSchema, ReadyRowSchema, SHOWN } from '../compact.js';
import { defineTool, READ } from '../tool.js';

const Counts = z.record(z.string(), z.number());

export const statusTools = [
  defineTool({
    name: 'coord_get_repo_status',
    title: 'Status of a repo',
    description: 'One repo: todo counts, the next ready todos, open issues, dependencies, what blocks it and what it holds up, its plans.',
    input: z.object({ repo: z.string().min(1).describe('Repo name or nickname') }),
    output: z.object({
      repo: RepoSchema,
      todos: z.object({ total: z.number(), by_status: Counts, ready: z.number(), blocked: z.number(), remaining_hours: z.number() }),
      ready: z.array(ReadyRowSchema),
      open_issues: z.array(IssueCompactSchema),
      needs: z.array(DependencyCompactSchema),
      provides: z.array(DependencyCompactSchema),
      blocked_by: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string().optional(), status: z.string().optional(), blocks: z.array(z.string()) })),
      holding_up: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string().optional(), blocks: z.array(z.string()) })),
      plans: z.array(PlanCompactSchema),
      totals: z.record(z.string(), z.number()).describe('How many of each list there are (the lists show at most 10)'),
    }),
    annotations: READ,
    run: async ({ ws }, { repo }) => {
      const s = await repoStatus(ws, repo);
      return {
        repo: s.repo,
        todos: s.todos,
        ready: s.ready.map(compactReady),
        open_issues: s.open_issues.slice(0, SHOWN).map(compactIssue),
        needs: s.dependencies.as_consumer.slice(0, SHOWN).map(compactDependency),
        provides: s.dependencies.as_provider.slice(0, SHOWN).map(compactDependency),
        blocked_by: s.blocking.blockers.slice(0, SHOWN).map(({ repos: _repos, ...b }) => ({ ...b, blocks: b.blocks.slice(0, 5) })),
        holding_up: s.blocked_by.items.slice(0, SHOWN).map((i) => ({ id: i.id, kind: i.kind, ...(i.title ? { title: i.title } : {}), blocks: i.blocks.slice(0, 5).map((b) => b.id) })),
        plans: s.plans.slice(0, SHOWN).map(compactPlan),
        totals: {
          open_issues: s.open_issues.length,
          needs: s.dependencies.as_consumer.length,
          provides: s.dependencies.as_provider.length,
          blocked_by: s.blocking.blockers.length,
          holding_up: s.blocked_by.items.length,
          plans: s.plans.length,
        },
      };
    },
  }),
  defineTool({
    name: 'coord_get_ecosystem_status',
    title: 'Status of the ecosystem',
    description: 'The ecosystem at a glance: counts, ready and blocked work, hours left, repos, active plans, problems in the file.',
    input: z.object({}),
    output: z.object({
      counts: z.object({ repos: z.number(), roles: z.number(), issues: Counts, plans: Counts, todos: Counts, dependencies: Counts }),
      ready: z.number(),
      blocked: z.number(),
      remaining_hours: z.number(),
      repos: z.array(z.object({ name: z.string(), role: z.string().optional(), open_todos: z.number(), ready: z.number(), blocked: z.number(), open_issues: z.number(), unmet_dependencies: z.number() })),
      repos_total: z.number(),
      plans: z.array(PlanCompactSchema),
      plans_total: z.number(),
      problems: z.object({ errors: z.number(), warnings: z.number() }),
    }),
    annotations: READ,
    run: async ({ ws }) => {
      const s = await ecosystemStatus(ws);
      const plans = await roadmap(ws);
      return {
        counts: s.counts,
        ready: s.ready,
        blocked: s.blocked,
        remaining_hours: s.remaining_hours,
        // The repos with the most open work first; the rest are counted.
        repos: [...s.repos].sort((x, y) => y.open_todos - x.open_todos || x.name.localeCompare(y.name)).slice(0, 2 * SHOWN),
        repos_total: s.repos.length,
        plans: plans.slice(0, SHOWN).map(compactPlan),
        plans_total: plans.length,
        problems: s.problems,
      };
    },
  }),
];
