import type { SchemaViolations } from '../schema/schema-violation';
import { summarizeViolations, violationDetails } from '../schema/violation-report';
import type { HarnessError } from './harness-outcome';

/** Which plugin and tool a call ran. */
export interface HarnessCallTarget {
  readonly plugin: string;
  readonly tool: string;
}

/** How a stopped call ended: it obeyed its signal within one turn, or it was left running. */
export type HarnessStopMode = 'cooperative' | 'abandoned' | 'not_started';

/** The server's `TOOL_NOT_FOUND`. */
export function toolNotFound(target: HarnessCallTarget, available: readonly string[]): HarnessError {
  return error(target, 'TOOL_NOT_FOUND', `Plugin '${target.plugin}' has no tool '${target.tool}'. Its tools are: ${available.join(', ')}.`, { available });
}

/** The server's `INPUT_INVALID` for args that break the input schema. */
export function inputInvalid(target: HarnessCallTarget, violations: SchemaViolations): HarnessError {
  return error(
    target,
    'INPUT_INVALID',
    `args do not match the input schema of tool '${target.tool}': ${summarizeViolations(violations)}. Fix the listed fields; the schema is shown with the plugin's tools.`,
    violationDetails(violations),
  );
}

/** The server's `OUTPUT_INVALID`: the result breaks the tool's own output schema and is withheld. */
export function outputInvalid(target: HarnessCallTarget, violations: SchemaViolations): HarnessError {
  return error(
    target,
    'OUTPUT_INVALID',
    `Tool '${target.tool}' of plugin '${target.plugin}' returned a result that breaks its own output schema (${summarizeViolations(violations)}); the result was withheld. This is a bug in the plugin: report it to its author.`,
    violationDetails(violations),
  );
}

/** The server's `PLUGIN_TIMEOUT`. */
export function timedOut(target: HarnessCallTarget, timeoutMs: number, stopped: HarnessStopMode): HarnessError {
  const tail = stopped === 'abandoned' ? ' The tool ignored its abort signal and runs inline, so its code may still be running.' : '';
  const message = `The tool did not finish within its ${timeoutMs} ms deadline.${tail} Retry with a smaller input, or ask the operator to raise the tool's timeoutMs or FORGESYTE_TIMEOUT_MS.`;
  return { ...error(target, 'PLUGIN_TIMEOUT', message, { timeout_ms: timeoutMs, stopped }), retryable: true };
}

/** The server's `CANCELLED`. */
export function cancelled(target: HarnessCallTarget, stopped: HarnessStopMode): HarnessError {
  return error(target, 'CANCELLED', 'The execution was cancelled before it finished.', { stopped });
}

/**
 * What a throw from a tool means, as the server maps it: a value whose `code` is `INPUT_INVALID` (the
 * SDK's `ToolInputError`) is the caller's fault, `INPUT_INVALID` with its message and `details`; anything
 * else is `PLUGIN_ERROR`.
 */
export function pluginFailure(target: HarnessCallTarget, thrown: unknown): HarnessError {
  const message = guarded(() => messageOf(thrown), 'the plugin threw a value that could not be read (a getter, trap or conversion of it threw)');
  const rejection = guarded(() => inputRejectionDetails(thrown), undefined);
  if (rejection !== undefined) return error(target, 'INPUT_INVALID', message, rejection);
  return error(target, 'PLUGIN_ERROR', `Tool '${target.tool}' of plugin '${target.plugin}' failed: ${message}`, {});
}

function error(target: HarnessCallTarget, code: HarnessError['code'], message: string, details: Readonly<Record<string, unknown>>): HarnessError {
  return { code, message, details, retryable: false, plugin: target.plugin, tool: target.tool };
}

function messageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  const { message, name } = (thrown ?? {}) as { message?: unknown; name?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (thrown instanceof Error && typeof name === 'string') return name;
  try {
    return `non-Error value thrown: ${JSON.stringify(thrown)}`;
  } catch {
    return `non-Error value thrown: ${String(thrown)}`;
  }
}

function inputRejectionDetails(thrown: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof thrown !== 'object' || thrown === null) return undefined;
  if ((thrown as { code?: unknown }).code !== 'INPUT_INVALID') return undefined;
  const details = (thrown as { details?: unknown }).details;
  return typeof details === 'object' && details !== null && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
}

function guarded<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
