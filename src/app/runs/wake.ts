// Waking idle workers when a run is queued: a file beside the queue that `execute` touches and workers
// watch (inotify on Linux), so a run starts without waiting for the next poll. Polling stays the fallback.
import fs from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../workspace.js';

const NAME = 'queue.wake';
const wakeFile = (ws: Workspace) => path.join(path.dirname(ws.stateFile), NAME);

/** Tells workers watching this queue that there is work. Never fails a command: polling catches up. */
export function wakeWorkers(ws: Workspace): void {
  try {
    fs.writeFileSync(wakeFile(ws), String(Date.now()));
  } catch {
    // The workers poll anyway.
  }
}

/** Calls `onWake` when work is queued; returns a function that stops watching. */
export function watchWakes(ws: Workspace, onWake: () => void): () => void {
  try {
    const dir = path.dirname(ws.stateFile);
    fs.mkdirSync(dir, { recursive: true });
    const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
      if (name === NAME) onWake();
    });
    watcher.on('error', () => undefined);
    return () => watcher.close();
  } catch {
    return () => undefined;
  }
}
