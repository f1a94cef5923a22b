import type { RetryPolicy } from './retry-policy';

/** Where a tool's code runs: in the server's thread, or in a worker-thread pool. */
export type ToolIsolation = 'inline' | 'worker';

/** A JSON Schema (draft 2020-12) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * One tool of a plugin: what it does, its JSON contracts and its execution limits. The type parameters
 * keep the schemas' literal types when they are written `as const`, so {@link ToolArgs} and
 * {@link ToolResult} can derive the tool's args and result types from them.
 */
export interface ToolDefinition<TInputSchema extends JsonSchema = JsonSchema, TOutputSchema extends JsonSchema = JsonSchema> {
  /** One sentence that tells an API user what the tool does. */
  readonly description: string;
  /** JSON Schema (draft 2020-12) every `args` is validated against before the tool runs. */
  readonly inputSchema: TInputSchema;
  /** JSON Schema (draft 2020-12) every result is validated against before it leaves the runner. */
  readonly outputSchema: TOutputSchema;
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
  /**
   * How often an async job of the tool is tried when an attempt fails with a retryable error, and how
   * long it waits between attempts; one attempt when absent. Sync calls are never retried.
   */
  readonly retry?: RetryPolicy;
  /** A short human name of the tool (MCP clients show it); the MCP tool name `<plugin>.<tool>` when absent. */
  readonly title?: string;
  /** Hints about the tool's behaviour for MCP clients (MCP `ToolAnnotations`); none when absent. Hints only: never a guarantee. */
  readonly annotations?: ToolAnnotations;
}

/** Behaviour hints an MCP client may show or act on (the MCP `ToolAnnotations` of revision 2025-11-25). */
export interface ToolAnnotations {
  /** The tool changes nothing outside itself. */
  readonly readOnlyHint?: boolean;
  /** The tool may destroy or overwrite data (meaningful when not read-only). */
  readonly destructiveHint?: boolean;
  /** Calling it twice with the same arguments has no further effect. */
  readonly idempotentHint?: boolean;
  /** The tool reaches outside systems (the network, other services). */
  readonly openWorldHint?: boolean;
}
