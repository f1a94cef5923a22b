import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { buildEnvelope, type ForgeSyteError } from '@forgesyte/errors';
import { ErrorEnvelopeResponse } from '../errors/error-envelope.response';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from './example-values';

/** The error statuses an operation can answer (see `httpStatusOf`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;

const DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'The request, or the execution it asked for, failed: the envelope says which (`REQUEST_INVALID`, `INPUT_INVALID`, a plugin failure, `INTERNAL`…).',
  401: 'No API key, or an unknown one (`UNAUTHENTICATED`). Send it as `X-API-Key` or `Authorization: Bearer`.',
  403: "The key lacks the scope this route needs, or the plugin or tool is outside the key's allow-list (`FORBIDDEN`, naming what is missing).",
  404: 'The resource the path names does not exist, or belongs to another key.',
  409: 'The job is not in a state that allows this, the idempotency key was used for another request, or other requests kept changing the same API key (`KEY_CONFLICT`, retryable).',
  413: 'The body is over the route\'s limit (`PAYLOAD_TOO_LARGE`).',
  429: 'The server takes no more work for now (`OVERLOADED`): retry after `Retry-After` seconds.',
  503: 'The job store cannot be read or written (`STORE_UNAVAILABLE`): retry after `Retry-After` seconds.',
};

/** Statuses whose answer always carries `Retry-After`. */
const RETRY_LATER: ReadonlySet<ErrorStatus> = new Set<ErrorStatus>([429, 503]);

/**
 * Documents the error statuses of an operation, each as the envelope with an example built from a real
 * domain error (so the example's code, type, message and details are the ones the server sends); 429
 * and 503 with their `Retry-After` header.
 */
export function ApiErrorResponses(examples: Partial<Record<ErrorStatus, ForgeSyteError>>): MethodDecorator & ClassDecorator {
  const decorators = (Object.keys(examples) as `${ErrorStatus}`[]).map((key) => {
    const status = Number(key) as ErrorStatus;
    const error = examples[status] as ForgeSyteError;
    return ApiResponse({
      status,
      description: DESCRIPTIONS[status],
      type: ErrorEnvelopeResponse,
      example: buildEnvelope(error, EXAMPLE_REQUEST_ID, EXAMPLE_TIME),
      ...(RETRY_LATER.has(status)
        ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } } }
        : {}),
    });
  });
  return applyDecorators(...decorators);
}
