import { noDirectPluginRun } from './no-direct-plugin-run.rule';
import { toolrunnerMetricsInFinally } from './toolrunner-metrics-in-finally.rule';
import { validLifecycleState } from './valid-lifecycle-state.rule';

/** Every rule of `eslint-plugin-forgesyte`, by name (each one lives in `<name>.rule.ts`). */
export const rules = {
  'no-direct-plugin-run': noDirectPluginRun,
  'toolrunner-metrics-in-finally': toolrunnerMetricsInFinally,
  'valid-lifecycle-state': validLifecycleState,
};

/** The name of a rule of this plugin. */
export type ForgeSyteRuleName = keyof typeof rules;
