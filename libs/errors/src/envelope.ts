import type { ErrorEnvelope } from './error-body';
import type { ForgeSyteError } from './forgesyte.error';

/** Wraps a domain error in the one envelope every non-2xx response carries. */
export function buildEnvelope(error: ForgeSyteError, requestId: string, now: Date = new Date()): ErrorEnvelope {
  return { error: { ...error.toBody(), request_id: requestId, timestamp: now.toISOString() } };
}
