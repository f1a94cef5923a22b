import { BENCH_API_KEY } from '../bench-config';
import { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';
import type { HttpTarget } from './http-target';
import { isToolCallSuccess, jsonRpcMessageOf } from './answer-checks';

/** The MCP revision the bench speaks (the one the server targets). */
export const MCP_PROTOCOL_VERSION = '2025-11-25';

/** Headers of every MCP request of the bench: JSON, both answer types, the bench key. */
const MCP_HEADERS = Object.freeze({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'x-api-key': BENCH_API_KEY,
});

/** The no-op tool's MCP name. */
export const BENCH_MCP_TOOL = `${BENCH_PLUGIN}.${BENCH_TOOL}`;

/**
 * Opens an MCP session on the Streamable HTTP endpoint at `{baseUrl}/mcp` as a client does once:
 * `initialize`, then `notifications/initialized`. Resolves with its `Mcp-Session-Id`.
 */
export async function openMcpSession(baseUrl: string): Promise<string> {
  const initialize = { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'forgesyte-bench', version: '1.0.0' } };
  const opened = await fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: MCP_HEADERS,
    body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: initialize }),
  });
  const answer = await opened.text();
  const sessionId = opened.headers.get('mcp-session-id');
  const message = jsonRpcMessageOf(answer);
  if (!opened.ok || sessionId === null || typeof message !== 'object' || message === null || !('result' in message)) {
    throw new Error(`MCP initialize at ${baseUrl}/mcp answered ${opened.status} (session ${sessionId ?? 'none'}): ${answer}`);
  }
  const initialized = await fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: sessionHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  if (initialized.status !== 202) throw new Error(`MCP notifications/initialized answered ${initialized.status}: ${await initialized.text()}`);
  return sessionId;
}

/** Closes an MCP session (`DELETE /mcp`); a failure is ignored (the server closes idle sessions anyway). */
export async function closeMcpSession(baseUrl: string, sessionId: string): Promise<void> {
  await fetch(`${baseUrl}/mcp`, { method: 'DELETE', headers: sessionHeaders(sessionId) }).then(
    (response) => response.body?.cancel(),
    () => undefined,
  );
}

/**
 * A raw JSON-RPC `tools/call` of the no-op tool with {@link BENCH_ARGS}, in session `sessionId`, each
 * request with an id of its own (the session's transport routes each answer by its request's id); an answer counts as a success only when it is a tool result without
 * `isError`.
 */
export function mcpToolCallTarget(label: string, baseUrl: string, sessionId: string): HttpTarget {
  const params = JSON.stringify({ name: BENCH_MCP_TOOL, arguments: BENCH_ARGS });
  let id = 0;
  const nextBody = (): string => `{"jsonrpc":"2.0","id":${(id += 1)},"method":"tools/call","params":${params}}`;
  return { label, url: `${baseUrl}/mcp`, method: 'POST', headers: sessionHeaders(sessionId), body: nextBody(), nextBody, verifyBody: isToolCallSuccess };
}

function sessionHeaders(sessionId: string): Record<string, string> {
  return { ...MCP_HEADERS, 'mcp-protocol-version': MCP_PROTOCOL_VERSION, 'mcp-session-id': sessionId };
}
