import { isAnalyzeSuccess, isToolCallSuccess, jsonRpcMessageOf } from './answer-checks';

const RESULT = { jsonrpc: '2.0', id: 'a1', result: { content: [{ type: 'text', text: '{"count":0}' }], structuredContent: { count: 0 } } };
const sse = (...messages: unknown[]): string => messages.map((message) => `event: message\ndata: ${JSON.stringify(message)}\n\n`).join('');

describe(jsonRpcMessageOf.name, () => {
  it('reads a JSON body, and the last data line of an event stream (the response after notifications)', () => {
    const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 0.5 } };

    expect(jsonRpcMessageOf(JSON.stringify(RESULT))).toEqual(RESULT);
    expect(jsonRpcMessageOf(sse(progress, RESULT))).toEqual(RESULT);
    expect(jsonRpcMessageOf(`data:${JSON.stringify(RESULT)}\r\n\r\n`)).toEqual(RESULT);
  });

  it('is undefined for a body that holds no JSON-RPC message', () => {
    expect(jsonRpcMessageOf('')).toBeUndefined();
    expect(jsonRpcMessageOf('event: message\ndata: {not json\n\n')).toBeUndefined();
  });
});

describe(isToolCallSuccess.name, () => {
  it('accepts a tool result with structuredContent and no isError', () => {
    expect(isToolCallSuccess(sse(RESULT))).toBe(true);
  });

  it('refuses an isError result, a JSON-RPC error and a result without structured content', () => {
    const isError = { ...RESULT, result: { content: [{ type: 'text', text: '{"error":{}}' }], isError: true } };
    const rpcError = { jsonrpc: '2.0', id: 'a1', error: { code: -32602, message: 'Unknown tool' } };
    const textOnly = { ...RESULT, result: { content: [] } };

    expect([isError, rpcError, textOnly].map((message) => isToolCallSuccess(sse(message)))).toEqual([false, false, false]);
  });
});

describe(isAnalyzeSuccess.name, () => {
  it('accepts a sync result whose status is success, and nothing else', () => {
    expect(isAnalyzeSuccess('{"job_id":"j","status":"success","result":{}}')).toBe(true);
    expect(isAnalyzeSuccess('{"error":{"code":"INPUT_INVALID"}}')).toBe(false);
    expect(isAnalyzeSuccess('<html>')).toBe(false);
  });
});
