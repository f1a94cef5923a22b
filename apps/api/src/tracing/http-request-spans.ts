import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { TraceParent, TraceSpan, Tracing } from '@forgesyte/runtime';
import type { Request, Response } from 'express';
import { assignRequestId } from '../http/request-id';

/** The request's span, kept off the request object (adding a property to it costs microseconds); set only when tracing is on. */
const SPAN = Symbol('forgesyte.http-span');
type TracedResponse = ServerResponse<IncomingMessage> & { [SPAN]?: TraceSpan };

/** A `traceparent` is 55 characters; a longer header is not one, and is not parsed. */
const MAX_TRACEPARENT_LENGTH = 256;

/** OpenTelemetry's HTTP attribute names (written out: the app loads no OpenTelemetry module when tracing is off). */
const HTTP_ATTRIBUTES = Object.freeze({
  method: 'http.request.method',
  route: 'http.route',
  status: 'http.response.status_code',
  errorType: 'error.type',
  requestId: 'forgesyte.request_id',
});

/**
 * A server span for every request of `server`, the child of the caller's W3C `traceparent` header when
 * it sends a valid one (an invalid one is ignored: a new trace starts). Ended when the response closes,
 * named `METHOD /route/template` (never the raw path), with the status and the request id (`X-Request-Id`);
 * status error for a 5xx. Install only when tracing is on: a listener on the Node server, like the request log.
 */
export function traceHttpRequests(server: Server, tracing: Tracing): void {
  function closed(this: TracedResponse): void {
    const span = this[SPAN];
    if (span === undefined) return;
    const request = this.req as Request;
    const method = request.method ?? 'GET';
    const route = (request.route as { path?: unknown } | undefined)?.path;
    span.setAttribute(HTTP_ATTRIBUTES.method, method).setAttribute(HTTP_ATTRIBUTES.status, this.statusCode);
    span.setAttribute(HTTP_ATTRIBUTES.requestId, assignRequestId(request, this as unknown as Response));
    if (typeof route === 'string') span.updateName(`${method} ${route}`).setAttribute(HTTP_ATTRIBUTES.route, route);
    span.end(this.statusCode >= 500 ? String(this.statusCode) : undefined);
  }
  server.prependListener('request', (request: IncomingMessage, response: TracedResponse) => {
    const offered = request.headers.traceparent;
    const parent = typeof offered === 'string' && offered.length <= MAX_TRACEPARENT_LENGTH ? offered : undefined;
    response[SPAN] = tracing.startSpan(request.method ?? 'HTTP', parent, 'server');
    response.once('close', closed);
  });
}

/** The span of the request `response` answers, as the parent of its job's span; undefined when tracing is off. */
export function traceparentOf(response: Response): TraceParent | undefined {
  return (response as unknown as TracedResponse)[SPAN]?.traceparent;
}
