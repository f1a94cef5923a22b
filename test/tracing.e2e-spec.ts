import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { waitFor } from './support/async';
import { type CollectedSpan, OtlpCollector } from './support/otlp-collector';
import { type ApiCall, apiCall, isTerminal, type JobView } from './support/process-api-client';

jest.setTimeout(120_000);

const KEY = 'tracing-admin-key-0123456789';
const PLUGINS = ['echo.plugin.js', 'worker-faults.plugin.js', 'ledger.plugin.js'].map((file) => `./test/fixtures/plugins/${file}`).join(',');
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/** A caller's own span: the trace the API's spans must join. */
function callerTraceparent(): { traceId: string; spanId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

/** The one span named `name` among `spans`, whose parent is `parent`'s span id. */
function childOf(spans: readonly CollectedSpan[], name: string, parent: { spanId: string }): CollectedSpan {
  const found = spans.filter((span) => span.name === name && span.parentSpanId === parent.spanId);
  expect(found.map((span) => `${span.name} under ${span.parentSpanId}`)).toEqual([`${name} under ${parent.spanId}`]);
  return found[0];
}

function tracingEnv(collector: OtlpCollector): Record<string, string> {
  // OTEL_BSP_SCHEDULE_DELAY is read by the OpenTelemetry SDK itself: spans leave in batches every 50 ms.
  return { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '50', FORGESYTE_PLUGINS: PLUGINS, FORGESYTE_SHIPPED_PLUGINS: 'none' };
}

function post(call: ApiCall, path: string, body: unknown, traceparent?: string): Promise<Response> {
  return call(path, { method: 'POST', body: JSON.stringify(body), headers: traceparent === undefined ? {} : { traceparent } });
}

/** Waits until the trace holds `count` spans, and returns them. */
function traceOf(collector: OtlpCollector, traceId: string, count: number): Promise<CollectedSpan[]> {
  return waitFor(async () => collector.trace(traceId), (spans) => spans.length >= count, 20_000);
}

describe('OpenTelemetry traces, exported over OTLP/HTTP to a collector', () => {
  let collector: OtlpCollector;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
  });

  afterAll(() => collector?.close());

  describe('one API process (memory store)', () => {
    let api: ApiProcess;
    let call: ApiCall;

    beforeAll(async () => {
      const port = await freePort();
      api = new ApiProcess({ ...tracingEnv(collector), FORGESYTE_JOB_STORE: 'memory', PORT: String(port), FORGESYTE_ADMIN_KEY: KEY });
      call = apiCall(port, KEY);
      await api.waitForOutput(/listening on/);
    });

    afterAll(() => api?.stop());

    it('joins the caller\'s trace: HTTP request → job → ToolRunner call → plugin run in a worker thread', async () => {
      const caller = callerTraceparent();

      const response = await post(call, '/v1/analyze-execution', { plugin: 'worker-faults', tool: 'ok', args: { n: 1 } }, caller.header);

      expect(response.status).toBe(200);
      const spans = await traceOf(collector, caller.traceId, 4);
      const http = childOf(spans, 'POST /v1/analyze-execution', caller);
      expect(http).toMatchObject({ service: 'forgesyte-api', kind: SERVER });
      expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/v1/analyze-execution', 'http.response.status_code': 200, 'forgesyte.request_id': response.headers.get('x-request-id') });
      const job = childOf(spans, 'forgesyte.job', http);
      const run = childOf(spans, 'forgesyte.tool_run', job);
      const pluginRun = childOf(spans, 'forgesyte.plugin_run', run);
      const jobId = ((await response.json()) as { job_id: string }).job_id;
      expect(job.attributes).toMatchObject({ 'forgesyte.job_id': jobId, 'forgesyte.job.mode': 'sync', 'forgesyte.job.status': 'success' });
      expect(run.attributes).toEqual({ 'forgesyte.plugin': 'worker-faults', 'forgesyte.tool': 'ok', 'forgesyte.job_id': jobId, 'forgesyte.outcome': 'success' });
      expect(pluginRun.attributes).toMatchObject({ 'forgesyte.isolation': 'worker', 'forgesyte.timed_in': 'thread' });
    });

    it('carries a queued job\'s trace through the queue: HTTP → submit → job → ToolRunner call → plugin run', async () => {
      const caller = callerTraceparent();

      const response = await post(call, '/v1/analyze-execution/async', { plugin: 'echo', tool: 'echo', args: { message: 'queued' } }, caller.header);

      expect(response.status).toBe(202);
      const spans = await traceOf(collector, caller.traceId, 5);
      const http = childOf(spans, 'POST /v1/analyze-execution/async', caller);
      const submit = childOf(spans, 'forgesyte.job.submit', http);
      expect(submit.kind).toBe(PRODUCER);
      const job = childOf(spans, 'forgesyte.job', submit);
      expect(job).toMatchObject({ kind: CONSUMER, attributes: expect.objectContaining({ 'forgesyte.job.mode': 'async' }) });
      const run = childOf(spans, 'forgesyte.tool_run', job);
      expect(childOf(spans, 'forgesyte.plugin_run', run).attributes).toMatchObject({ 'forgesyte.isolation': 'inline' });
    });

    it('marks a failed call\'s spans as errors with its code', async () => {
      const caller = callerTraceparent();

      const response = await post(call, '/v1/analyze-execution', { plugin: 'worker-faults', tool: 'rejects', args: {} }, caller.header);

      expect(response.status).toBe(400);
      const spans = await traceOf(collector, caller.traceId, 4);
      const run = spans.find((span) => span.name === 'forgesyte.tool_run');
      expect(run).toMatchObject({ status: { code: 2, message: 'PLUGIN_ERROR' }, attributes: expect.objectContaining({ 'forgesyte.outcome': 'PLUGIN_ERROR' }) });
      expect(spans.find((span) => span.name === 'forgesyte.job')?.attributes).toMatchObject({ 'forgesyte.job.status': 'failed', 'error.type': 'PLUGIN_ERROR' });
    });

    it('ignores a malformed traceparent: the call succeeds in a trace of its own', async () => {
      const before = collector.spans.length;

      const response = await post(call, '/v1/analyze-execution', { plugin: 'echo', tool: 'echo', args: { message: 'x' } }, '00-not-a-trace-01');

      expect(response.status).toBe(200);
      const requestId = response.headers.get('x-request-id');
      const http = await waitFor(
        async () => collector.spans.slice(before).find((span) => span.attributes['forgesyte.request_id'] === requestId),
        (span) => span !== undefined,
        20_000,
      );
      expect(http?.parentSpanId ?? '').toBe('');
      expect(collector.trace(http?.traceId ?? '').map((span) => span.name).sort()).toEqual(
        ['POST /v1/analyze-execution', 'forgesyte.job', 'forgesyte.plugin_run', 'forgesyte.tool_run'].sort(),
      );
    });
  });

  describe('Redis: the API and an apps/worker process', () => {
    let redis: RedisServer;
    let api: ApiProcess;
    let worker: WorkerProcess;
    let call: ApiCall;

    beforeAll(async () => {
      redis = await startRedisServer();
      const port = await freePort();
      const env = {
        ...tracingEnv(collector),
        FORGESYTE_JOB_STORE: 'redis',
        REDIS_URL: redis.url,
        FORGESYTE_TEST_LEDGER: join(mkdtempSync(join(tmpdir(), 'forgesyte-tracing-')), 'ledger'),
      };
      api = new ApiProcess({ ...env, PORT: String(port), FORGESYTE_ADMIN_KEY: KEY });
      worker = new WorkerProcess(env);
      call = apiCall(port, KEY);
      await Promise.all([api.waitForOutput(/listening on/), worker.waitForOutput(/worker running jobs/)]);
    });

    afterAll(async () => {
      await Promise.all([api?.stop(), worker?.stop()]);
      await redis?.stop();
    });

    it('one trace spans HTTP → submit (API) → job → ToolRunner call → worker thread in apps/worker', async () => {
      const caller = callerTraceparent();

      const response = await post(call, '/v1/analyze-execution/async', { plugin: 'worker-faults', tool: 'ok', args: { n: 2 } }, caller.header);

      expect(response.status).toBe(202);
      const jobId = ((await response.json()) as { job_id: string }).job_id;
      await waitFor(async () => (await (await call(`/v1/analyze-execution/jobs/${jobId}`)).json()) as JobView, isTerminal, 30_000);
      const spans = await traceOf(collector, caller.traceId, 5);
      const http = childOf(spans, 'POST /v1/analyze-execution/async', caller);
      const submit = childOf(spans, 'forgesyte.job.submit', http);
      expect([http.service, submit.service]).toEqual(['forgesyte-api', 'forgesyte-api']);
      const job = childOf(spans, 'forgesyte.job', submit);
      const run = childOf(spans, 'forgesyte.tool_run', job);
      const pluginRun = childOf(spans, 'forgesyte.plugin_run', run);
      expect([job.service, run.service, pluginRun.service]).toEqual(['forgesyte-worker', 'forgesyte-worker', 'forgesyte-worker']);
      expect(job.attributes).toMatchObject({ 'forgesyte.job_id': jobId, 'forgesyte.job.status': 'success' });
      expect(pluginRun.attributes).toMatchObject({ 'forgesyte.isolation': 'worker', 'forgesyte.timed_in': 'thread' });
    });
  });
});
