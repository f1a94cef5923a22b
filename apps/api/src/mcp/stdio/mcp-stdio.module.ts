import { type DynamicModule, Module } from '@nestjs/common';
import { EngineModule } from '@forgesyte/engine';
import { SHIPPED_PLUGINS } from '@forgesyte/shipped-plugins';
import type { Logger } from 'pino';
import { CallPermission } from '../../auth/call-permission';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { MCP_PROVIDERS } from '../mcp-providers';

/**
 * The stdio MCP server's application (no HTTP): the same engine, configured from the same environment
 * as the API (plugins, job store, deadlines), and the same MCP parts, so that every `tools/call` is a
 * governed job exactly as over `/mcp`.
 */
@Module({})
export class McpStdioModule {
  static forRoot(config: ApiConfig, log: Logger): DynamicModule {
    return {
      module: McpStdioModule,
      imports: [EngineModule.forRoot(config, { shipped: SHIPPED_PLUGINS, role: 'api', log })],
      providers: [{ provide: API_CONFIG, useValue: config }, CallPermission, ...MCP_PROVIDERS],
    };
  }
}
