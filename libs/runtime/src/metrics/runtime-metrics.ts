/** What happened to a worker thread: it started, was terminated on a deadline or cancel, or crashed. */
export type WorkerThreadEvent = 'started' | 'terminated' | 'crashed';

/**
 * Where the runtime reports what it measures, for the process's metrics registry (Prometheus in the
 * apps). A port, so that the lib imports no metrics package: the app provides an implementation under
 * this class as token, and without one nothing is reported ({@link NO_RUNTIME_METRICS}). Calls are on the
 * hot path: an implementation only increments or observes.
 */
export abstract class RuntimeMetrics {
  /**
   * A ToolRunner call of a known plugin ended, reported from the same `finally` as the registry's
   * metrics: `outcome` is `success` or the error code.
   */
  abstract toolCallEnded(plugin: string, tool: string, outcome: string, durationMs: number): void;

  /** A worker thread of `plugin` started, was terminated, or crashed. */
  abstract workerThread(plugin: string, event: WorkerThreadEvent): void;
}

/** Reports nothing: the runtime's metrics when the app provides no {@link RuntimeMetrics}. */
export const NO_RUNTIME_METRICS: RuntimeMetrics = Object.freeze({
  toolCallEnded: () => undefined,
  workerThread: () => undefined,
});
