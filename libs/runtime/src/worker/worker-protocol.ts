import type { MessagePort } from 'node:worker_threads';

/**
 * What crosses the thread boundary of a `worker` tool. Only plain data crosses: the worker never sees
 * the server's classes, and errors come back as fields (matched by `code`/`name`, not `instanceof`).
 * This file must stay free of imports beyond types: the worker entry loads it.
 */

/** One call of a tool, posted to a worker of the plugin's pool. */
export interface WorkerCall {
  /** The plugin's module file; the worker `require`s it once and keeps the plugin. */
  readonly moduleFile: string;
  readonly tool: string;
  readonly args: unknown;
  readonly jobId: string;
  readonly deadline: number;
  /** The call's private channel: aborts go in, progress and log lines come out. */
  readonly port: MessagePort;
}

/** A plugin error as plain data. */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly details?: unknown;
  /** The plugin could not be loaded or initialised in the worker: no tool code ran. */
  readonly phase: 'load' | 'run';
}

/** How a call ended inside the worker, when the worker survived it. */
export type WorkerReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: WorkerError };

/** Server to worker, on the call's port: the call's signal fired. */
export interface AbortMessage {
  readonly type: 'abort';
  readonly reason: string;
}

/** Worker to server, on the call's port: `ToolContext.progress` and `ToolContext.log`. */
export type WorkerEvent =
  | { readonly type: 'progress'; readonly fraction: number; readonly message?: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string; readonly data?: object };
