import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { METRIC_PREFIX } from '@forgesyte/engine';
import { Histogram, type Registry } from 'prom-client';

/** The `route` of a request no route matched (a 404, or one refused before routing such as a 401): one bounded label. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Upper bounds of the HTTP duration buckets, in seconds. */
const HTTP_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** What a request carries between its arrival and its response's `finish`. */
interface TimedRequest extends IncomingMessage {
  /** Set by Express once a route matched: its path template, such as `/v1/plugins/:name`. */
  route?: { path?: unknown };
}

/** The start time of each request in flight, kept off the request object (adding a property to it costs microseconds). */
const START = Symbol('forgesyte.http-start');
type TimedResponse = ServerResponse<TimedRequest> & { [START]?: number };

/**
 * Records `forgesyte_http_request_duration_seconds` {method, route, status} for every response of
 * `server`: `route` is the template Express matched (`/v1/analyze-execution/jobs/:job_id`), never the raw
 * path, and {@link UNMATCHED_ROUTE} when none did. Listens on the Node server rather than in an Express
 * middleware: no router layer per request, and requests refused before routing are timed too.
 */
export function recordHttpRequestDurations(server: Server, registry: Registry): void {
  const histogram = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by method, route template and status, from arrival to the end of the response.',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_SECONDS_BUCKETS,
    registers: [registry],
  });
  const children = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  function finished(this: TimedResponse): void {
    const seconds = (performance.now() - (this[START] ?? 0)) / 1000;
    const template = this.req.route?.path;
    const route = typeof template === 'string' ? template : UNMATCHED_ROUTE;
    const key = `${this.req.method ?? ''} ${route} ${this.statusCode}`;
    let child = children.get(key);
    if (child === undefined) {
      child = histogram.labels(this.req.method ?? '', route, String(this.statusCode));
      children.set(key, child);
    }
    child.observe(seconds);
  }
  server.prependListener('request', (_request: IncomingMessage, response: TimedResponse) => {
    response[START] = performance.now();
    response.on('finish', finished);
  });
}
