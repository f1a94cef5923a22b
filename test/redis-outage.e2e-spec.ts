import type { Response } from 'supertest';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';

jest.setTimeout(120_000);

/** FORGESYTE_REDIS_TIMEOUT_MS of the app under test: the default. */
const TIMEOUT_MS = 2_000;
/** What "within the bound" allows on a noisy shared machine: the timeout plus generous slack. */
const ANSWER_BOUND_MS = TIMEOUT_MS + 1_500;

describe('the API on Redis when Redis fails', () => {
  let redis: RedisServer;
  let api: E2eApp;
  const sync = () => api.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'echo', args: { message: 'hi' } });
  const getJob = (id: string) => api.http().get(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', ADMIN_KEY);
  const submit = () => api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'echo', args: { message: 'later' } });

  /** The response and how long it took, in ms. */
  const timed = async (call: () => PromiseLike<Response>): Promise<{ response: Response; ms: number }> => {
    const started = performance.now();
    const response = await call();
    return { response, ms: performance.now() - started };
  };

  /** A 503 STORE_UNAVAILABLE envelope, retryable, with Retry-After, answered within the bound. */
  const expectStoreUnavailableInTime = ({ response, ms }: { response: Response; ms: number }) => {
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', type: 'InternalError', retryable: true });
    expect(JSON.stringify(response.body)).not.toMatch(/Command timed out|ECONNREFUSED|MaxRetriesPerRequest|127\.0\.0\.1/);
    expect(ms).toBeLessThan(ANSWER_BOUND_MS);
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    api = await startApp({ FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url, FORGESYTE_REDIS_TIMEOUT_MS: String(TIMEOUT_MS) });
  });

  afterAll(async () => {
    redis?.resume();
    await api?.close();
    await redis?.stop();
  });

  it('answers STORE_UNAVAILABLE within the bound while Redis hangs (SIGSTOP), and works again once it wakes', async () => {
    const before = await sync();
    expect(before.status).toBe(200);

    redis.pause();
    try {
      expectStoreUnavailableInTime(await timed(() => getJob(before.body.job_id as string)));
      expectStoreUnavailableInTime(await timed(sync));
      expectStoreUnavailableInTime(await timed(submit));
    } finally {
      redis.resume();
    }

    const after = await waitFor(sync, (response) => response.status === 200, 10_000);
    expect(after.body).toMatchObject({ status: 'success', result: { message: 'hi' } });
    expect((await getJob(before.body.job_id as string)).body).toMatchObject({ status: 'success' });
  });

  it('answers STORE_UNAVAILABLE within the bound while Redis is down (killed), and works again once it is back on its port', async () => {
    const before = await sync();
    expect(before.status).toBe(200);

    await redis.kill();
    expectStoreUnavailableInTime(await timed(() => getJob(before.body.job_id as string)));
    expectStoreUnavailableInTime(await timed(sync));
    expectStoreUnavailableInTime(await timed(submit));

    await redis.restart();
    const after = await waitFor(sync, (response) => response.status === 200, 15_000);
    expect(after.body).toMatchObject({ status: 'success', result: { message: 'hi' } });
    expect((await getJob(after.body.job_id as string)).body).toMatchObject({ status: 'success' });
    expect((await submit()).status).toBe(202);
  });
});
