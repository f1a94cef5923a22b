import type { JobProgress } from '@forgesyte/execution';

/** Where a call's progress notifications go: the request's progress token, and a way to send one. */
export interface ProgressSink {
  readonly token: string | number;
  send(notification: { method: 'notifications/progress'; params: { progressToken: string | number; progress: number; total: number; message?: string } }): Promise<void>;
}

/**
 * Turns a tool's progress reports into MCP `notifications/progress` for one call: `progress` is the
 * reported fraction with `total` 1, strictly increasing (a report that does not move forward is
 * dropped, as the protocol requires), sent one after the other in the order reported, and nothing is
 * sent once {@link end} was called (the result follows it).
 */
export class McpProgress {
  private last = -1;
  private ended = false;
  /** The notifications sent so far, in order: the result waits for them (a client drops progress that comes after it). */
  private sent: Promise<void> = Promise.resolve();

  constructor(private readonly sink: ProgressSink) {}

  /** Receives one report of the tool (bound: pass it as a callback). */
  readonly report = (progress: JobProgress): void => {
    if (this.ended || progress.fraction <= this.last) return;
    this.last = progress.fraction;
    const params = { progressToken: this.sink.token, progress: progress.fraction, total: 1, ...(progress.message === null ? {} : { message: progress.message }) };
    // A notification that cannot be sent (the client went away) changes nothing for the job.
    this.sent = this.sent.then(() => this.sink.send({ method: 'notifications/progress', params })).catch(() => undefined);
  };

  /**
   * The call is over: later reports are dropped. Resolves once the notifications already reported were
   * handed to the transport, so that the result is sent after them: on a busy machine a notification
   * still on its way when the result went out reached the client after it, which drops it.
   */
  end(): Promise<void> {
    this.ended = true;
    return this.sent;
  }
}
