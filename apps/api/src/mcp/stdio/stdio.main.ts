import { NestFactory } from '@nestjs/core';
import { ConfigError, createProcessLogger, exitAfterShutdownDeadline, nestLoggerOf } from '@forgesyte/engine';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pino from 'pino';
import { loadConfig } from '../../config/load-config';
import { McpServerFactory } from '../mcp-server.factory';
import { LOCAL_PRINCIPAL } from './local-principal';
import { McpStdioModule } from './mcp-stdio.module';

/**
 * The stdio MCP server, for desktop agents that start a local process (docs/mcp.md): JSON-RPC on
 * stdin and stdout, log lines on stderr. Configured from the environment like the API; needs no key.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // stdout carries the protocol: every log line goes to stderr.
  const log = createProcessLogger({ level: config.logLevel, destination: pino.destination({ dest: 2, sync: true }) });
  const app = await NestFactory.createApplicationContext(McpStdioModule.forRoot(config, log), { logger: nestLoggerOf(log), abortOnError: false });
  app.enableShutdownHooks();
  exitAfterShutdownDeadline(config.shutdownGraceMs);
  const server = app.get(McpServerFactory).create(() => LOCAL_PRINCIPAL);
  server.onclose = () => void app.close().then(() => process.exit(0));
  await server.connect(new StdioServerTransport());
  process.stdin.on('end', () => void server.close());
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Invalid configuration: ${error.message}` : String(error);
  process.stderr.write(`ForgeSyte MCP (stdio) failed to start: ${message}\n`);
  process.exit(1);
});
