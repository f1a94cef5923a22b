import { JobExecutionService } from './job-execution.service';
import { JOB_STATUSES, type JobStatus } from './jobs/job-status';
import { STORE_KINDS, useStoreUnderTest } from './testing/store-kinds';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';
import { OWNER, echo, slowCount, recordStatuses } from './testing/job-requests';

describe.each(STORE_KINDS)(`${JobExecutionService.name} on the %s store`, (kind) => {
  const storeUnderTest = useStoreUnderTest(kind);
  let app: ExecutionTestApp;

  afterEach(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  describe('sync jobs', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
    });

    it('records a successful sync job directly as running, then success: two writes', async () => {
      const statuses = recordStatuses(app.store);

      const job = await app.jobs.runSync(echo('hi'), OWNER);

      expect(statuses.get(job.id)).toEqual(['running', 'success']);
    });

    it('stores the result, timestamps and duration of a successful sync job', async () => {
      const job = await app.jobs.runSync(echo('hi'), OWNER);

      expect(job).toMatchObject({ status: 'success', mode: 'sync', plugin: 'echo', tool: 'echo', owner: OWNER, result: { message: 'hi' } });
      expect(job.error).toBeUndefined();
      expect(job.startedAt).toBeInstanceOf(Date);
      expect(job.completedAt).toBeInstanceOf(Date);
      expect(job.durationMs).toEqual(expect.any(Number));
      expect(await app.store.get(job.id)).toEqual(job);
    });

    it('records the version of the plugin that produced the outcome', async () => {
      const job = await app.jobs.runSync(echo('hi'), OWNER);

      expect(job.pluginVersion).toBe('1.0.0');
      expect((await app.store.get(job.id))?.pluginVersion).toBe('1.0.0');
    });

    it('records a failing sync job directly as running, then failed', async () => {
      const statuses = recordStatuses(app.store);

      const job = await app.jobs.runSync({ plugin: 'thrower', tool: 'boom', args: {} }, OWNER);

      expect(statuses.get(job.id)).toEqual(['running', 'failed']);
    });

    it('stores the error envelope of a failing sync job and no result', async () => {
      const job = await app.jobs.runSync({ plugin: 'thrower', tool: 'boom', args: {} }, OWNER);

      expect(job.status).toBe('failed');
      expect(job.result).toBeUndefined();
      expect(job.error).toMatchObject({ code: 'PLUGIN_ERROR', type: 'PluginError', plugin: 'thrower', tool: 'boom', job_id: job.id });
      expect(job.completedAt).toBeInstanceOf(Date);
    });

    it('names the default tool on a job whose request names none', async () => {
      const job = await app.jobs.runSync({ plugin: 'echo', args: { message: 'x' } }, OWNER);

      expect(job.tool).toBe('echo');
    });

    it('keeps no arguments on a finished job', async () => {
      const job = await app.jobs.runSync(echo('secret-ish'), OWNER);

      expect(job.args).toBeUndefined();
    });
  });


  describe('async jobs', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
    });

    it('returns a pending async job that was not replayed', async () => {
      const submission = await app.jobs.submit(echo('later'), OWNER);

      expect(submission.replayed).toBe(false);
      expect(submission.job).toMatchObject({ status: 'pending', mode: 'async', plugin: 'echo', tool: 'echo', owner: OWNER });
      expect(submission.job.startedAt).toBeNull();
    });

    it('runs a submitted job in the background to success with its result', async () => {
      const { job } = await app.jobs.submit(echo('later'), OWNER);

      const done = await waitForStatus(app.store, job.id, 'success');

      expect(done.result).toEqual({ message: 'later' });
      expect(done.pluginVersion).toBe('1.0.0');
      expect(done.startedAt).toBeInstanceOf(Date);
      expect(done.completedAt).toBeInstanceOf(Date);
    });

    it('keeps a queued job\'s arguments while it runs and drops them once it ends', async () => {
      const { job } = await app.jobs.submit(slowCount(200, 20), OWNER);

      const running = await waitForStatus(app.store, job.id, 'running');
      expect(running.args).toEqual(slowCount(200, 20).args);
      await app.jobs.cancel(running);

      expect((await app.store.get(job.id))?.args).toBeUndefined();
    });

    it('gives async jobs only statuses of JOB_STATUSES, in the order pending, running, success', async () => {
      const statuses = recordStatuses(app.store);
      const polled = new Set<JobStatus>();
      const { job } = await app.jobs.submit(slowCount(3, 5), OWNER);

      await waitFor('the job to succeed', async () => {
        const current = await app.jobs.get(job.id);
        if (current !== undefined) polled.add(current.status);
        return current?.status === 'success' ? current : undefined;
      });

      const written = statuses.get(job.id) ?? [];
      expect(written).toEqual(['pending', 'running', 'success']);
      for (const status of [...written, ...polled]) expect(JOB_STATUSES).toContain(status);
    });
  });


  describe('progress', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ store: storeUnderTest() });
    });

    it('records the tool progress on the running job', async () => {
      const { job } = await app.jobs.submit(slowCount(200, 20), OWNER);

      const reported = await waitFor('progress on the running job', async () => {
        const current = await app.store.get(job.id);
        return current?.status === 'running' && current.progress !== null ? current : undefined;
      });

      expect(reported.progress?.fraction).toBeGreaterThan(0);
      expect(reported.progress?.fraction).toBeLessThan(1);
      expect(reported.progress?.message).toMatch(/^step \d+ of 200$/);
      await app.jobs.cancel(reported);
    });

    it('keeps the last progress report on the finished job', async () => {
      const { job } = await app.jobs.submit(slowCount(3, 1), OWNER);

      const done = await waitForStatus(app.store, job.id, 'success');

      expect(done.progress).toEqual({ fraction: 1, message: 'step 3 of 3' });
    });

    it('starts a job with no progress', async () => {
      const { job } = await app.jobs.submit(slowCount(3, 1), OWNER);

      expect(job.progress).toBeNull();
    });
  });

});
