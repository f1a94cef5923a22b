import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request, { type Response } from 'supertest';
import { JOB_STORE } from '@forgesyte/execution';
import { ApiModule } from '../apps/api/src/api.module';
import { configureApp } from '../apps/api/src/bootstrap';
import { JsonReplyExpressAdapter } from '../apps/api/src/http/json-reply.adapter';
import { loadConfig } from '../apps/api/src/config/load-config';
import { SqliteJobStore } from '../libs/execution/src/store/sqlite/sqlite-job-store';
import { type FillableDisk, fillableDiskKinds, makeFillableDisk } from '../libs/execution/src/testing/fillable-disk';
import { waitFor } from './support/async';
import { ADMIN_KEY } from './support/e2e-app';

jest.setTimeout(120_000);

/** Every line the app logged, as `[context] message`. */
function capturingLogger(lines: string[]): LoggerService {
  const keep = (context?: unknown) => (message: unknown) => lines.push(`[${String(context)}] ${String(message)}`);
  return {
    log: (message, context) => keep(context)(message),
    warn: (message, context) => keep(context)(message),
    error: (message, _trace, context) => keep(context ?? _trace)(message),
    debug: () => undefined,
    verbose: () => undefined,
    fatal: (message, context) => keep(context)(message),
  };
}

/** The real API on the SQLite store in `disk`'s data directory (opened with the disk's options), logging into `lines`. */
async function startOnDisk(disk: FillableDisk, lines: string[]): Promise<INestApplication> {
  const config = loadConfig({
    FORGESYTE_ADMIN_KEY: ADMIN_KEY,
    FORGESYTE_PLUGINS: './test/fixtures/plugins/bulky.plugin.js',
    FORGESYTE_SHIPPED_PLUGINS: 'none',
    FORGESYTE_JOB_STORE: 'sqlite',
    FORGESYTE_DATA_DIR: disk.dataDir,
    FORGESYTE_MAX_CONCURRENCY: '4',
    FORGESYTE_SHUTDOWN_GRACE_MS: '0',
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config)] })
    .overrideProvider(JOB_STORE)
    .useFactory({ factory: () => SqliteJobStore.open(disk.databaseFile, disk.storeOptions) })
    .setLogger(capturingLogger(lines))
    .compile();
  const app = configureApp(moduleRef.createNestApplication(new JsonReplyExpressAdapter(), { bodyParser: false, logger: capturingLogger(lines) }), config);
  await app.init();
  return app;
}

const TERMINAL = ['success', 'failed', 'cancelled'];
/** Big enough that storing it needs new pages (and WAL frames) whatever the free space in the pages already there. */
const BIG = 20_000;

describe.each(fillableDiskKinds())('a full disk (%s) under the SQLite job store', (kind) => {
  let disk: FillableDisk;
  const logs: string[] = [];
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const submit = (args: object) => http().post('/v1/analyze-execution/async').set('X-API-Key', ADMIN_KEY).send({ plugin: 'bulky', args });
  const job = async (id: string) => (await http().get(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', ADMIN_KEY)).body as { status: string };

  /** A 503 STORE_UNAVAILABLE envelope: retryable, with Retry-After, and nothing of the disk's path or SQLite's words. */
  const expectStoreUnavailable = (response: Response) => {
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE', type: 'InternalError', retryable: true });
    expect(response.body.error.message).toMatch(/job store could not be (read|written).*Retry/);
    expect(JSON.stringify(response.body)).not.toMatch(new RegExp(`${disk.dataDir}|SQLITE|database or disk`));
  };

  beforeAll(async () => {
    disk = makeFillableDisk(kind);
    app = await startOnDisk(disk, logs);
  });

  afterAll(async () => {
    await app?.close();
    disk?.remove();
  });

  it(`tells no caller an untrue outcome while the disk is full, and ends every job once space returns, without a restart`, async () => {
    const cancelled = [await submit({ delay_ms: 600_000 }), await submit({ delay_ms: 600_000 })].map((response) => response.body.job_id as string);
    const finishing = [await submit({ delay_ms: 1_500, size: BIG }), await submit({ delay_ms: 1_500, size: BIG })].map((response) => response.body.job_id as string);
    await waitFor(async () => Promise.all([...cancelled, ...finishing].map(job)), (jobs) => jobs.every((each) => each.status === 'running'), 10_000);
    // Waiting for a slot: they start once a job ahead of them is recorded as ended, and their results need space.
    const queued = [await submit({ size: BIG }), await submit({ size: BIG })].map((response) => response.body.job_id as string);

    disk.fill();

    // Async jobs that need new space to be stored are refused, and nothing is queued.
    const refused = await submit({ padding: 'p'.repeat(BIG) });
    expectStoreUnavailable(refused);
    // A sync call whose result cannot be stored is not reported as a success.
    const sync = await http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'bulky', args: { size: BIG } });
    if (sync.status === 200) expect(await job(sync.body.job_id as string)).toMatchObject({ status: 'success' });
    else expectStoreUnavailable(sync);
    // A cancel answers `cancelled` only when the record says so.
    for (const id of cancelled) {
      const response = await http().delete(`/v1/analyze-execution/jobs/${id}`).set('X-API-Key', ADMIN_KEY);
      if (response.status === 200) expect(await job(id)).toMatchObject({ status: 'cancelled' });
      else expectStoreUnavailable(response);
    }
    // The finishing jobs end while the disk is full: their outcomes cannot be written yet.
    await waitFor(
      async () => logs.filter((line) => finishing.some((id) => line.includes(`job ${id}`) && /could not record it success/.test(line))),
      (lines) => lines.length === finishing.length,
      10_000,
    );
    for (const id of finishing) expect(await job(id)).toMatchObject({ status: 'running' });
    for (const id of queued) expect(['pending', 'running']).toContain((await job(id)).status);
    expect(logs.some((line) => /\[JobStore\] write of job [0-9a-f-]{36} failed in jobs database .*SQLITE_FULL/.test(line))).toBe(true);

    disk.free();

    const everyJob = async () => (await http().get('/v1/analyze-execution/jobs?limit=100').set('X-API-Key', ADMIN_KEY)).body.jobs as { job_id: string; status: string }[];
    const settled = await waitFor(everyJob, (jobs) => jobs.every((each) => TERMINAL.includes(each.status)), 30_000);
    const statusOf = new Map(settled.map((each) => [each.job_id, each.status]));
    for (const id of cancelled) expect(statusOf.get(id)).toBe('cancelled');
    for (const id of queued) expect(statusOf.get(id)).toBe('success');
    for (const id of finishing) {
      const result = await http().get(`/v1/analyze-execution/jobs/${id}/result`).set('X-API-Key', ADMIN_KEY);
      expect(result.body).toMatchObject({ status: 'success', result: { text: expect.stringMatching(new RegExp(`^[a-z0-9]{${BIG}}$`)) } });
    }
    for (const id of finishing) expect(logs).toContain(`[JobExecution] job ${id}: recorded success after the store recovered`);

    // Work goes on: a new job runs and is recorded.
    const after = await submit({ size: BIG });
    expect(after.status).toBe(202);
    await waitFor(() => job(after.body.job_id as string), (each) => each.status === 'success', 10_000);
  });

  it('answers concurrent calls whose writes share a commit on a full disk each with the truth, and commits the next ones once space returns', async () => {
    disk.fill();

    // Sync and async calls at once: their writes land in the same group commits, which the full disk refuses.
    const calls = await Promise.all([
      ...Array.from({ length: 6 }, () => submit({ padding: 'q'.repeat(BIG) })),
      ...Array.from({ length: 6 }, () => http().post('/v1/analyze-execution').set('X-API-Key', ADMIN_KEY).send({ plugin: 'bulky', args: { size: BIG } })),
    ]);
    for (const response of calls) {
      if (response.status === 503) expectStoreUnavailable(response);
      // An accepted job is stored; a sync success is recorded as one.
      else if (response.status === 202) expect(await job(response.body.job_id as string)).toHaveProperty('status');
      else expect({ status: response.status, job: await job(response.body.job_id as string) }).toMatchObject({ status: 200, job: { status: 'success' } });
    }
    expect(calls.filter((response) => response.status === 503).length).toBeGreaterThan(0);

    disk.free();

    const after = await Promise.all(Array.from({ length: 6 }, () => submit({ size: BIG })));
    expect(after.map((response) => response.status)).toEqual(Array.from({ length: 6 }, () => 202));
    for (const response of after) await waitFor(() => job(response.body.job_id as string), (each) => each.status === 'success', 10_000);
  });
});
