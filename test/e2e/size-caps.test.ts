// The built CLI and `concord mcp` refuse inputs past their caps with a clear error, and go on serving.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { CLI, concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('--input', () => {
  it('a 50 MB input file is refused before it is read whole, and nothing is written', () => {
    const { dir, file } = ecosystemDir(SMALL);
    const before = fs.readFileSync(file, 'utf8');
    const input = path.join(dir, 'big.json');
    fs.writeFileSync(input, JSON.stringify({ task: 'x'.repeat(50 * 1024 * 1024), repo: 'api' }));
    for (const r of [concord(['todo', 'create', '--input', input], { cwd: dir }), concord(['todo', 'create', '--input', '-'], { cwd: dir, input: fs.readFileSync(input, 'utf8') })]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^INVALID_INPUT: --input (\\S+) is over ${LIMITS.inputBytes} bytes, the limit of an input\\n`));
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('concord mcp over stdio', () => {
  it('answers a 20 MB message with a JSON-RPC error, says so on stderr, and keeps serving', async () => {
    const { file } = ecosystemDir(SMALL);
    const child = spawn(process.execPath, [CLI, 'mcp', '--file', file], { env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const responses = () => stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number | null; result?: { tools?: unknown[] }; error?: { code: number; message: string } });
    const send = (m: unknown) => child.stdin.write(JSON.stringify(m) + '\n');
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'big', version: '1' } } });
    await expect.poll(() => responses().some((r) => r.id === 1), { timeout: 20_000 }).toBe(true);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'coord_create_todo', arguments: { task: 'x'.repeat(20 * 1024 * 1024), repo: 'api' } } });
    send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await expect.poll(() => responses().some((r) => r.id === 3), { timeout: 20_000 }).toBe(true);
    const refused = responses().find((r) => r.id === null);
    expect(refused?.error).toMatchObject({ code: -32600, message: expect.stringMatching(new RegExp(`^a message of \\d+ bytes is over the ${LIMITS.inputBytes}-byte limit of an MCP message to Concord`)) });
    expect(responses().find((r) => r.id === 3)?.result?.tools?.length).toBeGreaterThan(0);
    expect(stderr).toContain('limit of an MCP message');
    expect(child.exitCode).toBeNull();
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin.end();
    await exited;
    expect(fs.readFileSync(file, 'utf8')).toBe(SMALL);
  });
});
