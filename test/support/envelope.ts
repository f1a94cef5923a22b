import * as errors from '@forgesyte/errors';
import type { Response } from 'supertest';

const ENVELOPE_TYPES = ['ValidationError', 'PluginError', 'ExecutionError', 'AuthError', 'NotFoundError', 'ConflictError', 'RateLimitError', 'InternalError'];

/** Names of our own error classes (other than envelope `type` values): none may appear in a response body. */
const OUR_CLASS_NAMES = Object.values(errors)
  .filter((value): value is typeof errors.ForgeSyteError => typeof value === 'function' && value.prototype instanceof errors.ForgeSyteError)
  .map((errorClass) => errorClass.name)
  .filter((name) => !ENVELOPE_TYPES.includes(name));

const ENVELOPE_KEYS = ['code', 'details', 'job_id', 'message', 'plugin', 'request_id', 'retryable', 'timestamp', 'tool', 'type'];

/** The envelope fields a test pins down; anything not given is checked for shape only. */
export interface ExpectedEnvelope {
  readonly code: string;
  readonly type: string;
  readonly retryable?: boolean;
  readonly plugin?: string | null;
  readonly tool?: string | null;
  readonly details?: Record<string, unknown>;
  readonly message?: string | RegExp;
}

/**
 * Asserts a response is exactly the error envelope: the status, exactly the envelope's keys, the
 * request id echoed in `X-Request-Id`, an ISO timestamp, and the expected fields. Returns the error.
 */
export function expectEnvelope(response: Response, status: number, expected: ExpectedEnvelope): Record<string, unknown> {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status });
  expect(Object.keys(response.body as object)).toEqual(['error']);
  const error = (response.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).sort()).toEqual(ENVELOPE_KEYS);
  expect(error.request_id).toBe(response.headers['x-request-id']);
  expect(new Date(error.timestamp as string).toISOString()).toBe(error.timestamp);
  expect(ENVELOPE_TYPES).toContain(error.type);
  expect(error).toMatchObject({
    code: expected.code,
    type: expected.type,
    ...(expected.retryable === undefined ? {} : { retryable: expected.retryable }),
    ...(expected.plugin === undefined ? {} : { plugin: expected.plugin }),
    ...(expected.tool === undefined ? {} : { tool: expected.tool }),
    ...(expected.details === undefined ? {} : { details: expected.details }),
  });
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+|\/work\/|node_modules/);
  for (const name of OUR_CLASS_NAMES) expect(text).not.toContain(name);
  return error;
}
