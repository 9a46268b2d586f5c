// Inputs and outputs of the dependency-check use-cases, as zod schemas (the CLI, MCP tools and HTTP share them).
import { z } from 'zod';
import { DiscoveryPlanSchema } from '../../core/checks/discovery.js';
import { CheckOutcomeSchema, DependencyCheckSchema } from '../../core/checks/result.js';
import { DEFAULT_CHECK_CONCURRENCY, DEFAULT_CHECK_TIMEOUT_MS } from './defaults.js';

const timeout = z.number().int().positive().max(600_000).optional().describe(`Deadline of each probe in ms (default ${DEFAULT_CHECK_TIMEOUT_MS})`);
const concurrency = z.number().int().positive().max(256).optional().describe(`How many dependencies are checked at once (default ${DEFAULT_CHECK_CONCURRENCY})`);
const record = z.boolean().default(true).describe('Record results and changed statuses; false only reports');

export const CheckDependenciesInputSchema = z.object({
  consumer: z.string().min(1).optional().describe('Only the dependencies of this consumer repo (name or nickname)'),
  provider: z.string().min(1).optional().describe('Only the dependencies on this provider repo'),
  ids: z.array(z.string().min(1)).optional().describe('Only these dependencies (DEP-...)'),
  record,
  timeout_ms: timeout,
  concurrency,
});
export type CheckDependenciesInput = z.input<typeof CheckDependenciesInputSchema>;

export const ValidateRepoInputSchema = z.object({
  repo: z.string().min(1).describe('The repo whose needs are checked (name or nickname)'),
  record,
  timeout_ms: timeout,
  concurrency,
});
export type ValidateRepoInput = z.input<typeof ValidateRepoInputSchema>;

export const InvalidDependencySchema = z.object({
  id: z.string().optional(),
  problems: z.array(z.string()),
});

export const CheckReportSchema = z.object({
  /** The repo of `validateRepo`. */
  repo: z.string().optional(),
  checked_at: z.string(),
  duration_ms: z.number().nonnegative(),
  /** False when a dependency is unsatisfied or failed, or a dependency record is invalid: CI gates on it. */
  ok: z.boolean(),
  counts: z.record(CheckOutcomeSchema, z.number().int().nonnegative()),
  checks: z.array(DependencyCheckSchema),
  /** Dependency records of ecosystem.yaml that could not be read, so were not checked. */
  invalid: z.array(InvalidDependencySchema),
  /** Dependencies not checked (cancelled ones), and why. */
  skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** Whether results were recorded (history, status in ecosystem.yaml). */
  recorded: z.boolean(),
  /** How many statuses in ecosystem.yaml this run changed. */
  status_changes: z.number().int().nonnegative(),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

export const DependencyHistoryInputSchema = z.object({
  id: z.string().min(1).describe('The dependency (DEP-...)'),
  limit: z.number().int().positive().max(500).default(20),
});

export const DiscoverInputSchema = z.object({
  apply: z.boolean().default(false).describe('Declare the undeclared edges and set drifted constraints to what the manifests say'),
});

export const DiscoveryReportSchema = DiscoveryPlanSchema.extend({
  /** Repos whose manifests were read. */
  scanned: z.array(z.string()),
  /** Repos without a readable folder, manifests that do not parse. */
  problems: z.array(z.string()),
  applied: z.object({ created: z.array(z.string()), updated: z.array(z.string()) }).optional(),
  /** Undeclared edges and drifted constraints left after this run (after apply: the drift it could not fix). */
  open: z.number().int().nonnegative(),
});
export type DiscoveryReport = z.infer<typeof DiscoveryReportSchema>;
