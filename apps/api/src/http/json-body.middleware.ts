import { PayloadTooLargeError, RequestInvalidError, type ForgeSyteError } from '@forgesyte/errors';
import express, { type RequestHandler } from 'express';
import { findForbiddenKey } from './forbidden-keys';

/**
 * Parses JSON bodies up to `limitBytes` and turns every body problem into a domain error: a body over
 * the limit is `PAYLOAD_TOO_LARGE`, malformed JSON and prototype-polluting keys are `REQUEST_INVALID`.
 */
export function jsonBody(limitBytes: number, limitLabel: string): RequestHandler {
  const parse = express.json({ limit: limitBytes, strict: true });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error !== undefined && error !== null) return next(bodyError(error, limitLabel));
      const key = findForbiddenKey(request.body);
      if (key === undefined) return next();
      next(new RequestInvalidError(`The request body contains the forbidden key ${key}. Remove it: keys named __proto__, constructor or prototype are refused.`));
    });
  };
}

function bodyError(error: unknown, limitLabel: string): ForgeSyteError {
  const type = (error as { type?: unknown }).type;
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(limitLabel, { cause: error });
    case 'entity.parse.failed':
      return new RequestInvalidError(
        `The request body is not valid JSON (${(error as Error).message}). Send a JSON object with Content-Type: application/json.`,
        { cause: error },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestInvalidError('The request body must be UTF-8 JSON without content encoding.', { cause: error });
    default:
      return new RequestInvalidError('The request body could not be read. Send it again, complete, as JSON.', { cause: error });
  }
}
