// The version of Concord, reported by the CLI and the MCP server.
export const VERSION = '0.1.0';

/**
 * What the index of ecosystem.yaml was read with. An index written by another reader is not trusted
 * (a new Concord may read the same text differently), so the file is read afresh once. Bump the number
 * when a change to reading or normalizing changes what the same text yields.
 */
export const READER_VERSION = `${VERSION}/4`;
