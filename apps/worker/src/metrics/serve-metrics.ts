import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Where a worker serves its metrics. */
export interface MetricsEndpoint {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
}

/**
 * Serves `registry` as `GET /metrics` (Prometheus text format) on a small Node HTTP server of its own,
 * and answers 404 to any other path and 405 to any other method, with a short plain-text message. It
 * checks no key: a worker holds no key ring, so bind it to loopback or a network only Prometheus
 * reaches (`FORGESYTE_METRICS_HOST`). Resolves with the listening server; an error of the server after
 * that goes to `onError`.
 */
export async function serveMetrics(registry: Registry, endpoint: MetricsEndpoint, onError: (error: Error) => void): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: this worker serves GET /metrics only.\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }).end('Method not allowed: use GET /metrics.\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(request.method === 'HEAD' ? undefined : text),
      () => response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The metrics could not be collected; try again.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A later failure (out of file descriptors while accepting) must cost a scrape, not the worker: an
  // 'error' nobody listens to would be an uncaught exception.
  server.on('error', (error) => onError(error));
  return server;
}

/** The port `server` listens on. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
