// A dependency's validation read into the probes a check will run, or every problem with it, named.
import { suggest } from '../errors.js';
import type { DependencyType } from '../enums.js';
import { VALIDATION_KEYS, type Validation } from '../schema/dependency.js';
import { parseCommandLine, type Pipeline } from './command-line.js';

export type PlannedProbe =
  | { kind: 'command'; command: string; stages: Pipeline; pattern?: string; in: 'consumer' | 'provider' }
  | { kind: 'http'; url: string; expected_status?: number }
  | { kind: 'tcp'; url: string; host: string; port: number }
  | { kind: 'mcp'; target: string; url: string }
  | { kind: 'mcp'; target: string; stages: Pipeline }
  | { kind: 'version'; constraint: string };

export interface CheckSpec {
  probes: PlannedProbe[];
  /** The deadline of the whole check (every probe runs under it). */
  timeout_ms: number;
  /** Things worth knowing that do not change the outcome. */
  notes: string[];
}

export type PlannedCheck = { ok: true; spec: CheckSpec } | { ok: false; problems: string[] };

/** What a check needs of a dependency (a written record, or one about to be written). */
export interface CheckableDependency {
  id: string;
  consumer: string;
  provider: string;
  type: DependencyType;
  version_constraint?: string | undefined;
  validation?: Validation | undefined;
}

/** `DEP-1 (web needs api)`: how messages name a dependency. */
export function nameDependency(dep: Pick<CheckableDependency, 'id' | 'consumer' | 'provider'>): string {
  return `${dep.id} (${dep.consumer} needs ${dep.provider})`;
}

/**
 * Reads the validation of `dep` into probes. Pure: every problem is collected (an invalid regex, a URL
 * that does not parse, an unknown check type, a misspelt key), each naming the dependency and the fix.
 */
export function planDependencyCheck(dep: CheckableDependency, defaultTimeoutMs: number): PlannedCheck {
  const v = (dep.validation ?? {}) as Validation & Record<string, unknown>;
  const who = nameDependency(dep);
  const problems: string[] = [];
  const notes: string[] = [];
  const probes: PlannedProbe[] = [];

  for (const key of Object.keys(v)) {
    if ((VALIDATION_KEYS as readonly string[]).includes(key)) continue;
    const guess = suggest(key, VALIDATION_KEYS);
    problems.push(`${who}: validation has an unknown key "${key}"${guess ? `; did you mean "${guess}"?` : `; the keys are ${VALIDATION_KEYS.join(', ')}`}`);
  }

  if (v.command !== undefined) {
    const parsed = parseCommandLine(v.command);
    if (!parsed.ok) problems.push(`${who}: validation.command "${v.command}" cannot run without a shell: ${parsed.error}`);
    const pattern = v.expected_pattern;
    if (pattern !== undefined) {
      const problem = regexProblem(pattern);
      if (problem) problems.push(`${who}: validation.expected_pattern "${pattern}" is not a valid regular expression (${problem}); fix the pattern (it is a JavaScript RegExp, matched per line)`);
    }
    if (parsed.ok) probes.push({ kind: 'command', command: v.command, stages: parsed.stages, ...(pattern !== undefined ? { pattern } : {}), in: v.cwd ?? 'consumer' });
  } else if (v.expected_pattern !== undefined) {
    problems.push(`${who}: validation.expected_pattern is set but there is no validation.command whose output it would match; add the command or remove the pattern`);
  }

  if (v.health_check !== undefined) {
    const probe = planHealthCheck(v.health_check, v.expected_status, who, problems);
    if (probe) probes.push(probe);
  } else if (v.expected_status !== undefined) {
    problems.push(`${who}: validation.expected_status is set but there is no validation.health_check URL; add the URL or remove the status`);
  }

  if (v.mcp !== undefined) {
    const probe = planMcp(v.mcp, who, problems);
    if (probe) probes.push(probe);
  } else if (dep.type === 'mcp') {
    notes.push(`${dep.id} is an MCP dependency without validation.mcp (a URL or a command), so no MCP handshake was made`);
  }

  if (dep.version_constraint !== undefined) probes.push({ kind: 'version', constraint: dep.version_constraint });
  if (v.cwd !== undefined && v.command === undefined) notes.push(`validation.cwd applies to validation.command, which ${dep.id} does not have`);
  if (probes.length === 0 && problems.length === 0) notes.push(`${dep.id} has nothing to check: add a validation (command, health_check, mcp) or a version_constraint`);

  if (problems.length) return { ok: false, problems };
  return { ok: true, spec: { probes, timeout_ms: v.timeout_ms ?? defaultTimeoutMs, notes } };
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'm');
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function planHealthCheck(text: string, expected: number | undefined, who: string, problems: string[]): PlannedProbe | undefined {
  const url = parseUrl(text);
  if (!url) {
    problems.push(`${who}: validation.health_check "${text}" is not a valid URL; write http://host:port/path, https://... or tcp://host:port`);
    return undefined;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'http', url: url.href, ...(expected !== undefined ? { expected_status: expected } : {}) };
  if (url.protocol === 'tcp:') {
    const port = Number(url.port);
    if (!url.hostname || !url.port || !Number.isInteger(port) || port < 1) {
      problems.push(`${who}: validation.health_check "${text}" needs a host and a port: tcp://host:port`);
      return undefined;
    }
    if (expected !== undefined) problems.push(`${who}: validation.expected_status applies to http(s) health checks, not to ${text}; remove it`);
    return { kind: 'tcp', url: text, host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  problems.push(`${who}: validation.health_check "${text}" has an unknown check type "${url.protocol.replace(/:$/, '')}"; use http://, https:// or tcp://host:port`);
  return undefined;
}

function planMcp(text: string, who: string, problems: string[]): PlannedProbe | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const url = parseUrl(text);
    if (!url) problems.push(`${who}: validation.mcp "${text}" is not a valid URL`);
    else if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`${who}: validation.mcp "${text}" has an unknown transport "${url.protocol.replace(/:$/, '')}"; use an http(s):// URL (Streamable HTTP) or a command (stdio)`);
    else return { kind: 'mcp', target: text, url: url.href };
    return undefined;
  }
  const parsed = parseCommandLine(text);
  if (!parsed.ok) {
    problems.push(`${who}: validation.mcp "${text}" cannot run without a shell: ${parsed.error}`);
    return undefined;
  }
  if (parsed.stages.length > 1) {
    problems.push(`${who}: validation.mcp "${text}" is a pipeline; an MCP server on stdio is one command`);
    return undefined;
  }
  return { kind: 'mcp', target: text, stages: parsed.stages };
}
