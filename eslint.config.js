// Lint: typescript-eslint's recommended rules, the layer boundaries of ARCHITECTURE.md, and no import cycles.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer -> the layers it may import besides itself (test/architecture.test.ts holds the same table and checks
 * that this config refuses exactly the rest, by linting an import of every layer from every layer).
 */
export const ALLOWED = {
  core: [],
  store: ['core'],
  state: ['core'],
  obs: ['core'],
  app: ['core', 'store', 'state', 'obs'],
  // The operation manifest: each operation's schemas, app function and surfaces; the surfaces are made from it.
  // A sweep waits for its runs, so it runs its own workers (src/exec), on every surface.
  ops: ['core', 'app', 'exec', 'workflows', 'githost'],
  // The CLI is the process entry point: `concord mcp` and `concord serve` start the other surfaces,
  // `concord worker`, `execute --wait` and `sweep` start workers (src/exec).
  cli: ['core', 'app', 'obs', 'ops', 'mcp', 'http', 'hooks', 'schedule', 'exec', 'fleet', 'workflows', 'githost'],
  mcp: ['core', 'app', 'obs', 'ops'],
  http: ['core', 'app', 'obs', 'ops', 'mcp', 'hooks'],
  hooks: ['core', 'app', 'obs', 'state'],
  exec: ['core', 'app', 'obs', 'state'],
  // The scheduler's service registers the job action that starts workflows.
  schedule: ['core', 'app', 'obs', 'state', 'workflows'],
  // The fleet: the PostgreSQL queue, the coordinator and the fleet worker (graphile-worker + pg); the CLI starts them.
  fleet: ['core', 'app', 'obs', 'state', 'exec'],
  // Workflows (docs/workflows.md): steps run operations of the manifest (ops), agents (exec), Git hosts (githost).
  workflows: ['core', 'app', 'obs', 'state', 'store', 'exec', 'ops', 'githost'],
  // Git hosts' REST APIs (docs/githosts.md): export, issue sync.
  githost: ['core', 'app'],
  bench: ['core', 'app', 'obs', 'ops', 'store', 'state', 'cli', 'mcp', 'http', 'schedule', 'exec', 'fleet'],
};

const LAYERS = Object.keys(ALLOWED);
// `**/x/**` alone misses `../x/a.js` one level up in some matchers; the explicit forms make it certain.
const group = (l) => [`**/${l}/**`, `../${l}/*`, `../../${l}/*`, `../../../${l}/*`];
const forbidden = (layer) =>
  LAYERS.filter((l) => l !== layer && !ALLOWED[layer].includes(l)).map((l) => ({ group: group(l), message: `src/${layer} may not import from src/${l} (see ARCHITECTURE.md, Layers)` }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...LAYERS.map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden(layer),
            ...(layer === 'core'
              ? [
                  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'core is pure: no Node built-ins' },
                  { group: ['yaml', 'better-sqlite3', 'pg', '@modelcontextprotocol/*', 'hono', '@hono/*'], message: 'core depends on zod only' },
                ]
              : []),
          ],
        },
      ],
    },
  })),
  // The dashboard (web/) runs in the browser; vite.config.ts in Node.
  { files: ['web/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  // The `concord` launcher is CommonJS (it loads the bundle through vm.Script, see scripts/bundle.mjs).
  { files: ['bin/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // A cycle of value imports makes the evaluation order decide whether a binding exists yet; type-only
    // imports are erased and do not count. Lazy `await import()` inside a function runs after every module
    // has loaded, so it is allowed to close a loop (the CLI loads commands that way).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import `./x.js` for `./x.ts` (NodeNext): the resolver maps the one to the other.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }] },
  },
  {
    files: ['src/**/*.test.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
