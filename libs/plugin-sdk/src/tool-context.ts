/** Structured log lines a tool writes; they are tagged with plugin, tool and job. */
export interface ToolLogger {
  info(message: string, data?: object): void;
  warn(message: string, data?: object): void;
  error(message: string, data?: object): void;
}

/** What the ToolRunner hands to every call of `Plugin.run`. */
export interface ToolContext {
  /** Aborted on cancel, deadline or shutdown: stop work and reject when it fires. */
  readonly signal: AbortSignal;
  /** The job this call belongs to. */
  readonly jobId: string;
  /** The call's deadline, in epoch milliseconds. */
  readonly deadline: number;
  /** Reports progress: `fraction` in 0..1 (clamped), with an optional human message. */
  progress(fraction: number, message?: string): void;
  /** Logger tagged with this call's plugin, tool and job. */
  readonly log: ToolLogger;
}
