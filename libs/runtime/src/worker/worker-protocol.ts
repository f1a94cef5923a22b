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
  /** Unique within the pool: tags the call's abort and its progress and log events. */
  readonly callId: number;
  /** The pool's BroadcastChannel, on which the server posts {@link AbortMessage}s. */
  readonly abortChannel: string;
  /** Set when the call is traced: the worker then times the plugin's run and sends the times back ({@link WorkerRunTimes}). */
  readonly traceparent?: string;
}

/** When the plugin's run began and ended in the worker thread, in epoch milliseconds: the thread's side of a traced call. */
export interface WorkerRunTimes {
  readonly startMs: number;
  readonly endMs: number;
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
export type WorkerReply =
  | { readonly ok: true; readonly result: unknown; readonly ran?: WorkerRunTimes }
  | { readonly ok: false; readonly error: WorkerError; readonly ran?: WorkerRunTimes };

/** Server to workers, on the pool's abort channel: the signal of call `callId` fired. */
export interface AbortMessage {
  readonly callId: number;
  readonly reason: string;
}

/** Worker to server, through the thread's parentPort (piscina re-emits it on the pool): an event of call `callId`. */
export interface WorkerEventMessage {
  readonly callId: number;
  readonly event: WorkerEvent;
}

/** `ToolContext.progress` and `ToolContext.log` of a call. */
export type WorkerEvent =
  | { readonly type: 'progress'; readonly fraction: number; readonly message?: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string; readonly data?: object };
