import type { ErrorCode } from './error-code';
import type { ErrorType } from './error-type';

/** An error as plain JSON data: stored with a job and sent inside the envelope. */
export interface ErrorBody {
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly plugin: string | null;
  readonly tool: string | null;
  readonly job_id: string | null;
  readonly retryable: boolean;
}

/** The one body of every non-2xx response. */
export interface ErrorEnvelope {
  readonly error: ErrorBody & { readonly request_id: string; readonly timestamp: string };
}
