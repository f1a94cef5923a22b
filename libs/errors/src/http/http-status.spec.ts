import { ExecutionFailedError } from '../classes/execution-failed.error';
import { ERROR_CODES, type ErrorCode } from '../error-code';
import { ERROR_SAMPLES } from '../testing/error-samples';
import { httpStatusOf } from './http-status';

/** Statuses per SPEC "Errors": 400 execution, validation and unexpected; 401/403 auth; 404 path; 409; 413; 429. */
const SPEC_STATUS: Readonly<Record<ErrorCode, number>> = {
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
  STORE_UNAVAILABLE: 503,
  INTERNAL: 400,
};

const domainErrors = ERROR_SAMPLES.filter((sample) => sample.errorClass !== ExecutionFailedError).map(
  (sample) => [sample.errorClass.name, sample.code, SPEC_STATUS[sample.code], sample] as const,
);

describe('httpStatusOf', () => {
  it.each(domainErrors)('maps %s (%s) to %i', (_, __, status, sample) => {
    expect(httpStatusOf(sample.make())).toBe(status);
  });

  it.each(ERROR_CODES.map((code) => [code]))('maps an ExecutionFailedError with code %s to 400', (code) => {
    const failure = { ...ERROR_SAMPLES[0].make().toBody(), code };

    expect(httpStatusOf(new ExecutionFailedError(failure))).toBe(400);
  });

  it('never answers a 5xx for any code but STORE_UNAVAILABLE (503, with Retry-After)', () => {
    for (const sample of ERROR_SAMPLES.filter((each) => each.code !== 'STORE_UNAVAILABLE')) expect(httpStatusOf(sample.make())).toBeLessThan(500);
  });
});
