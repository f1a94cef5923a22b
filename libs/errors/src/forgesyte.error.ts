import type { ErrorBody } from './error-body';
import type { ErrorCode } from './error-code';
import type { ErrorType } from './error-type';

/** Where an error happened: which plugin, tool and job, when known. */
export interface ErrorContext {
  readonly plugin?: string;
  readonly tool?: string;
  readonly jobId?: string;
}

/** Options every domain error accepts. */
export interface ForgeSyteErrorOptions extends ErrorContext {
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
  readonly retryable?: boolean;
}

/**
 * Base of every domain error. Libs throw these, never HTTP exceptions; the app's one exception filter
 * maps `code` to a status. Messages say what happened and how to fix it.
 */
export abstract class ForgeSyteError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly type: ErrorType;
  readonly details: Readonly<Record<string, unknown>>;
  readonly retryable: boolean;
  readonly plugin?: string;
  readonly tool?: string;
  readonly jobId?: string;

  protected constructor(message: string, options: ForgeSyteErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
    this.plugin = options.plugin;
    this.tool = options.tool;
    this.jobId = options.jobId;
  }

  /** The error as plain JSON data, without stack or cause. */
  toBody(): ErrorBody {
    return {
      code: this.code,
      type: this.type,
      message: this.message,
      details: this.details,
      plugin: this.plugin ?? null,
      tool: this.tool ?? null,
      job_id: this.jobId ?? null,
      retryable: this.retryable,
    };
  }
}
