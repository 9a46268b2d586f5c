import { describe, expect, it } from 'vitest';
import { placementProblems, type WrittenKey } from './placement.js';

const key = (k: string, parent: WrittenKey['parent'] = 'top', list = true): WrittenKey => ({ key: k, parent, position: () => ({ line: 3, column: parent === 'top' ? 1 : 3 }), list });
const codes = (keys: WrittenKey[]) => placementProblems(keys).map((d) => `${d.code} ${d.line}:${d.column} ${d.fix}`);

describe('where sections may be', () => {
  it('accepts the sections where they belong and the author\'s own keys', () => {
    const keys = ['version', 'maintainer', 'description', 'repos', 'roles', 'coordination', 'notes', 'rules', 'servers'].map((k) => key(k));
    expect(placementProblems([...keys, ...['issues', 'plans', 'todos', 'dependencies', 'notes'].map((k) => key(k, 'coordination'))])).toEqual([]);
  });

  it('names a section written at the wrong level and says where it goes', () => {
    expect(codes([key('todos'), key('repos', 'coordination')])).toEqual([
      'MISPLACED_SECTION 3:1 indent the "todos:" block under "coordination:" (add "coordination:" above it if the file has none)',
      'MISPLACED_SECTION 3:3 move the "repos:" block to the top level, without indentation',
    ]);
  });

  it('suggests the section a list under a mistyped key was meant for, and leaves non-lists alone', () => {
    expect(codes([key('reposs'), key('todo', 'coordination'), key('dependancies', 'coordination'), key('Plans', 'coordination')])).toEqual([
      'UNKNOWN_SECTION 3:1 did you mean "repos"? rename the key',
      'UNKNOWN_SECTION 3:3 did you mean "todos"? rename the key',
      'UNKNOWN_SECTION 3:3 did you mean "dependencies"? rename the key',
      'UNKNOWN_SECTION 3:3 did you mean "plans"? rename the key',
    ]);
    expect(placementProblems([key('todo', 'coordination', false), key('notes'), key('rules', 'coordination', false)])).toEqual([]);
    expect(placementProblems([key('roles')]).length).toBe(0);
  });
});
