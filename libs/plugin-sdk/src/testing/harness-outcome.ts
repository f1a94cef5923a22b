/** The codes a harnessed call can fail with: the server's codes for the same failures. */
export type HarnessErrorCode = 'TOOL_NOT_FOUND' | 'INPUT_INVALID' | 'OUTPUT_INVALID' | 'PLUGIN_ERROR' | 'PLUGIN_TIMEOUT' | 'CANCELLED';

/**
 * A failed call as the server reports it (the `error` of its envelope, without `type`, `job_id` and the
 * request fields): same `code`, `message`, `details` and `retryable`. Unlike the server, the harness
 * does not redact absolute paths or secrets from a plugin's own message.
 */
export interface HarnessError {
  readonly code: HarnessErrorCode;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly retryable: boolean;
  readonly plugin: string;
  readonly tool: string;
}

/** One `context.progress` report the server would pass on: `fraction` clamped to 0..1. */
export interface HarnessProgress {
  readonly fraction: number;
  readonly message: string | null;
}

/** One line a tool wrote with `context.log`. */
export interface HarnessLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly data?: object;
}

/** What every harnessed call reports besides its result or error. */
interface HarnessCallRecord {
  readonly durationMs: number;
  /** Progress reports, in order, made while the call was running (the server drops later ones). */
  readonly progress: readonly HarnessProgress[];
  readonly logs: readonly HarnessLogLine[];
}

/** The outcome of one harnessed call: the result that passed the output schema, or the error the server would answer. */
export type HarnessOutcome<TResult = unknown> =
  | (HarnessCallRecord & { readonly ok: true; readonly result: TResult })
  | (HarnessCallRecord & { readonly ok: false; readonly error: HarnessError });
