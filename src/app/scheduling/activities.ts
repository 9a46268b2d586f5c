// Activity definitions: Markdown files with YAML front matter in `activities/` beside the ecosystem (docs/scheduler.md).
//
// A broken file never stops the others: it is reported (file, line, field, fix) by `concord activity list`
// and the server's log, and left out until it is fixed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ConcordError } from '../../core/errors.js';
import { ActivitySchema, type Target } from '../../core/scheduling/schemas.js';
import { writeFileAtomic } from '../../store/file.js';
import { type BoundedValue, boundedValue, parseBounded, positionOf } from '../../store/yaml-bounded.js';
import type { WorkspaceCore as Workspace } from '../workspace-core.js';
import { checkCron } from './cron.js';
import { hint, op } from '../../core/hints.js';

type Yaml = typeof import('yaml');
const yaml = (): Yaml => createRequire(import.meta.url)('yaml') as Yaml;

const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES = 500;

export interface ActivityFile {
  target: Target;
  file: string;
  /** The Markdown after the front matter (what the activity is for, for people). */
  body: string;
}

export interface ActivityProblem {
  file: string;
  problems: string[];
}

export interface LoadedActivities {
  dir: string;
  activities: ActivityFile[];
  invalid: ActivityProblem[];
}

const cache = new Map<string, { stamp: string; loaded: LoadedActivities }>();

export function activitiesDir(ws: Workspace): string {
  return path.resolve(ws.dir, ws.settings.scheduler.activities_dir);
}

/** Splits `---\nYAML\n---\nbody`; undefined when the text has no front matter. */
function splitFrontMatter(text: string): { yaml: string; body: string } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? { yaml: m[1]!, body: text.slice(m[0].length) } : undefined;
}

function readOne(file: string): ActivityFile | ActivityProblem {
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES) return { file, problems: [`${file}: ${size} bytes is over the ${MAX_FILE_BYTES}-byte limit of an activity file`] };
  const text = fs.readFileSync(file, 'utf8');
  const parts = splitFrontMatter(text);
  if (!parts) return { file, problems: [`${file}:1: no front matter; start the file with a line "---", the YAML, then another "---"`] };
  const doc = parseBounded(yaml(), parts.yaml);
  // Line numbers count the opening "---" line.
  if (doc.errors.length) return { file, problems: doc.errors.map((e) => `${file}:${(e.linePos?.[0]?.line ?? 0) + 1}: ${e.message.split('\n')[0]}`) };
  // The line of the deepest node of the path that exists (a list index into a scalar names the scalar).
  const lineOf = (p: readonly PropertyKey[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return parts.yaml.slice(0, node.range[0]).split('\n').length + 1;
    }
    return 2;
  };
  let read: BoundedValue;
  try {
    read = boundedValue(yaml(), doc);
  } catch (e) {
    return { file, problems: [`${file}:2: ${(e as Error).message.split('\n')[0]}`] };
  }
  if (read.aliasBomb) return { file, problems: [`${file}:${positionOf(parts.yaml, read.aliasBomb.offset).line + 1}: ${read.aliasBomb.message}`] };
  const parsed = ActivitySchema().safeParse(read.value ?? {});
  const name = path.basename(file, '.md');
  if (!parsed.success) {
    return { file, problems: parsed.error.issues.map((i) => `${file}:${lineOf(i.path)}: ${i.path.map(String).join('.') || '(front matter)'}: ${i.message}`) };
  }
  const a = parsed.data;
  const cronProblems = a.triggers.flatMap((t, i) => {
    const p = t.cron !== undefined ? checkCron(t.cron, t.timezone) : undefined;
    return p ? [`${file}:${lineOf(['triggers', i, 'cron'])}: triggers.${i}.cron: ${p}`] : [];
  });
  if (cronProblems.length) return { file, problems: cronProblems };
  const target: Target = {
    kind: 'activity',
    name: a.name ?? name,
    id: `activity:${a.name ?? name}`,
    ...(a.description ? { description: a.description } : {}),
    enabled: a.enabled,
    triggers: a.triggers,
    actions: a.actions,
    overlap: a.overlap,
    misfire: a.misfire,
    breaker: a.breaker,
    timeout_ms: a.timeout,
    source: file,
  };
  return { target, file, body: parts.body.trim() };
}

/** One file, whatever is wrong with it (unreadable, a folder named `x.md`): a problem, never a throw. */
function readSafely(file: string): ActivityFile | ActivityProblem {
  try {
    return readOne(file);
  } catch (e) {
    return { file, problems: [`${file}: cannot be read: ${(e as Error).message.split('\n')[0]}`] };
  }
}

/** Reads every `*.md` in the activities folder (cached while no file changed). */
export function loadActivities(ws: Workspace): LoadedActivities {
  const dir = activitiesDir(ws);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort().slice(0, MAX_FILES);
  } catch {
    return { dir, activities: [], invalid: [] };
  }
  const files = names.map((n) => path.join(dir, n));
  const stamp = files.map((f) => {
    const s = fs.statSync(f, { throwIfNoEntry: false });
    return `${f}:${s?.mtimeMs}:${s?.size}`;
  }).join('|');
  const hit = cache.get(dir);
  if (hit && hit.stamp === stamp) return hit.loaded;
  const loaded: LoadedActivities = { dir, activities: [], invalid: [] };
  const seen = new Map<string, string>();
  for (const f of files) {
    const r = readSafely(f);
    if ('problems' in r) loaded.invalid.push(r);
    else if (seen.has(r.target.name)) loaded.invalid.push({ file: f, problems: [`${f}: activity "${r.target.name}" is also defined in ${seen.get(r.target.name)}; names are unique`] });
    else {
      seen.set(r.target.name, f);
      loaded.activities.push(r);
    }
  }
  cache.set(dir, { stamp, loaded });
  return loaded;
}

/**
 * Sets `enabled:` in an activity's front matter, keeping the rest of the file (comments, order, body)
 * as written. Returns false when it already had that value (nothing written).
 */
export function writeActivityEnabled(file: string, enabled: boolean): boolean {
  const text = fs.readFileSync(file, 'utf8');
  const parts = splitFrontMatter(text);
  if (!parts) throw new ConcordError('INVALID_ACTIVITY', `${file} has no front matter`, { hint: 'start the file with ---, the YAML, then ---' });
  const doc = parseBounded(yaml(), parts.yaml);
  if (doc.errors.length) throw new ConcordError('INVALID_ACTIVITY', `${file} has a YAML error: ${doc.errors[0]!.message.split('\n')[0]}`, { hint: hint`fix it (${op('activity.list')} shows where), then try again` });
  if (doc.get('enabled') === enabled) return false;
  doc.set('enabled', enabled);
  const head = text.slice(0, text.length - parts.body.length);
  const eol = head.includes('\r\n') ? '\r\n' : '\n';
  writeFileAtomic(file, `---${eol}${doc.toString().trimEnd()}${eol}---${eol}${parts.body}`);
  return true;
}
