import { ADMIN_KEY, type E2eApp, SHIPPED_PLUGIN_NAMES, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { fixtureImageBase64 } from './support/fixture-images';

describe('POST /v1/analyze-execution (sync)', () => {
  let api: E2eApp;
  const analyze = (body: object) =>
    api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body);
  const pluginHealth = async (name: string) =>
    (await api.http().get(`/v1/plugins/${name}/health`).set('X-API-Key', ADMIN_KEY)).body as Record<string, unknown>;

  beforeAll(async () => {
    api = await startApp();
  });
  afterAll(() => api.close());

  it('runs the tool and returns its result with the job id and duration', async () => {
    const response = await analyze({ plugin: 'echo', tool: 'shout', args: { message: 'hello' } });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      job_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      plugin: 'echo',
      tool: 'shout',
      status: 'success',
      result: { message: 'HELLO' },
      duration_ms: expect.any(Number),
    });
  });

  it('uses the first declared tool when the request names none', async () => {
    const response = await analyze({ plugin: 'echo', args: { message: 'hi' } });

    expect(response.body).toMatchObject({ tool: 'echo', result: { message: 'hi' } });
  });

  it('records the sync execution as a finished job readable by id', async () => {
    const { body } = await analyze({ plugin: 'echo', args: { message: 'audit me' } });

    const job = await api.http().get(`/v1/analyze-execution/jobs/${body.job_id}/result`).set('X-API-Key', ADMIN_KEY);

    expect(job.body).toMatchObject({ job_id: body.job_id, mode: 'sync', status: 'success', result: { message: 'audit me' } });
  });

  it('analyses a real PNG through the shipped image-inspect plugin', async () => {
    const response = await analyze({ plugin: 'image-inspect', tool: 'metadata', image: fixtureImageBase64('grey.png'), mime_type: 'image/png' });

    expect(response.status).toBe(200);
    expect(response.body.result).toEqual({ format: 'png', width: 32, height: 32, channels: 3, has_alpha: false, size_bytes: 127 });
  });

  it('scores a checkerboard as sharper than a flat grey image', async () => {
    const score = async (file: 'grey.png' | 'checkerboard.png') =>
      (await analyze({ plugin: 'image-inspect', tool: 'sharpness', image: fixtureImageBase64(file), mime_type: 'image/png' })).body
        .result.laplacian_variance as number;

    expect(await score('grey.png')).toBe(0);
    expect(await score('checkerboard.png')).toBeGreaterThan(1000);
  });

  it('answers an unknown plugin with 400 PLUGIN_NOT_FOUND listing the available plugins', async () => {
    const error = expectEnvelope(await analyze({ plugin: 'nope' }), 400, {
      code: 'PLUGIN_NOT_FOUND',
      type: 'NotFoundError',
      plugin: 'nope',
      retryable: false,
      message: `No plugin named 'nope' is registered. Available plugins: ${[...SHIPPED_PLUGIN_NAMES, 'echo'].join(', ')},`,
    });
    expect(error.job_id).toEqual(expect.any(String));
  });

  it('answers an unknown tool with 400 TOOL_NOT_FOUND naming the tools', async () => {
    expectEnvelope(await analyze({ plugin: 'echo', tool: 'whisper', args: { message: 'x' } }), 400, {
      code: 'TOOL_NOT_FOUND',
      type: 'NotFoundError',
      plugin: 'echo',
      tool: 'whisper',
      details: { available: ['echo', 'shout'] },
      message: "Plugin 'echo' has no tool 'whisper'. Its tools are: echo, shout.",
    });
  });

  it('answers args that break the input schema with 400 INPUT_INVALID listing every violation', async () => {
    expectEnvelope(await analyze({ plugin: 'echo', args: { message: 7, extra: true } }), 400, {
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      plugin: 'echo',
      tool: 'echo',
      details: {
        violations: [
          { path: '/extra', message: 'is not an allowed property; remove it' },
          { path: '/message', message: 'must be string' },
        ],
      },
    });
  });

  it('answers a tool that rejects its input itself with 400 INPUT_INVALID and its details', async () => {
    expectEnvelope(await analyze({ plugin: 'thrower', tool: 'refuse_input' }), 400, {
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      details: { brightness: 3 },
      message: 'the image is too dark to read',
    });
  });

  it.each([
    ['boom', 'kaboom'],
    ['reject', 'rejected on purpose'],
    ['throw_value', 'non-Error value thrown: {"not":"an error"}'],
  ])('answers a tool that fails (%s) with 400 PLUGIN_ERROR carrying its message', async (tool, message) => {
    expectEnvelope(await analyze({ plugin: 'thrower', tool }), 400, {
      code: 'PLUGIN_ERROR',
      type: 'PluginError',
      plugin: 'thrower',
      tool,
      retryable: false,
      message: `Tool '${tool}' of plugin 'thrower' failed: ${message}`,
    });
  });

  it('withholds output that breaks the output schema as 400 OUTPUT_INVALID', async () => {
    const response = await analyze({ plugin: 'bad-output' });

    expectEnvelope(response, 400, {
      code: 'OUTPUT_INVALID',
      type: 'PluginError',
      details: { violations: [{ path: '/count', message: 'must be integer' }] },
    });
    expect(JSON.stringify(response.body)).not.toContain('many');
  });

  it('abandons a tool that ignores its deadline with 400 PLUGIN_TIMEOUT saying it may still run', async () => {
    const started = Date.now();
    const response = await analyze({ plugin: 'never-resolves' });

    expectEnvelope(response, 400, {
      code: 'PLUGIN_TIMEOUT',
      type: 'ExecutionError',
      retryable: true,
      details: { timeout_ms: 300, stopped: 'abandoned' },
      message: /may still be running/,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops a tool that honours its signal at the deadline and says it stopped cooperatively', async () => {
    expectEnvelope(await analyze({ plugin: 'abortable', tool: 'wait_briefly' }), 400, {
      code: 'PLUGIN_TIMEOUT',
      type: 'ExecutionError',
      details: { timeout_ms: 200, stopped: 'cooperative' },
    });
  });

  it('refuses a plugin whose init failed with 400 PLUGIN_UNAVAILABLE and the reason', async () => {
    expectEnvelope(await analyze({ plugin: 'init-throws' }), 400, {
      code: 'PLUGIN_UNAVAILABLE',
      type: 'PluginError',
      retryable: false,
      details: { reason: 'its init failed: model file missing' },
    });
  });

  it('refuses a plugin whose schema does not compile with 400 PLUGIN_UNAVAILABLE', async () => {
    const error = expectEnvelope(await analyze({ plugin: 'bad-schema' }), 400, { code: 'PLUGIN_UNAVAILABLE', type: 'PluginError' });

    expect((error.details as { reason: string }).reason).toMatch(/tool 'broken' inputSchema does not compile/);
  });

  it('keeps a FAILED plugin runnable and returns it to INITIALIZED after a success', async () => {
    await analyze({ plugin: 'thrower', tool: 'boom' });
    expect(await pluginHealth('thrower')).toMatchObject({ state: 'FAILED' });

    const refused = await analyze({ plugin: 'thrower', tool: 'refuse_input' });
    expect(refused.body.error.code).toBe('INPUT_INVALID');
    expect(await pluginHealth('thrower')).toMatchObject({ state: 'FAILED' });

    const success = await analyze({ plugin: 'thrower', tool: 'ok' });
    expect(success.status).toBe(200);
    expect(await pluginHealth('thrower')).toMatchObject({ state: 'INITIALIZED' });
  });

  it('counts every call of a plugin exactly once as a success or an error', async () => {
    const before = await pluginHealth('echo');
    const calls = [
      { plugin: 'echo', args: { message: 'a' } },
      { plugin: 'echo', args: { message: 1 } },
      { plugin: 'echo', tool: 'missing' },
      { plugin: 'echo', tool: 'shout', args: { message: 'b' } },
    ];
    for (const call of calls) await analyze(call);

    const after = await pluginHealth('echo');
    expect((after.success_count as number) - (before.success_count as number)).toBe(2);
    expect((after.error_count as number) - (before.error_count as number)).toBe(2);
    expect(after.in_flight).toBe(0);
  });
});
