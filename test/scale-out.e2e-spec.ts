import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { waitFor } from './support/async';
import { allJobs, type ApiCall, apiCall, isTerminal, type JobView, submitAsync } from './support/process-api-client';

jest.setTimeout(180_000);

const KEY = 'scale-admin-key-0123456789';
const PLUGINS = ['ledger.plugin.js', 'slow-progress.plugin.js'].map((file) => `./test/fixtures/plugins/${file}`).join(',');

/** One API and its workers on one Redis, each process with a ledger of the calls it ran. */
class Deployment {
  readonly dir = mkdtempSync(join(tmpdir(), 'forgesyte-scale-'));
  readonly workers: WorkerProcess[] = [];
  api!: ApiProcess;
  call!: ApiCall;

  constructor(private readonly redis: RedisServer) {}

  private env(ledger: string): Record<string, string> {
    return {
      FORGESYTE_JOB_STORE: 'redis',
      REDIS_URL: this.redis.url,
      FORGESYTE_PLUGINS: PLUGINS,
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_MAX_CONCURRENCY: '4',
      FORGESYTE_MAX_QUEUE: '10000',
      FORGESYTE_JOB_LOCK_MS: '1000',
      FORGESYTE_TEST_LEDGER: join(this.dir, ledger),
    };
  }

  async start(workers: number): Promise<void> {
    for (let index = 0; index < workers; index += 1) this.workers.push(new WorkerProcess(this.env(`worker-${index}.ledger`)));
    await Promise.all([this.startApi(), ...this.workers.map((worker) => worker.waitForOutput(/worker running jobs/))]);
  }

  /** Starts an API (another one, after the first was killed), and points `call` at it. */
  async startApi(): Promise<void> {
    const port = await freePort();
    this.api = new ApiProcess({ ...this.env('api.ledger'), PORT: String(port), FORGESYTE_ADMIN_KEY: KEY });
    this.call = apiCall(port, KEY);
    await this.api.waitForOutput(/listening on/);
  }

  /** The tokens each process's ledger holds, by ledger file name. */
  ledgers(): Map<string, string[]> {
    const names = ['api.ledger', ...this.workers.map((_, index) => `worker-${index}.ledger`)];
    return new Map(names.map((name) => [name, readLedger(join(this.dir, name))]));
  }

  async stop(): Promise<void> {
    await Promise.all([this.api?.stop(), ...this.workers.map((worker) => worker.stop())]);
  }
}

function readLedger(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : [];
}

/** Submits `count` ledger jobs, ten at a time; returns token → job id. */
async function submitLedgerJobs(call: ApiCall, count: number, delayMs: number): Promise<Map<string, string>> {
  const jobs = new Map<string, string>();
  for (let start = 0; start < count; start += 10) {
    const tokens = Array.from({ length: Math.min(10, count - start) }, (_, offset) => `t${start + offset}`);
    const ids = await Promise.all(tokens.map((token) => submitAsync(call, { plugin: 'ledger', tool: 'record', args: { token, delay_ms: delayMs } })));
    tokens.forEach((token, index) => jobs.set(token, ids[index]));
  }
  return jobs;
}

/** The jobs among `all` whose ids are in `jobs` (the Redis server outlives each test's deployment). */
function ofThese(all: readonly JobView[], jobs: Map<string, string>): JobView[] {
  const ids = new Set(jobs.values());
  return all.filter((job) => ids.has(job.job_id));
}

/** Waits until every one of `jobs` is finished, and returns them. */
function allFinished(call: ApiCall, jobs: Map<string, string>, timeoutMs: number): Promise<JobView[]> {
  return waitFor(
    async () => ofThese(await allJobs(call), jobs),
    (mine) => mine.length === jobs.size && mine.every(isTerminal),
    timeoutMs,
  );
}

async function jobView(call: ApiCall, jobId: string): Promise<JobView> {
  return (await (await call(`/v1/analyze-execution/jobs/${jobId}/result`)).json()) as JobView;
}

describe('scale-out on Redis: one API, apps/worker processes', () => {
  let redis: RedisServer;
  let deployment: Deployment;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    await deployment?.stop();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('two workers complete 500 jobs exactly once: none lost, none run twice, none run by the API', async () => {
    deployment = new Deployment(redis);
    await deployment.start(2);

    const jobs = await submitLedgerJobs(deployment.call, 500, 5);
    const finished = await allFinished(deployment.call, jobs, 120_000);

    expect(finished.filter((job) => job.status !== 'success')).toEqual([]);
    const ledgers = deployment.ledgers();
    const ran = [...ledgers.values()].flat();
    expect(ran.sort()).toEqual([...jobs.keys()].sort());
    expect(ledgers.get('api.ledger')).toEqual([]);
    expect(ledgers.get('worker-0.ledger')?.length).toBeGreaterThan(0);
    expect(ledgers.get('worker-1.ledger')?.length).toBeGreaterThan(0);
    const sample = await jobView(deployment.call, jobs.get('t123') as string);
    expect(sample).toMatchObject({ status: 'success', result: { token: 't123' } });
  });

  it('a worker killed mid-run leaves no job stuck: its running jobs end JOB_INTERRUPTED, the rest run once elsewhere', async () => {
    deployment = new Deployment(redis);
    await deployment.start(2);
    const [victim] = deployment.workers;

    const jobs = await submitLedgerJobs(deployment.call, 60, 300);
    await waitFor(async () => deployment.ledgers().get('worker-0.ledger') ?? [], (tokens) => tokens.length >= 4, 30_000);
    await victim.kill();
    const finished = await allFinished(deployment.call, jobs, 90_000);

    const ledgers = deployment.ledgers();
    const ran = [...ledgers.values()].flat();
    expect(new Set(ran).size).toBe(ran.length);
    expect(ran.sort()).toEqual([...jobs.keys()].sort());
    const victimTokens = new Set(ledgers.get('worker-0.ledger'));
    for (const [token, jobId] of jobs) {
      const view = await jobView(deployment.call, jobId);
      if (view.status === 'success') continue;
      expect(view).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
      expect(victimTokens.has(token)).toBe(true);
    }
    const interrupted = finished.filter((job) => job.status === 'failed');
    expect(interrupted.length).toBeGreaterThan(0);
    expect(interrupted.length).toBeLessThanOrEqual(4);
  });

  it('an API node killed during a sync call leaves no job running: another process fails it JOB_INTERRUPTED', async () => {
    deployment = new Deployment(redis);
    await deployment.start(1);
    const victim = deployment.api;

    const call = deployment.call('/v1/analyze-execution', {
      method: 'POST',
      body: JSON.stringify({ plugin: 'slow-progress', tool: 'count', args: { steps: 1000, delay_ms: 20 } }),
    });
    call.catch(() => undefined);
    const running = await waitFor(
      async () => (await allJobs(deployment.call)).filter((job) => job.status === 'running'),
      (jobs) => jobs.length === 1,
      30_000,
    );
    await victim.kill();
    await expect(call).rejects.toThrow();
    await deployment.startApi();

    const interrupted = await waitFor(() => jobView(deployment.call, running[0].job_id), isTerminal, 30_000);
    expect(interrupted).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
  });

  it('cancel on the API stops a job running on a worker, and progress made there is visible through the API', async () => {
    deployment = new Deployment(redis);
    await deployment.start(1);

    const jobId = await submitAsync(deployment.call, { plugin: 'slow-progress', tool: 'count', args: { steps: 1000, delay_ms: 20 } });
    const running = await waitFor(
      async () => (await (await deployment.call(`/v1/analyze-execution/jobs/${jobId}`)).json()) as JobView,
      (job) => job.status === 'running' && (job.progress?.fraction ?? 0) > 0,
      30_000,
    );
    const response = await deployment.call(`/v1/analyze-execution/jobs/${jobId}`, { method: 'DELETE' });

    expect(running.progress?.message).toMatch(/^step \d+ of 1000$/);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ job_id: jobId, status: 'cancelled' });
    expect(await jobView(deployment.call, jobId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
  });

  it('refuses to start a worker on a store other than Redis, saying what to set', async () => {
    const worker = new WorkerProcess({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_SHIPPED_PLUGINS: 'none' });

    const exit = await worker.exited;

    expect(exit.code).toBe(1);
    expect(worker.stderr).toMatch(/FORGESYTE_JOB_STORE must be 'redis' for a worker .*Set FORGESYTE_JOB_STORE=redis and REDIS_URL/);
  });
});
