// A Backlog.md status name (and the folder its task is in) as a Concord status: the same rule for import and export.
import type { TodoStatus } from '../../core/enums.js';
import { statusFromWord } from './values.js';

export interface BacklogStatus {
  status: TodoStatus;
  /** How it was read: a known word, its place in config.yml's statuses (first: to do, last: done), or a guess. */
  how: 'word' | 'place' | 'guess';
}

export function readBacklogStatus(name: string, folder: string, statuses: readonly string[]): BacklogStatus {
  let status = statusFromWord(name);
  let how: BacklogStatus['how'] = 'word';
  if (status === undefined) {
    const at = statuses.indexOf(name);
    how = at === -1 ? 'guess' : 'place';
    status = at <= 0 ? 'pending' : at === statuses.length - 1 ? 'completed' : 'in_progress';
  }
  // An archived task is off the board: not work to do, whatever its status said.
  if (folder.startsWith('archive/') && status !== 'completed') status = 'cancelled';
  return { status, how };
}

export function backlogStatus(name: string, folder: string, statuses: readonly string[]): TodoStatus {
  return readBacklogStatus(name, folder, statuses).status;
}
