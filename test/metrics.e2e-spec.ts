import { ADMIN_KEY, type E2eApp, FIXTURE_PLUGINS, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';
import { parsePrometheusText, type PrometheusSample, sampleValue } from './support/prometheus-text';

const METRICS_KEY = 'e2e-metrics-key-0123456789';
const EXECUTIONS = 'forgesyte_tool_execution_duration_seconds_count';
const HTTP_REQUESTS = 'forgesyte_http_request_duration_seconds_count';

describe('GET /metrics', () => {
  let api: E2eApp;
  const analyze = (body: object) => api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(body);
  const scrape = async (): Promise<PrometheusSample[]> => {
    const response = await api.http().get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    return parsePrometheusText(response.text);
  };

  beforeAll(async () => {
    api = await startApp({
      FORGESYTE_METRICS_KEY: METRICS_KEY,
      FORGESYTE_PLUGINS: [...FIXTURE_PLUGINS, './test/fixtures/plugins/worker-faults.plugin.js'].join(','),
      // One sync call at a time and none waiting: a second concurrent call is refused OVERLOADED at once.
      FORGESYTE_MAX_SYNC: '1',
      FORGESYTE_MAX_SYNC_QUEUE: '0',
    });
  }, 30_000);
  afterAll(() => api.close());

  describe('access', () => {
    it('answers the Prometheus text format to the admin key sent as Authorization: Bearer', async () => {
      const response = await api.http().get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`);

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain;.* version=0\.0\.4/);
      expect(response.text).toContain('# TYPE forgesyte_tool_execution_duration_seconds histogram');
      expect(response.text).toContain('# TYPE forgesyte_process_cpu_user_seconds_total counter');
    });

    it('answers a key with only the metrics:read scope, which may do nothing else', async () => {
      expect((await api.http().get('/metrics').set('Authorization', `Bearer ${METRICS_KEY}`)).status).toBe(200);
      expectEnvelope(await api.http().get('/v1/plugins').set('X-API-Key', METRICS_KEY), 403, { code: 'FORBIDDEN', type: 'AuthError' });
    });

    it('refuses a request without a key with 401 UNAUTHENTICATED', async () => {
      expectEnvelope(await api.http().get('/metrics'), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
    });

    it('refuses the user key, which lacks metrics:read, with 403 FORBIDDEN', async () => {
      expectEnvelope(await api.http().get('/metrics').set('Authorization', `Bearer ${USER_KEY}`), 403, { code: 'FORBIDDEN', type: 'AuthError' });
    });
  });

  describe('executions', () => {
    beforeAll(async () => {
      for (let i = 0; i < 3; i += 1) expect((await analyze({ plugin: 'echo', tool: 'echo', args: { message: 'hi' } })).status).toBe(200);
      for (let i = 0; i < 2; i += 1) expect((await analyze({ plugin: 'echo', tool: 'shout', args: { wrong: 1 } })).body.error.code).toBe('INPUT_INVALID');
      expect((await analyze({ plugin: 'never-resolves', tool: 'hang', args: {} })).body.error.code).toBe('PLUGIN_TIMEOUT');
      expect((await analyze({ plugin: 'thrower', tool: 'boom', args: {} })).body.error.code).toBe('PLUGIN_ERROR');
      expect((await analyze({ plugin: 'echo', tool: 'no-such-tool', args: {} })).body.error.code).toBe('TOOL_NOT_FOUND');
    });

    it('counts each call by plugin, tool and outcome', async () => {
      const samples = await scrape();

      expect(sampleValue(samples, EXECUTIONS, { plugin: 'echo', tool: 'echo', outcome: 'success' })).toBe(3);
      expect(sampleValue(samples, EXECUTIONS, { plugin: 'echo', tool: 'shout', outcome: 'INPUT_INVALID' })).toBe(2);
      expect(sampleValue(samples, EXECUTIONS, { plugin: 'never-resolves', tool: 'hang', outcome: 'PLUGIN_TIMEOUT' })).toBe(1);
      expect(sampleValue(samples, EXECUTIONS, { plugin: 'thrower', tool: 'boom', outcome: 'PLUGIN_ERROR' })).toBe(1);
      // A tool name nobody declared is one bounded label, never the caller's text.
      expect(sampleValue(samples, EXECUTIONS, { plugin: 'echo', tool: '(undeclared)', outcome: 'TOOL_NOT_FOUND' })).toBe(1);
      expect(samples.some((sample) => sample.labels.tool === 'no-such-tool')).toBe(false);
    });

    it.each(['echo', 'never-resolves', 'thrower'])('agrees with the registry metrics of %s', async (plugin) => {
      const samples = (await scrape()).filter((sample) => sample.name === EXECUTIONS && sample.labels.plugin === plugin);
      const health = (await api.http().get(`/v1/plugins/${plugin}`).set('X-API-Key', ADMIN_KEY)).body;

      const successes = samples.filter((sample) => sample.labels.outcome === 'success').reduce((sum, sample) => sum + sample.value, 0);
      const failures = samples.filter((sample) => sample.labels.outcome !== 'success').reduce((sum, sample) => sum + sample.value, 0);
      expect({ successes, failures }).toEqual({ successes: health.success_count, failures: health.error_count });
    });

    it('counts the jobs by status and mode', async () => {
      const samples = await scrape();

      expect(sampleValue(samples, 'forgesyte_jobs_total', { status: 'running', mode: 'sync' })).toBe(8);
      expect(sampleValue(samples, 'forgesyte_jobs_total', { status: 'success', mode: 'sync' })).toBe(3);
      expect(sampleValue(samples, 'forgesyte_jobs_total', { status: 'failed', mode: 'sync' })).toBe(5);
    });
  });

  describe('async jobs', () => {
    it('counts an idempotent replay, and the job once', async () => {
      const submit = () =>
        api.http().post('/v1/analyze-execution/async').set('X-API-Key', USER_KEY).set('Idempotency-Key', 'metrics-replay').send({ plugin: 'echo', args: { message: 'once' } });
      const before = await scrape();
      expect((await submit()).status).toBe(202);
      expect((await submit()).status).toBe(202);

      const after = await scrape();
      const delta = (name: string, labels: Record<string, string> = {}) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
      expect(delta('forgesyte_idempotent_replays_total')).toBe(1);
      expect(delta('forgesyte_jobs_total', { status: 'pending', mode: 'async' })).toBe(1);
    });

    it('reports the queue and plugin gauges', async () => {
      const samples = await scrape();

      expect(sampleValue(samples, 'forgesyte_queue_waiting_jobs')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(samples, 'forgesyte_executor_slots_in_use')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(samples, 'forgesyte_plugin_in_flight', { plugin: 'echo' })).toBe(0);
      expect(sampleValue(samples, 'forgesyte_plugin_breaker_open', { plugin: 'echo' })).toBe(0);
      expect(sampleValue(samples, 'forgesyte_plugin_state', { plugin: 'init-throws', state: 'UNAVAILABLE' })).toBe(1);
    });
  });

  describe('refusals', () => {
    it('counts an OVERLOADED refusal by its reason', async () => {
      const before = sampleValue(await scrape(), 'forgesyte_overloaded_refusals_total', { reason: 'sync_busy' }) ?? 0;

      const [first, second] = await Promise.all([
        analyze({ plugin: 'never-resolves', tool: 'hang', args: {} }),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => analyze({ plugin: 'echo', args: { message: 'late' } })),
      ]);

      expect(first.body.error.code).toBe('PLUGIN_TIMEOUT');
      expect(second.status).toBe(429);
      expect(sampleValue(await scrape(), 'forgesyte_overloaded_refusals_total', { reason: 'sync_busy' })).toBe(before + 1);
    });
  });

  describe('worker threads', () => {
    it('counts the threads started, terminated on a deadline, and crashed', async () => {
      const before = await scrape();
      expect((await analyze({ plugin: 'worker-faults', tool: 'loop', args: {} })).body.error.code).toBe('PLUGIN_TIMEOUT');
      expect((await analyze({ plugin: 'worker-faults', tool: 'exit', args: {} })).body.error.code).toBe('PLUGIN_CRASHED');

      const after = await scrape();
      const delta = (name: string) => (sampleValue(after, name, { plugin: 'worker-faults' }) ?? 0) - (sampleValue(before, name, { plugin: 'worker-faults' }) ?? 0);
      expect(delta('forgesyte_worker_threads_started_total')).toBeGreaterThanOrEqual(1);
      expect(delta('forgesyte_worker_threads_terminated_total')).toBe(1);
      expect(delta('forgesyte_worker_threads_crashed_total')).toBe(1);
    }, 20_000);
  });

  describe('HTTP requests', () => {
    it('labels a request with its route template, never its raw path', async () => {
      await api.http().get('/v1/plugins/echo').set('X-API-Key', USER_KEY);
      await api.http().get('/v1/plugins/nope').set('X-API-Key', USER_KEY);

      const samples = await scrape();
      expect(sampleValue(samples, HTTP_REQUESTS, { method: 'GET', route: '/v1/plugins/:name', status: '200' })).toBeGreaterThanOrEqual(1);
      expect(sampleValue(samples, HTTP_REQUESTS, { method: 'GET', route: '/v1/plugins/:name', status: '404' })).toBeGreaterThanOrEqual(1);
      expect(samples.some((sample) => sample.labels.route?.includes('echo') || sample.labels.route?.includes('nope'))).toBe(false);
    });

    it('gives every request no route matched one label', async () => {
      await api.http().get('/no/such/route/a1').set('X-API-Key', USER_KEY);
      await api.http().get('/no/such/route/b2').set('X-API-Key', USER_KEY);

      const samples = await scrape();
      expect(sampleValue(samples, HTTP_REQUESTS, { method: 'GET', route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(2);
      expect(samples.some((sample) => sample.labels.route?.startsWith('/no/'))).toBe(false);
    });
  });
});
