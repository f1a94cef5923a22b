/** Where a tool's code runs: in the server's thread, or in a worker-thread pool. */
export type ToolIsolation = 'inline' | 'worker';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** One tool of a plugin: what it does, its JSON contracts and its execution limits. */
export interface ToolDefinition {
  /** One sentence that tells an API user what the tool does. */
  readonly description: string;
  /** JSON Schema (draft 2020-12) every `args` is validated against before the tool runs. */
  readonly inputSchema: JsonSchema;
  /** JSON Schema (draft 2020-12) every result is validated against before it leaves the runner. */
  readonly outputSchema: JsonSchema;
  /** Deadline of one call in milliseconds; the server's default when absent. */
  readonly timeoutMs?: number;
  /** `inline` (default) runs in the server's thread; `worker` asks for a worker thread. */
  readonly isolation?: ToolIsolation;
  /** At most this many calls of the tool run at once; further calls wait for a slot. */
  readonly maxConcurrency?: number;
  /**
   * Heap limit of a `worker` tool's thread in megabytes (old generation); the server's default when
   * absent. A call that allocates beyond it ends as `PLUGIN_CRASHED` and the worker is replaced.
   */
  readonly maxHeapMb?: number;
}
