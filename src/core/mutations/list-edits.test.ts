import { describe, expect, it } from 'vitest';
import { EDITABLE_LISTS, resolveListEdits } from './list-edits.js';

describe('add_ / remove_ list edits', () => {
  const before = { blocked_by: ['A', 'B'], blocking: [], labels: ['x'] };

  it('edits the current list: removes, then adds (once), keeping the order', () => {
    expect(resolveListEdits(before, { add_blocked_by: ['C', 'A'], remove_blocked_by: ['B'], add_labels: ['y'] }, EDITABLE_LISTS)).toEqual({ blocked_by: ['A', 'C'], labels: ['x', 'y'] });
  });

  it('edits a list given in the same input instead of the current one, and leaves others alone', () => {
    expect(resolveListEdits(before, { blocked_by: ['Z'], add_blocked_by: ['Y'], status: 'pending' }, EDITABLE_LISTS)).toEqual({ blocked_by: ['Z', 'Y'], status: 'pending' });
    expect(resolveListEdits(before, { remove_blocking: [] }, EDITABLE_LISTS)).toEqual({});
  });
});
