// Reading and writing one Backlog.md task file: YAML front matter and the body's marked sections.
import * as YAML from 'yaml';
import { yamlValue } from '../../store/yaml-bounded.js';

export interface Checklist {
  text: string;
  checked: boolean;
}

export interface BacklogComment {
  author?: string;
  created?: string;
  body: string;
}

/** The body of a task as Backlog.md structures it (`<!-- SECTION:...:BEGIN -->` markers, or plain `## ` headings). */
export interface BacklogBody {
  description?: string;
  acceptance: Checklist[];
  definitionOfDone: Checklist[];
  plan?: string;
  notes?: string;
  finalSummary?: string;
  comments: BacklogComment[];
}

const SECTIONS = { description: ['DESCRIPTION', 'Description'], plan: ['PLAN', 'Implementation Plan'], notes: ['NOTES', 'Implementation Notes'], finalSummary: ['FINAL_SUMMARY', 'Final Summary'] } as const;
const HEADINGS = ['Description', 'Acceptance Criteria', 'Definition of Done', 'Implementation Plan', 'Implementation Notes', 'Final Summary', 'Comments'];

/** Splits `---\n<yaml>\n---\n<body>`; throws with the line of a YAML error. */
export function splitFrontMatter(text: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(src);
  if (!m) throw new Error('no YAML front matter (a task file starts with a line "---")');
  const yaml = quoteAtValues(m[1]!);
  const data = simpleFrontMatter(yaml) ?? (yamlValue(YAML, yaml, 50));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('the front matter is not a mapping of fields');
  return { data: data as Record<string, unknown>, body: src.slice(m[0].length), bodyLine: m[1]!.split('\n').length + 3 };
}

const PLAIN = /^[A-Za-z/][^:#{}[\],&*!|>'"%`@]*$/;
const SPECIAL = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|~|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** One scalar as the YAML core schema reads it, or undefined when it is not one of the simple forms handled here. */
function simpleScalar(raw: string): string | number | undefined {
  const v = raw.trim();
  if (/^'(?:[^']|'')*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
  if (/^"[^"\\]*"$/.test(v)) return v.slice(1, -1);
  if (/^-?\d{1,15}$/.test(v) && !/^-?0./.test(v)) return Number(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (PLAIN.test(v) && !SPECIAL.test(v) && v === raw.replace(/^ /, '')) return v;
  return undefined;
}

/**
 * The front matter Backlog.md writes (scalars, `[]`, `[a, b]`, `key:` + `  - item` lists) read without the
 * YAML parser, which costs more than the rest of an import of 10,000 tasks put together. Anything else
 * (comments, nested maps, block scalars, quotes with escapes, repeated keys) returns undefined, and the file is
 * read by the YAML parser: this only ever gives what that parser gives (a test compares them).
 */
export function simpleFrontMatter(text: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(lines[i]!);
    if (!m || m[1]! in out) return undefined;
    const rest = m[2] ?? '';
    if (rest.trim() === '') {
      const items: unknown[] = [];
      const dash = /^ {0,4}- /.exec(lines[i + 1] ?? '')?.[0];
      while (dash !== undefined && i + 1 < lines.length && lines[i + 1]!.startsWith(dash)) {
        const v = simpleScalar(lines[++i]!.slice(dash.length));
        if (v === undefined) return undefined;
        items.push(v);
      }
      if (!items.length) return undefined;
      out[m[1]!] = items;
    } else if (rest.trim() === '[]') out[m[1]!] = [];
    else if (/^\[.*\]$/.test(rest.trim())) {
      const body = rest.trim().slice(1, -1);
      if (/['"]/.test(body)) return undefined;
      const items = body.split(',').map((x) => simpleScalar(x.trim()));
      if (items.some((x) => x === undefined)) return undefined;
      out[m[1]!] = items;
    } else {
      const v = simpleScalar(rest);
      if (v === undefined) return undefined;
      out[m[1]!] = v;
    }
  }
  return out;
}

/** `assignee: @alice` is not valid YAML (`@` is reserved); Backlog.md quotes such values before parsing, so do we. */
function quoteAtValues(fm: string): string {
  return fm
    .split('\n')
    .map((line) => {
      const m = /^(\s*(?:assignee|reporter):\s*)(.*)$/.exec(line);
      if (!m) return line;
      const value = m[2]!.trim();
      if (value.startsWith('[')) return m[1] + value.replace(/(^\[|,\s*)(@[^,\]]*)/g, (_s, pre: string, v: string) => `${pre}${JSON.stringify(v.trim())}`);
      return value.startsWith('@') ? m[1] + JSON.stringify(value) : line;
    })
    .join('\n');
}

function between(body: string, begin: string, end: string): string | undefined {
  const i = body.indexOf(begin);
  if (i === -1) return undefined;
  const j = body.indexOf(end, i + begin.length);
  return j === -1 ? undefined : body.slice(i + begin.length, j);
}

/** A `## Title` section without markers (older files): up to the next known heading. */
function heading(body: string, title: string): string | undefined {
  // One compiled pattern per title: an import of 10,000 files asks up to five times each.
  let re = HEADING_PATTERNS.get(title);
  if (!re) HEADING_PATTERNS.set(title, (re = new RegExp(`(?:^|\\n)## ${title}[ \\t]*\\n([\\s\\S]*?)(?=\\n## (?:${HEADINGS.join('|')})\\s*(?:\\n|$)|$)`, 'i')));
  return re.exec(body)?.[1];
}
const HEADING_PATTERNS = new Map<string, RegExp>();

const clean = (s: string | undefined) => (s === undefined ? undefined : s.trim() || undefined);

function checklist(text: string | undefined): Checklist[] {
  const out: Checklist[] = [];
  for (const line of (text ?? '').split('\n')) {
    const m = /^\s*-\s*\[([ xX])\]\s*(?:#\d+\s+)?(.*)$/.exec(line);
    if (m && m[2]!.trim()) out.push({ checked: m[1] !== ' ', text: m[2]!.trim() });
  }
  return out;
}

function comments(text: string | undefined): BacklogComment[] {
  const out: BacklogComment[] = [];
  const lines = (text ?? '').split('\n');
  for (let i = 0; i < lines.length; ) {
    const meta: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '---') meta.push(lines[i++]!);
    if (i++ >= lines.length) break;
    const body: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '---') body.push(lines[i++]!);
    if (i++ >= lines.length) break;
    const text = body.join('\n').trim();
    if (!text) continue;
    const field = (k: string) => meta.map((l) => new RegExp(`^${k}:\\s*(.*)$`, 'i').exec(l.trim())?.[1]?.trim()).find(Boolean);
    const author = field('author');
    const created = field('created');
    out.push({ ...(author ? { author } : {}), ...(created ? { created } : {}), body: text });
  }
  return out;
}

export function parseBody(body: string): BacklogBody {
  const section = (key: keyof typeof SECTIONS) => {
    const [marker, title] = SECTIONS[key];
    return clean(between(body, `<!-- SECTION:${marker}:BEGIN -->`, `<!-- SECTION:${marker}:END -->`) ?? heading(body, title));
  };
  let description = section('description');
  // A file with no sections at all is all description.
  if (description === undefined && !/(^|\n)## /.test(body)) description = clean(body);
  const out: BacklogBody = {
    acceptance: checklist(between(body, '<!-- AC:BEGIN -->', '<!-- AC:END -->') ?? heading(body, 'Acceptance Criteria')),
    definitionOfDone: checklist(between(body, '<!-- DOD:BEGIN -->', '<!-- DOD:END -->') ?? heading(body, 'Definition of Done')),
    comments: comments(between(body, '<!-- COMMENTS:BEGIN -->', '<!-- COMMENTS:END -->')),
  };
  const plan = section('plan');
  const notes = section('notes');
  const finalSummary = section('finalSummary');
  return { ...(description !== undefined ? { description } : {}), ...out, ...(plan ? { plan } : {}), ...(notes ? { notes } : {}), ...(finalSummary ? { finalSummary } : {}) };
}

function block(title: string, marker: string, text: string | undefined): string[] {
  return text === undefined ? [] : [`## ${title}`, '', `<!-- SECTION:${marker}:BEGIN -->`, text, `<!-- SECTION:${marker}:END -->`, ''];
}

function checklistBlock(title: string, marker: string, items: readonly Checklist[]): string[] {
  if (!items.length) return [];
  return [`## ${title}`, `<!-- ${marker}:BEGIN -->`, ...items.map((c, i) => `- [${c.checked ? 'x' : ' '}] #${i + 1} ${c.text}`), `<!-- ${marker}:END -->`, ''];
}

/** A task file as `backlog task create` writes one: front matter, then the sections in Backlog.md's order. */
export function renderTaskFile(front: Record<string, unknown>, body: BacklogBody): string {
  const fm = YAML.stringify(front, { version: '1.1', singleQuote: true, lineWidth: 0 }).replace(/\n$/, '');
  const lines = [
    ...block('Description', 'DESCRIPTION', body.description),
    ...checklistBlock('Acceptance Criteria', 'AC', body.acceptance),
    ...checklistBlock('Definition of Done', 'DOD', body.definitionOfDone),
    ...block('Implementation Plan', 'PLAN', body.plan),
    ...block('Implementation Notes', 'NOTES', body.notes),
    ...block('Final Summary', 'FINAL_SUMMARY', body.finalSummary),
  ];
  if (body.comments.length) {
    lines.push('## Comments', '', '<!-- COMMENTS:BEGIN -->');
    body.comments.forEach((c, i) => {
      if (i > 0) lines.push('');
      if (c.author) lines.push(`author: ${c.author}`);
      if (c.created) lines.push(`created: ${c.created}`);
      lines.push('---', c.body, '---');
    });
    lines.push('<!-- COMMENTS:END -->', '');
  }
  return `---\n${fm}\n---\n\n${lines.join('\n')}`.replace(/\n+$/, '\n');
}
