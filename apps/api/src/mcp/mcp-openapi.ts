import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { buildEnvelope, OriginForbiddenError, PayloadTooLargeError, type ForgeSyteError } from '@forgesyte/errors';
import { noKeyError } from '../auth/authenticate';
import { ErrorEnvelopeResponse } from '../errors/error-envelope.response';
import { notAnObjectError } from '../http/parse-json-body';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from '../openapi/example-values';

/** A JSON-RPC 2.0 error that belongs to no request (`id: null`), as the MCP transport answers a refused HTTP request. */
const JSON_RPC_ERROR = {
  type: 'object',
  required: ['jsonrpc', 'error'],
  properties: {
    jsonrpc: { const: '2.0' },
    id: { type: ['string', 'integer', 'null'] },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: {} },
    },
  },
} as const;

const ENVELOPE = { $ref: `#/components/schemas/${ErrorEnvelopeResponse.name}` };
const ENVELOPE_OR_JSON_RPC = { oneOf: [ENVELOPE, JSON_RPC_ERROR] };
const SSE = { 'text/event-stream': { schema: { type: 'string', description: 'Server-Sent Events, each `event: message` with one JSON-RPC message as `data`.' } } };

/**
 * The answers of an MCP Streamable HTTP request (revision 2025-11-25): the transport's own (SSE streams,
 * JSON-RPC errors for a refused request) and the API's (the envelope: key, Origin, body limit).
 */
export function ApiMcpResponses(kind: 'post' | 'get' | 'delete'): MethodDecorator {
  const ok = {
    post: ApiResponse({
      status: 200,
      description: 'The JSON-RPC response of the request as an SSE stream, with its progress notifications before it (or as JSON). Its `Mcp-Session-Id` header names the session `initialize` opened.',
      content: { ...SSE, 'application/json': { schema: { type: 'object' } } },
    }),
    get: ApiResponse({ status: 200, description: "The session's stream of server messages (`notifications/tools/list_changed`), with keep-alive comments.", content: SSE }),
    delete: ApiResponse({ status: 200, description: 'The session is closed.' }),
  }[kind];
  return applyDecorators(
    ok,
    ...(kind === 'post' ? [ApiResponse({ status: 202, description: 'Notifications or responses accepted (no body).' })] : []),
    error(400, 'The envelope (`REQUEST_INVALID`: the body is not a JSON object, e.g. a batch, which revision 2025-11-25 does not allow), or a JSON-RPC error: an unsupported `MCP-Protocol-Version`, a missing `Mcp-Session-Id`, a message that is not JSON-RPC.', ENVELOPE_OR_JSON_RPC, envelope(notAnObjectError([]))),
    error(401, 'No API key, or an unknown one (`UNAUTHENTICATED`), with `WWW-Authenticate`.', ENVELOPE, envelope(noKeyError())),
    error(403, "The key has neither `plugins:read` nor `analyze`, or the request's `Origin` is not allowed (`FORBIDDEN`: DNS-rebinding protection).", ENVELOPE, envelope(new OriginForbiddenError('http://evil.example'))),
    error(404, 'The session does not exist (expired, closed, or opened by another key): a JSON-RPC error; open a new one with `initialize`.', JSON_RPC_ERROR, jsonRpc(-32001, 'Session not found')),
    error(406, 'The `Accept` header lacks `application/json` and `text/event-stream` (POST) or `text/event-stream` (GET).', JSON_RPC_ERROR, jsonRpc(-32000, 'Not Acceptable')),
    ...(kind === 'get' ? [error(409, 'The session already has its GET stream open.', JSON_RPC_ERROR, jsonRpc(-32000, 'Conflict: Only one SSE stream is allowed per session'))] : []),
    kind === 'post'
      ? error(413, 'The body is over `FORGESYTE_BODY_LIMIT` (`PAYLOAD_TOO_LARGE`).', ENVELOPE, envelope(new PayloadTooLargeError('16mb', { setting: 'FORGESYTE_BODY_LIMIT' })))
      : error(413, 'A body was sent over `FORGESYTE_SMALL_BODY_LIMIT` (`PAYLOAD_TOO_LARGE`).', ENVELOPE, envelope(new PayloadTooLargeError('64kb', { setting: 'FORGESYTE_SMALL_BODY_LIMIT' }))),
    ...(kind === 'post' ? [error(415, 'The body is not `application/json`.', JSON_RPC_ERROR, jsonRpc(-32000, 'Unsupported Media Type: Content-Type must be application/json'))] : []),
  );
}

function error(status: number, description: string, schema: object, example: object): MethodDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema, example } } });
}

function envelope(error: ForgeSyteError): object {
  return buildEnvelope(error, EXAMPLE_REQUEST_ID, EXAMPLE_TIME);
}

function jsonRpc(code: number, message: string): object {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}
