import { buildEnvelope, type ForgeSyteError, RequestInvalidError } from '@forgesyte/errors';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { REQUEST_ID_HEADER } from './request-id';

/** How long a refused connection keeps reading (and discarding) after its answer, so that the answer is not lost to a reset. */
const LINGER_MS = 1000;

/** Sockets already answered and closing. */
const answered = new WeakSet<Duplex>();

/** A Node client error: `code` is llhttp's (`HPE_*`) or Node's (`ERR_HTTP_REQUEST_TIMEOUT`). */
type ClientError = Error & { readonly code?: string };

/** What the caller did wrong, by parser error code, when it is not a plain malformed request. */
const REASONS: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: 'its method is not an HTTP method. Use GET, POST or DELETE',
  HPE_INVALID_HEADER_TOKEN: 'a header has a character headers may not hold (a control byte, a space in a name). Remove it',
  HPE_INVALID_URL: 'its request line has an invalid path. Percent-encode the path',
  HPE_INVALID_VERSION: 'its request line has no valid HTTP version. Send HTTP/1.1',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it declares both Transfer-Encoding and Content-Length. Send one of them',
  HPE_INVALID_TRANSFER_ENCODING: 'its Transfer-Encoding is invalid or conflicts with Content-Length. Send chunked alone, or only Content-Length',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is invalid or given twice. Send one decimal Content-Length',
  HPE_INVALID_CHUNK_SIZE: 'a chunk of its body has an invalid size. Send a valid chunked body',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'its chunk extensions are too long. Send chunks without extensions',
};

/**
 * Answers what Node's HTTP parser refuses before a request reaches the app (`clientError`), with the
 * error envelope and the status Node would use: 431 for headers past the limit, 408 for a request not
 * received within `FORGESYTE_REQUEST_TIMEOUT_MS`, 400 for the rest (an unknown method, a bad request
 * line, control bytes in a header, conflicting Transfer-Encoding and Content-Length). Written on the
 * socket itself, as no response object exists; skipped when part of another response was already
 * written (the bytes would corrupt it). The socket is then half-closed and kept reading for a moment, so
 * that the caller's unread bytes do not reset the connection before it reads the answer.
 */
export function answerClientError(error: ClientError, socket: Duplex): void {
  // The parser reports again each time more bytes arrive on a socket that is already being answered.
  if (answered.has(socket)) return;
  // The response in progress on this socket, if any: Node's own default handler looks at the same field.
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const requestId = inFlight?.getHeader(REQUEST_ID_HEADER);
  const [status, refusal] = statusAndError(error);
  answerAndClose(socket, status, refusal, typeof requestId === 'string' ? requestId : undefined);
}

/** Answers a `CONNECT` request (Node's `connect` event; without a listener Node drops the socket silently): the API is not a proxy. */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  answerAndClose(socket, 400, new RequestInvalidError('CONNECT is not supported: this server is not a proxy. Call its routes with GET, POST or DELETE.'), undefined);
}

/**
 * Answers a request whose `Expect` header is not `100-continue` (Node's `checkExpectation` event; without
 * a listener Node answers a bare 417 with no body): 417 with the envelope.
 */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const id = randomUUID();
  const body = JSON.stringify(buildEnvelope(unmetExpectationError(request.headers.expect), id));
  response.shouldKeepAlive = false;
  response.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), [REQUEST_ID_HEADER]: id, Connection: 'close' });
  response.end(body);
  request.resume();
}

/** The error of a request whose `Expect` header (`expect`) the server cannot meet. */
export function unmetExpectationError(expect: unknown): ForgeSyteError {
  return new RequestInvalidError(`The Expect header '${String(expect).slice(0, 64)}' cannot be met: the server supports only Expect: 100-continue. Remove the header.`);
}

/** The status and error {@link answerClientError} answers a Node client error with (its `code`: `HPE_HEADER_OVERFLOW`…). */
export function statusAndError(error: ClientError): [number, ForgeSyteError] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, new RequestInvalidError('The request headers are larger than the server accepts (16 kB in all). Send fewer or shorter headers.')];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        408,
        new RequestInvalidError('The request was not received in full in time (FORGESYTE_REQUEST_TIMEOUT_MS, FORGESYTE_HEADERS_TIMEOUT_MS). Send it again, without pauses.', { retryable: true }),
      ];
    default: {
      const reason = (error.code !== undefined && REASONS[error.code]) || 'it is not valid HTTP/1.1. Check the request line and headers';
      return [400, new RequestInvalidError(`The request could not be read: ${reason}.`, { details: { reason: error.code ?? 'malformed' } })];
    }
  }
}

function answerAndClose(socket: Duplex, status: number, error: ForgeSyteError, requestId: string | undefined): void {
  answered.add(socket);
  const id = requestId ?? randomUUID();
  const body = JSON.stringify(buildEnvelope(error, id));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
  socket.on('error', () => socket.destroy());
  socket.resume();
}
