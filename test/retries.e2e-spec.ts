import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { waitFor } from './support/async';
import { type ApiCall, apiCall, submitAsync } from './support/process-api-client';

jest.setTimeout(180_000);

const KEY = 'retries-admin-key-0123456789';

/** A job as the API shows it, with its attempts. */
interface AttemptsView {
  readonly status: string;
  readonly attempt: number;
  readonly attempts: number;
  readonly attempt_errors: { code: string; retryable: boolean }[];
  readonly next_attempt_at: string | null;
  readonly error?: { code: string; details: Record<string, unknown> };
}

describe('retries with backoff on Redis, with two apps/worker processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forgesyte-retries-'));
  let redis: RedisServer;
  let api: ApiProcess;
  let workers: WorkerProcess[];
  let call: ApiCall;
  let counter = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      FORGESYTE_JOB_STORE: 'redis',
      REDIS_URL: redis.url,
      FORGESYTE_PLUGINS: './test/fixtures/plugins/flaky.plugin.js',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_JOB_LOCK_MS: '1000',
    };
    const port = await freePort();
    api = new ApiProcess({ ...env, PORT: String(port), FORGESYTE_ADMIN_KEY: KEY });
    workers = [new WorkerProcess(env), new WorkerProcess(env)];
    call = apiCall(port, KEY);
    await Promise.all([api.waitForOutput(/listening on/), ...workers.map((worker) => worker.waitForOutput(/worker running jobs/))]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), ...(workers ?? []).map((worker) => worker.stop())]);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = async (id: string): Promise<AttemptsView> => (await (await call(`/v1/analyze-execution/jobs/${id}`)).json()) as AttemptsView;
  const finished = (id: string): Promise<AttemptsView> => waitFor(() => job(id), (seen) => ['success', 'failed', 'cancelled'].includes(seen.status), 60_000);

  it('runs a job whose first attempt timed out again: it succeeds on its second attempt, both attempts in its JSON', async () => {
    const marker = join(dir, `marker-${++counter}`);
    const submitted = await call('/v1/analyze-execution/async', { method: 'POST', body: JSON.stringify({ plugin: 'flaky', tool: 'times_out_once', args: { marker } }) });
    expect(submitted.status).toBe(202);
    expect(await submitted.json()).toMatchObject({ status: 'pending', attempt: 1, attempts: 3, attempt_errors: [], next_attempt_at: null });
    const id = (submitted.headers.get('location') as string).split('/').pop() as string;

    const done = await finished(id);

    expect(done).toMatchObject({ status: 'success', attempt: 2, attempts: 3, next_attempt_at: null });
    expect(done.attempt_errors).toEqual([expect.objectContaining({ code: 'PLUGIN_TIMEOUT', retryable: true })]);
  });

  it('gives a job whose worker was killed mid-attempt a second attempt on the other worker', async () => {
    const marker = join(dir, `marker-${++counter}`);
    const id = await submitAsync(call, { plugin: 'flaky', tool: 'hangs_once', args: { marker } });
    const pid = Number(await waitFor(async () => (existsSync(marker) ? readFileSync(marker, 'utf8') : ''), (text) => text !== '', 30_000));
    const victim = workers.find((worker) => worker.child.pid === pid);
    expect(victim).toBeDefined();

    await victim?.kill();
    const done = await finished(id);

    expect(done).toMatchObject({ status: 'success', attempt: 2, attempts: 3 });
    expect(done.attempt_errors).toEqual([expect.objectContaining({ code: 'JOB_INTERRUPTED', retryable: true })]);
  });

  it('refuses a max_attempts that is not a whole number from 1 to 20, saying so', async () => {
    const response = await call('/v1/analyze-execution/async', { method: 'POST', body: JSON.stringify({ plugin: 'flaky', tool: 'refuses', max_attempts: 0 }) });

    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('max_attempts');
  });
});
