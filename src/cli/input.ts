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

/** `--input file.json` or `--input -` (stdin): a JSON object with any input fields; flags take precedence. */
export function readInputJson(source: string | undefined, cwd: string): Record<string, unknown> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(path.resolve(cwd, source), 'utf8');
  } catch (e) {
    throw new ConcordError('IO_ERROR', `cannot read --input ${source}: ${(e as Error).message}`, { hint: 'give a JSON file, or - to read JSON from stdin' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `--input ${source} is not valid JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConcordError('INVALID_INPUT', `--input ${source} must hold a JSON object of fields`, { hint: 'e.g. {"task": "Fix the build", "repo": "api"}' });
  }
  return parsed as Record<string, unknown>;
}
