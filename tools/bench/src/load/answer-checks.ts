/**
 * The JSON-RPC message of an MCP Streamable HTTP answer: the body itself when it is JSON, else the
 * last `data:` line of its `text/event-stream` events (the response, after any notifications sent
 * on the same stream). Undefined when there is none or it is not JSON.
 */
export function jsonRpcMessageOf(body: string): unknown {
  const trimmed = body.trimStart();
  const text = trimmed.startsWith('{') ? trimmed : lastDataLine(body);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether an answer to `tools/call` is a tool result that is not an error: `result` without `isError`, with `structuredContent`. */
export function isToolCallSuccess(body: string): boolean {
  const message = jsonRpcMessageOf(body);
  if (!isObject(message) || !isObject(message.result)) return false;
  return message.result.isError !== true && isObject(message.result.structuredContent);
}

/** Whether an answer to `POST /v1/analyze-execution` is a sync result: JSON whose `status` is `success`. */
export function isAnalyzeSuccess(body: string): boolean {
  try {
    const answer = JSON.parse(body) as unknown;
    return isObject(answer) && answer.status === 'success';
  } catch {
    return false;
  }
}

function lastDataLine(body: string): string | undefined {
  const lines = body.split(/\r\n|\r|\n/);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (lines[i].startsWith('data:')) return lines[i].slice(lines[i][5] === ' ' ? 6 : 5);
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
