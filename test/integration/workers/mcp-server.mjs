// A real MCP server on stdio (the SDK's McpServer), the provider of `type: mcp` dependencies in tests.
// Arguments: [name] [version] [--crash (exit before the handshake)] [--mute (never answer)] [--child --pid-file=F (spawn a sleeping grandchild, its pid in F)].
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [name = 'fixture-stdio', version = '1.3.0'] = args.filter((a) => !a.startsWith('--'));

if (flags.has('--crash')) {
  process.stderr.write('fixture: cannot open the database\n');
  process.exit(3);
}
if (flags.has('--child')) {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  fs.writeFileSync(args.find((a) => a.startsWith('--pid-file='))?.slice(11) ?? 'grandchild.pid', String(child.pid));
}
if (flags.has('--mute')) {
  process.stdin.resume();
} else {
  const server = new McpServer({ name, version });
  for (const tool of ['alpha', 'beta', 'gamma']) {
    server.registerTool(tool, { description: `the ${tool} tool` }, async () => ({ content: [{ type: 'text', text: tool }] }));
  }
  await server.connect(new StdioServerTransport());
}
