// Where the records of the indexed ecosystem.yaml are, kept beside the index: a write splices the file without
// scanning it, and the re-read after a hand edit finds the records that changed without scanning it either.
//
// Scanning a 10,000-todo file costs ~45 ms CPU (~220 ms at 50,000), hashing every record ~25 ms more: every
// write scanned the file it edits, and every re-read after a hand edit scanned and hashed all of it. The
// layout is kept with the fingerprint of the text it describes (used for that text only), and the records of
// each section in groups of GROUP with the hash of each group's text: a hand edit is found by hashing the
// groups from the front and from the back (the text once, in a few hundred pieces) until one differs.
import { SECTION_NAMES, type SectionName } from '../core/sections.js';
import { fingerprintOf } from '../store/file.js';
import type { FileStyle } from '../store/render.js';
import { type Layout, type LayoutData, layoutData, layoutFromData, recordCount, recordSpan, relayout, type Relayout } from '../store/scan.js';
import type { WorkspaceCore as Workspace } from './workspace-core.js';

/** Records per hashed group: ~25 KB of text each in a generated file, ~160 groups at 10,000 todos. */
const GROUP = 64;

/** What the index keeps about the layout of the text with `fingerprint`. */
export interface KeptLayout {
  fingerprint: string;
  length: number;
  layout: LayoutData;
  /** Per section, the hash of the text of each group of GROUP records (from the first's start to the last's end). */
  groups: Partial<Record<SectionName, string[]>>;
  /** fileStyleOf the text, when the write that left it knew it (store/edit.ts). */
  style?: FileStyle;
}

/** What the index keeps about the text with this fingerprint, if it keeps the layout of that text. */
function readKept(ws: Workspace, fingerprint: string): KeptLayout | undefined {
  const note = ws.index.note('layout');
  if (note === undefined) return undefined;
  const kept = JSON.parse(note) as KeptLayout;
  return kept.fingerprint === fingerprint ? kept : undefined;
}

/** The layout of `text` (whose fingerprint the caller checked) as the index keeps it, if it does. */
export function keptLayout(ws: Workspace, fingerprint: string, text: string): { layout: Layout; kept: KeptLayout } | undefined {
  const kept = readKept(ws, fingerprint);
  return kept && kept.length === text.length ? { layout: layoutFromData(text, kept.layout), kept } : undefined;
}

/**
 * Keeps the layout of `text` (undefined: none, the file is read whole). `from`: the layout it was worked out
 * from with relayout, whose groups of records it left in place keep their hashes. `read`: `text.slice` (a write
 * reads its new text from its pieces).
 */
export function keepLayout(ws: Workspace, fingerprint: string, text: string, layout: Layout | undefined, from?: { kept: KeptLayout; layout: Layout; origins: Relayout['origins'] }, style?: FileStyle, read?: (start: number, end: number) => string): void {
  if (!layout?.chunked) return ws.index.setNote('layout', undefined);
  const kept: KeptLayout = { fingerprint, length: text.length, layout: layoutData(layout), groups: hashGroups(text, layout, from, read), ...(style ? { style } : {}) };
  ws.index.setNote('layout', JSON.stringify(kept));
}

/** The hash of each group of records of `layout`; those a relayout `from` left in place are taken from it. */
export function hashGroups(text: string, layout: Layout, from?: { kept: KeptLayout; layout: Layout; origins: Relayout['origins'] }, read: (start: number, end: number) => string = (a, b) => text.slice(a, b)): KeptLayout['groups'] {
  const groups: KeptLayout['groups'] = {};
  for (const name of SECTION_NAMES) {
    const section = layout.sections[name];
    const count = recordCount(section);
    if (!count) continue;
    const runs = from?.origins[name] ?? [];
    const old = from?.kept.groups[name];
    const oldCount = recordCount(from?.layout.sections[name]);
    const out: string[] = (groups[name] = []);
    let r = 0;
    for (let g = 0; g * GROUP < count; g++) {
      const first = g * GROUP;
      const last = Math.min(count, first + GROUP) - 1;
      // Unchanged when it holds the same records as before (untouched, at the same places), and only those.
      while (r < runs.length && runs[r]!.at + runs[r]!.length <= first) r++;
      const run = runs[r];
      const same = old?.[g] !== undefined && run !== undefined && run.from === run.at && run.at <= first && last < run.at + run.length && Math.min(oldCount, first + GROUP) - 1 === last;
      out.push(same ? old![g]! : fingerprintOf(read(recordSpan(section, first)!.start, recordSpan(section, last)!.end)));
    }
  }
  return groups;
}

/** A hand edit found through the kept layout: the new layout, and which records of which section may have changed. */
export interface FoundEdit {
  layout: Layout;
  origins: Relayout['origins'];
  kept: KeptLayout;
  /** The layout of the text before the edit. */
  before: Layout;
  section: SectionName;
  /** Ordinals of the records scanned again (the same records in number as before: an edit in place). */
  from: number;
  to: number;
}

/**
 * Where `text` differs from the text the index describes (`fingerprint`), if that is inside the records of one
 * section, which still scan as as many records: the groups of records whose text is the same, from the front
 * and from the back, leave one run of records, scanned again (see relayout). Whether the text outside the
 * records is the same is the caller's to check (its skeleton hash). Undefined otherwise: scan the whole text.
 */
export function findEdit(ws: Workspace, fingerprint: string, text: string): FoundEdit | undefined {
  const kept = readKept(ws, fingerprint);
  if (!kept) return undefined;
  const before = layoutFromData(text, kept.layout);
  const all: { section: SectionName; start: number; end: number; hash: string; first: number; last: number }[] = [];
  for (const [name, hashes] of Object.entries(kept.groups) as [SectionName, string[]][]) {
    const section = before.sections[name];
    const n = recordCount(section);
    hashes.forEach((hash, g) => {
      const first = g * GROUP;
      const last = Math.min(n, first + GROUP) - 1;
      all.push({ section: name, start: recordSpan(section, first)!.start, end: recordSpan(section, last)!.end, hash, first, last });
    });
  }
  all.sort((a, b) => a.start - b.start);
  const delta = text.length - kept.length;
  let i = 0;
  while (i < all.length && fingerprintOf(text.slice(all[i]!.start, all[i]!.end)) === all[i]!.hash) i++;
  if (i === all.length) return undefined;
  let j = all.length - 1;
  while (j > i && all[j]!.start + delta >= 0 && fingerprintOf(text.slice(all[j]!.start + delta, all[j]!.end + delta)) === all[j]!.hash) j--;
  const a = all[i]!;
  const b = all[j]!;
  if (a.section !== b.section || b.end + delta < a.start) return undefined;
  const found = relayout(before, text, [{ start: a.start, end: b.end, length: b.end + delta - a.start }], true);
  if (!found || recordCount(found.layout.sections[a.section]) !== recordCount(before.sections[a.section])) return undefined;
  return { ...found, kept, before, section: a.section, from: a.first, to: b.last };
}
