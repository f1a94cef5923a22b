import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@forgesyte/errors';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/api-key-ring';
import { InvalidCursorError, McpToolCatalog } from './mcp-tool-catalog';
import { McpToolCalls } from './mcp-tool-calls.service';

/** How the server names itself to MCP clients. */
export const MCP_SERVER_INFO = { name: 'forgesyte', title: 'ForgeSyte', version: '0.1.0' } as const;

/** What the server tells a client at `initialize`. */
const INSTRUCTIONS =
  'ForgeSyte runs analysis tools (OCR, image inspection, detectors) as governed jobs. Tools are named <plugin>.<tool>; ' +
  'each call is a job with a deadline, visible in GET /v1/analyze-execution/jobs. A failed call is a result with isError and the error envelope.';

/**
 * Makes the MCP server of one connection (an HTTP session, or the stdio process): the SDK's low-level
 * `Server` with ForgeSyte's own `tools/list` and `tools/call` handlers, so that the ToolRunner's schema
 * checks are the only validation of a tool's arguments. `callerOf` says who makes each request.
 */
@Injectable()
export class McpServerFactory {
  constructor(
    private readonly catalog: McpToolCatalog,
    private readonly calls: McpToolCalls,
  ) {}

  create(callerOf: () => Principal): Server {
    const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: { listChanged: true } }, instructions: INSTRUCTIONS });
    server.setRequestHandler(ListToolsRequestSchema, (request) => {
      const caller = callerOf();
      if (!caller.scopes.has('plugins:read')) throw forbidden(new ForbiddenError('plugins:read'));
      try {
        return this.catalog.page(caller, request.params?.cursor);
      } catch (error) {
        if (error instanceof InvalidCursorError) throw new McpError(ErrorCode.InvalidParams, error.message);
        throw error;
      }
    });
    server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
      const token = request.params._meta?.progressToken;
      return this.calls.call(callerOf(), request.params.name, request.params.arguments, {
        signal: extra.signal,
        progress: token === undefined ? undefined : { token, send: (notification) => extra.sendNotification(notification) },
      });
    });
    return server;
  }
}

/** A refusal as a JSON-RPC error: the envelope's `error` is its `data`. */
function forbidden(error: ForbiddenError): McpError {
  return new McpError(ErrorCode.InvalidRequest, error.message, { error: error.toBody() });
}
