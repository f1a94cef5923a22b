import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/** Header that carries the request id in both directions. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id, assigned once: the caller's `X-Request-Id` when it is a safe token, otherwise a
 * new UUID. It lives in the response's `X-Request-Id` header, which echoes it, and is read back from
 * there: a request object is in dictionary mode, where adding a property costs microseconds on every
 * request. Safe to call more than once.
 */
export function assignRequestId(request: Request, response: Response): string {
  const assigned = response.getHeader(REQUEST_ID_HEADER);
  if (typeof assigned === 'string') return assigned;
  const offered = request.headers['x-request-id'];
  const id = typeof offered === 'string' && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
