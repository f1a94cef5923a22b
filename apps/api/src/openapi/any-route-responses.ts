import type { ResponseObject } from '@nestjs/swagger';
import { buildEnvelope, type ForgeSyteError } from '@forgesyte/errors';
import { ErrorEnvelopeResponse } from '../errors/error-envelope.response';
import { statusAndError, unmetExpectationError } from '../http/client-error.responder';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from './example-values';

/** The `X-Request-Id` header of every answer (assigned by the entry middleware, or the error filter). */
export const REQUEST_ID_RESPONSE_HEADER = { description: "The request's id: the caller's own when it is a safe token, else a new UUID.", schema: { type: 'string' } } as const;

/** A Node client error with llhttp's or Node's code, as `answerClientError` receives it. */
const clientError = (code: string): ForgeSyteError => statusAndError(Object.assign(new Error(code), { code }))[1];

/**
 * The error answers any route can give, whatever it documents itself, by status: a request the HTTP
 * server cannot read, or a bug (400); a request not received in time (408); an `Expect` it cannot
 * meet (417); headers past its limit (431). Each with its description and, as example, the server's
 * own error.
 */
const ANY_ROUTE: Readonly<Record<string, { readonly description: string; readonly example: ForgeSyteError }>> = {
  400: {
    description: 'The request is not valid HTTP (`REQUEST_INVALID`), or the server failed unexpectedly (`INTERNAL`: report the request id).',
    example: clientError('HPE_INVALID_HEADER_TOKEN'),
  },
  408: { description: 'The request was not received in full in time (`REQUEST_INVALID`, retryable).', example: clientError('ERR_HTTP_REQUEST_TIMEOUT') },
  417: { description: 'The `Expect` header is not `100-continue` (`REQUEST_INVALID`).', example: unmetExpectationError('202-accepted') },
  431: { description: "The request headers are over the server's limit (`REQUEST_INVALID`).", example: clientError('HPE_HEADER_OVERFLOW') },
};

/**
 * Adds the answers any route can give (see {@link ANY_ROUTE}) to every operation that does not
 * document that status itself, so that a client or a contract check knows every status the server
 * may send. Written into each operation rather than referenced, like every other response.
 */
export function addAnyRouteResponses(operations: ReadonlyArray<{ responses: Record<string, unknown> }>): void {
  for (const [status, { description, example }] of Object.entries(ANY_ROUTE)) {
    for (const operation of operations) operation.responses[status] ??= errorResponse(description, example);
  }
}

function errorResponse(description: string, example: ForgeSyteError): ResponseObject {
  return {
    description,
    headers: { [REQUEST_ID_HEADER]: REQUEST_ID_RESPONSE_HEADER },
    content: {
      'application/json': {
        schema: { $ref: `#/components/schemas/${ErrorEnvelopeResponse.name}` },
        example: buildEnvelope(example, EXAMPLE_REQUEST_ID, EXAMPLE_TIME),
      },
    },
  };
}
