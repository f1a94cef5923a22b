import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';

/**
 * Told of every request of the server once its response closes: `durationMs` from its arrival, and
 * `response.writableFinished` says whether it was sent in full (false: the client left first).
 */
export type RequestEndObserver = (request: Request, response: Response, durationMs: number) => void;

/** When each request in flight arrived, kept off the request object (adding a property to it costs microseconds). */
const ARRIVED = Symbol('forgesyte.request-arrived');
type TimedResponse = ServerResponse<IncomingMessage> & { [ARRIVED]?: number };

/**
 * Tells `observers` (the request log, the HTTP metrics) of every request of `server` when its response
 * closes. One listener on the Node server for them all, ahead of Express: one clock read at arrival and
 * one `close` listener per request whatever the number of observers, and requests refused before
 * routing (a 401, a 413) are seen too. Nothing is installed when there is no observer.
 */
export function observeRequestEnds(server: Server, observers: readonly RequestEndObserver[]): void {
  if (observers.length === 0) return;
  function closed(this: TimedResponse): void {
    const durationMs = performance.now() - (this[ARRIVED] ?? 0);
    const response = this as unknown as Response;
    for (const observe of observers) observe(response.req, response, durationMs);
  }
  server.prependListener('request', (_request: IncomingMessage, response: TimedResponse) => {
    response[ARRIVED] = performance.now();
    response.once('close', closed);
  });
}
