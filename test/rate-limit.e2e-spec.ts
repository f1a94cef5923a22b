import type { Response } from 'supertest';
import { makeTempDir } from '../libs/execution/src/testing/temp-dir';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { sleep } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

jest.setTimeout(60_000);

const ECHO = { plugin: 'echo', tool: 'echo', args: { message: 'hi' } };

/** What is left of a key's rate after `response`, from its `RateLimit` header (`"<policy>";r=<n>;t=<s>`). */
function remainingOf(response: Response): number {
  const match = /;r=(\d+);t=\d+$/.exec(String(response.headers.ratelimit));
  if (match === null) throw new Error(`no RateLimit header in the answer: ${JSON.stringify(response.headers)}`);
  return Number(match[1]);
}

describe('Per-key rate limits (FORGESYTE_RATE_LIMIT), counted in the process', () => {
  let api: E2eApp;

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_RATE_LIMIT: '3/2s,admin:off' });
  });
  afterAll(() => api?.close());

  it('counts a sync analyze, an async analyze and a read alike, refuses the next with 429 RATE_LIMITED and the headers, then lets the key in again', async () => {
    const sync = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(ECHO).expect(200);
    const async = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', USER_KEY).send(ECHO).expect(202);
    const read = await api.http().get('/v1/plugins').set('X-API-Key', USER_KEY).expect(200);

    expect(sync.headers['ratelimit-policy']).toBe('"default";q=3;w=2');
    expect([sync, async, read].map(remainingOf)).toEqual([2, 1, 0]);

    const refused = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(ECHO);
    const retryAfter = Number(refused.headers['retry-after']);
    expectEnvelope(refused, 429, {
      code: 'RATE_LIMITED',
      type: 'RateLimitError',
      retryable: true,
      details: { retry_after_seconds: retryAfter, quota: 3, window_seconds: 2, setting: 'FORGESYTE_RATE_LIMIT' },
      message: /more than 3 requests in 2 s.*raise FORGESYTE_RATE_LIMIT/,
    });
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(refused.headers['ratelimit-policy']).toBe('"default";q=3;w=2');
    expect(refused.headers.ratelimit).toBe(`"default";r=0;t=${retryAfter}`);

    await sleep(retryAfter * 1000 + 100);
    const again = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(ECHO).expect(200);
    expect(remainingOf(again)).toBe(2);
  });

  it("holds each key to its own count, and leaves a kind turned off ('admin:off') unlimited and without the headers", async () => {
    for (let request = 0; request < 8; request += 1) {
      const response = await api.http().get('/v1/plugins').set('X-API-Key', ADMIN_KEY).expect(200);
      expect(response.headers['ratelimit-policy']).toBeUndefined();
      expect(response.headers.ratelimit).toBeUndefined();
    }
  });

  it('documents RATE_LIMITED among the 429s, and the RateLimit headers, on every route behind a key, and on no public one', async () => {
    type Operation = { security: object[]; responses: Record<string, { description: string; headers: Record<string, { required?: boolean }> }> };
    const document = (await api.http().get('/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ id: `${method} ${path}`, operation })));
    const needsKey = ({ security }: Operation) => security.length > 0 && security.every((requirement) => Object.keys(requirement).length > 0);

    expect(operations.filter(({ operation }) => needsKey(operation)).length).toBeGreaterThan(10);
    for (const { id, operation } of operations) {
      const limited = needsKey(operation);
      expect({ id, rateLimited: /RATE_LIMITED/.test(operation.responses['429']?.description ?? '') }).toEqual({ id, rateLimited: limited });
      expect({ id, headers: operation.responses['200']?.headers?.RateLimit ?? operation.responses['400'].headers.RateLimit }).toEqual({ id, headers: limited ? expect.objectContaining({ required: false }) : undefined });
    }
  });

  it('neither counts nor limits the public routes', async () => {
    for (let request = 0; request < 8; request += 1) {
      const response = await api.http().get('/v1/health').set('X-API-Key', USER_KEY).expect(200);
      expect(response.headers.ratelimit).toBeUndefined();
    }
  });
});

describe("A stored key's own rate_per_minute, with FORGESYTE_RATE_LIMIT off (SQLite)", () => {
  const dataDir = makeTempDir('rate-limit-sqlite');
  let api: E2eApp;

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dataDir.path });
  });
  afterAll(async () => {
    await api?.close();
    dataDir.remove();
  });

  it('limits no bootstrap key, and sends no RateLimit headers, when no rate is configured', async () => {
    const response = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(ECHO).expect(200);

    expect(response.headers['ratelimit-policy']).toBeUndefined();
  });

  it('holds a stored key to its rate_per_minute, names it in the refusal, and stops once the limit is cleared', async () => {
    const created = await api.http().post('/v1/keys').set('X-API-Key', ADMIN_KEY).send({ name: 'metered', scopes: ['analyze'], limits: { rate_per_minute: 2 } }).expect(201);
    const { id, key } = created.body as { id: string; key: string };

    for (const remaining of [1, 0]) {
      const response = await api.http().post('/v1/analyze-execution').set('X-API-Key', key).send(ECHO).expect(200);
      expect(response.headers['ratelimit-policy']).toBe('"key";q=2;w=60');
      expect(remainingOf(response)).toBe(remaining);
    }
    const refused = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', key).send(ECHO);
    expectEnvelope(refused, 429, { code: 'RATE_LIMITED', type: 'RateLimitError', message: /raise the key's limits\.rate_per_minute/ });
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    await api.http().patch(`/v1/keys/${id}`).set('X-API-Key', ADMIN_KEY).send({ limits: null }).expect(200);
    let status = 0;
    for (let waited = 0; status !== 200 && waited < 3000; waited += 50) {
      status = (await api.http().post('/v1/analyze-execution').set('X-API-Key', key).send(ECHO)).status;
      if (status !== 200) await sleep(50);
    }
    expect(status).toBe(200);
  });
});

describe('Two API processes on one Redis share each key’s count', () => {
  let redis: RedisServer;
  let first: E2eApp;
  let second: E2eApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    const env = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url, FORGESYTE_RATE_LIMIT: '4/10s' };
    first = await startApp(env);
    second = await startApp(env);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await redis?.stop();
  });

  it('refuses a key on both processes once its requests through either reach the rate, and still accepts another key', async () => {
    const remaining = [];
    for (const api of [first, second, first, second]) remaining.push(remainingOf(await api.http().get('/v1/plugins').set('X-API-Key', USER_KEY).expect(200)));

    expect(remaining).toEqual([3, 2, 1, 0]);
    for (const api of [first, second]) {
      const refused = await api.http().post('/v1/analyze-execution').set('X-API-Key', USER_KEY).send(ECHO);
      expectEnvelope(refused, 429, { code: 'RATE_LIMITED', type: 'RateLimitError' });
      expect(refused.headers.ratelimit).toMatch(/^"default";r=0;t=\d+$/);
    }
    expect(remainingOf(await second.http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send(ECHO).expect(200))).toBe(3);
  });
});
