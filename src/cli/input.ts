// Turning command-line options into the input object of a write use-case (the same object MCP tools pass).
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';

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
    text = readCapped(source === '-' ? 0 : path.resolve(cwd, source), what);
  } catch (e) {
    if (e instanceof ConcordError) throw e;
    throw new ConcordError('IO_ERROR', `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { hint: 'give a JSON file, or - to read JSON from stdin' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `${what} is not JSON: ${(e as Error).message}`);
  }
}

/** The text of a file (or of stdin, fd 0), refused past LIMITS.inputBytes before more than that is read. */
function readCapped(source: string | 0, what: string): string {
  const max = LIMITS.inputBytes;
  const fd = source === 0 ? 0 : fs.openSync(source, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // A non-blocking stdin with nothing yet: wait a little for it.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > max) throw new ConcordError('INVALID_INPUT', `${what} is over ${max} bytes, the limit of an input`, { hint: 'an input is a few fields: a text field holds at most 65536 characters, a note 16384 (docs/settings.md, Limits)' });
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}
