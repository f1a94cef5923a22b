import { assignRequestId } from '@forgesyte/errors';
import type { RequestHandler } from 'express';
import { jsonBody } from './json-body.middleware';

/**
 * Where every request enters: it gets an id (the caller's `X-Request-Id` when safe, echoed in the
 * response), then its JSON body is read and checked ({@link jsonBody}). One middleware rather than
 * two: Express's router matches the path and updates the request for every middleware it passes.
 */
export function requestEntry(bodyLimitBytes: number, bodyLimitLabel: string): RequestHandler {
  const body = jsonBody(bodyLimitBytes, bodyLimitLabel);
  return (request, response, next) => {
    assignRequestId(request, response);
    body(request, response, next);
  };
}
