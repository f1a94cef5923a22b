import { CancelledError, type ErrorScope, type ForgeSyteError, PluginTimeoutError, type StopMode } from '@forgesyte/errors';

type StopReason = 'timeout' | 'cancel';

/**
 * The deadline and cancellation of one call. Its `signal` is what the tool sees: aborted when the
 * deadline passes or the caller's signal aborts. {@link settle} resolves with the tool's result, or
 * rejects with `PLUGIN_TIMEOUT` / `CANCELLED` as soon as the call is stopped, whether or not the tool
 * obeys: a tool that ignores its signal is abandoned (inline code cannot be killed).
 */
export class CallScope {
  readonly deadline: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private stopReason: StopReason | undefined;
  private closed = false;
  private rejectStop: ((reason: unknown) => void) | undefined;
  private readonly stopped: Promise<never>;

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal: AbortSignal | undefined,
    private readonly errorScope: ErrorScope,
  ) {
    this.deadline = Date.now() + timeoutMs;
    this.stopped = new Promise<never>((_, reject) => (this.rejectStop = reject));
    this.stopped.catch(() => undefined);
    this.timer = setTimeout(() => this.stop('timeout'), timeoutMs);
    this.timer.unref();
    if (callerSignal?.aborted) this.stop('cancel');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the deadline passed or the caller cancelled: the tool's result no longer counts. */
  get isStopped(): boolean {
    return this.stopReason !== undefined;
  }

  /** True while the call runs: neither stopped nor closed. Progress counts only then. */
  get isActive(): boolean {
    return !this.closed && this.stopReason === undefined;
  }

  /**
   * Awaits the tool's `pending` work under this scope. Rejects with the tool's own error when it fails
   * by itself, or with a timeout/cancel error when the scope stops it first; a result the tool returns
   * in answer to its abort signal does not count either.
   */
  async settle(pending: Promise<unknown>): Promise<unknown> {
    pending.catch(() => undefined);
    let result: unknown;
    try {
      result = await Promise.race([pending, this.stopped]);
    } catch (error) {
      if (this.stopReason === undefined) throw error;
      throw this.stopError(this.stopReason, await stopModeOf(pending));
    }
    if (this.stopReason !== undefined) throw this.stopError(this.stopReason, 'cooperative');
    return result;
  }

  /** The error for a call stopped before the tool was started. */
  notStartedError(): ForgeSyteError {
    return this.stopError(this.stopReason ?? 'cancel', 'not_started');
  }

  /** Clears the timer and the caller listener; call when the call is over. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  private readonly onCallerAbort = (): void => this.stop('cancel');

  private stop(reason: StopReason): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.controller.abort(reason === 'timeout' ? new Error('deadline exceeded') : new Error('cancelled by the caller'));
    this.rejectStop?.(new Error(reason));
  }

  private stopError(reason: StopReason, mode: StopMode): ForgeSyteError {
    return reason === 'timeout'
      ? new PluginTimeoutError(this.timeoutMs, mode, this.errorScope)
      : new CancelledError(mode, this.errorScope);
  }
}

/** Whether the tool obeyed its abort signal: it settled within one turn of the event loop. */
function stopModeOf(pending: Promise<unknown>): Promise<StopMode> {
  const settled = pending.then(
    () => 'cooperative' as const,
    () => 'cooperative' as const,
  );
  const turn = new Promise<StopMode>((resolve) => setImmediate(() => resolve('abandoned')));
  return Promise.race([settled, turn]);
}
