import { errorMessageOf, type ErrorScope, type ForgeSyteError, InputInvalidError, PluginRunError } from '@forgesyte/errors';

/**
 * What a throw or rejection from a tool means. A tool that rejects its input with code `INPUT_INVALID`
 * (the SDK's `ToolInputError`, matched by `code` so it also works across threads) blames the caller;
 * anything else is the plugin's fault, `PLUGIN_ERROR`.
 */
export function classifyPluginFailure(thrown: unknown, scope: ErrorScope & { plugin: string; tool: string }): ForgeSyteError {
  const message = errorMessageOf(thrown);
  if (isInputRejection(thrown)) {
    return new InputInvalidError(message, { ...scope, details: detailsOf(thrown), cause: thrown });
  }
  return new PluginRunError(`Tool '${scope.tool}' of plugin '${scope.plugin}' failed: ${message}`, {
    ...scope,
    cause: thrown,
  });
}

function isInputRejection(thrown: unknown): thrown is { code: 'INPUT_INVALID'; details?: unknown } {
  return typeof thrown === 'object' && thrown !== null && (thrown as { code?: unknown }).code === 'INPUT_INVALID';
}

function detailsOf(thrown: { details?: unknown }): Readonly<Record<string, unknown>> {
  const details = thrown.details;
  return typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)
    : {};
}
