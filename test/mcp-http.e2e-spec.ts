import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type ProgressNotification } from '@modelcontextprotocol/sdk/types.js';
import type { AddressInfo } from 'node:net';
import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';

/** A job as `GET /v1/analyze-execution/jobs/{id}` answers it (the fields read here). */
interface JobJson {
  readonly job_id: string;
  readonly mode: string;
  readonly status: string;
  readonly plugin: string;
  readonly tool: string;
}

jest.setTimeout(20_000);

describe('MCP over Streamable HTTP (/mcp)', () => {
  let api: E2eApp;
  let base: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startApp();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);

  // Closing a client ends its GET stream, which the contract check would otherwise wait on.
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((client) => client.close()));
  });

  afterAll(() => api.close());

  /** A connected SDK client sending `headers` (the admin key unless told). */
  async function connect(headers: Record<string, string> = { 'X-API-Key': ADMIN_KEY }): Promise<Client> {
    const client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  async function job(id: string): Promise<JobJson> {
    const response = await fetch(`${base}/v1/analyze-execution/jobs/${id}`, { headers: { 'X-API-Key': ADMIN_KEY } });
    expect(response.status).toBe(200);
    return (await response.json()) as JobJson;
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (done(value) || attempt > 100) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('negotiates revision 2025-11-25 and says it has tools that can change', async () => {
    const client = await connect();
    expect(LATEST_PROTOCOL_VERSION).toBe('2025-11-25');
    expect(client.getServerVersion()?.name).toBe('forgesyte');
    expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
  });

  it('lists every tool of every callable plugin as <plugin>.<tool>, with the schemas verbatim', async () => {
    const client = await connect();
    const { tools, nextCursor } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(nextCursor).toBeUndefined();
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['echo.echo', 'echo.shout', 'slow-progress.count', 'abortable.wait']));
    // init-throws is UNAVAILABLE: not callable, not listed.
    expect(names.some((name) => name.startsWith('init-throws.'))).toBe(false);
    const messageSchema = { type: 'object', additionalProperties: false, required: ['message'], properties: { message: { type: 'string', maxLength: 1000 } } };
    expect(tools.find((tool) => tool.name === 'echo.shout')).toEqual({
      name: 'echo.shout',
      description: 'Returns the message in capitals.',
      inputSchema: messageSchema,
      outputSchema: messageSchema,
    });
  });

  it('refuses a cursor it did not hand out with -32602', async () => {
    const client = await connect();
    await expect(client.listTools({ cursor: 'not-a-cursor!' })).rejects.toMatchObject({ code: -32602 });
  });

  it('runs a call as a governed job of mode mcp owned by the key: structuredContent and the same JSON as text', async () => {
    const client = await connect({ Authorization: `Bearer ${USER_KEY}` });
    const result = await client.callTool({ name: 'echo.shout', arguments: { message: 'hi' } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ message: 'HI' });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify({ message: 'HI' }) }]);
    const { job_id: jobId } = (result._meta as Record<string, { job_id: string }>)['forgesyte/job'];
    expect(await job(jobId)).toMatchObject({ job_id: jobId, mode: 'mcp', status: 'success', plugin: 'echo', tool: 'shout' });
    const mine = await fetch(`${base}/v1/analyze-execution/jobs?limit=5`, { headers: { 'X-API-Key': USER_KEY } });
    expect(((await mine.json()) as { jobs: JobJson[] }).jobs.map((listed) => listed.job_id)).toContain(jobId);
  });

  it('answers bad arguments with an isError result carrying INPUT_INVALID, never structuredContent', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'echo.echo', arguments: { message: 42 } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const error = (result._meta as Record<string, { code: string; job_id: string; retryable: boolean }>)['forgesyte/error'];
    expect(error).toMatchObject({ code: 'INPUT_INVALID', retryable: false });
    expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toEqual({ error });
    expect(await job(error.job_id)).toMatchObject({ mode: 'mcp', status: 'failed' });
  });

  it('answers a plugin failure with an isError result carrying PLUGIN_ERROR and the job id', async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'thrower.boom', arguments: {} });
    expect(result.isError).toBe(true);
    const error = (result._meta as Record<string, { code: string; job_id: string; message: string }>)['forgesyte/error'];
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'thrower', tool: 'boom' });
    expect(error.message).toContain('kaboom');
    expect(await job(error.job_id)).toMatchObject({ status: 'failed' });
  });

  it('answers a tool it does not have with JSON-RPC error -32602', async () => {
    const client = await connect();
    await expect(client.callTool({ name: 'echo.whisper', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    await expect(client.callTool({ name: 'nothing', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it('turns ctx.progress into increasing progress notifications, all before the result', async () => {
    const client = await connect();
    const seen: Array<Omit<ProgressNotification['params'], 'progressToken'>> = [];
    const result = await client.callTool({ name: 'slow-progress.count', arguments: { steps: 4, delay_ms: 5 } }, undefined, {
      onprogress: (progress) => seen.push(progress),
    });
    expect(result.structuredContent).toEqual({ steps: 4 });
    expect(seen.map((progress) => progress.progress)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(seen[0]).toMatchObject({ total: 1, message: 'step 1 of 4' });
  });

  it('cancels the job on notifications/cancelled: it ends cancelled and no result is sent', async () => {
    const client = await connect();
    const controller = new AbortController();
    const call = client.callTool({ name: 'abortable.wait', arguments: {} }, undefined, { signal: controller.signal });
    const running = await eventually(
      async () => (await fetch(`${base}/v1/analyze-execution/jobs?plugin=abortable&status=running`, { headers: { 'X-API-Key': ADMIN_KEY } }).then((r) => r.json())) as { jobs: JobJson[] },
      (page) => page.jobs.length > 0,
    );
    expect(running.jobs).toHaveLength(1);
    controller.abort('changed my mind');
    await expect(call).rejects.toThrow();
    const cancelled = await eventually(() => job(running.jobs[0].job_id), (found) => found.status !== 'running');
    expect(cancelled).toMatchObject({ mode: 'mcp', status: 'cancelled' });
  });

  it('lists nothing and calls nothing outside a key allow-list', async () => {
    const created = await fetch(`${base}/v1/keys`, {
      method: 'POST',
      headers: { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'mcp-echo', scopes: ['analyze', 'plugins:read'], tools: ['echo.shout'] }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const client = await connect({ 'X-API-Key': key });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo.shout']);
    const refused = await client.callTool({ name: 'echo.echo', arguments: { message: 'x' } });
    expect(refused.isError).toBe(true);
    expect((refused._meta as Record<string, { code: string }>)['forgesyte/error'].code).toBe('FORBIDDEN');
  });

  it('answers 500 concurrent tool calls each with a result (success or isError with a code), stays healthy, and leaves every job finished', async () => {
    const client = await connect();
    const calls = Array.from({ length: 500 }, (_, n) =>
      n % 2 === 0 ? client.callTool({ name: 'slow-progress.count', arguments: { steps: 2, delay_ms: 10 } }) : client.callTool({ name: 'echo.shout', arguments: { message: `call ${n}` } }),
    );

    const settled = await Promise.allSettled(calls);

    const refused = settled.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toEqual([]);
    const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<Awaited<(typeof calls)[number]>>).value);
    const codes = results.map((result) => (result.isError === true ? (result._meta as Record<string, { code: string }>)['forgesyte/error'].code : 'success'));
    expect(codes.filter((code) => code === 'success').length).toBeGreaterThan(0);
    // A call the server could not take at once is refused as the HTTP API refuses it, never lost.
    expect(new Set(codes.filter((code) => code !== 'success'))).toEqual(new Set(codes.includes('OVERLOADED') ? ['OVERLOADED'] : []));
    expect((await fetch(`${base}/v1/health`)).status).toBe(200);
    const jobIds = results.flatMap((result) => {
      const meta = result._meta as Record<string, { job_id?: string } | undefined>;
      return [meta['forgesyte/job']?.job_id ?? meta['forgesyte/error']?.job_id].filter((id): id is string => id !== undefined && id !== null);
    });
    expect(jobIds.length).toBeGreaterThan(0);
    const statuses = await Promise.all(jobIds.map(async (id) => (await job(id)).status));
    expect(statuses.filter((status) => status === 'pending' || status === 'running')).toEqual([]);
  }, 60_000);

  describe('at the HTTP edge', () => {
    const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
    const ACCEPT = 'application/json, text/event-stream';

    async function post(body: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<globalThis.Response> {
      return fetch(`${base}/mcp`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: ACCEPT, 'X-API-Key': ADMIN_KEY, ...headers }, body, signal });
    }

    async function session(): Promise<string> {
      const response = await post(JSON.stringify(INITIALIZE));
      expect(response.status).toBe(200);
      await response.text();
      return response.headers.get('mcp-session-id') as string;
    }

    it('answers a request without a key 401 with WWW-Authenticate and the envelope', async () => {
      const response = await post(JSON.stringify(INITIALIZE), { 'X-API-Key': '' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a key with neither plugins:read nor analyze (403)', async () => {
      const created = await fetch(`${base}/v1/keys`, {
        method: 'POST',
        headers: { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'jobs-reader', scopes: ['jobs:read'] }),
      });
      const { key } = (await created.json()) as { key: string };
      const response = await post(JSON.stringify(INITIALIZE), { 'X-API-Key': key });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    });

    it('refuses a foreign Origin with 403 (DNS-rebinding protection) and serves a loopback one', async () => {
      const foreign = await post(JSON.stringify(INITIALIZE), { Origin: 'http://evil.example' });
      expect(foreign.status).toBe(403);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      const local = await post(JSON.stringify(INITIALIZE), { Origin: 'http://localhost:5173' });
      expect(local.status).toBe(200);
      await local.text();
    });

    it('refuses an unsupported MCP-Protocol-Version with 400', async () => {
      const id = await session();
      const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '1999-01-01' });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: number; message: string } }).error.message).toContain('Unsupported protocol version');
    });

    it('refuses a batch and malformed JSON with 400, and answers an unknown method with -32601', async () => {
      const id = await session();
      const batch = await post(JSON.stringify([{ jsonrpc: '2.0', id: 2, method: 'tools/list' }]), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' });
      expect(batch.status).toBe(400);
      await batch.text();
      const malformed = await post('{"jsonrpc": "2.0", ', { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' });
      expect(malformed.status).toBe(400);
      await malformed.text();
      const notRpc = await post(JSON.stringify({ hello: 'world' }), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' });
      expect(notRpc.status).toBe(400);
      expect(((await notRpc.json()) as { error: { code: number } }).error.code).toBe(-32700);
      const unknown = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'resources/list' }), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' });
      expect(unknown.status).toBe(200);
      expect(await unknown.text()).toContain('"code":-32601');
    });

    it('binds a session to the key that opened it, and closes it on DELETE', async () => {
      const id = await session();
      const stolen = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25', 'X-API-Key': USER_KEY });
      expect(stolen.status).toBe(404);
      await stolen.text();
      const closed = await fetch(`${base}/mcp`, { method: 'DELETE', headers: { 'X-API-Key': ADMIN_KEY, 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' } });
      expect(closed.status).toBe(200);
      await closed.text();
      const gone = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }), { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' });
      expect(gone.status).toBe(404);
      await gone.text();
    });

    it("answers a call of an UNAVAILABLE plugin's tool with an isError result (PLUGIN_UNAVAILABLE, its job recorded), and a body over FORGESYTE_BODY_LIMIT with 413", async () => {
      const id = await session();
      const headers = { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' };
      const unavailable = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'init-throws.noop', arguments: {} } }), headers);
      expect(unavailable.status).toBe(200);
      expect(await unavailable.json()).toMatchObject({
        id: 2,
        result: { isError: true, _meta: { 'forgesyte/error': { code: 'PLUGIN_UNAVAILABLE', plugin: 'init-throws', retryable: false, job_id: expect.any(String) } } },
      });

      const huge = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo.echo', arguments: { message: 'x'.repeat(17 * 1024 * 1024) } } }), headers);
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('lets a call whose client went away run to its end as a job, ignores a cancel of an id it never saw, and serves the next call', async () => {
      const id = await session();
      const headers = { 'Mcp-Session-Id': id, 'MCP-Protocol-Version': '2025-11-25' };
      const leaving = new AbortController();
      const left = post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow-progress.count', arguments: { steps: 4, delay_ms: 100 } } }), headers, leaving.signal);
      const running = await eventually(
        async () => ((await fetch(`${base}/v1/analyze-execution/jobs?plugin=slow-progress&status=running`, { headers: { 'X-API-Key': ADMIN_KEY } }).then((r) => r.json())) as { jobs: JobJson[] }).jobs,
        (jobs) => jobs.length > 0,
      );
      leaving.abort();
      await expect(left).rejects.toThrow();

      const unknownCancel = await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 999, reason: 'never sent' } }), headers);
      expect(unknownCancel.status).toBe(202);
      await unknownCancel.text();

      // A disconnect is not a cancel: the job ends in success, its result dropped.
      expect((await eventually(() => job(running[0].job_id), (each) => each.status !== 'running')).status).toBe('success');
      const next = await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo.echo', arguments: { message: 'still here' } } }), headers);
      expect(await next.json()).toMatchObject({ id: 3, result: { structuredContent: { message: 'still here' } } });
    });

    it('asks for a session id on anything but initialize', async () => {
      const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('Mcp-Session-Id');
    });
  });
});
