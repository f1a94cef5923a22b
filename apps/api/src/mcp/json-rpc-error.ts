import type { ServerResponse } from 'node:http';

/** Answers a JSON-RPC error that belongs to no request (`id: null`), as the SDK's transport does for a refused HTTP request. */
export function jsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
