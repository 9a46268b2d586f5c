// The worker thread of test/helpers/cli.ts's in-process CLI: runs the built CLI modules (dist/cli/program.js,
// what the bundle is made of) once loaded, one command at a time, and wakes the blocked caller when done.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';

const { runCli } = await import(workerData.program);

let current;
// A bug that escapes runCli must not leave the caller waiting for its timeout.
process.on('uncaughtException', (e) => {
  if (current) finish(current, { code: 3, stdout: current.stdout, stderr: `${current.stderr}uncaught in the CLI thread: ${e.stack ?? e}\n` });
});

function finish(request, result) {
  current = undefined;
  request.port.postMessage(result);
  request.port.close();
  Atomics.store(request.signal, 0, 1);
  Atomics.notify(request.signal, 0);
}

const sink = (request, key) =>
  new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      request[key] += String(chunk);
      done();
    },
  });

parentPort.on('message', async (message) => {
  const request = { ...message, stdout: '', stderr: '' };
  current = request;
  let code;
  try {
    code = await runCli(message.args, { stdout: sink(request, 'stdout'), stderr: sink(request, 'stderr'), env: message.env, cwd: message.cwd });
  } catch (e) {
    request.stderr += `uncaught in the CLI thread: ${e.stack ?? e}\n`;
    code = 3;
  }
  finish(request, { code, stdout: request.stdout, stderr: request.stderr });
});
