import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';

jest.setTimeout(120_000);

const KEY = 'shutdown-deadline-admin-key-0123';

describe('a process whose store went away still stops after SIGTERM', () => {
  let redis: RedisServer | undefined;
  let api: ApiProcess;
  let worker: WorkerProcess;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url, FORGESYTE_SHIPPED_PLUGINS: 'none', FORGESYTE_SHUTDOWN_GRACE_MS: '0' };
    api = new ApiProcess({ ...env, PORT: String(await freePort()), FORGESYTE_ADMIN_KEY: KEY });
    worker = new WorkerProcess(env);
    await Promise.all([api.waitForOutput(/listening on/), worker.waitForOutput(/worker running jobs/)]);
  });

  afterAll(async () => {
    await Promise.all([api?.kill(), worker?.kill()]);
    await redis?.stop();
  });

  it('stops the API and an apps/worker with code 1 after SIGTERM, Redis being down: the worker once the shutdown deadline passed', async () => {
    await redis?.stop();
    redis = undefined;

    const stoppedAt = Date.now();
    const [apiExit, workerExit] = await Promise.all([api.stop(), worker.stop()]);

    // FORGESYTE_SHUTDOWN_GRACE_MS=0: the deadline is SHUTDOWN_OVERRUN_MS (10 s) after the signal; the bound is generous.
    expect(Date.now() - stoppedAt).toBeLessThan(60_000);
    expect([apiExit.code, workerExit.code]).toEqual([1, 1]);
    // The worker's BullMQ connections retry for ever and never close: without the deadline it would not exit at all.
    expect(worker.stderr).toMatch(/"context":"Shutdown".*still closing 10000 ms after SIGTERM/);
    // The API's close fails fast (its commands fail after one retry), and Nest exits reporting it.
    expect(api.stderr).toMatch(/Error happened during shutdown/);
  });
});
