import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseBody, simpleFrontMatter } from './backlog-markdown.js';

const typical = [
  "id: TASK-12\ntitle: Add the logger\nstatus: To Do\nassignee: []\ncreated_date: '2025-06-01 10:00'\nlabels: []\ndependencies: []",
  "id: BACK-222.1\ntitle: Show parent and subtask hierarchy\nstatus: Done\nassignee:\n  - \"@codex\"\ncreated_date: '2026-08-17 07:26'\nupdated_date: '2026-08-20 06:48'\nlabels:\n  - cli\n  - web\ndependencies:\n  - task-355.01\nparent_task_id: BACK-222\nordinal: 272000\npriority: medium",
  "id: TASK-1\ntitle: 'CLI: Add --type flag'\nstatus: In Progress\nlabels: [a, b c]\nmilestone: m-1\ncreated_date: 2025-06-03",
];
const odd = [
  'id: TASK-1\ntitle: yes', 'id: TASK-1\ntitle: # comment', 'id: TASK-1\ntitle: a: b', 'title: x\ntitle: y', 'id: 007', 'ordinal: -0', 'ordinal: 1.5',
  "title: 'it''s'", 'title: "say \\"hi\\""', 'title: |\n  block', 'labels:\n  - a\n    - b', 'labels:\n  - a\n - b', 'labels: [a, ]', 'id: TASK-1 ', 'meta:\n  nested: 1',
  'title: @x', 'title: null', 'title:', 'title: ~', 'labels: ["a", b]', 'title: two\n  lines', 'title: Ünïcode', 'title: x # y', 'id: 0x1F', 'id: +12', 'title: a\tb',
];

describe('simpleFrontMatter', () => {
  it('reads the front matter Backlog.md writes without the YAML parser, exactly as the parser would', () => {
    for (const fm of typical) {
      const fast = simpleFrontMatter(fm);
      expect(fast, fm).toBeDefined();
      expect(fast).toEqual(parse(fm));
    }
  });

  it('gives way to the YAML parser for anything else, and never reads a text differently from it', () => {
    for (const fm of odd) {
      const fast = simpleFrontMatter(fm);
      if (fast === undefined) continue;
      let slow: unknown;
      try {
        slow = parse(fm);
      } catch {
        slow = 'a YAML error';
      }
      expect(fast, fm).toEqual(slow);
    }
    expect(odd.filter((fm) => simpleFrontMatter(fm) === undefined).length).toBeGreaterThan(15);
  });
});

describe('parseBody', () => {
  it('reads marked sections, checklists and comments, and older files with plain headings', () => {
    const body = parseBody('## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nDo it\n<!-- SECTION:DESCRIPTION:END -->\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [x] #1 one\n- [ ] #2 two\n<!-- AC:END -->\n\n## Comments\n\n<!-- COMMENTS:BEGIN -->\nauthor: @a\ncreated: 2026-01-01 10:00\n---\nhello\n---\n<!-- COMMENTS:END -->\n');
    expect(body).toEqual({ description: 'Do it', acceptance: [{ checked: true, text: 'one' }, { checked: false, text: 'two' }], definitionOfDone: [], comments: [{ author: '@a', created: '2026-01-01 10:00', body: 'hello' }] });
    expect(parseBody('## Description\n\nOld style\n\n## Implementation Notes\n\nnotes here\n')).toMatchObject({ description: 'Old style', notes: 'notes here' });
    expect(parseBody('Just text, no headings.')).toMatchObject({ description: 'Just text, no headings.' });
  });
});
