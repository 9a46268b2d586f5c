// An inter-repo dependency: `consumer` needs `provider`, with a constraint and a validation.
import { z } from 'zod';
import { DependencyStatusSchema, DependencyTypeSchema } from '../enums.js';
import { DependencyIdSchema, RepoNameSchema } from '../ids.js';
import { MetadataSchema, TimestampSchema } from './common.js';
import { lazySchema } from '../on-first-use.js';

// Loose: a misspelt key is kept, so the dependency check can name it instead of silently ignoring it.
export const ValidationSchema = lazySchema(() => z.looseObject({
  command: z.string().min(1).optional().describe('Command run without a shell; `|` pipes between stages'),
  expected_pattern: z.string().min(1).optional().describe('Regular expression the command output must match'),
  health_check: z.string().min(1).optional().describe('http(s):// URL or tcp://host:port'),
  expected_status: z.number().int().min(100).max(599).optional(),
  mcp: z.string().min(1).optional().describe('MCP server to handshake with: an http(s):// URL, or a command serving MCP on stdio'),
  timeout_ms: z.number().int().positive().max(600_000).optional(),
  cwd: z.enum(['consumer', 'provider']).optional().describe('Where the command runs (default consumer)'),
}));
/** The keys a validation may have (others are reported by the dependency check). */
export const VALIDATION_KEYS = ['command', 'expected_pattern', 'health_check', 'expected_status', 'mcp', 'timeout_ms', 'cwd'] as const;
export type Validation = z.infer<typeof ValidationSchema>;

export const DependencySchema = lazySchema(() => z.object({
  id: DependencyIdSchema,
  consumer: RepoNameSchema,
  provider: RepoNameSchema,
  type: DependencyTypeSchema.default('runtime'),
  version_constraint: z.string().min(1).optional(),
  status: DependencyStatusSchema.default('unknown'),
  created: TimestampSchema.optional(),
  updated: TimestampSchema.optional(),
  notes: z.string().optional(),
  validation: ValidationSchema.optional(),
  metadata: MetadataSchema.optional(),
}));
export type Dependency = z.infer<typeof DependencySchema>;

export const DEPENDENCY_KEY_ORDER = [
  'id', 'consumer', 'provider', 'type', 'version_constraint', 'status', 'created', 'updated', 'notes',
  'validation', 'metadata',
];
