// What a dependency check found: one result per probe, combined into the dependency's outcome.
//
// Glossary: a *probe* is one thing a check does (run the command, request the health URL, connect to the
// port, shake hands with the MCP server, compare versions); a *check* runs every probe of one dependency
// under one deadline; its *outcome* is what the probes say together; a *report* is many checks.
import { z } from 'zod';
import { DependencyStatusSchema, DependencyTypeSchema } from '../enums.js';

/**
 * - satisfied: every probe ran and passed.
 * - unsatisfied: a probe got a definite "no" (wrong status, pattern not found, version out of range,
 *   non-zero exit, nothing listening on the port).
 * - failed: a probe could not get an answer (timeout, command not found, bad validation spec).
 * - unknown: nothing could be checked (no validation, no constraint, no version found).
 */
export const CHECK_OUTCOMES = ['satisfied', 'unsatisfied', 'unknown', 'failed'] as const;
export const CheckOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof CheckOutcomeSchema>;

export const PROBE_KINDS = ['spec', 'command', 'http', 'tcp', 'mcp', 'version'] as const;
export const ProbeKindSchema = z.enum(PROBE_KINDS);
export type ProbeKind = z.infer<typeof ProbeKindSchema>;

export const VERSION_SCHEMES = ['semver', 'cargo', 'pep440'] as const;
export const VersionSchemeSchema = z.enum(VERSION_SCHEMES);
export type VersionScheme = z.infer<typeof VersionSchemeSchema>;

export const ProviderVersionSchema = z.object({
  version: z.string(),
  /** File (relative to the repo) or `git tag v1.2.3` or `mcp handshake`. */
  source: z.string(),
  scheme: VersionSchemeSchema.optional(),
  package: z.string().optional(),
  satisfies: z.boolean().optional(),
});
export type ProviderVersion = z.infer<typeof ProviderVersionSchema>;

export const ConsumerVersionSchema = z.object({
  package: z.string(),
  scheme: VersionSchemeSchema,
  /** The range the consumer's manifest declares, and where. */
  declared: z.string().optional(),
  manifest: z.string().optional(),
  /** The version its lockfile pins, and where. */
  locked: z.string().optional(),
  lockfile: z.string().optional(),
  satisfies: z.boolean().optional(),
});
export type ConsumerVersion = z.infer<typeof ConsumerVersionSchema>;

export const VersionFindingsSchema = z.object({
  constraint: z.string(),
  provider: ProviderVersionSchema.optional(),
  consumer: ConsumerVersionSchema.optional(),
});
export type VersionFindings = z.infer<typeof VersionFindingsSchema>;

export const McpServerInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  protocol_version: z.string().optional(),
  /** Null when the server does not offer tools. */
  tools: z.number().int().nonnegative().nullable(),
});
export type McpServerInfo = z.infer<typeof McpServerInfoSchema>;

export const ProbeResultSchema = z.object({
  kind: ProbeKindSchema,
  /** What was probed: the command, the URL, the constraint. */
  target: z.string(),
  outcome: CheckOutcomeSchema,
  /** One line a person reads: `HTTP 503, expected 200`. */
  summary: z.string(),
  latency_ms: z.number().nonnegative().optional(),
  timed_out: z.boolean().optional(),
  http_status: z.number().int().optional(),
  /** Where a health check was redirected (same host: followed; another host: reported, not followed). */
  redirected_to: z.string().optional(),
  exit_code: z.number().int().nullable().optional(),
  /** The end of the command's output (stdout, then stderr), at most a few kilobytes. */
  output: z.string().optional(),
  server: McpServerInfoSchema.optional(),
  versions: VersionFindingsSchema.optional(),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export const DependencyCheckSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  provider: z.string(),
  type: DependencyTypeSchema,
  outcome: CheckOutcomeSchema,
  /** The outcome of the previous check, if one was recorded. */
  previous_outcome: CheckOutcomeSchema.optional(),
  /** `status` in ecosystem.yaml after the check, and whether the check changed it. */
  status: DependencyStatusSchema,
  status_changed: z.boolean(),
  summary: z.string(),
  checked_at: z.string(),
  duration_ms: z.number().nonnegative(),
  /** The slowest network probe (HTTP, TCP, MCP). */
  latency_ms: z.number().nonnegative().optional(),
  probes: z.array(ProbeResultSchema),
  notes: z.array(z.string()),
});
export type DependencyCheck = z.infer<typeof DependencyCheckSchema>;

/** Why the probes of a check say what they say, in order of precedence: a definite "no" wins. */
const PRECEDENCE: readonly CheckOutcome[] = ['unsatisfied', 'failed', 'unknown', 'satisfied'];

/** The outcome of a check from its probes: unknown when nothing was probed. */
export function combineOutcomes(probes: readonly { outcome: CheckOutcome }[]): CheckOutcome {
  if (probes.length === 0) return 'unknown';
  for (const o of PRECEDENCE) if (probes.some((p) => p.outcome === o)) return o;
  return 'unknown';
}

/** The one-line summary of a check: the probes that decided the outcome. */
export function summarizeCheck(outcome: CheckOutcome, probes: readonly ProbeResult[], notes: readonly string[]): string {
  if (probes.length === 0) return notes[0] ?? 'nothing to check';
  const deciding = probes.filter((p) => p.outcome === outcome);
  return (deciding.length ? deciding : probes).map((p) => p.summary).join('; ');
}
