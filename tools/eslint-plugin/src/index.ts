import type { TSESLint } from '@typescript-eslint/utils';
import packageJson from '../package.json';
import { type ForgeSyteRuleName, rules } from './rules';

/** The `eslint-plugin-forgesyte` plugin object, with its flat configs. */
export interface ForgeSyteEslintPlugin extends TSESLint.FlatConfig.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: typeof rules;
  readonly configs: {
    /** Every governance rule as an error, with the plugin registered as `forgesyte`. */
    readonly recommended: TSESLint.FlatConfig.Config;
  };
}

const recommendedRules: Record<`forgesyte/${ForgeSyteRuleName}`, TSESLint.FlatConfig.RuleLevel> = {
  'forgesyte/no-direct-plugin-run': 'error',
  'forgesyte/toolrunner-metrics-in-finally': 'error',
  'forgesyte/valid-lifecycle-state': 'error',
};

const configs: { recommended: TSESLint.FlatConfig.Config } = { recommended: {} };

/**
 * `eslint-plugin-forgesyte`: ForgeSyte's governance rules. Use `configs.recommended` in a flat config;
 * `no-direct-plugin-run` is exact with typed linting (`parserOptions.projectService`).
 */
const plugin: ForgeSyteEslintPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs,
};

// The config names the very plugin object it belongs to: ESLint refuses two different objects under one name.
configs.recommended = { name: 'forgesyte/recommended', plugins: { forgesyte: plugin }, rules: recommendedRules };

export default plugin;
