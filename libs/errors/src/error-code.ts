/** Every error code ForgeSyte puts in an envelope. */
export const ERROR_CODES = [
  'REQUEST_INVALID',
  'INPUT_INVALID',
  'PAYLOAD_TOO_LARGE',
  'PLUGIN_NOT_FOUND',
  'TOOL_NOT_FOUND',
  'JOB_NOT_FOUND',
  'KEY_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'PLUGIN_UNAVAILABLE',
  'PLUGIN_ERROR',
  'OUTPUT_INVALID',
  'PLUGIN_CRASHED',
  'PLUGIN_TIMEOUT',
  'CANCELLED',
  'JOB_INTERRUPTED',
  'JOB_NOT_FINISHED',
  'JOB_ALREADY_FINISHED',
  'IDEMPOTENCY_CONFLICT',
  'KEY_CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'OVERLOADED',
  'STORE_UNAVAILABLE',
  'NOT_READY',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that mean the plugin misbehaved (as opposed to the caller or the server). */
export const PLUGIN_FAULT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PLUGIN_ERROR',
  'OUTPUT_INVALID',
  'PLUGIN_TIMEOUT',
  'PLUGIN_CRASHED',
]);
