#!/usr/bin/env node
// Entry point of the `concord` command: the only place that exits the process.
import { runCli } from './program.js';

// A reader that stops early (`concord help | head`) closes the pipe: that is the end, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
process.exitCode = code;
