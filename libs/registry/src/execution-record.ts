/** What the runner reports about one finished call, for the plugin's metrics and lifecycle. */
export interface ExecutionRecord {
  readonly durationMs: number;
  readonly ok: boolean;
  /** True when the plugin itself misbehaved (error, bad output, timeout, crash): the plugin becomes FAILED. */
  readonly pluginFault: boolean;
}
