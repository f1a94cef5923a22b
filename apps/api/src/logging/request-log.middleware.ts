import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { principalOf } from '../auth/principal-of';
import { assignRequestId } from '../http/request-id';

/** The fields of a request's log line besides pino's own (`level`, `time`, `msg`…). */
interface RequestLogFields {
  readonly request_id: string;
  readonly key_id: string | undefined;
  readonly method: string;
  /** The route's template (`/v1/analyze-execution/jobs/:id`), absent when no route matched. */
  readonly route: string | undefined;
  /** The path without its query string: ids of jobs and plugins, never a key (keys travel in headers only). */
  readonly path: string;
  readonly status: number;
  readonly duration_ms: number;
}

/**
 * One JSON line per request, written when its response ends (pino-http): its id (the one
 * {@link assignRequestId} gives it and `X-Request-Id` echoes), the caller's key id (never the key),
 * the method, route template and path, the status and the duration. No header, query string or body is
 * written. Install it before the entry middleware, so that requests refused there are logged too.
 */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp<Request, Response>({
    logger,
    genReqId: (request, response) => assignRequestId(request, response),
    // The raw request: pino-http's wrapper would copy its headers first, only for them to be dropped.
    wrapSerializers: false,
    // pino-http binds the request to a child logger at the start; nothing of it is written from there.
    serializers: { req: () => undefined },
    customLogLevel: (_request, response, error) => (error !== undefined || response.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessObject: (request, response, value: { responseTime: number }) => fieldsOf(request, response, value.responseTime),
    customErrorObject: (request, response, error, value: { responseTime: number }) => ({
      ...fieldsOf(request, response, value.responseTime),
      error: error.message,
    }),
  });
}

function fieldsOf(request: Request, response: Response, durationMs: number): RequestLogFields {
  const url = request.originalUrl;
  const query = url.indexOf('?');
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return {
    request_id: assignRequestId(request, response),
    key_id: principalOf(response)?.id,
    method: request.method,
    route: typeof route === 'string' ? route : undefined,
    path: query === -1 ? url : url.slice(0, query),
    status: response.statusCode,
    duration_ms: durationMs,
  };
}
