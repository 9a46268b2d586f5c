// Matching a validation's expected_pattern under a deadline that holds even when the pattern backtracks forever.
//
// A JavaScript RegExp such as `^(a+)+$` takes exponential time on `aaaa…!`, and a match running on the main
// thread cannot be interrupted: it would freeze `concord serve` (its /health too) until it ends. The match runs
// in a worker thread instead, which is terminated at the deadline. Rejected: a linear engine (RE2 ports) would
// change what a valid pattern is (no lookaround, no backreferences) for files that already use them; a worker
// costs tens of milliseconds, next to a command that took as long to start.
import { Worker } from 'node:worker_threads';

export type PatternMatch = 'match' | 'no-match' | 'unfinished';

// Evaluated as a script so that it runs the same from the sources (tests) and from dist/.
const MATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage(new RegExp(workerData.pattern, 'm').test(workerData.text));
`;

/** Whether `pattern` (a valid RegExp, multiline) matches `text`, or `timeout` when it took longer than `ms`. */
export function matchPattern(pattern: string, text: string, ms: number, signal?: AbortSignal): Promise<PatternMatch> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve('unfinished');
  return new Promise((resolve) => {
    const worker = new Worker(MATCHER, { eval: true, workerData: { pattern, text }, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    let settled = false;
    const finish = (result: PatternMatch) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(result);
    };
    const onAbort = () => finish('unfinished');
    const timer = setTimeout(onAbort, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (matched: boolean) => finish(matched ? 'match' : 'no-match'));
    // The pattern was compiled when the validation was planned; a worker that dies (out of memory) gave no answer.
    worker.once('error', onAbort);
    worker.once('exit', onAbort);
  });
}
