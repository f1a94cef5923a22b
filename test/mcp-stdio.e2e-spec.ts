import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { FIXTURE_PLUGINS, REPO_ROOT } from './support/e2e-app';
import { StdioJsonRpc } from './support/stdio-json-rpc';

jest.setTimeout(30_000);

/** The stdio entry as the README's client configuration starts it, from the TypeScript sources. */
const STDIO_ARGS = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/mcp/stdio/stdio.main.ts'];

describe('MCP over stdio (the stdio entry)', () => {
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: STDIO_ARGS,
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', FORGESYTE_PLUGINS: FIXTURE_PLUGINS.join(','), FORGESYTE_JOB_STORE: 'memory', FORGESYTE_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await client.connect(transport);
  }, 90_000);

  afterAll(() => client.close());

  it('lists the same tools as <plugin>.<tool>', async () => {
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo.echo', 'echo.shout', 'slow-progress.count']));
  });

  it('runs a call through the ToolRunner as a job of mode mcp owned by the local principal', async () => {
    const result = await client.callTool({ name: 'echo.shout', arguments: { message: 'stdio' } });
    expect(result.structuredContent).toEqual({ message: 'STDIO' });
    expect((result._meta as Record<string, { job_id: string }>)['forgesyte/job'].job_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers bad arguments with an isError result carrying INPUT_INVALID', async () => {
    const result = await client.callTool({ name: 'echo.shout', arguments: {} });
    expect(result.isError).toBe(true);
    expect((result._meta as Record<string, { code: string }>)['forgesyte/error'].code).toBe('INPUT_INVALID');
  });

  it('sends progress notifications and honours cancellation', async () => {
    const seen: number[] = [];
    const result = await client.callTool({ name: 'slow-progress.count', arguments: { steps: 3, delay_ms: 100 } }, undefined, { onprogress: (progress) => seen.push(progress.progress) });
    expect(result.structuredContent).toEqual({ steps: 3 });
    // The SDK client (1.32.2) drops progress notifications that arrive in the same read as the result
    // (typescript-sdk issue #2580): the last ones may be missing here (on a loaded CI machine the last
    // two were). The first comes 100 ms before the others; the wire order is asserted below.
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual([1 / 3, 2 / 3, 1].slice(0, seen.length));
    const controller = new AbortController();
    const call = client.callTool({ name: 'abortable.wait', arguments: {} }, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort('stop'), 200);
    await expect(call).rejects.toThrow();
    // The server is still serving.
    expect((await client.callTool({ name: 'echo.echo', arguments: { message: 'still here' } })).structuredContent).toEqual({ message: 'still here' });
  });

  it('keeps stdout for the protocol: its log lines go to stderr', () => {
    expect(stderr).toContain('"msg"');
  });
});

describe('MCP over stdio, on the wire', () => {
  let wire: StdioJsonRpc;

  beforeAll(async () => {
    wire = new StdioJsonRpc(process.execPath, STDIO_ARGS, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', FORGESYTE_PLUGINS: FIXTURE_PLUGINS.join(','), FORGESYTE_JOB_STORE: 'memory' } });
    await wire.request(1, 'initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'e2e-wire', version: '1.0.0' } }, 90_000);
    wire.send({ method: 'notifications/initialized' });
  }, 90_000);

  afterAll(() => wire.stop());

  it('writes every progress notification before the result, in order', async () => {
    const messages = await wire.request(2, 'tools/call', { name: 'slow-progress.count', arguments: { steps: 3, delay_ms: 5 }, _meta: { progressToken: 'p-1' } });

    expect(messages.map((message) => (message.method === undefined ? 'result' : (message.params as { progress: number }).progress))).toEqual([1 / 3, 2 / 3, 1, 'result']);
    expect(messages[0]).toMatchObject({ method: 'notifications/progress', params: { progressToken: 'p-1', total: 1, message: 'step 1 of 3' } });
  });
});
