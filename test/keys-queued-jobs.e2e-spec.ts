import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { ApiProcess, freePort, WorkerProcess } from './support/app-process';
import { sleep, waitFor } from './support/async';
import { type ApiCall, apiCall, isTerminal, type JobView, submitAsync } from './support/process-api-client';

jest.setTimeout(120_000);

const ADMIN = 'queued-jobs-admin-key-0123456789';
/** The bound on how soon every process (apps/worker too) sees a revocation or a scope change. */
const PROPAGATION_MS = 1000;

/** A finished job as the API shows it, with its error's details. */
interface FinishedJob extends JobView {
  readonly error?: { code: string; retryable: boolean; message: string; details: Record<string, unknown> };
}

describe("a stored key's queued jobs on Redis, run by a real apps/worker", () => {
  const dir = mkdtempSync(join(tmpdir(), 'forgesyte-queued-jobs-'));
  const ledger = join(dir, 'ledger');
  let redis: RedisServer;
  let api: ApiProcess;
  let worker: WorkerProcess;
  let admin: ApiCall;
  let port: number;
  let counter = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = {
      FORGESYTE_JOB_STORE: 'redis',
      REDIS_URL: redis.url,
      FORGESYTE_PLUGINS: './test/fixtures/plugins/ledger.plugin.js,./test/fixtures/plugins/abortable.plugin.js',
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      // One job at a time: the key's jobs wait behind the admin's.
      FORGESYTE_MAX_CONCURRENCY: '1',
    };
    port = await freePort();
    api = new ApiProcess({ ...env, PORT: String(port), FORGESYTE_ADMIN_KEY: ADMIN });
    worker = new WorkerProcess({ ...env, FORGESYTE_TEST_LEDGER: ledger });
    admin = apiCall(port, ADMIN);
    await Promise.all([api.waitForOutput(/listening on/), worker.waitForOutput(/worker running jobs/)]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const job = async (id: string): Promise<FinishedJob> => (await (await admin(`/v1/analyze-execution/jobs/${id}`)).json()) as FinishedJob;
  /** The job once it ended, as its result route shows it (with its error). */
  const finished = async (id: string): Promise<FinishedJob> => {
    await waitFor(() => job(id), isTerminal, 30_000);
    return (await (await admin(`/v1/analyze-execution/jobs/${id}/result`)).json()) as FinishedJob;
  };
  const ledgerTokens = (): string[] => (existsSync(ledger) ? readFileSync(ledger, 'utf8').split('\n').filter(Boolean) : []);

  async function createKey(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const response = await admin('/v1/keys', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; key: string };
  }

  /** Holds the worker's one slot with an admin job until {@link release}d (cancelled). */
  async function holdTheWorker(): Promise<string> {
    const hold = await submitAsync(admin, { plugin: 'abortable', tool: 'wait', args: {} });
    await waitFor(() => job(hold), (seen) => seen.status === 'running', 30_000);
    return hold;
  }

  const release = async (hold: string): Promise<void> => {
    expect((await admin(`/v1/analyze-execution/jobs/${hold}`, { method: 'DELETE' })).status).toBe(200);
  };

  /** Jobs of `key` queued behind the held worker, each writing a fresh token to the ledger if it ran. */
  async function queue(key: string, count: number): Promise<Array<{ id: string; token: string }>> {
    const jobs = [];
    for (let index = 0; index < count; index += 1) {
      const token = `token-${++counter}`;
      jobs.push({ id: await submitAsync(apiCall(port, key), { plugin: 'ledger', tool: 'record', args: { token } }), token });
    }
    return jobs;
  }

  it('fails the queued jobs of a key revoked while they wait, FORBIDDEN, and the worker never runs them', async () => {
    const created = await createKey({ name: 'revoked-while-queued', scopes: ['analyze'] });
    const hold = await holdTheWorker();
    const jobs = await queue(created.key, 2);

    expect((await admin(`/v1/keys/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    await sleep(PROPAGATION_MS);
    await release(hold);

    for (const { id } of jobs) {
      const ended = await finished(id);
      expect(ended).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', retryable: false, details: { key_id: created.id, reason: 'revoked' } } });
      expect(ended.error?.message).toContain(`its API key ${created.id} was revoked at`);
    }
    expect(ledgerTokens().filter((token) => jobs.some((queued) => queued.token === token))).toEqual([]);
  });

  it("fails a queued job whose plugin left the key's allow-list while it waited, and runs another key's", async () => {
    const restricted = await createKey({ name: 'restricted-while-queued', scopes: ['analyze'], plugins: ['ledger', 'abortable'] });
    const unchanged = await createKey({ name: 'unchanged', scopes: ['analyze'], plugins: ['ledger'] });
    const hold = await holdTheWorker();
    const [refused] = await queue(restricted.key, 1);
    const [ran] = await queue(unchanged.key, 1);

    const patched = await admin(`/v1/keys/${restricted.id}`, { method: 'PATCH', body: JSON.stringify({ plugins: ['abortable'] }) });
    expect(patched.status).toBe(200);
    await sleep(PROPAGATION_MS);
    await release(hold);

    expect(await finished(refused.id)).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', details: { key_id: restricted.id, reason: 'plugin' } } });
    expect(await finished(ran.id)).toMatchObject({ status: 'success' });
    expect(ledgerTokens()).toContain(ran.token);
    expect(ledgerTokens()).not.toContain(refused.token);
  });
});
