// Dependency checks and discovery: what surfaces (CLI, MCP tools, the server) call, with their schemas.
export { checkDependencies, validateRepo, type CheckRunOptions } from './check-dependencies.js';
export { discoverDependencies } from './discover.js';
export { dependencyCheckHistory } from './record-checks.js';
export {
  CheckDependenciesInputSchema,
  CheckReportSchema,
  DependencyHistoryInputSchema,
  DiscoverInputSchema,
  DiscoveryReportSchema,
  type DiscoveryReport,
  ValidateRepoInputSchema,
  type CheckDependenciesInput,
  type CheckReport,
  type ValidateRepoInput,
} from './schemas.js';
