import type { Server } from 'node:http';
import type { ServerLimits } from '../config/api-config';
import { answerClientError, refuseConnect, refuseExpectation } from './client-error.responder';

/**
 * Applies the {@link ServerLimits} to the Node HTTP server (before it listens), and answers what Node
 * refuses itself with the error envelope: {@link answerClientError} (431, 408, 400), `CONNECT` and an
 * `Expect` other than `100-continue` (417).
 * Node checks the headers and request timeouts every `connectionsCheckingInterval` (30 s by default, far
 * coarser than the timeouts): it is set to a quarter of the shorter timeout, between 100 ms and 5 s.
 * `maxHeaderSize` stays Node's (16 kB): a larger one would only make room for bigger attacks.
 */
export function applyServerLimits(server: Server, limits: ServerLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  (server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.min(
    5_000,
    Math.max(100, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
  );
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  server.on('checkExpectation', refuseExpectation);
}
