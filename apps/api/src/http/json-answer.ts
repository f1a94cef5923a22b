import type { ServerResponse } from 'node:http';

/** What Express's `res.json` sets for a JSON body. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Methods whose answers keep Express's ETag and `If-None-Match` handling. */
const CONDITIONAL_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Whether an answer to `method` keeps Express's ETag and freshness check (GET and HEAD); no other carries an ETag. */
export function isConditionalMethod(method: string | undefined): boolean {
  return method !== undefined && CONDITIONAL_METHODS.has(method);
}

/**
 * Ends the response with `body` as JSON: the same status, body bytes, `Content-Type` and
 * `Content-Length` as Express's `res.json`, without its ETag (a SHA-1 of the body that no client of a
 * POST, PUT, PATCH or DELETE can use) or its freshness check (never true for those methods).
 */
export function endJson(response: ServerResponse, body: unknown, statusCode?: number): void {
  if (statusCode !== undefined) response.statusCode = statusCode;
  const json = JSON.stringify(body);
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', Buffer.byteLength(json));
  response.end(json);
}
