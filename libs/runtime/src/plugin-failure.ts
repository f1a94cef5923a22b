import { Logger } from '@nestjs/common';
import {
  errorMessageOf,
  type ErrorContext,
  type ForgeSyteError,
  InputInvalidError,
  PluginRunError,
  redactDetails,
  redactInternals,
} from '@forgesyte/errors';

const logger = new Logger('ToolRunner');
/** The most of a plugin's message the log keeps (a plugin can throw a message of any size). */
const MAX_LOGGED_MESSAGE_LENGTH = 64 * 1024;

/** The message a caller gets when nothing of what the plugin threw could be read. */
export const UNREADABLE_THROWN_VALUE = 'the plugin threw a value that could not be read (a getter, trap or conversion of it threw)';

/**
 * What a throw or rejection from a tool means. A tool that rejects its input with code `INPUT_INVALID`
 * (the SDK's `ToolInputError`, matched by `code` so it also works across threads) blames the caller;
 * anything else is the plugin's fault, `PLUGIN_ERROR`. The plugin's message reaches the caller with
 * absolute paths and secrets redacted; when something was redacted, the full message is logged with
 * the job id. Never throws: every read of the thrown value is guarded, because a plugin can throw a
 * Proxy, a getter that throws or a value that refuses to become a string, and that is still its fault.
 */
export function classifyPluginFailure(thrown: unknown, context: ErrorContext & { plugin: string; tool: string }): ForgeSyteError {
  const message = guarded(() => errorMessageOf(thrown), UNREADABLE_THROWN_VALUE);
  const publicMessage = redactInternals(message);
  if (publicMessage !== message) {
    logger.warn(
      `job ${context.jobId ?? '(none)'}: ${context.plugin}:${context.tool} failed with a message redacted for the caller; in full: ${message.slice(0, MAX_LOGGED_MESSAGE_LENGTH)}`,
    );
  }
  // A rejection whose code or details cannot be read is the plugin's fault, not the caller's.
  const rejectionDetails = guarded(() => inputRejectionDetails(thrown), undefined);
  if (rejectionDetails !== undefined) {
    return new InputInvalidError(publicMessage, { ...context, details: rejectionDetails, cause: thrown });
  }
  return new PluginRunError(`Tool '${context.tool}' of plugin '${context.plugin}' failed: ${publicMessage}`, {
    ...context,
    cause: thrown,
  });
}

/** `read()`, or `fallback` when reading the plugin's value threw. */
function guarded<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The redacted `details` of an `INPUT_INVALID` rejection (`{}` when not a plain object); else `undefined`. */
function inputRejectionDetails(thrown: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  if ((thrown as { code?: unknown }).code !== 'INPUT_INVALID') return undefined;
  const details = (thrown as { details?: unknown }).details;
  return redactDetails(typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : {});
}
