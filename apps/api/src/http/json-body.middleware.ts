import { PayloadTooLargeError, RequestInvalidError, type ForgeSyteError } from '@forgesyte/errors';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { JsonLimits } from '../config/api-config';
import { drainUnreadBody } from './drain-unread-body';
import { JsonBodyParser } from './parse-json-body';

/** A body size limit: in bytes, as configured (`16mb`), and the variable that sets it. */
export interface BodyLimit {
  readonly bytes: number;
  readonly label: string;
  readonly setting: string;
}

/** Reads and parses the JSON body of one request under `limit`; hands every problem to `next` as a domain error. */
export type JsonBodyReader = (request: Request, response: Response, next: NextFunction, limit: BodyLimit) => void;

const JSON_TYPE = 'application/json';
/** A JSON Content-Type with parameters, and the charset one declares, if any. */
const JSON_WITH_PARAMETERS = /^\s*application\/json\s*;/i;
const DECLARED_CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * Reads an `application/json` body up to the route's limit (express.raw: a declared, bounded read;
 * gzip, deflate and br bodies are inflated within the limit) and parses it with {@link JsonBodyParser}.
 * A body over the limit is `PAYLOAD_TOO_LARGE`; other problems are `REQUEST_INVALID`. A body refused
 * before it is read (a declared length over the limit, a charset other than UTF-8) is never parsed
 * ({@link drainUnreadBody}). A request with no body, or another content type, is passed on
 * without one (the route says whether it needs a body).
 */
export function jsonBodyReader(json: JsonLimits): JsonBodyReader {
  const readers = new Map<number, RequestHandler>();
  const parser = new JsonBodyParser(json);
  return (request, response, next, limit) => {
    const refusal = refusalBeforeReading(request, limit);
    if (refusal !== undefined) {
      drainUnreadBody(request, response);
      return next(refusal);
    }
    let read = readers.get(limit.bytes);
    if (read === undefined) readers.set(limit.bytes, (read = express.raw({ limit: limit.bytes, type: JSON_TYPE })));
    read(request, response, (error?: unknown) => {
      if (error !== undefined && error !== null) return next(readError(error, limit));
      const bytes: unknown = request.body;
      if (!Buffer.isBuffer(bytes)) return next();
      try {
        request.body = parser.parse(bytes);
      } catch (parseError) {
        request.body = undefined;
        return next(parseError);
      }
      next();
    });
  };
}

function refusalBeforeReading(request: Request, limit: BodyLimit): ForgeSyteError | undefined {
  const { headers } = request;
  const declared = headers['content-length'];
  if (declared === undefined ? headers['transfer-encoding'] === undefined : declared === '0') return undefined;
  if (declared !== undefined && headers['content-encoding'] === undefined && Number(declared) > limit.bytes) {
    return new PayloadTooLargeError(limit.label, { setting: limit.setting });
  }
  const contentType = headers['content-type'];
  if (contentType === undefined || !contentType.includes(';') || !JSON_WITH_PARAMETERS.test(contentType)) return undefined;
  const charset = DECLARED_CHARSET.exec(contentType)?.[1].toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return new RequestInvalidError(`The request body must be UTF-8 JSON; it declares charset=${charset.slice(0, 32)}. Send it as UTF-8 (or declare no charset).`);
}

function readError(error: unknown, limit: BodyLimit): ForgeSyteError {
  switch ((error as { type?: unknown }).type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(limit.label, { setting: limit.setting, cause: error });
    case 'encoding.unsupported':
      return new RequestInvalidError('The request body has a Content-Encoding the server cannot read. Send it uncompressed, or as gzip, deflate or br.', { cause: error });
    default:
      return new RequestInvalidError('The request body could not be read. Send it again, complete, as JSON.', { cause: error });
  }
}
