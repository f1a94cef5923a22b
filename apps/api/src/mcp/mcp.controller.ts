import { Controller, Delete, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { LargeBody } from '../http/large-body.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { ApiMcpResponses } from './mcp-openapi';
import { checkOrigin } from './mcp-origin';
import { McpSessions } from './mcp-sessions.service';

/**
 * The MCP server over Streamable HTTP (revision 2025-11-25; docs/mcp.md): `tools/list` and
 * `tools/call` as governed jobs. A key with `plugins:read` or `analyze` may open a session; each
 * operation checks its own scope (`tools/list`: `plugins:read`, `tools/call`: `analyze`).
 */
@ApiTags('mcp')
@ApiKeySecurity()
@Controller('mcp')
@RequireScope(['plugins:read', 'analyze'])
export class McpController {
  constructor(
    private readonly sessions: McpSessions,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @ApiOperation({ operationId: 'mcpPost', summary: 'Send an MCP message (JSON-RPC: initialize, tools/list, tools/call, notifications)' })
  @ApiMcpResponses('post')
  @Post()
  @LargeBody()
  post(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Principal): Promise<void> {
    return this.serve(request, response, caller);
  }

  @ApiOperation({ operationId: 'mcpStream', summary: "Open the MCP session's stream of server messages (SSE)" })
  @ApiMcpResponses('get')
  @Get()
  stream(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Principal): Promise<void> {
    return this.serve(request, response, caller);
  }

  @ApiOperation({ operationId: 'mcpClose', summary: 'Close an MCP session' })
  @ApiMcpResponses('delete')
  @Delete()
  close(@Req() request: Request, @Res() response: Response, @CurrentCaller() caller: Principal): Promise<void> {
    return this.serve(request, response, caller);
  }

  private serve(request: Request, response: Response, caller: Principal): Promise<void> {
    checkOrigin(request, this.config.mcp.allowedOrigins);
    return this.sessions.handle(request, response, caller);
  }
}
