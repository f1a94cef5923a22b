import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_SSE_KEEP_ALIVE_MS } from '@modelcontextprotocol/sdk/server/sseKeepAlive.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { type JSONRPCMessage, JSONRPCMessageSchema, type MessageExtraInfo, type RequestId, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { jsonRpcError } from './json-rpc-error';

/** The one request a POST carried, and how its answer goes out: JSON while nothing came before it, else an SSE stream. */
interface Exchange {
  readonly id: RequestId;
  readonly response: ServerResponse;
  streaming: boolean;
  keepAlive: NodeJS.Timeout | undefined;
}

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } as const;
const KEEP_ALIVE = ': keepalive\n\n';

/**
 * The server side of one MCP session over Streamable HTTP (revision 2025-11-25), on Node's own
 * request and response: what the SDK's `StreamableHTTPServerTransport` does for this server, without
 * turning every request into a Web `Request` and every answer into a Web stream (which cost a
 * `tools/call` more than the governed call itself: docs/mcp.md).
 *
 * A POST carries one message (the API refuses batches before this). A notification or response is
 * answered 202. A request is answered with its response as JSON when nothing else for it comes first;
 * once a message related to it comes before its response (a progress notification), or it has run for
 * the keep-alive interval, the answer becomes an SSE stream that carries those messages, keep-alive
 * comments, and the response last. A client that reads nothing holds back no notifications: while its
 * socket is full they are dropped (progress is a hint; the response is always written). A GET opens the
 * session's stream of server messages (one at a time); DELETE closes the session. The session id and
 * the key behind it are checked by `McpSessions` before a request gets here.
 */
export class McpHttpTransport implements Transport {
  sessionId: string | undefined;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;

  /** Requests waiting for their response, by id. */
  private readonly exchanges = new Map<RequestId, Exchange>();
  /** The GET stream of server messages that belong to no request. */
  private standalone: { readonly response: ServerResponse; readonly keepAlive: NodeJS.Timeout | undefined } | undefined;
  private closed = false;

  constructor(
    private readonly newSessionId: () => string,
    private readonly keepAliveMs = DEFAULT_SSE_KEEP_ALIVE_MS,
  ) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Serves one HTTP request of this session; `body` is the POST's parsed JSON. Answers every request itself. */
  handle(request: IncomingMessage, response: ServerResponse, body: unknown): void {
    if (this.closed) return jsonRpcError(response, 404, -32001, 'Session not found');
    if (request.method === 'POST') return this.post(request, response, body);
    if (request.method === 'GET') return this.openStream(request, response);
    if (request.method === 'DELETE') return this.delete(request, response);
    response.setHeader('Allow', 'GET, POST, DELETE');
    jsonRpcError(response, 405, -32000, 'Method not allowed.');
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const isResponse = 'result' in message || 'error' in message;
    const requestId = isResponse ? message.id : options?.relatedRequestId;
    if (requestId === undefined) {
      if (this.standalone !== undefined) writeEvent(this.standalone.response, message);
      return Promise.resolve();
    }
    // Undefined when the request's client left: what belonged to it goes nowhere.
    const exchange = this.exchanges.get(requestId);
    if (exchange === undefined) return Promise.resolve();
    if (!isResponse) {
      this.stream(exchange);
      if (!exchange.response.writableNeedDrain) writeEvent(exchange.response, message);
      return Promise.resolve();
    }
    this.finish(exchange);
    if (exchange.streaming) {
      writeEvent(exchange.response, message);
      exchange.response.end();
    } else {
      exchange.response.writeHead(200, this.headers({ 'Content-Type': 'application/json' }));
      exchange.response.end(JSON.stringify(message));
    }
    return Promise.resolve();
  }

  /** Ends every open answer of the session (a request still running gets an error response) and its stream. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const exchange of [...this.exchanges.values()]) {
      void this.send({ jsonrpc: '2.0', id: exchange.id, error: { code: -32001, message: 'The MCP session was closed before this request was answered. Open a new session (initialize) and send it again.' } });
    }
    if (this.standalone !== undefined) {
      clearInterval(this.standalone.keepAlive);
      this.standalone.response.end();
      this.standalone = undefined;
    }
    this.onclose?.();
    return Promise.resolve();
  }

  private post(request: IncomingMessage, response: ServerResponse, body: unknown): void {
    const accept = request.headers.accept ?? '';
    if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
      return jsonRpcError(response, 406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
    }
    if (!isJsonContentType(request.headers['content-type'])) return jsonRpcError(response, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
    const parsed = JSONRPCMessageSchema.safeParse(body);
    if (!parsed.success) return jsonRpcError(response, 400, -32700, 'Parse error: Invalid JSON-RPC message');
    const message = parsed.data;
    const isRequest = 'method' in message && 'id' in message;
    if (isRequest && message.method === 'initialize') {
      if (this.sessionId !== undefined) return jsonRpcError(response, 400, -32600, 'Invalid Request: Server already initialized');
      this.sessionId = this.newSessionId();
    } else if (!this.acceptsSessionRequest(request, response)) {
      return;
    }
    const extra: MessageExtraInfo = { requestInfo: { headers: request.headers } };
    if (!isRequest) {
      response.writeHead(202).end();
      this.onmessage?.(message, extra);
      return;
    }
    if (this.exchanges.has(message.id)) return jsonRpcError(response, 409, -32600, `Invalid Request: a request with id ${JSON.stringify(message.id)} is still being answered in this session; give each request an id of its own.`);
    const exchange: Exchange = { id: message.id, response, streaming: false, keepAlive: undefined };
    exchange.keepAlive = setInterval(() => this.keepAlive(exchange), this.keepAliveMs).unref();
    this.exchanges.set(message.id, exchange);
    response.once('close', () => {
      if (this.exchanges.get(exchange.id) === exchange) this.finish(exchange);
    });
    this.onmessage?.(message, extra);
  }

  private openStream(request: IncomingMessage, response: ServerResponse): void {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) return jsonRpcError(response, 406, -32000, 'Not Acceptable: Client must accept text/event-stream');
    if (!this.acceptsSessionRequest(request, response)) return;
    if (this.standalone !== undefined) return jsonRpcError(response, 409, -32000, 'Conflict: Only one SSE stream is allowed per session');
    response.writeHead(200, this.headers(SSE_HEADERS));
    response.flushHeaders();
    const stream = { response, keepAlive: setInterval(() => response.write(KEEP_ALIVE), this.keepAliveMs).unref() };
    this.standalone = stream;
    response.once('close', () => {
      clearInterval(stream.keepAlive);
      if (this.standalone === stream) this.standalone = undefined;
    });
  }

  private delete(request: IncomingMessage, response: ServerResponse): void {
    if (!this.acceptsSessionRequest(request, response)) return;
    response.writeHead(200).end();
    void this.close();
  }

  /** Whether a request after `initialize` may be served: the session began, and its `MCP-Protocol-Version` (if sent) is supported; else answers it. */
  private acceptsSessionRequest(request: IncomingMessage, response: ServerResponse): boolean {
    if (this.sessionId === undefined) {
      jsonRpcError(response, 400, -32000, 'Bad Request: Server not initialized');
      return false;
    }
    const version = request.headers['mcp-protocol-version'];
    if (typeof version === 'string' && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      jsonRpcError(response, 400, -32000, `Bad Request: Unsupported protocol version: ${version} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
      return false;
    }
    return true;
  }

  /** Turns an exchange's answer into an SSE stream, if it is not one yet. */
  private stream(exchange: Exchange): void {
    if (exchange.streaming) return;
    exchange.streaming = true;
    exchange.response.writeHead(200, this.headers(SSE_HEADERS));
  }

  private keepAlive(exchange: Exchange): void {
    this.stream(exchange);
    exchange.response.write(KEEP_ALIVE);
  }

  private finish(exchange: Exchange): void {
    clearInterval(exchange.keepAlive);
    this.exchanges.delete(exchange.id);
  }

  private headers<T extends object>(headers: T): T & { 'Mcp-Session-Id'?: string } {
    return this.sessionId === undefined ? headers : { ...headers, 'Mcp-Session-Id': this.sessionId };
  }
}

/** Writes one JSON-RPC message as an SSE `message` event. */
function writeEvent(response: ServerResponse, message: JSONRPCMessage): void {
  response.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
}
