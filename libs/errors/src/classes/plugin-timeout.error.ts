import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/**
 * How a timed-out or cancelled call was stopped: it obeyed its signal, it was left running (inline),
 * its worker was terminated, or it was stopped while waiting for a concurrency slot.
 */
export type StopMode = 'cooperative' | 'abandoned' | 'terminated' | 'not_started';

/** The tool did not finish before its deadline. */
export class PluginTimeoutError extends ForgeSyteError {
  override readonly name = 'PluginTimeoutError';
  readonly code = 'PLUGIN_TIMEOUT';
  readonly type = 'ExecutionError';

  constructor(timeoutMs: number, stopped: StopMode, options?: ForgeSyteErrorOptions) {
    const tail =
      stopped === 'abandoned'
        ? ' The tool ignored its abort signal and runs inline, so its code may still be running.'
        : '';
    super(
      `The tool did not finish within its ${timeoutMs} ms deadline.${tail} Retry with a smaller input, or ask the operator to raise the tool's timeoutMs or FORGESYTE_TIMEOUT_MS.`,
      { retryable: true, ...options, details: { timeout_ms: timeoutMs, stopped } },
    );
  }
}
