import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/api-key-ring';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { jsonRpcError } from './json-rpc-error';
import { McpHttpTransport } from './mcp-http-transport';
import { McpServerFactory } from './mcp-server.factory';
import { McpToolCatalog } from './mcp-tool-catalog';

/** One MCP session: its server and transport, the key that opened it, when it last saw a request. */
interface McpSession {
  readonly id: string;
  readonly server: Server;
  readonly transport: McpHttpTransport;
  /** The caller of the latest request (the same key; its record may have changed since). */
  caller: Principal;
  lastSeen: number;
}

/** How often idle sessions are looked for, and callable plugins compared (for `notifications/tools/list_changed`). */
const SWEEP_MS = 1_000;

/**
 * The MCP sessions of this API process (Streamable HTTP, stateful): `initialize` opens one, bound to
 * the API key that sent it; every later request must come with its `Mcp-Session-Id` and the same key
 * (another key is answered as if the session did not exist). A session with no request for
 * `FORGESYTE_MCP_SESSION_IDLE_MS` is closed, and at most `FORGESYTE_MCP_MAX_SESSIONS` are kept (the least
 * recently used is closed for a new one). Sessions live in this process: behind a load balancer,
 * route a session's requests to one process (docs/mcp.md).
 */
@Injectable()
export class McpSessions implements OnApplicationShutdown {
  private readonly logger = new Logger('MCP');
  /** Least recently used first (a request moves its session to the end). */
  private readonly sessions = new Map<string, McpSession>();
  private sweeper: NodeJS.Timeout | undefined;
  private callablePlugins = '';

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly servers: McpServerFactory,
    private readonly catalog: McpToolCatalog,
  ) {}

  /** How many sessions are open. */
  get size(): number {
    return this.sessions.size;
  }

  /** Serves one request to `/mcp` of `caller` (authenticated, its Origin checked). Never throws. */
  async handle(request: Request, response: Response, caller: Principal): Promise<void> {
    try {
      const session = this.sessionOf(request, response, caller);
      if (session === undefined) return;
      session.transport.handle(request, response, request.body);
    } catch (error) {
      this.logger.warn(`MCP request failed: ${errorMessageOf(error)}`);
      if (!response.headersSent) jsonRpcError(response, 400, -32603, 'The MCP request could not be served. Send it again; if it fails again, open a new session (initialize).');
      else response.end();
    }
  }

  /** Closes every session (their open streams end). */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    await Promise.allSettled([...this.sessions.values()].map((session) => session.transport.close()));
    this.sessions.clear();
  }

  /** The session a request belongs to, a new one for `initialize`; undefined once the request was answered. */
  private sessionOf(request: Request, response: Response, caller: Principal): McpSession | undefined {
    const id = request.headers['mcp-session-id'];
    if (typeof id === 'string') {
      const session = this.sessions.get(id);
      if (session === undefined || session.caller.id !== caller.id) {
        jsonRpcError(response, 404, -32001, 'Session not found: it expired, was closed, or belongs to another API key. Open a new one with initialize (without Mcp-Session-Id).');
        return undefined;
      }
      session.caller = caller;
      session.lastSeen = Date.now();
      this.sessions.delete(id);
      this.sessions.set(id, session);
      return session;
    }
    if (request.method === 'POST' && isInitializeRequest(request.body)) return this.open(caller);
    jsonRpcError(response, 400, -32000, 'Bad Request: Mcp-Session-Id header is required. Send initialize first, then every request with the Mcp-Session-Id it answered.');
    return undefined;
  }

  private open(caller: Principal): McpSession {
    const id = randomUUID();
    const transport = new McpHttpTransport(() => id);
    const session: McpSession = { id, transport, caller, lastSeen: Date.now(), server: this.servers.create(() => session.caller) };
    transport.onclose = () => {
      if (this.sessions.get(id) === session) this.sessions.delete(id);
    };
    session.server.onerror = (error) => this.logger.debug(`MCP session ${id}: ${errorMessageOf(error)}`);
    // connect() only starts the transport, which has nothing to start.
    void session.server.connect(transport);
    while (this.sessions.size >= this.config.mcp.maxSessions) this.closeOldest();
    this.sessions.set(id, session);
    this.startSweeping();
    return session;
  }

  private closeOldest(): void {
    const oldest = this.sessions.values().next().value;
    if (oldest === undefined) return;
    this.sessions.delete(oldest.id);
    void oldest.transport.close();
  }

  private startSweeping(): void {
    if (this.sweeper !== undefined) return;
    this.callablePlugins = this.catalog.callablePlugins();
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Closes idle sessions; tells the others when the callable plugins changed (a breaker suspended or resumed one). */
  private sweep(): void {
    const idleSince = Date.now() - this.config.mcp.sessionIdleMs;
    for (const session of this.sessions.values()) {
      if (session.lastSeen >= idleSince) break;
      this.sessions.delete(session.id);
      void session.transport.close();
    }
    const callable = this.catalog.callablePlugins();
    if (callable !== this.callablePlugins) {
      this.callablePlugins = callable;
      for (const session of this.sessions.values()) session.server.sendToolListChanged().catch(() => undefined);
    }
    if (this.sessions.size === 0) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}
