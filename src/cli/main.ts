#!/usr/bin/env node
// Entry point of the `concord` command: the only place that exits the process.
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
process.exitCode = code;
