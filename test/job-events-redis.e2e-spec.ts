import { createForgeSyteClient, followJob, type ForgeSyteClient } from '@forgesyte/client';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { collectEvents } from './support/job-events';
import { type ApiCall, apiCall, submitAsync } from './support/process-api-client';

jest.setTimeout(120_000);

const ADMIN_KEY = 'events-admin-key-0123456789';
const slowJob = (steps: number, delayMs: number) => ({ plugin: 'slow-progress', tool: 'count', args: { steps, delay_ms: delayMs } });

describe('job events on Redis: the API streams a job that an apps/worker process runs', () => {
  let redis: RedisServer;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let call: ApiCall;
  let client: ForgeSyteClient;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      FORGESYTE_JOB_STORE: 'redis',
      REDIS_URL: redis.url,
      FORGESYTE_PLUGINS: './test/fixtures/plugins/slow-progress.plugin.js',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_SHUTDOWN_GRACE_MS: '0',
    };
    const port = await freePort();
    // The API process takes no async job on Redis: every event of one comes from the worker process, through Redis.
    api = new ApiProcess({ ...env, PORT: String(port), FORGESYTE_ADMIN_KEY: ADMIN_KEY });
    worker = new WorkerProcess(env);
    await Promise.all([api.waitForOutput(/listening on/), worker.waitForOutput(/worker running jobs/)]);
    call = apiCall(port, ADMIN_KEY);
    client = createForgeSyteClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: ADMIN_KEY });
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
  });

  it("streams the worker's progress reports and the final status", async () => {
    const jobId = await submitAsync(call, slowJob(4, 150));

    const events = await collectEvents(followJob(client, jobId));

    expect(events[0]).toMatchObject({ type: 'state', job: { job_id: jobId } });
    const fractions = events.flatMap((event) => (event.type === 'progress' ? [event.progress.fraction] : []));
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(events[events.length - 1]).toMatchObject({ type: 'status', job: { status: 'success', progress: { fraction: 1 } } });
  });

  it('resumes with Last-Event-ID across connections without duplicates', async () => {
    const jobId = await submitAsync(call, slowJob(5, 200));
    const controller = new AbortController();
    const first = await collectEvents(followJob(client, jobId, { signal: controller.signal }), (event) => event.type === 'progress');
    controller.abort();
    const last = first[first.length - 1];
    if (last.type === 'error') throw new Error('unexpected error event');

    const rest = await collectEvents(followJob(client, jobId, { lastEventId: last.id }));

    const ids = [...first, ...rest].map((event) => (event.type === 'error' ? 'error' : event.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(rest[rest.length - 1]).toMatchObject({ job: { status: 'success' } });
  });

  it('ends with the cancelled status when a DELETE stops the job in the worker', async () => {
    const jobId = await submitAsync(call, slowJob(100, 100));
    const events = followJob(client, jobId);
    let next = await events.next();
    while (!next.done && next.value.type !== 'progress') next = await events.next();

    expect((await call(`/v1/analyze-execution/jobs/${jobId}`, { method: 'DELETE' })).status).toBe(200);
    const rest = await collectEvents({ [Symbol.asyncIterator]: () => events });

    expect(rest[rest.length - 1]).toMatchObject({ type: 'status', job: { status: 'cancelled' } });
  });
});
