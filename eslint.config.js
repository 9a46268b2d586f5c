// Lint: typescript-eslint's recommended rules, plus the layer boundaries of ARCHITECTURE.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SURFACES = ['cli', 'mcp', 'http', 'exec', 'schedule', 'hooks', 'bench'];
const below = (...layers) => layers.map((l) => ({ group: [`**/${l}/**`, `../${l}/*`, `../../${l}/*`], message: `this layer may not import from src/${l} (see ARCHITECTURE.md, Layers)` }));

/** Layer -> layers it must not import. `core` also may not touch Node, YAML, databases or protocols. */
const forbidden = {
  core: [...below('store', 'state', 'app', 'obs', ...SURFACES)],
  store: [...below('state', 'app', 'obs', ...SURFACES)],
  state: [...below('store', 'app', ...SURFACES)],
  obs: [...below('store', 'state', 'app', ...SURFACES)],
  app: [...below(...SURFACES)],
  cli: [...below('store', 'state')],
  mcp: [...below('store', 'state', 'cli', 'http')],
  http: [...below('store', 'state', 'cli')],
  hooks: [...below('store', 'cli', 'mcp', 'http')],
  exec: [...below('store', 'cli', 'mcp', 'http')],
  schedule: [...below('store', 'cli', 'mcp', 'http')],
};

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
  ...Object.entries(forbidden).map(([layer, patterns]) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...patterns,
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
  {
    files: ['src/**/*.test.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
