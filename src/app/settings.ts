// concord.yaml: settings beside the ecosystem. Precedence: defaults < concord.yaml < CONCORD_* < flags.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { ConcordError, suggest } from '../core/errors.js';
import { ExecutorSettingsSchema } from '../core/executors/profile.js';
import { HookDeliverySchema, HookSchema, HooksSchema } from '../core/hook-settings.js';
import { type BoundedValue, boundedValue, parseBounded, positionOf } from '../store/yaml-bounded.js';
import { PoolSchema, QueueSettingsSchema } from '../core/runs/settings.js';
import type { Environment } from './environment.js';
import { JobsSchema, SchedulerSettingsSchema } from './scheduling/job-settings.js';
import { JobSchema } from '../core/scheduling/schemas.js';
import { GitHostsSchema, WorkflowSettingsSchema } from '../core/workflow/settings.js';
import { onFirstUse } from '../core/on-first-use.js';

const CoordinationSettingsSchema = onFirstUse(() =>
  z.strictObject({
    enabled: z.boolean().default(true).describe('Coordination on at all (off: the built-in dependency-check job does not run)'),
    pool_execution_enabled: z.boolean().default(true).describe('Let pools execute todos: off, execute, sweep and worker refuse (validate --plan still works)'),
    memory_enabled: z
      .literal(true, { error: 'the history of events cannot be turned off (the search, hooks and trends read it); set true or delete the line' })
      .optional()
      .describe('The history of events is always kept: true (what it is anyway) or absent'),
    auto_dependency_check: z.boolean().default(true).describe('`concord serve` checks dependencies at start and on the interval'),
    dependency_check_interval_minutes: z.number().positive().default(60),
  }),
);

export const DEFAULT_PORT = 7321;

const ServerSettingsSchema = onFirstUse(() =>
  z.strictObject({
    /** Where `concord serve` listens; beyond loopback it requires a token. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(DEFAULT_PORT),
    /** Bearer token for HTTP and MCP over HTTP. Prefer CONCORD_SERVER_TOKEN to keeping it in a file. */
    token: z.string().min(16, 'use a token of at least 16 characters').optional(),
    /** Browser origins allowed to call the server (besides its own). */
    allowed_origins: z.array(z.string().url()).default(() => []),
  }),
);
export type ServerSettings = z.infer<ReturnType<typeof ServerSettingsSchema>>;

const CheckpointSettingsSchema = onFirstUse(() =>
  z.strictObject({
    /** Checkpoints kept per todo; older ones are dropped when a new one is saved. */
    retention: z.number().int().min(1).max(10_000).default(20),
    /** Largest state (JSON) a checkpoint may hold. */
    max_state_bytes: z.number().int().min(1_024).max(64 * 1024 * 1024).default(1024 * 1024),
  }),
);

const LogSettingsSchema = onFirstUse(() =>
  z.strictObject({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Lowest level written (CONCORD_LOG_LEVEL)'),
    destination: z.string().min(1).default('stderr').describe('stderr, stdout, or a file path relative to concord.yaml (CONCORD_LOG_FILE); `concord mcp` never logs to stdout'),
    redact: z.array(z.string().min(1)).default(() => []).describe('More keys to redact (pino paths such as data.private_key), besides token, secret, password, authorization'),
  }),
);

const ObservabilitySettingsSchema = onFirstUse(() =>
  z.strictObject({
    log: LogSettingsSchema().default(() => LogSettingsSchema().parse({})),
    metrics: z.strictObject({ enabled: z.boolean().default(true).describe('Serve Prometheus metrics at /metrics') }).default(() => ({ enabled: true })),
    tracing: z
      .strictObject({
        otlp_endpoint: z.url().optional().describe('OTLP/HTTP traces URL (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT); unset: no tracing'),
        headers: z.record(z.string(), z.string()).default(() => ({})).describe('Headers sent with every export (e.g. an API key)'),
        service_name: z.string().min(1).default('concord').describe('service.name of the spans (OTEL_SERVICE_NAME)'),
      })
      .default(() => ({ headers: {}, service_name: 'concord' })),
  }),
);
export type ObservabilitySettings = z.infer<ReturnType<typeof ObservabilitySettingsSchema>>;

/** The top-level keys of concord.yaml, each a schema built on first use: a read with no concord.yaml builds only those it reads. */
const SECTIONS = {
  coordination: onFirstUse(() => CoordinationSettingsSchema().default(() => CoordinationSettingsSchema().parse({}))),
  /** How long a writer waits for the ecosystem lock before failing. */
  lock_timeout_ms: onFirstUse(() => z.number().int().positive().max(600_000).default(10_000)),
  /**
   * How long a call to `concord mcp` or `concord serve` waits for the first index of the file (built in the
   * background at start) before answering INDEX_BUILDING, which says to retry: below the MCP client's timeout.
   */
  index_wait_ms: onFirstUse(() => z.number().int().nonnegative().max(50_000).default(15_000)),
  /** Default actor when neither --actor nor CONCORD_ACTOR is given (else the git user). */
  actor: onFirstUse(() => z.string().min(1).optional()),
  server: onFirstUse(() => ServerSettingsSchema().default(() => ServerSettingsSchema().parse({}))),
  /** Subscribers to events: shell commands and signed webhooks (docs/hooks.md). */
  hooks: onFirstUse(() => HooksSchema().default(() => [])),
  hook_delivery: onFirstUse(() => HookDeliverySchema().default(() => HookDeliverySchema().parse({}))),
  checkpoints: onFirstUse(() => CheckpointSettingsSchema().default(() => CheckpointSettingsSchema().parse({}))),
  /** Jobs: cron or interval, a Concord operation or a command (docs/scheduler.md). */
  jobs: onFirstUse(() => JobsSchema().default(() => [])),
  scheduler: onFirstUse(() => SchedulerSettingsSchema().default(() => SchedulerSettingsSchema().parse({}))),
  /** Logs, metrics and traces (docs/observability.md). */
  observability: onFirstUse(() => ObservabilitySettingsSchema().default(() => ObservabilitySettingsSchema().parse({}))),
  /** Worker pools: which repos each serves, how many runs at once, with which executor and limits (docs/execution.md). */
  pools: onFirstUse(() =>
    z
      .array(PoolSchema())
      .default(() => [])
      .refine((pools) => new Set(pools.map((p) => p.name)).size === pools.length, { message: 'two pools have the same name; give each pool its own name' }),
  ),
  /** Executor profiles: overrides of the built-in agent CLIs and new ones (docs/execution.md). */
  executors: onFirstUse(() => z.record(z.string().min(1), ExecutorSettingsSchema()).default(() => ({}))),
  /** The run queue: capacity, concurrency per repo and overall, leases, retries. */
  queue: onFirstUse(() => QueueSettingsSchema().default(() => QueueSettingsSchema().parse({}))),
  /** Workflow files and the credentials their api_call steps name (docs/workflows.md). */
  workflows: onFirstUse(() => WorkflowSettingsSchema().default(() => WorkflowSettingsSchema().parse({}))),
  /** Git hosts exports and issue sync talk to (docs/githosts.md). */
  githosts: GitHostsSchema,
};
type SectionSchemas = { [K in keyof typeof SECTIONS]: ReturnType<(typeof SECTIONS)[K]> };

/** Every key is known: a misspelt setting is an error (with the nearest name), never silently ignored. */
const SettingsSchema = onFirstUse(() => z.strictObject(Object.fromEntries(Object.entries(SECTIONS).map(([key, section]) => [key, section()])) as SectionSchemas));
export type Settings = z.infer<ReturnType<typeof SettingsSchema>>;

/**
 * The settings of a folder without concord.yaml: each section is its schema's default, worked out when first
 * read (or set), so that a read builds no schema it does not use. A section left unset by the default (actor)
 * is then absent, as in what SettingsSchema gives.
 */
function defaultSettings(): Settings {
  const settings: Record<string, unknown> = {};
  for (const [key, section] of Object.entries(SECTIONS)) {
    const keep = (value: unknown) => {
      if (value === undefined) delete settings[key];
      else Object.defineProperty(settings, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    };
    Object.defineProperty(settings, key, { enumerable: true, configurable: true, get: () => keep(section().parse(undefined)), set: keep });
  }
  return settings as Settings;
}

/** Whether a section holds a value (read from concord.yaml, or a default since read or set), not a default yet to be worked out. */
const holds = (settings: Settings, key: keyof Settings): boolean => Object.getOwnPropertyDescriptor(settings, key)?.get === undefined;

export const SETTINGS_FILE = 'concord.yaml';
/** Settings, hooks and jobs are a few kilobytes; past this the file is refused before it is parsed. */
export const MAX_SETTINGS_BYTES = 1_048_576;

/**
 * Settings that were documented once and never did anything: named with the reason when a file still has one,
 * rather than "unknown setting". (`memory_enabled` from the design's settings block stays: `true` is what
 * Concord does anyway, so the block as written is valid; `false` cannot be honoured and is refused.)
 */
const REMOVED_SETTINGS: Record<string, string> = {};

function describeSettingsIssue(issue: z.core.$ZodIssue, lineOf: (path: readonly PropertyKey[]) => number | undefined): string[] {
  const at = (p: readonly PropertyKey[]) => {
    const line = lineOf(p);
    return `${p.map(String).join('.') || '(top level)'}${line ? ` (line ${line})` : ''}`;
  };
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(shapeAt(issue.path));
    return issue.keys.map((k) => {
      const gone = REMOVED_SETTINGS[[...issue.path, k].join('.')];
      if (gone) return `${at([...issue.path, k])}: "${k}" is no longer a setting: ${gone}; delete the line`;
      const guess = suggest(k, known);
      return `${at([...issue.path, k])}: unknown setting "${k}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
    });
  }
  return [`${at(issue.path)}: ${issue.message}`];
}

/** The keys allowed at a path of concord.yaml, for "did you mean". */
function shapeAt(path: readonly PropertyKey[]): Record<string, unknown> {
  let schema: unknown = SettingsSchema();
  for (const seg of path) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    let next = shape?.[String(seg)] as { _zod?: { def?: { innerType?: unknown } } } | undefined;
    while (next?._zod?.def?.innerType) next = next._zod.def.innerType as typeof next;
    schema = next;
  }
  return (schema as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
}

/** The JSON Schema of concord.yaml, published as schema/concord.schema.json. */
export function settingsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SettingsSchema(), { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
  // Hooks are validated entry by entry (to report every problem at once); describe one entry for editors.
  const { $schema: _drop, ...hooks } = z.toJSONSchema(z.array(HookSchema()), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema.properties['hooks'] = { ...hooks, description: 'Subscribers to events: shell commands and signed webhooks (docs/hooks.md)' };
  const { $schema: _drop2, ...jobs } = z.toJSONSchema(z.array(JobSchema()), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema.properties['jobs'] = { ...jobs, description: 'Jobs: cron or interval, a Concord operation or a command (docs/scheduler.md)' };
  return { $id: 'https://concord.dev/schema/concord.schema.json', title: 'Concord concord.yaml', ...schema };
}

/** Reads and checks concord.yaml: every problem, with its line, in one error. */
function readSettingsFile(file: string): Settings {
  // Loaded only when there is a concord.yaml, to keep `yaml` off the start-up path of reads.
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const size = fs.statSync(file).size;
  if (size > MAX_SETTINGS_BYTES) {
    throw new ConcordError('INVALID_SETTINGS', `${file} is ${size} bytes, over the ${MAX_SETTINGS_BYTES} bytes concord.yaml may have`, { hint: 'settings are small: move data elsewhere (activities/ for activities)' });
  }
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseBounded(yaml, text);
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConcordError('INVALID_SETTINGS', `${file}:${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`, { hint: 'fix the YAML syntax of concord.yaml' });
  }
  let read: BoundedValue;
  try {
    read = boundedValue(yaml, doc);
  } catch (e) {
    throw new ConcordError('INVALID_SETTINGS', `${file}: ${(e as Error).message}`, { hint: 'fix the YAML of concord.yaml' });
  }
  if (read.aliasBomb) {
    throw new ConcordError('INVALID_SETTINGS', `${file}:${positionOf(text, read.aliasBomb.offset).line}: ${read.aliasBomb.message}`, { hint: 'write the values out instead of nesting aliases (*name) of anchors (&name)' });
  }
  const written = read.value ?? {};
  const lineOf = (p: readonly PropertyKey[]): number | undefined => {
    const node = doc.getIn(p as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? text.slice(0, node.range[0]).split('\n').length : undefined;
  };
  const parsed = SettingsSchema().safeParse(written);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) => describeSettingsIssue(i, lineOf));
    throw new ConcordError('INVALID_SETTINGS', `${file} has ${problems.length} problem(s): ${problems.join('; ')}`, {
      hint: 'see docs/settings.md for every setting and its type',
      data: { problems },
    });
  }
  return parsed.data;
}

/** The fleet's PostgreSQL (queue.database_url), if any: a queue section still at its default names none. */
export function fleetDatabaseUrl(settings: Settings): string | undefined {
  return holds(settings, 'queue') ? settings.queue.database_url : undefined;
}

/** Flags a surface passes in, highest precedence. */
export interface SettingFlags {
  lockTimeoutMs?: number;
  host?: string;
  port?: number;
  /** The fleet's PostgreSQL (`--database-url`). */
  databaseUrl?: string;
}

/**
 * Resolves the settings for an ecosystem in `dir`: parse concord.yaml (if any), then apply the
 * environment and flags. Problems in the file are collected with their paths and reported together.
 */
export function resolveSettings(dir: string, env: Environment, flags: SettingFlags = {}): Settings {
  const file = path.join(dir, SETTINGS_FILE);
  const settings = fs.existsSync(file) ? readSettingsFile(file) : defaultSettings();
  if (env.lockTimeoutMs !== undefined) settings.lock_timeout_ms = env.lockTimeoutMs;
  if (flags.lockTimeoutMs !== undefined) settings.lock_timeout_ms = flags.lockTimeoutMs;
  if (env.indexWaitMs !== undefined) settings.index_wait_ms = env.indexWaitMs;
  const bool = (v: string | undefined) => (v === undefined ? undefined : /^(1|true|yes|on)$/i.test(v));
  const interval = env.settings['CONCORD_DEPENDENCY_CHECK_INTERVAL_MINUTES'];
  if (interval !== undefined && Number(interval) > 0) settings.coordination.dependency_check_interval_minutes = Number(interval);
  const auto = bool(env.settings['CONCORD_AUTO_DEPENDENCY_CHECK']);
  if (auto !== undefined) settings.coordination.auto_dependency_check = auto;
  const s = env.settings;
  if (s['CONCORD_HOST']) settings.server.host = s['CONCORD_HOST'];
  if (s['CONCORD_PORT'] && Number.isInteger(Number(s['CONCORD_PORT']))) settings.server.port = Number(s['CONCORD_PORT']);
  if (s['CONCORD_SERVER_TOKEN']) settings.server.token = s['CONCORD_SERVER_TOKEN'];
  if (s['CONCORD_DATABASE_URL']) settings.queue.database_url = s['CONCORD_DATABASE_URL'];
  if (flags.databaseUrl) settings.queue.database_url = flags.databaseUrl;
  if (flags.host) settings.server.host = flags.host;
  if (flags.port !== undefined) settings.server.port = flags.port;
  // Variables and flags get the checks concord.yaml gets (a short token would otherwise slip through); a
  // default none of them changed is valid as it is.
  const server = holds(settings, 'server') ? ServerSettingsSchema().safeParse(settings.server) : { success: true as const };
  if (!server.success) {
    const problems = server.error.issues.map((i) => `server.${i.path.join('.')}${i.path[0] === 'token' ? ' (CONCORD_SERVER_TOKEN)' : ''}: ${i.message}`);
    throw new ConcordError('INVALID_SETTINGS', `the server settings are invalid: ${problems.join('; ')}`, { hint: 'see docs/settings.md', data: { problems } });
  }
  if (s['CONCORD_LOG_LEVEL']) (settings.observability.log as { level: string }).level = s['CONCORD_LOG_LEVEL'];
  if (s['CONCORD_LOG_FILE']) settings.observability.log.destination = s['CONCORD_LOG_FILE'];
  const otlp = env.vars['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env.vars['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (otlp) settings.observability.tracing.otlp_endpoint = otlp;
  if (env.vars['OTEL_SERVICE_NAME']) settings.observability.tracing.service_name = env.vars['OTEL_SERVICE_NAME'];
  if (holds(settings, 'observability')) {
    const obs = settings.observability;
    const checked = ObservabilitySettingsSchema().safeParse(obs);
    if (!checked.success) {
      const problems = checked.error.issues.map((i) => `observability.${i.path.join('.')}: ${i.message}`);
      throw new ConcordError('INVALID_SETTINGS', `the observability settings are invalid (concord.yaml, CONCORD_LOG_LEVEL, CONCORD_LOG_FILE or OTEL_*): ${problems.join('; ')}`, { hint: 'see docs/observability.md', data: { problems } });
    }
    if (!['stderr', 'stdout'].includes(obs.log.destination)) obs.log.destination = path.resolve(dir, obs.log.destination);
  }
  const afterWrite = bool(env.settings['CONCORD_HOOKS_AFTER_WRITE']);
  if (afterWrite !== undefined) settings.hook_delivery.after_write = afterWrite;
  return settings;
}
