import type { Provider } from '@nestjs/common';
import { McpServerFactory } from './mcp-server.factory';
import { McpToolCatalog } from './mcp-tool-catalog';
import { McpToolCalls } from './mcp-tool-calls.service';

/**
 * The MCP server's parts both transports share (the HTTP app and the stdio entry): the tool catalog,
 * governed tool calls and the server factory. They need the engine's registry and
 * `AnalysisExecutionService`, and `CallPermission`, in the same module.
 */
export const MCP_PROVIDERS: readonly Provider[] = [McpToolCatalog, McpToolCalls, McpServerFactory];
