import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { sleep } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

jest.setTimeout(90_000);

/** How soon every API process must see a change made through another: the bound. */
const PROPAGATION_MS = 1000;
const ECHO = { plugin: 'echo', tool: 'echo', args: { message: 'hi' } };

/** Polls `status()` until it answers `expected`; resolves with the milliseconds it took, or fails after 5 s. */
async function msUntilStatus(status: () => Promise<number>, expected: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const seen = await status();
    if (seen === expected) return Date.now() - started;
    if (Date.now() - started > 5000) throw new Error(`status stayed ${seen}, not ${expected}, for 5 s`);
    await sleep(20);
  }
}

describe('Stored API keys across two API processes on one Redis', () => {
  let redis: RedisServer;
  let first: E2eApp;
  let second: E2eApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url, FORGESYTE_KEY_ROTATION_GRACE_SECONDS: '3600' };
    first = await startApp(env);
    second = await startApp(env);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await redis?.stop();
  });

  const analyzeOn = (api: E2eApp, key: string) => () =>
    api
      .http()
      .post('/v1/analyze-execution')
      .set('X-API-Key', key)
      .send(ECHO)
      .then((response) => response.status);

  async function createOn(api: E2eApp, body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const response = await api.http().post('/v1/keys').set('X-API-Key', ADMIN_KEY).send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; key: string };
  }

  it('accepts a key created through one process on the other within a second', async () => {
    const { key } = await createOn(first, { name: 'shared', scopes: ['analyze'] });

    expect(await msUntilStatus(analyzeOn(second, key), 200)).toBeLessThanOrEqual(PROPAGATION_MS);
    expect(await analyzeOn(first, key)()).toBe(200);
  });

  it('refuses a key revoked through one process on every process within a second', async () => {
    const created = await createOn(first, { name: 'to-revoke', scopes: ['analyze'] });
    await msUntilStatus(analyzeOn(second, created.key), 200);

    await first.http().delete(`/v1/keys/${created.id}`).set('X-API-Key', ADMIN_KEY).expect(200);

    expect(await analyzeOn(first, created.key)()).toBe(401);
    expect(await msUntilStatus(analyzeOn(second, created.key), 401)).toBeLessThanOrEqual(PROPAGATION_MS);
    expectEnvelope(await second.http().post('/v1/analyze-execution').set('X-API-Key', created.key).send(ECHO), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
  });

  it('applies an allow-list set through one process on the other within a second', async () => {
    const created = await createOn(second, { name: 'to-restrict', scopes: ['analyze'] });
    await msUntilStatus(analyzeOn(first, created.key), 200);

    await second.http().patch(`/v1/keys/${created.id}`).set('X-API-Key', ADMIN_KEY).send({ plugins: ['thrower'] }).expect(200);

    expect(await msUntilStatus(analyzeOn(first, created.key), 403)).toBeLessThanOrEqual(PROPAGATION_MS);
  });

  it('accepts a rotated key on the other process within a second, and the old one during the grace period', async () => {
    const created = await createOn(first, { name: 'to-rotate', scopes: ['analyze'] });
    await msUntilStatus(analyzeOn(second, created.key), 200);

    const rotated = (await first.http().post(`/v1/keys/${created.id}/rotate`).set('X-API-Key', ADMIN_KEY).expect(200)).body as { key: string };

    expect(await msUntilStatus(analyzeOn(second, rotated.key), 200)).toBeLessThanOrEqual(PROPAGATION_MS);
    expect(await analyzeOn(second, created.key)()).toBe(200);
  });

  it('lists the keys of both processes from either, without secrets', async () => {
    const a = await createOn(first, { name: 'from-first', scopes: ['analyze'] });
    const b = await createOn(second, { name: 'from-second', scopes: ['analyze'] });

    const listed = await first.http().get('/v1/keys?limit=100').set('X-API-Key', ADMIN_KEY).expect(200);

    const ids = (listed.body as { keys: Array<{ id: string }> }).keys.map((key) => key.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(JSON.stringify(listed.body)).not.toContain(a.key.slice(-20));
    expect(JSON.stringify(listed.body)).not.toContain(b.key.slice(-20));
  });

  it('answers 30 simultaneous changes of one key through both processes 200, or 409 KEY_CONFLICT to retry, never another error', async () => {
    const created = await createOn(first, { name: 'contended', scopes: ['analyze'] });

    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? first : second).http().patch(`/v1/keys/${created.id}`).set('X-API-Key', ADMIN_KEY).send({ name: `name-${index}` })),
    );

    for (const answer of answers) {
      if (answer.status !== 200) expectEnvelope(answer, 409, { code: 'KEY_CONFLICT', type: 'ConflictError', retryable: true });
    }
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
  });
});

describe('Stored API keys across two API apps on one SQLite file', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-keys-sqlite-'));
  let first: E2eApp;
  let second: E2eApp;

  beforeAll(async () => {
    const env = { FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dataDir };
    first = await startApp(env);
    second = await startApp(env);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const analyzeOn = (api: E2eApp, key: string) => () => api.http().post('/v1/analyze-execution').set('X-API-Key', key).send(ECHO).then((response) => response.status);

  it('refuses a key revoked through one app on the other within a second', async () => {
    const created = (await first.http().post('/v1/keys').set('X-API-Key', ADMIN_KEY).send({ name: 'shared-file', scopes: ['analyze'] }).expect(201)).body as { id: string; key: string };
    expect(await msUntilStatus(analyzeOn(second, created.key), 200)).toBeLessThanOrEqual(PROPAGATION_MS);

    await first.http().delete(`/v1/keys/${created.id}`).set('X-API-Key', ADMIN_KEY).expect(200);

    expect(await msUntilStatus(analyzeOn(second, created.key), 401)).toBeLessThanOrEqual(PROPAGATION_MS);
  });
});
