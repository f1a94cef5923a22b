import { once } from 'node:events';
import { createServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { McpHttpTransport } from './mcp-http-transport';

const KEEP_ALIVE_MS = 300;
const PROTOCOL = '2025-11-25';
const HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': PROTOCOL };
/** One progress notification of the chatty tool carries this much text. */
const PROGRESS_TEXT = 'x'.repeat(64 * 1024);

/**
 * One MCP session served by {@link McpHttpTransport} on a real loopback HTTP server, with an SDK
 * `Server` whose tools answer at once (`quiet`), after one progress notification (`progress`), after
 * `ms` (`slow`), or after `count` progress notifications of 64 KiB (`chatty`).
 */
class TransportUnderTest {
  readonly transport = new McpHttpTransport(() => 'session-1', KEEP_ALIVE_MS);
  /** The server side of the latest POST (to look at what it holds in memory). */
  lastResponse: ServerResponse | undefined;
  private readonly http: HttpServer;

  private constructor() {
    const server = new Server({ name: 'transport-spec', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
      const args = (request.params.arguments ?? {}) as { ms?: number; count?: number };
      const token = request.params._meta?.progressToken;
      const notify = (progress: number, message?: string) =>
        token === undefined ? Promise.resolve() : extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, message } });
      if (request.params.name === 'progress') await notify(1);
      if (request.params.name === 'slow') await new Promise((resolve) => setTimeout(resolve, args.ms));
      if (request.params.name === 'chatty') for (let i = 1; i <= (args.count ?? 0); i += 1) await notify(i, PROGRESS_TEXT);
      return { content: [{ type: 'text', text: `${request.params.name} done` }] };
    });
    void server.connect(this.transport);
    this.http = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.lastResponse = response;
        const text = Buffer.concat(chunks).toString();
        this.transport.handle(request, response, text === '' ? undefined : JSON.parse(text));
      });
    });
  }

  static async start(): Promise<TransportUnderTest> {
    const under = new TransportUnderTest();
    under.http.listen(0, '127.0.0.1');
    await once(under.http, 'listening');
    const initialized = await under.post({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'spec', version: '1' } } });
    await initialized.text();
    return under;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  post(message: object, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.port}/mcp`, { method: 'POST', headers: { ...HEADERS, 'Mcp-Session-Id': 'session-1', ...headers }, body: JSON.stringify(message) });
  }

  async stop(): Promise<void> {
    await this.transport.close();
    this.http.closeAllConnections();
    this.http.close();
  }
}

function call(id: number, name: string, args: object = {}, progressToken?: string): object {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args, ...(progressToken && { _meta: { progressToken } }) } };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('the condition was not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The JSON-RPC messages of an SSE body, in order. */
function eventsOf(body: string): Array<{ id?: number; method?: string; result?: unknown; error?: { code: number } }> {
  return body
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as { id?: number });
}

describe('McpHttpTransport, on a real HTTP server', () => {
  let under: TransportUnderTest;

  beforeEach(async () => {
    under = await TransportUnderTest.start();
  });
  afterEach(() => under.stop());

  it('answers a request whose response comes first as JSON, with the session id', async () => {
    const response = await under.post(call(1, 'quiet'));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('mcp-session-id')).toBe('session-1');
    expect(await response.json()).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'quiet done' }] } });
  });

  it('turns the answer into an SSE stream when a notification comes before the response, the response last', async () => {
    const response = await under.post(call(2, 'progress', {}, 'token-2'));

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = eventsOf(await response.text());
    expect(events.map((event) => event.method ?? `response ${event.id}`)).toEqual(['notifications/progress', 'response 2']);
  });

  it('keeps a long call alive: past the keep-alive interval the answer becomes a stream with keep-alive comments', async () => {
    const response = await under.post(call(3, 'slow', { ms: KEEP_ALIVE_MS * 3.5 }));

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const body = await response.text();
    expect(body.match(/^: keepalive$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(eventsOf(body)).toEqual([expect.objectContaining({ id: 3, result: expect.anything() })]);
  });

  it('answers 202 to a notification, and 409 to a request whose id is still being answered', async () => {
    const notification = await under.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(notification.status).toBe(202);

    const first = under.post(call(4, 'slow', { ms: 200 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await under.post(call(4, 'quiet'));

    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toContain('give each request an id of its own');
    expect(await (await first).json()).toMatchObject({ id: 4, result: { content: [{ text: 'slow done' }] } });
  });

  it('refuses what the Streamable HTTP transport must refuse, as the SDK does', async () => {
    const cases: Array<[Record<string, string>, object, number, string]> = [
      [{ Accept: 'application/json' }, call(5, 'quiet'), 406, 'Not Acceptable'],
      [{ 'Content-Type': 'text/plain' }, call(6, 'quiet'), 415, 'Unsupported Media Type'],
      [{ 'MCP-Protocol-Version': '1999-01-01' }, call(7, 'quiet'), 400, 'Unsupported protocol version'],
      [{}, { hello: 'world' }, 400, 'Invalid JSON-RPC message'],
      [{}, { jsonrpc: '2.0', id: 8, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'again', version: '1' } } }, 400, 'already initialized'],
    ];
    for (const [headers, message, status, text] of cases) {
      const response = await under.post(message, headers);
      expect({ status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message }).toEqual({ status, message: expect.stringContaining(text) });
    }
  });

  it('answers a request still running when the session closes with an error response, and nothing after', async () => {
    const running = under.post(call(9, 'slow', { ms: 300 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await under.transport.close();

    expect(await (await running).json()).toMatchObject({ id: 9, error: { code: -32001, message: expect.stringContaining('Open a new session') } });
    const after = await under.post(call(10, 'quiet'));
    expect(after.status).toBe(404);
    await after.text();
  });

  it('holds back no notifications for a client that reads nothing, and still delivers the response last', async () => {
    const count = 400; // 25 MiB of progress
    const socket = connect(under.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.pause();
    const body = JSON.stringify(call(11, 'chatty', { count }, 'token-11'));
    socket.write(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nMcp-Session-Id: session-1\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // What the server holds for this client: about one notification beyond the socket's buffers, not 25 MiB.
    expect(under.lastResponse?.writableLength).toBeLessThan(4 * PROGRESS_TEXT.length);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.resume();
    await waitUntil(() => received.includes('chatty done'));
    socket.destroy();
    const events = eventsOf(received);
    expect(events.length).toBeLessThan(count);
    expect(events.at(-1)).toMatchObject({ id: 11, result: { content: [{ text: 'chatty done' }] } });
  });
});
