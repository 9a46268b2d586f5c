// Child process for the lock tests: takes the write lock of the ecosystem file given as argv[2] and holds it until killed.
import { withFileLock } from '../../../dist/state/lock.js';

setInterval(() => {}, 1000);
await withFileLock(process.argv[2], 10_000, async () => {
  process.stdout.write('locked\n');
  await new Promise(() => {});
});
