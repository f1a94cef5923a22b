import { CancelledError } from '../classes/cancelled.error';
import { ExecutionFailedError } from '../classes/execution-failed.error';
import { CallForbiddenError } from '../classes/call-forbidden.error';
import { OriginForbiddenError } from '../classes/origin-forbidden.error';
import { ForbiddenError } from '../classes/forbidden.error';
import { GrantForbiddenError } from '../classes/grant-forbidden.error';
import { JobOwnerForbiddenError } from '../classes/job-owner-forbidden.error';
import { IdempotencyConflictError } from '../classes/idempotency-conflict.error';
import { InputInvalidError } from '../classes/input-invalid.error';
import { InternalError } from '../classes/internal.error';
import { JobAlreadyFinishedError } from '../classes/job-already-finished.error';
import { JobInterruptedError } from '../classes/job-interrupted.error';
import { JobNotFinishedError } from '../classes/job-not-finished.error';
import { JobNotFoundError } from '../classes/job-not-found.error';
import { KeyConflictError } from '../classes/key-conflict.error';
import { KeyNotFoundError } from '../classes/key-not-found.error';
import { NotReadyError } from '../classes/not-ready.error';
import { OutputInvalidError } from '../classes/output-invalid.error';
import { OverloadedError } from '../classes/overloaded.error';
import { PayloadTooLargeError } from '../classes/payload-too-large.error';
import { PluginCrashedError } from '../classes/plugin-crashed.error';
import { PluginNotFoundError } from '../classes/plugin-not-found.error';
import { PluginRunError } from '../classes/plugin-run.error';
import { PluginTimeoutError } from '../classes/plugin-timeout.error';
import { PluginUnavailableError } from '../classes/plugin-unavailable.error';
import { RateLimitedError } from '../classes/rate-limited.error';
import { RequestInvalidError } from '../classes/request-invalid.error';
import { RouteNotFoundError } from '../classes/route-not-found.error';
import { StoreUnavailableError } from '../classes/store-unavailable.error';
import { ToolNotFoundError } from '../classes/tool-not-found.error';
import { UnauthenticatedError } from '../classes/unauthenticated.error';
import type { ErrorCode } from '../error-code';
import type { ErrorType } from '../error-type';
import type { ForgeSyteError } from '../forgesyte.error';

/** One sample of a domain error class, with the code, type and retryability it must have. */
export interface ErrorSample {
  readonly errorClass: abstract new (...args: never[]) => ForgeSyteError;
  readonly make: () => ForgeSyteError;
  readonly code: ErrorCode;
  readonly type: ErrorType;
  readonly retryable: boolean;
}

/** A sample of every domain error class the lib exports. */
export const ERROR_SAMPLES: readonly ErrorSample[] = [
  { errorClass: RequestInvalidError, make: () => new RequestInvalidError('bad query'), code: 'REQUEST_INVALID', type: 'ValidationError', retryable: false },
  { errorClass: InputInvalidError, make: () => new InputInvalidError('bad args'), code: 'INPUT_INVALID', type: 'ValidationError', retryable: false },
  { errorClass: PayloadTooLargeError, make: () => new PayloadTooLargeError('16mb'), code: 'PAYLOAD_TOO_LARGE', type: 'ValidationError', retryable: false },
  { errorClass: PluginNotFoundError, make: () => new PluginNotFoundError('ocr', ['echo']), code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError', retryable: false },
  { errorClass: ToolNotFoundError, make: () => new ToolNotFoundError('echo', 'whisper', ['echo', 'shout']), code: 'TOOL_NOT_FOUND', type: 'NotFoundError', retryable: false },
  { errorClass: JobNotFoundError, make: () => new JobNotFoundError('job-1'), code: 'JOB_NOT_FOUND', type: 'NotFoundError', retryable: false },
  { errorClass: KeyNotFoundError, make: () => new KeyNotFoundError('k0123456789abcdef0123'), code: 'KEY_NOT_FOUND', type: 'NotFoundError', retryable: false },
  { errorClass: RouteNotFoundError, make: () => new RouteNotFoundError('GET', '/nowhere'), code: 'ROUTE_NOT_FOUND', type: 'NotFoundError', retryable: false },
  { errorClass: PluginUnavailableError, make: () => new PluginUnavailableError('ocr', 'its init failed'), code: 'PLUGIN_UNAVAILABLE', type: 'PluginError', retryable: false },
  { errorClass: PluginRunError, make: () => new PluginRunError('kaboom'), code: 'PLUGIN_ERROR', type: 'PluginError', retryable: false },
  { errorClass: OutputInvalidError, make: () => new OutputInvalidError('bad output'), code: 'OUTPUT_INVALID', type: 'PluginError', retryable: false },
  { errorClass: PluginCrashedError, make: () => new PluginCrashedError('worker died'), code: 'PLUGIN_CRASHED', type: 'PluginError', retryable: true },
  { errorClass: PluginTimeoutError, make: () => new PluginTimeoutError(300, 'cooperative'), code: 'PLUGIN_TIMEOUT', type: 'ExecutionError', retryable: true },
  { errorClass: CancelledError, make: () => new CancelledError('cooperative'), code: 'CANCELLED', type: 'ExecutionError', retryable: false },
  { errorClass: JobInterruptedError, make: () => new JobInterruptedError(), code: 'JOB_INTERRUPTED', type: 'ExecutionError', retryable: true },
  { errorClass: JobNotFinishedError, make: () => new JobNotFinishedError('job-1', 'running'), code: 'JOB_NOT_FINISHED', type: 'ConflictError', retryable: true },
  { errorClass: JobAlreadyFinishedError, make: () => new JobAlreadyFinishedError('job-1', 'success'), code: 'JOB_ALREADY_FINISHED', type: 'ConflictError', retryable: false },
  { errorClass: IdempotencyConflictError, make: () => new IdempotencyConflictError('key-1', 'job-1'), code: 'IDEMPOTENCY_CONFLICT', type: 'ConflictError', retryable: false },
  { errorClass: KeyConflictError, make: () => new KeyConflictError('k0123456789abcdef0123', 10), code: 'KEY_CONFLICT', type: 'ConflictError', retryable: true },
  { errorClass: UnauthenticatedError, make: () => new UnauthenticatedError('No API key was sent.'), code: 'UNAUTHENTICATED', type: 'AuthError', retryable: false },
  { errorClass: ForbiddenError, make: () => new ForbiddenError('admin'), code: 'FORBIDDEN', type: 'AuthError', retryable: false },
  { errorClass: CallForbiddenError, make: () => new CallForbiddenError('ocr', undefined, ['echo']), code: 'FORBIDDEN', type: 'AuthError', retryable: false },
  { errorClass: OriginForbiddenError, make: () => new OriginForbiddenError('http://evil.example'), code: 'FORBIDDEN', type: 'AuthError', retryable: false },
  { errorClass: GrantForbiddenError, make: () => new GrantForbiddenError("grant the 'admin' scope", { required_scope: 'admin' }), code: 'FORBIDDEN', type: 'AuthError', retryable: false },
  { errorClass: JobOwnerForbiddenError, make: () => new JobOwnerForbiddenError('k0123456789abcdef0123', 'revoked', { plugin: 'ocr', jobId: 'job-1' }, '2026-01-01T00:00:00.000Z'), code: 'FORBIDDEN', type: 'AuthError', retryable: false },
  { errorClass: RateLimitedError, make: () => new RateLimitedError(2), code: 'RATE_LIMITED', type: 'RateLimitError', retryable: true },
  { errorClass: OverloadedError, make: () => new OverloadedError(1, 10), code: 'OVERLOADED', type: 'RateLimitError', retryable: true },
  { errorClass: InternalError, make: () => new InternalError(), code: 'INTERNAL', type: 'InternalError', retryable: true },
  { errorClass: StoreUnavailableError, make: () => new StoreUnavailableError('write'), code: 'STORE_UNAVAILABLE', type: 'InternalError', retryable: true },
  { errorClass: NotReadyError, make: () => new NotReadyError({ queue: { status: 'down', message: 'The job queue is full.' } }), code: 'NOT_READY', type: 'InternalError', retryable: true },
  {
    errorClass: ExecutionFailedError,
    make: () => new ExecutionFailedError(new PluginTimeoutError(300, 'abandoned', { plugin: 'ocr', tool: 'read', jobId: 'job-1' }).toBody()),
    code: 'PLUGIN_TIMEOUT',
    type: 'ExecutionError',
    retryable: true,
  },
];
