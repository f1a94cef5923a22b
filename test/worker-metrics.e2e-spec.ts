import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { waitFor } from './support/async';
import { apiCall, submitAsync } from './support/process-api-client';
import { parsePrometheusText, sampleValue } from './support/prometheus-text';

jest.setTimeout(120_000);

const KEY = 'worker-metrics-admin-key-0123';
const EXECUTIONS = 'forgesyte_tool_execution_duration_seconds_count';

describe('metrics on Redis: the API and each apps/worker serve their own', () => {
  let redis: RedisServer;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let apiPort: number;
  let metricsPort: number;

  beforeAll(async () => {
    redis = await startRedisServer();
    [apiPort, metricsPort] = [await freePort(), await freePort()];
    const env = {
      FORGESYTE_JOB_STORE: 'redis',
      REDIS_URL: redis.url,
      FORGESYTE_PLUGINS: './test/fixtures/plugins/ledger.plugin.js',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_TEST_LEDGER: join(mkdtempSync(join(tmpdir(), 'forgesyte-metrics-')), 'ledger'),
    };
    api = new ApiProcess({ ...env, PORT: String(apiPort), FORGESYTE_ADMIN_KEY: KEY });
    worker = new WorkerProcess({ ...env, FORGESYTE_METRICS_PORT: String(metricsPort) });
    await Promise.all([api.waitForOutput(/listening on/), worker.waitForOutput(/worker running jobs/)]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  it('counts a queued job where it ran: its execution on the worker, its submission on the API', async () => {
    const call = apiCall(apiPort, KEY);
    for (const token of ['a', 'b', 'c']) await submitAsync(call, { plugin: 'ledger', tool: 'record', args: { token } });

    const workerSamples = await waitFor(
      async () => parsePrometheusText(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()),
      // A job is counted `success` once its outcome is written, just after its execution was recorded.
      (samples) =>
        sampleValue(samples, EXECUTIONS, { plugin: 'ledger', tool: 'record', outcome: 'success' }) === 3 &&
        sampleValue(samples, 'forgesyte_jobs_total', { status: 'success', mode: 'async' }) === 3,
      30_000,
    );
    expect(sampleValue(workerSamples, EXECUTIONS, { plugin: 'ledger', tool: 'record', outcome: 'success' })).toBe(3);
    expect(sampleValue(workerSamples, 'forgesyte_jobs_total', { status: 'success', mode: 'async' })).toBe(3);

    const response = await fetch(`http://127.0.0.1:${apiPort}/metrics`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    const apiSamples = parsePrometheusText(await response.text());
    expect(sampleValue(apiSamples, 'forgesyte_jobs_total', { status: 'pending', mode: 'async' })).toBe(3);
    expect(sampleValue(apiSamples, EXECUTIONS, { plugin: 'ledger' })).toBeUndefined();
  });

  it('serves nothing but GET /metrics on the worker port', async () => {
    expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/health`)).status).toBe(404);
  });
});
