// The built-in executors, and resolving a named executor from them and concord.yaml's `executors:`.
//
// To add a CLI: one module here (its profile and parser) listed in ADAPTERS, and one recorded stream
// under test/fixtures/agents/<name>/ (see AGENTS.md).
import { ConcordError, suggest } from '../errors.js';
import { aider } from './aider.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { command, textParser } from './command.js';
import { gemini } from './gemini.js';
import { goose } from './goose.js';
import { opencode } from './opencode.js';
import { type ExecutorAdapter, type ExecutorProfile, type ExecutorSettings, placeholdersOf, type StreamParser } from './profile.js';

export const ADAPTERS: readonly ExecutorAdapter[] = [claude, codex, gemini, opencode, goose, aider, command];
const BY_NAME = new Map(ADAPTERS.map((a) => [a.name, a]));

/** Parsers by name: each adapter's own, plus `text` (any program). */
export const PARSERS: Readonly<Record<string, () => StreamParser>> = { ...Object.fromEntries(ADAPTERS.map((a) => [a.name, a.parser])), text: textParser };

/** Values a template may use: chosen by Concord, never text from a todo (only `prompt`, in arg mode). */
export const PLACEHOLDERS = ['prompt', 'prompt_file', 'session', 'run', 'todo', 'worktree', 'model', 'max_turns', 'permission_mode', 'allowed_tools', 'budget_usd'] as const;

const bad = (name: string, field: string, problem: string, fix: string) =>
  new ConcordError('INVALID_SETTINGS', `concord.yaml executors.${name}${field ? `.${field}` : ''}: ${problem}`, { hint: fix, data: { executor: name, field } });

/** The executors a workspace knows: the built-ins and every name under `executors:`. */
export function executorNames(settings: Readonly<Record<string, ExecutorSettings>>): string[] {
  return [...new Set([...ADAPTERS.map((a) => a.name), ...Object.keys(settings)])];
}

/**
 * The profile `name` runs with: its built-in (or the one it extends) with concord.yaml's fields over it.
 * Problems name the setting and the fix.
 */
export function resolveExecutor(name: string, settings: Readonly<Record<string, ExecutorSettings>>): ExecutorProfile {
  const own = settings[name];
  if (!own && !BY_NAME.has(name)) {
    const guess = suggest(name, executorNames(settings));
    throw new ConcordError('EXECUTOR_NOT_FOUND', `no executor "${name}": not built in and not under executors: in concord.yaml`, {
      hint: guess ? `did you mean "${guess}"?` : `built in: ${ADAPTERS.map((a) => a.name).join(', ')}; or add executors: { ${name}: { command: ... } }`,
      data: { executor: name },
    });
  }
  const baseName = own?.extends ?? (BY_NAME.has(name) ? name : 'command');
  const base = BY_NAME.get(baseName);
  if (!base) throw bad(name, 'extends', `"${baseName}" is not a built-in executor`, `extend one of ${ADAPTERS.map((a) => a.name).join(', ')}`);
  const o = own ?? {};
  const profile: ExecutorProfile = {
    name,
    command: o.command ?? base.profile.command,
    args: o.args ?? base.profile.args,
    ...((o.resume_args ?? base.profile.resume_args) ? { resume_args: o.resume_args ?? base.profile.resume_args! } : {}),
    prompt: o.prompt ?? base.profile.prompt,
    parser: o.parser ?? base.profile.parser,
    exit_codes: { ...base.profile.exit_codes, ...(o.exit_codes ?? {}) },
    env: { ...base.profile.env, ...(o.env ?? {}) },
    pass_env: [...base.profile.pass_env, ...(o.pass_env ?? [])],
    allowed_tools: o.allowed_tools ?? base.profile.allowed_tools,
    session_from: o.session_from ?? base.profile.session_from,
  };
  const model = o.model ?? base.profile.model;
  if (model) profile.model = model;
  const maxTurns = o.max_turns ?? base.profile.max_turns;
  if (maxTurns) profile.max_turns = maxTurns;
  const mode = o.permission_mode ?? base.profile.permission_mode;
  if (mode) profile.permission_mode = mode;
  const price = o.price ?? base.profile.price;
  if (price) profile.price = price;
  if (!profile.command) throw bad(name, 'command', 'no program to run', `set executors.${name}.command to the program (looked up on PATH, or a path relative to the ecosystem)`);
  if (!PARSERS[profile.parser]) throw bad(name, 'parser', `unknown parser "${profile.parser}"`, `use one of ${Object.keys(PARSERS).join(', ')}`);
  for (const [field, template] of [['args', profile.args], ['resume_args', profile.resume_args ?? []]] as const) {
    for (const p of placeholdersOf(template)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(p)) throw bad(name, field, `unknown placeholder {${p}}`, `placeholders: ${PLACEHOLDERS.map((x) => `{${x}}`).join(' ')}`);
      if (p === 'prompt' && profile.prompt !== 'arg') throw bad(name, field, '{prompt} is only allowed with prompt: arg', 'pass the prompt on stdin (prompt: stdin) or as a file ({prompt_file} with prompt: file)');
    }
  }
  return profile;
}
