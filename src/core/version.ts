// The version of Concord, reported by the CLI and the MCP server.
export const VERSION = '0.1.0';
