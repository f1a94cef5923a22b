import { HttpException } from '@nestjs/common';
import {
  ForbiddenError,
  ForgeSyteError,
  InternalError,
  PayloadTooLargeError,
  RateLimitedError,
  RequestInvalidError,
  RouteNotFoundError,
  UnauthenticatedError,
} from '@forgesyte/errors';
import type { Request } from 'express';

/**
 * Turns anything thrown while handling a request into a domain error. Framework exceptions keep their
 * meaning (404 of an unknown route, 413 of a large body); anything unknown becomes `INTERNAL`, with the
 * original kept as `cause` for the log and never shown to the client.
 */
export function toForgeSyteError(thrown: unknown, request: Request): ForgeSyteError {
  if (thrown instanceof ForgeSyteError) return thrown;
  if (thrown instanceof HttpException) return fromHttpException(thrown, request);
  return new InternalError({ cause: thrown });
}

function fromHttpException(exception: HttpException, request: Request): ForgeSyteError {
  switch (exception.getStatus()) {
    case 404:
    case 405:
      return new RouteNotFoundError(request.method, request.path);
    case 400:
      return new RequestInvalidError(`The request is invalid: ${exception.message}.`, { cause: exception });
    case 401:
      return new UnauthenticatedError(exception.message);
    case 403:
      return new ForbiddenError('required');
    case 413:
      return new PayloadTooLargeError('configured');
    case 429:
      return new RateLimitedError(1);
    default:
      return new InternalError({ cause: exception });
  }
}
