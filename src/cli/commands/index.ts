// Every command group, in help order. To add a group: create commands/<group>.ts exporting a register function.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerLint } from './lint.js';
import { registerMcp } from './mcp.js';
import { registerReady } from './ready.js';
import { registerSchema } from './schema.js';
import { registerStatus } from './status.js';
import { registerTodoClaims } from './todo-claims.js';

export type RegisterCommands = (program: Command, ctx: CliContext) => void;

export const COMMAND_GROUPS: readonly RegisterCommands[] = [registerStatus, registerReady, registerLint, registerSchema, registerTodoClaims, registerMcp];
