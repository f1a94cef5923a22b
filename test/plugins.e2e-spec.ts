import { ADMIN_KEY, type E2eApp, SHIPPED_PLUGIN_NAMES, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

const LIFECYCLE_STATES = ['LOADED', 'INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE'];

describe('/v1/plugins', () => {
  let api: E2eApp;
  const get = (path: string) => api.http().get(path).set('X-API-Key', USER_KEY);

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: [
        './test/fixtures/plugins/echo.plugin.js',
        './test/fixtures/plugins/init-throws.plugin.js',
        './test/fixtures/plugins/duplicate-echo.plugin.js',
        './test/fixtures/plugins/not-a-plugin.js',
        './test/fixtures/plugins/missing.plugin.js',
        './test/fixtures/plugins/slow-progress.plugin.js',
      ].join(','),
    });
  });
  afterAll(() => api.close());

  it('lists every plugin with its state, reason and metrics, the server having started despite the broken ones', async () => {
    // Only the admin key sees why a plugin cannot run (test/no-internals.e2e-spec.ts: what other keys see).
    const response = await api.http().get('/v1/plugins').set('X-API-Key', ADMIN_KEY);

    expect(response.status).toBe(200);
    const byName = Object.fromEntries(response.body.plugins.map((plugin: { name: string }) => [plugin.name, plugin]));
    expect(response.body.count).toBe(SHIPPED_PLUGIN_NAMES.length + 6);
    expect(byName['image-inspect']).toMatchObject({ state: 'INITIALIZED', tools: ['metadata', 'histogram', 'sharpness'], default_tool: 'metadata' });
    expect(byName.echo).toMatchObject({ state: 'INITIALIZED', version: '1.0.0', reason: null, success_count: 0, error_count: 0, in_flight: 0 });
    expect(byName['init-throws']).toMatchObject({ state: 'UNAVAILABLE', reason: 'its init failed: model file missing' });
    expect(byName['./test/fixtures/plugins/duplicate-echo.plugin.js']).toMatchObject({
      state: 'UNAVAILABLE',
      reason: "its name 'echo' is already taken by ./test/fixtures/plugins/echo.plugin.js",
    });
    expect(byName['./test/fixtures/plugins/not-a-plugin.js'].reason).toBe('it is not a valid plugin: the module does not export a plugin object');
    expect(byName['./test/fixtures/plugins/missing.plugin.js'].reason).toBe(
      "its module could not be loaded: no module './test/fixtures/plugins/missing.plugin.js' was found; check the path or install the package",
    );
    expect(response.body.plugins.every((plugin: { state: string }) => LIFECYCLE_STATES.includes(plugin.state))).toBe(true);
  });

  it('describes one plugin with its tools, schemas and limits', async () => {
    const response = await get('/v1/plugins/slow-progress');

    expect(response.status).toBe(200);
    expect(response.body.tools[1]).toEqual({
      name: 'count_one_at_a_time',
      description: 'Like count, but one call at a time.',
      input_schema: expect.objectContaining({ type: 'object' }),
      output_schema: expect.objectContaining({ required: ['steps'] }),
      timeout_ms: null,
      isolation: 'inline',
      max_concurrency: 1,
    });
  });

  it('reports one plugin health with its metrics after calls', async () => {
    await api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'echo', args: { message: 'x' } });

    const response = await get('/v1/plugins/echo/health');

    expect(response.body).toEqual({
      name: 'echo',
      state: 'INITIALIZED',
      reason: null,
      success_count: 1,
      error_count: 0,
      last_execution_time_ms: expect.any(Number),
      avg_execution_time_ms: expect.any(Number),
      last_used: expect.any(String),
      loaded_at: expect.any(String),
      uptime_seconds: expect.any(Number),
      in_flight: 0,
      abandoned: 0,
    });
  });

  it('shows RUNNING while a call is in flight', async () => {
    const submitted = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'slow-progress', args: { steps: 20, delay_ms: 50 } });

    let state = '';
    for (let i = 0; i < 100 && state !== 'RUNNING'; i += 1) {
      state = (await get('/v1/plugins/slow-progress/health')).body.state;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    expect(state).toBe('RUNNING');
    await api.http().delete(`/v1/analyze-execution/jobs/${submitted.body.job_id}`).set('X-API-Key', ADMIN_KEY);
  });

  it.each(['/v1/plugins/nope', '/v1/plugins/nope/health'])('answers %s with 404 PLUGIN_NOT_FOUND', async (path) => {
    expectEnvelope(await get(path), 404, { code: 'PLUGIN_NOT_FOUND', type: 'NotFoundError', plugin: 'nope' });
  });
});
