// Dependency checks and discovery: what surfaces (CLI, MCP tools, the server) call, with their schemas.
export { checkDependencies, validateRepo, type CheckRunOptions } from './check-dependencies.js';
export { discoverDependencies, DiscoverInputSchema, DiscoveryReportSchema, type DiscoveryReport } from './discover.js';
export { dependencyCheckHistory } from './record-checks.js';
export {
  CheckDependenciesInputSchema,
  CheckReportSchema,
  DependencyHistoryInputSchema,
  ValidateRepoInputSchema,
  type CheckDependenciesInput,
  type CheckReport,
  type ValidateRepoInput,
} from './schemas.js';
