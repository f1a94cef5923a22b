import { CancelledError, type ErrorContext, type ForgeSyteError, PluginTimeoutError, type StopMode } from '@forgesyte/errors';
import type { CallerSignal } from './call-cancellation';

type StopReason = 'timeout' | 'cancel';

/**
 * The deadline and cancellation of one call. Its `signal` is what the tool sees: aborted when the
 * deadline passes or the caller's signal aborts. {@link enforce} resolves with the tool's result, or
 * rejects with `PLUGIN_TIMEOUT` / `CANCELLED` as soon as the call is stopped, whether or not the tool
 * obeys: a tool that ignores its signal is abandoned (inline code cannot be killed). The timer and the
 * caller listener are only armed for a tool that returns a promise: a synchronous result needs neither.
 */
export class CallDeadline {
  readonly deadline: number;
  /** Created on first use of {@link signal}: an AbortSignal costs microseconds, and many tools never read it. */
  private controller: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopReason: StopReason | undefined;
  private closed = false;
  private rejectStop: ((reason: unknown) => void) | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal: CallerSignal | undefined,
    private readonly errorContext: ErrorContext,
  ) {
    this.deadline = Date.now() + timeoutMs;
    if (callerSignal?.aborted) this.stop('cancel');
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.stopReason !== undefined) this.controller.abort(abortReason(this.stopReason));
    }
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
   * Awaits the tool's `work` under the deadline and the caller's cancel. Rejects with the tool's own
   * error when it fails by itself, or with a timeout/cancel error when the deadline or the cancel stops
   * it first; a result the tool returns in answer to its abort signal does not count either. Once
   * stopped, `stopWork` says how the work ended (inline: obeyed within one turn, or abandoned; a worker
   * call can be terminated instead).
   */
  async enforce<T>(work: PromiseLike<T>, stopWork: (pending: Promise<T>) => Promise<StopMode> = stopModeOf): Promise<T> {
    const pending = Promise.resolve(work);
    pending.catch(() => undefined);
    let result: T;
    try {
      result = await Promise.race([pending, this.arm()]);
    } catch (error) {
      if (this.stopReason === undefined) throw error;
      throw this.stopError(this.stopReason, await stopWork(pending));
    }
    if (this.stopReason !== undefined) throw this.stopError(this.stopReason, 'cooperative');
    return result;
  }

  /**
   * A result the tool returned synchronously: it counts unless the caller cancelled while the tool ran
   * (the deadline cannot pass unnoticed: a synchronous tool blocks the timer too).
   */
  accept(value: unknown): unknown {
    if (this.callerSignal?.aborted) this.stop('cancel');
    if (this.stopReason !== undefined) throw this.stopError(this.stopReason, 'cooperative');
    return value;
  }

  /** The error for a call stopped before the tool was started. */
  notStartedError(): ForgeSyteError {
    return this.stopError(this.stopReason ?? 'cancel', 'not_started');
  }

  /** Clears the timer and the caller listener; call when the call is over. */
  close(): void {
    this.closed = true;
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    if (this.onCallerAbort !== undefined) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Starts the deadline timer and listens to the caller; the promise rejects when either stops the call. */
  private arm(): Promise<never> {
    const stopped = new Promise<never>((_, reject) => (this.rejectStop = reject));
    stopped.catch(() => undefined);
    if (this.callerSignal?.aborted) this.stop('cancel');
    if (this.stopReason !== undefined) this.rejectStop?.(new Error(this.stopReason));
    this.timer = setTimeout(() => this.stop('timeout'), Math.max(0, this.deadline - Date.now()));
    this.timer.unref();
    this.onCallerAbort = (): void => this.stop('cancel');
    this.callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    return stopped;
  }

  /** The caller listener, made when armed: a tool that returns synchronously never needs one. */
  private onCallerAbort: (() => void) | undefined;

  private stop(reason: StopReason): void {
    if (this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.controller?.abort(abortReason(reason));
    this.rejectStop?.(new Error(reason));
  }

  private stopError(reason: StopReason, mode: StopMode): ForgeSyteError {
    return reason === 'timeout'
      ? new PluginTimeoutError(this.timeoutMs, mode, this.errorContext)
      : new CancelledError(mode, this.errorContext);
  }
}

function abortReason(reason: StopReason): Error {
  return reason === 'timeout' ? new Error('deadline exceeded') : new Error('cancelled by the caller');
}

/** Whether an inline tool obeyed its abort signal: it settled within one turn of the event loop. */
export function stopModeOf(pending: Promise<unknown>): Promise<StopMode> {
  const settled = pending.then(
    () => 'cooperative' as const,
    () => 'cooperative' as const,
  );
  const turn = new Promise<StopMode>((resolve) => setImmediate(() => resolve('abandoned')));
  return Promise.race([settled, turn]);
}
