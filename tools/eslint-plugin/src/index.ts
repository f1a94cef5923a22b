import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { type ForgeSyteRuleName, rules } from './rules';

/** The `eslint-plugin-forgesyte` plugin object, with its flat configs. */
export interface ForgeSyteEslintPlugin extends TSESLint.FlatConfig.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: {
    /**
     * For a plugin package, where this package is installed: every rule as an error, every file a plugin's,
     * so a direct `run` is told to go through the API or the SDK's test harness.
     */
    readonly recommended: TSESLint.FlatConfig.Config;
    /**
     * For ForgeSyte itself (its apps and libs): every rule as an error with its defaults, so a direct `run`
     * is told to use the ToolRunner, except in the in-repo plugins' folders (`libs/plugins/**`).
     */
    readonly product: TSESLint.FlatConfig.Config;
  };
}

/** The package's name and version. Read at run time: package.json sits one level above `src/` and `dist/` alike. */
const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };

const productRules: Record<`forgesyte/${ForgeSyteRuleName}`, TSESLint.FlatConfig.RuleEntry> = {
  'forgesyte/no-direct-plugin-run': 'error',
  'forgesyte/toolrunner-metrics-in-finally': 'error',
  'forgesyte/valid-lifecycle-state': 'error',
};

const pluginPackageRules: Record<`forgesyte/${ForgeSyteRuleName}`, TSESLint.FlatConfig.RuleEntry> = {
  ...productRules,
  'forgesyte/no-direct-plugin-run': ['error', { pluginFiles: ['**'] }],
};

const configs: { recommended: TSESLint.FlatConfig.Config; product: TSESLint.FlatConfig.Config } = { recommended: {}, product: {} };

/**
 * `eslint-plugin-forgesyte`: ForgeSyte's governance rules. Use `configs.recommended` in a plugin package's
 * flat config and `configs.product` in ForgeSyte's own; `no-direct-plugin-run` is exact with typed linting
 * (`parserOptions.projectService`).
 */
const plugin: ForgeSyteEslintPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs,
};

// The configs name the very plugin object they belong to: ESLint refuses two different objects under one name.
configs.recommended = { name: 'forgesyte/recommended', plugins: { forgesyte: plugin }, rules: pluginPackageRules };
configs.product = { name: 'forgesyte/product', plugins: { forgesyte: plugin }, rules: productRules };

export default plugin;
