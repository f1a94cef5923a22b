import { makeTempDir } from '../libs/execution/src/testing/temp-dir';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

const WAIT = { plugin: 'abortable', tool: 'wait', args: {} };
const ECHO = { plugin: 'echo', tool: 'echo', args: { message: 'queued' } };

describe("A stored key's own limits.max_queued, on the default SQLite store", () => {
  const dataDir = makeTempDir('key-max-queued');
  let api: E2eApp;

  beforeAll(async () => {
    // One slot, held by the admin's job below; the operator's share of the queue per key is 3.
    api = await startApp({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dataDir.path, FORGESYTE_MAX_CONCURRENCY: '1', FORGESYTE_KEY_MAX_QUEUE: '3' });
  });
  afterAll(async () => {
    await api?.close();
    dataDir.remove();
  });

  async function createKey(name: string, limits?: object): Promise<{ id: string; key: string }> {
    const created = await api.http().post('/v1/keys').set('X-API-Key', ADMIN_KEY).send({ name, scopes: ['analyze', 'jobs:read'], ...(limits && { limits }) }).expect(201);
    return created.body as { id: string; key: string };
  }

  const submit = (key: string) => api.http().post('/v1/analyze-execution/async').set('X-API-Key', key).send(ECHO);

  it('holds the key to its own cap, below or above the share, while other keys are taken, and follows a change of the limit', async () => {
    const blocker = (await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send(WAIT).expect(202)).body as { job_id: string };
    await waitFor(
      async () => ((await api.http().get(`/v1/analyze-execution/jobs/${blocker.job_id}`).set('X-API-Key', ADMIN_KEY)).body as { status: string }).status,
      (status) => status === 'running',
    );
    const small = await createKey('small', { max_queued: 2 });
    const large = await createKey('large', { max_queued: 5 });
    const plain = await createKey('plain');

    for (let i = 0; i < 2; i += 1) await submit(small.key).expect(202);
    const refused = await submit(small.key);
    expectEnvelope(refused, 429, {
      code: 'OVERLOADED',
      type: 'RateLimitError',
      retryable: true,
      details: { retry_after_seconds: 1, queue_limit: 2, reason: 'key_queue_full', setting: 'limits.max_queued' },
      message: /has 2 async jobs waiting.*raise the key's limits\.max_queued/,
    });
    expect(refused.headers['retry-after']).toBe('1');

    for (let i = 0; i < 5; i += 1) await submit(large.key).expect(202);
    expectEnvelope(await submit(large.key), 429, { code: 'OVERLOADED', type: 'RateLimitError', details: { queue_limit: 5, setting: 'limits.max_queued' } });

    for (let i = 0; i < 3; i += 1) await submit(plain.key).expect(202);
    expectEnvelope(await submit(plain.key), 429, { code: 'OVERLOADED', type: 'RateLimitError', details: { queue_limit: 3, setting: 'FORGESYTE_KEY_MAX_QUEUE' } });

    await api.http().patch(`/v1/keys/${small.id}`).set('X-API-Key', ADMIN_KEY).send({ limits: { max_queued: 3 } }).expect(200);
    await submit(small.key).expect(202);
    expectEnvelope(await submit(small.key), 429, { code: 'OVERLOADED', type: 'RateLimitError', details: { queue_limit: 3 } });

    await api.http().delete(`/v1/analyze-execution/jobs/${blocker.job_id}`).set('X-API-Key', ADMIN_KEY).expect(200);
  });
});
