import { type ErrorScope, InputInvalidError, OutputInvalidError } from '@forgesyte/errors';
import type { SchemaViolation } from '@forgesyte/registry';

/** Step 2's failure: the args break the tool's input schema; every violation is in `details`. */
export function inputInvalid(violations: readonly SchemaViolation[], scope: ErrorScope): InputInvalidError {
  return new InputInvalidError(
    `args do not match the input schema of tool '${scope.tool}': ${summarize(violations)}. Fix the listed fields; the schema is shown with the plugin's tools.`,
    { ...scope, details: { violations } },
  );
}

/** Step 4's failure: the tool's result breaks its own output schema and is withheld. */
export function outputInvalid(violations: readonly SchemaViolation[], scope: ErrorScope): OutputInvalidError {
  return new OutputInvalidError(
    `Tool '${scope.tool}' of plugin '${scope.plugin}' returned a result that breaks its own output schema (${summarize(violations)}); the result was withheld. This is a bug in the plugin: report it to its author.`,
    { ...scope, details: { violations } },
  );
}

function summarize(violations: readonly SchemaViolation[]): string {
  const [first] = violations;
  const more = violations.length - 1;
  return `${first.path} ${first.message}${more > 0 ? ` (and ${more} more)` : ''}`;
}
