import threadProbe from './fixtures/in-repo-plugins/thread-probe.plugin';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { waitFor } from './support/async';

/** Registered as the shipped-plugin list registers an in-repo plugin: the object and its module file. */
const THREAD_PROBE = { plugin: threadProbe, moduleFile: require.resolve('./fixtures/in-repo-plugins/thread-probe.plugin') };

// The first call starts a worker thread, which compiles the plugin's TypeScript sources.
jest.setTimeout(30_000);

describe('worker isolation of an in-repo plugin, over HTTP', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body);

  beforeAll(async () => {
    // The object alone, under another name: what an in-repo plugin registered without its module file gets.
    api = await startApp({ FORGESYTE_PLUGINS: '' }, [], [THREAD_PROBE, { ...threadProbe, name: 'thread-probe-object' }]);
  });
  afterAll(() => api.close());

  it('says its tool runs in a worker thread, and it does: isMainThread is false', async () => {
    const described = await api.http().get('/v1/plugins/thread-probe').set('X-API-Key', ADMIN_KEY);
    expect(described.body.tools).toContainEqual(expect.objectContaining({ name: 'where', isolation: 'worker' }));

    const { status, body } = await analyze({ plugin: 'thread-probe', tool: 'where' });

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'success', result: { is_main_thread: false, thread_id: expect.any(Number) } });
    expect(body.result.thread_id).toBeGreaterThan(0);
  });

  it('runs an async job of the worker tool off the main thread too', async () => {
    const submitted = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'thread-probe', tool: 'where' });
    const result = (id: string) => api.http().get(`/v1/analyze-execution/jobs/${id}/result`).set('X-API-Key', ADMIN_KEY);

    const done = await waitFor(async () => (await result(submitted.body.job_id)).body as { status: string }, (job) => job.status === 'success');

    expect(done).toMatchObject({ result: { is_main_thread: false } });
  });

  it('runs its inline tool in the main thread', async () => {
    expect((await analyze({ plugin: 'thread-probe', tool: 'here' })).body).toMatchObject({ status: 'success', result: { is_main_thread: true, thread_id: 0 } });
  });

  it('refuses the plugin registered without its module file at start (UNAVAILABLE, naming the fix) instead of running it inline', async () => {
    const health = await api.http().get('/v1/plugins/thread-probe-object/health').set('X-API-Key', ADMIN_KEY);
    expect(health.body).toMatchObject({ state: 'UNAVAILABLE', reason: expect.stringContaining("list it in the shipped-plugin list as { plugin, moduleFile: require.resolve(") });

    const { status, body } = await analyze({ plugin: 'thread-probe-object', tool: 'where' });

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'PLUGIN_UNAVAILABLE', plugin: 'thread-probe-object' } });
  });
});
