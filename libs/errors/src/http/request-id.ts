import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/** Header that carries the request id in both directions. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Where the id is kept on the request: a symbol key is cheaper than a WeakMap entry per request. */
const REQUEST_ID = Symbol('forgesyte.requestId');
type WithRequestId = Request & { [REQUEST_ID]?: string };

/**
 * The request's id, assigned once: the caller's `X-Request-Id` when it is a safe token, otherwise a
 * new UUID. Also set on the response header. Safe to call more than once.
 */
export function assignRequestId(request: Request, response: Response): string {
  let id = (request as WithRequestId)[REQUEST_ID];
  if (id === undefined) {
    const offered = request.headers['x-request-id'];
    id = typeof offered === 'string' && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
    (request as WithRequestId)[REQUEST_ID] = id;
  }
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
