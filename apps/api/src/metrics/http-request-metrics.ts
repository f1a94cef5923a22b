import { LabelChildren, METRIC_PREFIX } from '@forgesyte/engine';
import { Histogram, type Registry } from 'prom-client';
import type { RequestEndObserver } from '../http/request-ends';

/** The `route` of a request no route matched (a 404, or one refused before routing such as a 401): one bounded label. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Upper bounds of the HTTP duration buckets, in seconds. */
const HTTP_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Records `forgesyte_http_request_duration_seconds` {method, route, status} for every response sent in
 * full (see `observeRequestEnds`): `route` is the template Express matched
 * (`/v1/analyze-execution/jobs/:job_id`), never the raw path, and {@link UNMATCHED_ROUTE} when none did.
 */
export function httpRequestDurations(registry: Registry): RequestEndObserver {
  const histogram = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by method, route template and status, from arrival to the end of the response.',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_SECONDS_BUCKETS,
    registers: [registry],
  });
  const children = new LabelChildren((method, route, status) => histogram.labels(method, route, status));
  return (request, response, durationMs) => {
    if (!response.writableFinished) return;
    const template = (request.route as { path?: unknown } | undefined)?.path;
    const route = typeof template === 'string' ? template : UNMATCHED_ROUTE;
    children.of(request.method, route, String(response.statusCode)).observe(durationMs / 1000);
  };
}
