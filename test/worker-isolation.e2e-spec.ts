import { ADMIN_KEY, type E2eApp, FIXTURE_PLUGINS, startApp } from './support/e2e-app';
import { waitFor } from './support/async';
import { expectEnvelope } from './support/envelope';

// Every crash costs a fresh worker thread.
jest.setTimeout(60_000);

describe('worker isolation over HTTP', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(body);
  const submit = (body: object) => api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send(body);
  const getJob = (id: string) => api.http().get(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', ADMIN_KEY);
  const health = async () => (await api.http().get('/v1/plugins/worker-faults/health').set('X-API-Key', ADMIN_KEY)).body as Record<string, unknown>;

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_PLUGINS: [...FIXTURE_PLUGINS, './test/fixtures/plugins/worker-faults.plugin.js'].join(','),
      FORGESYTE_BREAKER_CRASHES: '100',
    });
  });
  afterAll(() => api.close());

  it('stops a CPU-bound loop at its 300 ms deadline, says its thread was terminated, and serves the next call', async () => {
    const startedAt = Date.now();

    expectEnvelope(await analyze({ plugin: 'worker-faults', tool: 'loop' }), 400, {
      code: 'PLUGIN_TIMEOUT',
      type: 'ExecutionError',
      details: { timeout_ms: 300, stopped: 'terminated' },
    });

    expect(Date.now() - startedAt).toBeLessThan(300 + 100 + 500);
    expect((await analyze({ plugin: 'worker-faults', tool: 'ok', args: { n: 1 } })).body).toMatchObject({ status: 'success', result: { echoed: { n: 1 } } });
  });

  it('cancels a running async job on a looping worker tool and frees its thread', async () => {
    const { body } = await submit({ plugin: 'worker-faults', tool: 'loop_long' });
    await waitFor(async () => (await getJob(body.job_id)).body.status as string, (status) => status === 'running');

    const cancelled = await api.http().delete(`/v1/analyze-execution/jobs/${body.job_id}`).set('X-API-Key', ADMIN_KEY);

    expect(cancelled.body).toEqual({ job_id: body.job_id, status: 'cancelled' });
    const result = await api.http().get(`/v1/analyze-execution/jobs/${body.job_id}/result`).set('X-API-Key', ADMIN_KEY);
    expect(result.body).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', details: { stopped: 'terminated' } } });
    expect(await health()).toMatchObject({ in_flight: 0 });
    expect((await analyze({ plugin: 'worker-faults', tool: 'ok' })).body.status).toBe('success');
  });

  it.each([
    ['heap', /ran out of heap/],
    ['exit', /the thread exited/],
    ['timer_throw', /boom from a timer/],
  ])('answers %s with PLUGIN_CRASHED, marks the plugin FAILED once, and keeps serving', async (tool, message) => {
    const before = (await health()) as { success_count: number; error_count: number };

    expectEnvelope(await analyze({ plugin: 'worker-faults', tool }), 400, {
      code: 'PLUGIN_CRASHED',
      type: 'PluginError',
      retryable: true,
      plugin: 'worker-faults',
      tool,
      message,
    });

    expect((await api.http().get('/v1/health')).status).toBe(200);
    const after = await health();
    expect(after.state).toBe('FAILED');
    expect(after).toMatchObject({ error_count: before.error_count + 1, success_count: before.success_count });
    expect((await analyze({ plugin: 'echo', args: { message: 'still here' } })).body.result).toEqual({ message: 'still here' });
  });
});
