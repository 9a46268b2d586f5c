// `concord lint`: every problem of ecosystem.yaml, with file, line, column, field and fix.
import type { Diagnostic } from '../core/diagnostics.js';
import { buildGraph } from '../core/graph/graph.js';
import { lintGraph } from '../core/lint.js';
import { readEcosystemFile } from '../store/file.js';
import { snapshotFromItems, readWithIndex } from './snapshot.js';
import { constraintProblem } from './checks/constraint-syntax.js';
import type { Workspace } from './workspace.js';

export interface LintReport {
  file: string;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  /** `chunked` normally; `full` when the file needed a whole-document parse (and why). */
  mode: 'chunked' | 'full';
  full_reason?: string;
}

export async function lintEcosystem(ws: Workspace): Promise<LintReport> {
  const file = readEcosystemFile(ws.file);
  const { read } = await readWithIndex(ws, file);
  const graph = buildGraph(snapshotFromItems(read.items, read.meta));
  const lineOf = new Map<string, number>();
  for (const item of read.items) if (item.id !== undefined && !lineOf.has(`${item.section}:${item.id}`)) lineOf.set(`${item.section}:${item.id}`, item.line);
  const invalid = new Set(read.items.filter((i) => i.id !== undefined && (i.record === undefined || i.duplicate)).map((i) => i.id!));
  const cross = lintGraph(graph, invalid).map((d) => ({ ...d, file: file.path, ...(d.section && d.id ? { line: lineOf.get(`${d.section}:${d.id}`) } : {}) }));
  const constraints: Diagnostic[] = [];
  for (const d of graph.dependencies.values()) {
    if (!d.version_constraint) continue;
    const problem = await constraintProblem(d.version_constraint, graph.repos.get(d.provider), ws.dir);
    if (problem) constraints.push({ severity: 'error', code: 'INVALID_FIELD', section: 'dependencies', id: d.id, field: 'version_constraint', message: problem, file: file.path, ...(lineOf.has(`dependencies:${d.id}`) ? { line: lineOf.get(`dependencies:${d.id}`)! } : {}) });
  }
  const diagnostics = [...read.diagnostics, ...cross, ...constraints].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return {
    file: file.path,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics,
    mode: read.mode,
    ...(read.fullReason ? { full_reason: read.fullReason } : {}),
  };
}
