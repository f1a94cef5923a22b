import { OriginForbiddenError } from '@forgesyte/errors';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS-rebinding protection for `/mcp`: a request with an `Origin` header (a browser page's) must come
 * from a loopback origin or one of `allowed`; throws `FORBIDDEN` otherwise. A request without one (an
 * agent, an editor, curl) passes.
 */
export function checkOrigin(request: IncomingMessage, allowed: readonly string[]): void {
  const origin = request.headers.origin;
  if (origin === undefined || isAllowed(origin.toLowerCase(), allowed)) return;
  throw new OriginForbiddenError(origin);
}

function isAllowed(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) && url.origin === origin;
}
