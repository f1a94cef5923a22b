import { type ErrorContext, InputInvalidError, OutputInvalidError } from '@forgesyte/errors';
import { type SchemaViolations, summarizeViolations, violationDetails } from '@forgesyte/registry';

/**
 * Step 2's failure: the args break the tool's input schema. `details` lists the first 100 violations,
 * with `violation_count` and `truncated`.
 */
export function inputInvalid(violations: SchemaViolations, context: ErrorContext): InputInvalidError {
  return new InputInvalidError(
    `args do not match the input schema of tool '${context.tool}': ${summarizeViolations(violations)}. Fix the listed fields; the schema is shown with the plugin's tools.`,
    { ...context, details: violationDetails(violations) },
  );
}

/** Step 4's failure: the tool's result breaks its own output schema and is withheld. */
export function outputInvalid(violations: SchemaViolations, context: ErrorContext): OutputInvalidError {
  return new OutputInvalidError(
    `Tool '${context.tool}' of plugin '${context.plugin}' returned a result that breaks its own output schema (${summarizeViolations(violations)}); the result was withheld. This is a bug in the plugin: report it to its author.`,
    { ...context, details: violationDetails(violations) },
  );
}
