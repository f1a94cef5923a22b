import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request, { type Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { JOB_STORE } from '@forgesyte/execution';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp } from '../apps/api/src/bootstrap';
import { JsonReplyExpressAdapter } from '../apps/api/src/http/json-reply.adapter';
import { loadConfig } from '../apps/api/src/config/load-config';
import { SqliteJobStore } from '../libs/execution/src/store/sqlite/sqlite-job-store';
import { type FillableDisk, fillableDiskKinds, makeFillableDisk } from '../libs/execution/src/testing/fillable-disk';
import { type RedisServer, startRedisServer } from '../libs/execution/src/testing/redis-server';
import { makeTempDir } from '../libs/execution/src/testing/temp-dir';
import { waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp } from './support/e2e-app';
import { SILENT_LOGGER } from './support/silent-logger';

jest.setTimeout(60_000);

const ready = (http: () => TestAgent) => http().get('/v1/health/ready');

/** A 503 NOT_READY envelope whose `details.checks` holds exactly `failed`, with nothing internal in it. */
function expectNotReady(response: Response, failed: readonly string[], internals: RegExp = /SQLITE|ECONNREFUSED|127\.0\.0\.1|\/tmp\//): void {
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  expect(response.body.error).toMatchObject({ code: 'NOT_READY', type: 'InternalError', retryable: true, details: { retry_after_seconds: 5 } });
  expect(Object.keys(response.body.error.details.checks as object).sort()).toEqual([...failed].sort());
  for (const name of failed) expect(response.body.error.details.checks[name]).toMatchObject({ status: 'down', message: expect.any(String) });
  expect(JSON.stringify(response.body)).not.toMatch(internals);
}

describe('GET /v1/health/ready', () => {
  describe('on the memory store', () => {
    let api: E2eApp;

    beforeAll(async () => {
      api = await startApp();
    });

    afterAll(() => api?.close());

    it('answers 200 without a key, listing each check up', async () => {
      const response = await ready(api.http);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        status: 'ready',
        checks: {
          store: { status: 'up', kind: 'memory', unwritten_outcomes: 0 },
          queue: { status: 'up', acceptance: 'accepting' },
          plugins: { status: 'up', callable: expect.any(Number), registered: expect.any(Number) },
        },
      });
      expect(response.body.checks.plugins.callable).toBeGreaterThan(0);
    });

    it('leaves liveness as it was', async () => {
      const response = await api.http().get('/v1/health');

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok', uptime_seconds: expect.any(Number) });
    });
  });

  describe('when no plugin can be called', () => {
    let api: E2eApp;

    beforeAll(async () => {
      api = await startApp({ FORGESYTE_PLUGINS: './test/fixtures/plugins/init-throws.plugin.js', FORGESYTE_SHIPPED_PLUGINS: 'none' });
    });

    afterAll(() => api?.close());

    it('answers 503 NOT_READY naming the plugins check', async () => {
      const response = await ready(api.http);

      expectNotReady(response, ['plugins']);
      expect(response.body.error.details.checks.plugins).toMatchObject({ callable: 0, registered: 1 });
    });
  });

  describe('on the SQLite store', () => {
    const dir = makeTempDir('readiness-sqlite');
    let api: E2eApp;

    beforeAll(async () => {
      api = await startApp({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dir.path });
    });

    afterAll(async () => {
      await api?.close();
      dir.remove();
    });

    it('answers 200 once a real write to the database succeeded, and leaves no job behind', async () => {
      const response = await ready(api.http);

      expect(response.status).toBe(200);
      expect(response.body.checks.store).toEqual({ status: 'up', kind: 'sqlite', unwritten_outcomes: 0 });
      const jobs = await api.http().get('/v1/analyze-execution/jobs').set('X-API-Key', ADMIN_KEY);
      expect(jobs.body.jobs).toEqual([]);
    });
  });

  describe.each(fillableDiskKinds())('on a SQLite store whose disk fills up (%s)', (kind) => {
    let disk: FillableDisk;
    let app: INestApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      disk = makeFillableDisk(kind);
      const config = loadConfig({
        FORGESYTE_ADMIN_KEY: ADMIN_KEY,
        FORGESYTE_PLUGINS: './test/fixtures/plugins/echo.plugin.js',
        FORGESYTE_SHIPPED_PLUGINS: 'none',
        FORGESYTE_JOB_STORE: 'sqlite',
        FORGESYTE_DATA_DIR: disk.dataDir,
        FORGESYTE_SHUTDOWN_GRACE_MS: '0',
      });
      const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config)] })
        .overrideProvider(JOB_STORE)
        .useFactory({ factory: () => SqliteJobStore.open(disk.databaseFile, disk.storeOptions) })
        .setLogger(SILENT_LOGGER)
        .compile();
      app = configureApp(moduleRef.createNestApplication(new JsonReplyExpressAdapter(), { bodyParser: false, logger: false }), config);
      await app.init();
    });

    afterAll(async () => {
      await app?.close();
      disk?.remove();
    });

    it('answers 503 NOT_READY naming the store while the disk is full, and 200 again once space returns', async () => {
      expect((await ready(http)).status).toBe(200);

      disk.fill();
      try {
        const notReady = await waitFor(() => ready(http), (response) => response.status === 503, 5_000);
        expectNotReady(notReady, ['store'], new RegExp(`SQLITE|${disk.dataDir}`));
        expect(notReady.body.error.details.checks.store).toMatchObject({ kind: 'sqlite', unwritten_outcomes: 0 });
      } finally {
        disk.free();
      }

      const again = await waitFor(() => ready(http), (response) => response.status === 200, 5_000);
      expect(again.body.checks.store).toEqual({ status: 'up', kind: 'sqlite', unwritten_outcomes: 0 });
    });
  });

  describe('on the Redis store', () => {
    let redis: RedisServer;
    let api: E2eApp;

    beforeAll(async () => {
      redis = await startRedisServer();
      api = await startApp({ FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url });
    });

    afterAll(async () => {
      await api?.close();
      await redis?.stop();
    });

    it('answers 503 NOT_READY naming the store while Redis is stopped, within the check timeout, and 200 again once it is back', async () => {
      expect((await ready(api.http)).body.checks.store).toEqual({ status: 'up', kind: 'redis', unwritten_outcomes: 0 });

      await redis.kill();
      const notReady = await waitFor(() => ready(api.http), (response) => response.status === 503, 5_000);
      expectNotReady(notReady, notReady.body.error.details.checks.queue === undefined ? ['store'] : ['store', 'queue'], new RegExp(`ECONNREFUSED|127\\.0\\.0\\.1|${redis.port}`));
      const started = performance.now();
      expect((await ready(api.http)).status).toBe(503);
      expect(performance.now() - started).toBeLessThan(1_500);

      await redis.restart();
      const again = await waitFor(() => ready(api.http), (response) => response.status === 200, 15_000);
      expect(again.body.checks).toMatchObject({ store: { status: 'up' }, queue: { status: 'up' } });
    });
  });

  describe('during shutdown', () => {
    let api: E2eApp;

    beforeAll(async () => {
      api = await startApp({ FORGESYTE_SHUTDOWN_GRACE_MS: '3000' });
    });

    afterAll(() => api?.close());

    it('answers 503 NOT_READY (server, queue) while running jobs get their grace period, before the server closes', async () => {
      const submitted = await api.http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'abortable', tool: 'wait', args: {} });
      expect(submitted.status).toBe(202);
      const jobId = submitted.body.job_id as string;
      await waitFor(() => api.http().get(`/v1/analyze-execution/jobs/${jobId}`).set('X-API-Key', ADMIN_KEY), (response) => response.body.status === 'running');
      expect((await ready(api.http)).status).toBe(200);

      const closing = api.app.close();
      try {
        const response = await waitFor(() => ready(api.http), (answer) => answer.status === 503, 2_000);
        expectNotReady(response, ['server', 'queue']);
        expect(response.body.error.details.checks.queue).toMatchObject({ acceptance: 'stopped' });
      } finally {
        await closing;
      }
    });
  });
});
