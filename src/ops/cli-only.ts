// Commands of the CLI that are not operations, and why: they work on this machine's files and processes
// (set-up, servers, the shell), not on the ecosystem through the API. Every other command is an operation,
// on every surface (test/ops/surfaces.test.ts).
export const CLI_ONLY: Readonly<Record<string, string>> = {
  init: 'creates ecosystem.yaml from the folders of this machine',
  schema: 'prints the JSON Schema of the files, for editors',
  completion: 'shell completion of the CLI itself',
  mcp: 'runs the MCP server on this process’s stdin and stdout',
  serve: 'runs the HTTP server',
  worker: 'runs a worker process on this machine, taking runs from the queue',
  'hooks test': 'runs the configured hook commands in this process, for the person watching',
  'hooks run': 'delivers hooks from this process (concord serve and concord mcp deliver them themselves)',
  'import backlog': 'reads folders of another tool on this machine',
  'import taskmaster': 'reads folders of another tool on this machine',
  'import beads': 'reads folders of another tool on this machine',
  'export backlog': 'writes files for another tool on this machine',
  'export taskmaster': 'writes files for another tool on this machine',
};
