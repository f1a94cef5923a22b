import {
  ERROR_CODES,
  type ErrorCode,
  ExecutionFailedError,
  type ForgeSyteError,
  JobNotFoundError,
  OverloadedError,
  PluginNotFoundError,
  PluginTimeoutError,
  RateLimitedError,
  NotReadyError,
  StoreUnavailableError,
  ToolNotFoundError,
} from '@forgesyte/errors';
import { httpStatusOf, retryAfterSecondsOf } from './http-status';

/**
 * SPEC "Errors", by status: 400 execution, validation and unexpected; 401/403 auth; 404 unknown resource
 * in the path; 409; 413; 429; 503 for the store and readiness (our decisions). Not-found codes naming a plugin, tool or
 * job are 400 here, as named in a body; in the path they are 404 (tested below).
 */
const SPEC_STATUS: ReadonlyArray<readonly [number, readonly ErrorCode[]]> = [
  [400, ['REQUEST_INVALID', 'INPUT_INVALID', 'PLUGIN_UNAVAILABLE', 'PLUGIN_ERROR', 'OUTPUT_INVALID', 'PLUGIN_CRASHED']],
  [400, ['PLUGIN_TIMEOUT', 'CANCELLED', 'JOB_INTERRUPTED', 'INTERNAL', 'PLUGIN_NOT_FOUND', 'TOOL_NOT_FOUND', 'JOB_NOT_FOUND']],
  [401, ['UNAUTHENTICATED']],
  [403, ['FORBIDDEN']],
  [404, ['ROUTE_NOT_FOUND', 'KEY_NOT_FOUND']],
  [409, ['JOB_NOT_FINISHED', 'JOB_ALREADY_FINISHED', 'IDEMPOTENCY_CONFLICT', 'KEY_CONFLICT']],
  [413, ['PAYLOAD_TOO_LARGE']],
  [429, ['RATE_LIMITED', 'OVERLOADED']],
  [503, ['STORE_UNAVAILABLE', 'NOT_READY']],
];
const STATUS_CASES = SPEC_STATUS.flatMap(([status, codes]) => codes.map((code) => [code, status] as const));

/** An error with any code, as a failed job carries it: the status must not depend on the class. */
function carried(code: ErrorCode): ForgeSyteError {
  const failure = new PluginTimeoutError(300, 'abandoned', { plugin: 'ocr', tool: 'read', jobId: 'job-1' }).toBody();
  return new ExecutionFailedError({ ...failure, code });
}

describe('httpStatusOf', () => {
  it('is tested here for every code, once', () => {
    expect(STATUS_CASES.map(([code]) => code).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(STATUS_CASES)('maps %s to %i, whichever class carries it', (code, status) => {
    expect(httpStatusOf(carried(code))).toBe(status);
  });

  it.each([
    ['OverloadedError', new OverloadedError(1, 10), 429],
    ['RateLimitedError', new RateLimitedError(2), 429],
    ['StoreUnavailableError', new StoreUnavailableError('read'), 503],
    ['NotReadyError', new NotReadyError({ store: { status: 'down' } }), 503],
    ['JobNotFoundError', new JobNotFoundError('job-1'), 400],
  ] as const)('maps a thrown %s by its code to %i', (_, error, status) => {
    expect(httpStatusOf(error)).toBe(status);
  });

  it.each([
    ['a plugin', new PluginNotFoundError('ocr', ['echo']), { name: 'ocr' }],
    ['a tool', new ToolNotFoundError('echo', 'whisper', ['shout']), { name: 'echo', tool: 'whisper' }],
    ['a job', new JobNotFoundError('job-1'), { job_id: 'job-1' }],
  ] as const)('answers 404 for %s the request path names', (_, error, pathParameters) => {
    expect(httpStatusOf(error, pathParameters)).toBe(404);
  });

  it('answers 404 for a plugin named in the path whichever class carries the error', () => {
    expect(httpStatusOf(new ExecutionFailedError(new PluginNotFoundError('ocr', []).toBody()), { name: 'ocr' })).toBe(404);
  });

  it.each([
    ['no path parameters', undefined],
    ['empty path parameters', {}],
    ['path parameters naming another plugin', { name: 'echo' }],
    ['another path parameter holding its name', { job_id: 'ocr', tool: 'ocr' }],
  ] as const)('answers 400 for an unknown plugin named in the body, with %s', (_, pathParameters) => {
    expect(httpStatusOf(new PluginNotFoundError('ocr', []), pathParameters)).toBe(400);
  });

  it('answers 400 for an unknown tool of a plugin the path names: only the tool was missing', () => {
    expect(httpStatusOf(new ToolNotFoundError('echo', 'whisper', ['shout']), { name: 'echo' })).toBe(400);
  });

  it('answers 404 for an unknown route whatever the path parameters', () => {
    expect(httpStatusOf(carried('ROUTE_NOT_FOUND'), {})).toBe(404);
  });

  it('never answers a 5xx for any code but STORE_UNAVAILABLE and NOT_READY (readiness)', () => {
    for (const code of ERROR_CODES.filter((each) => each !== 'STORE_UNAVAILABLE' && each !== 'NOT_READY')) expect(httpStatusOf(carried(code), { name: 'ocr' })).toBeLessThan(500);
  });
});

describe('retryAfterSecondsOf', () => {
  it.each([
    ['OverloadedError', new OverloadedError(3, 10), 3],
    ['RateLimitedError', new RateLimitedError(7), 7],
    ['StoreUnavailableError', new StoreUnavailableError('write', 2), 2],
    ['NotReadyError', new NotReadyError({ queue: { status: 'down' } }, 5), 5],
  ] as const)('gives a %s the delay it states', (_, error, seconds) => {
    expect(retryAfterSecondsOf(error, httpStatusOf(error))).toBe(seconds);
  });

  it('gives a failed job the delay its error states', () => {
    const error = new ExecutionFailedError(new StoreUnavailableError('write', 4, { jobId: 'job-1' }).toBody());

    expect(retryAfterSecondsOf(error, httpStatusOf(error))).toBe(4);
  });

  it('gives 1 s to a 429 or 503 whose error states no delay', () => {
    expect(retryAfterSecondsOf(carried('OVERLOADED'), 429)).toBe(1);
    expect(retryAfterSecondsOf(carried('STORE_UNAVAILABLE'), 503)).toBe(1);
  });

  it.each(STATUS_CASES.filter(([, status]) => status !== 429 && status !== 503))('gives no delay to %s (%i)', (code, status) => {
    expect(retryAfterSecondsOf(carried(code), status)).toBeUndefined();
  });
});
