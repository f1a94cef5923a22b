import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';

/** Header that carries the request id in both directions. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id once assigned, kept on the response (a request object is in dictionary mode, where adding a property costs microseconds). */
const ASSIGNED = Symbol('forgesyte.request-id');
type IdentifiedResponse = ServerResponse & { [ASSIGNED]?: string };

/**
 * The request's id, assigned once: the caller's `X-Request-Id` when it is a safe token, otherwise a
 * new UUID. The response's `X-Request-Id` header echoes it. Safe to call more than once: the entry
 * middleware assigns it, the controller, the log line, the span and the error envelope read it back.
 */
export function assignRequestId(request: Request, response: Response): string {
  const identified = response as unknown as IdentifiedResponse;
  const assigned = identified[ASSIGNED];
  if (assigned !== undefined) return assigned;
  const offered = request.headers['x-request-id'];
  const id = typeof offered === 'string' && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
  identified[ASSIGNED] = id;
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
