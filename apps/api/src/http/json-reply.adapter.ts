import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { endJson, isConditionalMethod } from './json-answer';

/** Statuses whose answers Express strips of their body. */
const BODILESS_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

/**
 * Nest's Express adapter, with the JSON answer of a POST, PUT, PATCH or DELETE written straight to the
 * response: the same status, body bytes, `Content-Type: application/json; charset=utf-8` and
 * `Content-Length` as Express's `res.json`, without what `res.json` does besides for such an answer:
 * parse and re-format the Content-Type it has just set, hash the body with SHA-1 for an ETag that no
 * client of a POST can use, and check freshness, which is never true for these methods. In a profile of
 * the analyze route that was about a tenth of the server's CPU per request.
 *
 * Every other answer takes Nest's and Express's path unchanged: GET and HEAD (where an ETag and
 * `If-None-Match` can matter), a body that is not a JSON object or array (a file, a buffer, a stream, a
 * string), a handler that set its own Content-Type or Transfer-Encoding, and the statuses without a
 * body (204, 205, 304).
 */
export class JsonReplyExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (!answersDirectly(response, body, statusCode)) return super.reply(response, body, statusCode);
    endJson(response, body, statusCode);
    return response;
  }
}

function answersDirectly(response: Response, body: unknown, statusCode: number | undefined): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !isConditionalMethod(response.req.method) &&
    !BODILESS_STATUSES.has(statusCode ?? response.statusCode) &&
    !(body instanceof StreamableFile) &&
    !ArrayBuffer.isView(body) &&
    typeof (body as { pipe?: unknown }).pipe !== 'function' &&
    response.getHeader('Content-Type') === undefined &&
    response.getHeader('Transfer-Encoding') === undefined
  );
}
