// Adapter profiles: how to run one agent CLI (argv template, prompt passing, parser, exit codes, resume).
//
// Glossary: a *profile* is data (built in, overridable under `executors:` in concord.yaml); an *adapter*
// is a profile plus the parser of that CLI's event stream (one module per CLI in this folder). argv is
// built from the template without a shell: `{name}` placeholders take values Concord chooses (limits,
// model, the prompt file), never text from a todo; the prompt itself goes on stdin or in a file.
import { z } from 'zod';
import { onFirstUse } from '../on-first-use.js';
import { RunStatusSchema } from '../runs/states.js';
import type { StreamFacts } from '../runs/outcome.js';

export const PROMPT_MODES = ['stdin', 'file', 'arg'] as const;
export type PromptMode = (typeof PROMPT_MODES)[number];

/** A word, or a group of words left out unless every placeholder in it has a value (`["--model", "{model}"]`). */
const ArgTemplateSchema = onFirstUse(() => z.array(z.union([z.string(), z.array(z.string()).min(1)])));
export type ArgTemplate = z.infer<ReturnType<typeof ArgTemplateSchema>>;

const TokenPriceSchema = onFirstUse(() =>
  z.strictObject({
    input_per_mtok: z.number().min(0).describe('USD per million input tokens'),
    output_per_mtok: z.number().min(0).describe('USD per million output tokens'),
  }),
);

/** What concord.yaml may say about an executor: any field of a profile, plus which profile it extends. */
export const ExecutorSettingsSchema = onFirstUse(() =>
  z.strictObject({
    extends: z.string().min(1).optional().describe('The built-in profile this one starts from (default: the built-in of the same name, else `command`)'),
    command: z.string().min(1).optional().describe('The program (looked up on PATH)'),
    args: ArgTemplateSchema().optional().describe('argv after the program; {placeholders} filled by Concord'),
    resume_args: ArgTemplateSchema().optional().describe('argv used instead of args to continue a session ({session})'),
    prompt: z.enum(PROMPT_MODES).optional().describe('stdin (closed after writing), file ({prompt_file}) or arg ({prompt}; visible in ps, capped)'),
    parser: z.string().min(1).optional().describe('Which stream parser reads the output: claude, codex, gemini, opencode, goose, aider, text'),
    exit_codes: z.record(z.string().regex(/^\d+$/, 'exit codes are numbers'), RunStatusSchema).optional().describe('What an exit code means (gemini: 53 -> limit_turns)'),
    env: z.record(z.string(), z.string()).optional().describe('Variables set for the agent'),
    pass_env: z.array(z.string().min(1)).optional().describe('Variables let through from the worker (NAME or PREFIX_*), besides PATH, HOME, locale'),
    model: z.string().min(1).optional(),
    max_turns: z.number().int().positive().optional(),
    permission_mode: z.string().min(1).optional(),
    allowed_tools: z.array(z.string().min(1)).optional(),
    price: TokenPriceSchema().optional().describe('To estimate cost when the agent reports only tokens'),
    session_from: z.enum(['stream', 'run']).optional().describe('Where the session id comes from: the event stream, or Concord names it after the run'),
  }),
);
export type ExecutorSettings = z.infer<ReturnType<typeof ExecutorSettingsSchema>>;

export interface ExecutorProfile {
  name: string;
  command: string;
  args: ArgTemplate;
  resume_args?: ArgTemplate;
  prompt: PromptMode;
  parser: string;
  exit_codes: Record<string, z.infer<typeof RunStatusSchema>>;
  env: Record<string, string>;
  pass_env: string[];
  model?: string;
  max_turns?: number;
  permission_mode?: string;
  allowed_tools: string[];
  price?: z.infer<ReturnType<typeof TokenPriceSchema>>;
  session_from: 'stream' | 'run';
}

/** Reads one CLI's output, line by line, into the facts every CLI shares. */
export interface StreamParser {
  readonly facts: StreamFacts;
  line(text: string): void;
  /** After the process ended: parsers of CLIs without a result event decide it here. */
  end(exit: { code: number | null }): void;
}

export interface ExecutorAdapter {
  name: string;
  profile: Omit<ExecutorProfile, 'name'>;
  parser: () => StreamParser;
}

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** argv from a template: groups whose placeholders lack a value are left out; no word is ever split. */
export function buildArgv(template: ArgTemplate, values: Readonly<Record<string, string | undefined>>): string[] {
  const fill = (word: string): string | undefined => {
    let missing = false;
    const out = word.replace(PLACEHOLDER, (_, key: string) => {
      const v = values[key];
      if (v === undefined) missing = true;
      return v ?? '';
    });
    return missing ? undefined : out;
  };
  const argv: string[] = [];
  for (const part of template) {
    const words = (typeof part === 'string' ? [part] : part).map(fill);
    if (words.some((w) => w === undefined)) {
      // A bare word with a missing value is a mistake in the template, not an optional group.
      if (typeof part === 'string') throw new Error(`the argument "${part}" needs a value for its placeholder`);
      continue;
    }
    argv.push(...(words as string[]));
  }
  return argv;
}

/** The placeholders a template uses (to check a profile before it runs). */
export function placeholdersOf(template: ArgTemplate): string[] {
  return [...new Set(template.flatMap((p) => (typeof p === 'string' ? [p] : p)).flatMap((w) => [...w.matchAll(PLACEHOLDER)].map((m) => m[1]!)))];
}
