import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long an unread body may keep arriving after its request was answered, before the connection is closed. */
const DRAIN_MS = 1000;

/**
 * For a request answered without its body being read (no valid key, a body refused by its declared
 * size): once the answer is sent, Node discards the body's bytes as they arrive, unparsed; if the body
 * is still arriving {@link DRAIN_MS} later, the connection is closed. Not `Connection: close`: Node would
 * then reset the connection at once, while the caller is still sending, and most clients lose the
 * answer to the reset (four parallel 14 MB uploads got `EPIPE` instead of their 401).
 */
export function drainUnreadBody(request: IncomingMessage, response: ServerResponse): void {
  response.once('finish', () => {
    if (request.complete) return;
    const close = setTimeout(() => request.socket.destroy(), DRAIN_MS);
    close.unref();
    request.once('end', () => clearTimeout(close));
  });
}
