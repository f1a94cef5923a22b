import type { ForgeSyteError } from '@forgesyte/errors';
import type { CallerSignal } from './call-cancellation';
import type { TraceParent } from './tracing/tracing';

/** A progress report from a running tool: `fraction` in 0..1. */
export interface ProgressUpdate {
  readonly fraction: number;
  readonly message: string | null;
}

/** One execution the runner is asked to perform. */
export interface ToolRunRequest {
  readonly plugin: string;
  /** The tool; the plugin's default tool when absent. */
  readonly tool?: string;
  readonly args: unknown;
  readonly jobId: string;
  /** Cancels the call when it fires (outcome `CANCELLED`): an AbortSignal, or a lighter `CallCancellation`. */
  readonly signal?: CallerSignal;
  /** Receives the tool's progress reports while the call runs. */
  readonly onProgress?: (update: ProgressUpdate) => void;
  /** The span this call's span is a child of (the job's); absent or ignored when tracing is off. */
  readonly traceparent?: TraceParent;
}

/** How an execution ended. The runner returns it and never throws for an execution failure. */
export type ExecutionOutcome =
  | { readonly ok: true; readonly result: unknown; readonly durationMs: number; readonly pluginVersion: string | undefined }
  | { readonly ok: false; readonly error: ForgeSyteError; readonly durationMs: number; readonly pluginVersion: string | undefined };
