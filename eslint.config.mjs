// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { governance } from './eslint.governance.config.mjs';

export default defineConfig(
  // Every dist/, not only the root's: a built standalone plugin package (plugins-wip/<name>/dist) is not linted.
  // A standalone package generated under plugins-wip/ is a project of its own, linted by its own config
  // (`npm run lint` in it), which needs its own `npm install` first.
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'plugins-wip/**'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      // Async implementations of async interfaces (an in-memory JobStore) need no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read untyped HTTP bodies (supertest's `body` is `any`) and build doubles freely, including
    // plugins that reject with whatever their signal's reason is.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly' } },
  },
  { files: ['eslint.config.mjs', 'eslint.governance.config.mjs'], languageOptions: { sourceType: 'module' } },
  // The MCP conformance runner's Node 20 shims: ES modules run by Node, with its web globals.
  {
    files: ['tools/mcp-conformance/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', URL: 'readonly', Headers: 'readonly', Request: 'readonly' } },
  },
  // In a .cjs file, and in the CommonJS plugins the tests load, `require` is the module system, not a style choice.
  {
    files: ['**/*.cjs', 'test/fixtures/plugins/*.js'],
    languageOptions: { globals: { process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // eslint-plugin-forgesyte's recommended rules (also run alone, and first, by `npm run lint:governance`).
  governance,
);
