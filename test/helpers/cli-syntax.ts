// CLI syntax in a text an MCP or HTTP caller reads: a `concord …` command or a `--flag` (test/hints-surfaces.test.ts).

/** The CLI syntax in `text`. The one allowed form names a process to start on a machine: "the shell command `concord worker`". */
export function cliSyntax(text: string): string[] {
  const rest = text.replace(/the shell command `concord (worker|init|serve|mcp)`/g, '');
  return [...rest.matchAll(/`?concord [a-z][\w-]*|(?:^|[\s(`"])--[a-z][\w-]*/g)].map((m) => m[0].trim());
}
