// Turning command-line options into the input object of a write use-case (the same object MCP tools pass).
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';

/**
 * Option name -> input field. A value of `false` (from `--no-assignee`) clears the field (`null`);
 * options that were not given are left out, so an update changes only what was asked.
 */
export function fieldsFrom(opts: Record<string, unknown>, mapping: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [option, field] of Object.entries(mapping)) {
    const v = opts[option];
    if (v === undefined) continue;
    out[field] = v === false ? null : v;
  }
  return out;
}

/** The input of a write: the fields of `--input file.json` (or `--input -`, stdin), then the options' (flags win). */
export function inputFrom(opts: Record<string, unknown>, mapping: Record<string, string>, cwd: string): Record<string, unknown> {
  const source = opts['input'] as string | undefined;
  const json = source === undefined ? {} : readJson(source, cwd, `--input ${source}`);
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new ConcordError('INVALID_INPUT', `--input ${source} must hold a JSON object of fields`, { hint: 'e.g. {"task": "Fix the build", "repo": "api"}' });
  }
  return { ...(json as Record<string, unknown>), ...fieldsFrom(opts, mapping) };
}

/** The JSON of a file, or of stdin for `-`; `what` names it in errors (`--input x.json`, `the state file x.json`). */
export function readJson(source: string, cwd: string, what: string): unknown {
  let text: string;
  try {
    text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(path.resolve(cwd, source), 'utf8');
  } catch (e) {
    throw new ConcordError('IO_ERROR', `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { hint: 'give a JSON file, or - to read JSON from stdin' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `${what} is not JSON: ${(e as Error).message}`);
  }
}
