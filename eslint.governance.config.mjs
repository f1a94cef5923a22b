// @ts-check
// Only the governance rules of eslint-plugin-forgesyte (`npm run lint:governance`): the fast check CI runs
// first. eslint.config.mjs (`npm run lint`) includes the same `governance` block with everything else.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import forgesyte from './tools/eslint-plugin/index.cjs';

/**
 * The governance rules as this repo applies them (the `product` config: a direct `run` is told to use the
 * ToolRunner, in libs/plugins/** the plugin author's advice), with its one exception.
 */
export const governance = defineConfig(forgesyte.configs.product, {
  // BENCHMARK-ONLY baseline: the ToolRunner's overhead is measured against a direct `plugin.run` call.
  files: ['tools/bench/src/baselines/direct-plugin-call.ts'],
  rules: { 'forgesyte/no-direct-plugin-run': 'off' },
});

export default defineConfig(
  // Every dist/, not only the root's: a built standalone plugin package (plugins-wip/<name>/dist) is not linted.
  // A standalone package generated under plugins-wip/ is a project of its own, linted by its own config
  // (`npm run lint` in it), which needs its own `npm install` first.
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'plugins-wip/**'] },
  // The TypeScript parser, and typescript-eslint registered (not enabled) so its disable comments resolve.
  tseslint.configs.base,
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  governance,
);
