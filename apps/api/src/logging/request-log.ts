import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { principalOf } from '../auth/principal-of';
import type { RequestEndObserver } from '../http/request-ends';
import { assignRequestId } from '../http/request-id';

/** The fields of a request's line besides pino's own (`level`, `time`, `msg`…). */
interface RequestLogFields {
  readonly request_id: string;
  readonly key_id: string | undefined;
  readonly method: string | undefined;
  /** The route's template (`/v1/analyze-execution/jobs/:job_id`), absent when no route matched. */
  readonly route: string | undefined;
  /** The path without its query string: ids of jobs and plugins, never a key (keys travel in headers only). */
  readonly path: string;
  readonly status: number;
  readonly duration_ms: number;
}

/** The line's messages: pino-http's, so that log queries written for it keep working. */
const COMPLETED = 'request completed';
const ABORTED = 'request aborted';

/**
 * One JSON line per request, written with `logger` when its response closes (see
 * `observeRequestEnds`): its id (the one {@link assignRequestId} gives it and `X-Request-Id`
 * echoes), the caller's key id (never the key), the method, route template and path, the status and the
 * duration; `request aborted` instead of `request completed` when the client left before the response
 * was sent in full. No header, query string or body is written. `warn` for a 5xx, `info` otherwise.
 *
 * Written by hand on pino rather than with pino-http: pino-http builds a child logger and decorates
 * every request and response (`req.log`, `req.id`, `res.err`…), about 28 µs of CPU per request here,
 * more than writing the line; this costs one `logger.info` call.
 */
export function requestLog(logger: Logger): RequestEndObserver {
  return (request, response, durationMs) => {
    const fields = fieldsOf(request, response, durationMs);
    const message = response.writableFinished ? COMPLETED : ABORTED;
    if (fields.status >= 500) logger.warn(fields, message);
    else logger.info(fields, message);
  };
}

function fieldsOf(request: Request, response: Response, durationMs: number): RequestLogFields {
  const url = request.originalUrl ?? request.url ?? '';
  const query = url.indexOf('?');
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return {
    request_id: assignRequestId(request, response),
    // `locals` is Express's: absent on a request Express never saw.
    key_id: response.locals === undefined ? undefined : principalOf(response)?.id,
    method: request.method,
    route: typeof route === 'string' ? route : undefined,
    path: query === -1 ? url : url.slice(0, query),
    status: response.statusCode,
    duration_ms: Math.round(durationMs * 1000) / 1000,
  };
}
