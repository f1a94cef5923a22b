import type { ErrorCode, ForgeSyteError } from '@forgesyte/errors';

/**
 * Status per code (SPEC "Errors"): 400 for every execution, validation and unexpected failure, 401/403
 * auth, 409 job state and idempotency conflicts, 413, 429. A not-found code that names a plugin, tool or
 * job is 400 here (named in a body: a bad request) and 404 only for a resource in the path (below).
 */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  REQUEST_INVALID: 400,
  INPUT_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  PLUGIN_NOT_FOUND: 400,
  TOOL_NOT_FOUND: 400,
  JOB_NOT_FOUND: 400,
  // A stored key is only ever named in the path (`/v1/keys/{id}`).
  KEY_NOT_FOUND: 404,
  // The path itself is what does not exist.
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
  KEY_CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  OVERLOADED: 429,
  // Not SPEC's 400: a store outage is what 503 + Retry-After means to clients and load balancers.
  STORE_UNAVAILABLE: 503,
  // Only the readiness route answers it: "send no work here for now" is what 503 tells load balancers.
  NOT_READY: 503,
  INTERNAL: 400,
};

/**
 * Where a not-found code names its resource: the error's field, and the path parameter the API's
 * routes name that kind of resource by (`/v1/plugins/{name}`, `/v1/analyze-execution/jobs/{job_id}`).
 */
const PATH_RESOURCE: Partial<Record<ErrorCode, { readonly field: 'plugin' | 'tool' | 'jobId'; readonly parameter: string }>> = {
  PLUGIN_NOT_FOUND: { field: 'plugin', parameter: 'name' },
  // No route names a tool in its path today: kept so that one that does answers like the others.
  TOOL_NOT_FOUND: { field: 'tool', parameter: 'tool' },
  JOB_NOT_FOUND: { field: 'jobId', parameter: 'job_id' },
};

/** Statuses that tell the caller to come back later, always with a `Retry-After` header. */
const RETRY_LATER = new Set([429, 503]);

/**
 * The HTTP status of an error: a function of its code, whichever class carries it (a failed job's
 * error inside `ExecutionFailedError` is answered as if thrown directly). One exception, for path
 * resources: a not-found code is 404 when the request's path parameter for that kind of resource holds
 * the name the error reports missing (`GET /v1/plugins/{name}`), and 400 when the name came from
 * anywhere else (a plugin named in an analysis body).
 */
export function httpStatusOf(error: ForgeSyteError, pathParameters?: Readonly<Record<string, unknown>>): number {
  const resource = PATH_RESOURCE[error.code];
  if (resource === undefined) return STATUS_BY_CODE[error.code];
  const named = error[resource.field];
  return named !== undefined && pathParameters?.[resource.parameter] === named ? 404 : STATUS_BY_CODE[error.code];
}

/**
 * The `Retry-After` seconds of a 429 or 503 answer: the delay the error states in
 * `details.retry_after_seconds` (also when a failed job's error carries it), else 1. Undefined for
 * every other status.
 */
export function retryAfterSecondsOf(error: ForgeSyteError, status: number): number | undefined {
  if (!RETRY_LATER.has(status)) return undefined;
  const stated = error.details.retry_after_seconds;
  return typeof stated === 'number' && Number.isFinite(stated) && stated > 0 ? stated : 1;
}
