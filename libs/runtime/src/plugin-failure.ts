import { Logger } from '@nestjs/common';
import {
  errorMessageOf,
  type ErrorScope,
  type ForgeSyteError,
  InputInvalidError,
  PluginRunError,
  redactDetails,
  redactInternals,
} from '@forgesyte/errors';

const logger = new Logger('ToolRunner');
/** The most of a plugin's message the log keeps (a plugin can throw a message of any size). */
const MAX_LOGGED_MESSAGE_LENGTH = 64 * 1024;

/**
 * What a throw or rejection from a tool means. A tool that rejects its input with code `INPUT_INVALID`
 * (the SDK's `ToolInputError`, matched by `code` so it also works across threads) blames the caller;
 * anything else is the plugin's fault, `PLUGIN_ERROR`. The plugin's message reaches the caller with
 * absolute paths and secrets redacted; when something was redacted, the full message is logged with
 * the job id.
 */
export function classifyPluginFailure(thrown: unknown, scope: ErrorScope & { plugin: string; tool: string }): ForgeSyteError {
  const message = errorMessageOf(thrown);
  const publicMessage = redactInternals(message);
  if (publicMessage !== message) {
    logger.warn(
      `job ${scope.jobId ?? '(none)'}: ${scope.plugin}:${scope.tool} failed with a message redacted for the caller; in full: ${message.slice(0, MAX_LOGGED_MESSAGE_LENGTH)}`,
    );
  }
  if (isInputRejection(thrown)) {
    return new InputInvalidError(publicMessage, { ...scope, details: redactDetails(detailsOf(thrown)), cause: thrown });
  }
  return new PluginRunError(`Tool '${scope.tool}' of plugin '${scope.plugin}' failed: ${publicMessage}`, {
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
