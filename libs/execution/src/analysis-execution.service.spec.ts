import { ExecutionFailedError, JobNotFinishedError, JobNotFoundError } from '@forgesyte/errors';
import { AnalysisExecutionService } from './analysis-execution.service';
import type { Caller } from './caller';
import type { Job } from './jobs/job';
import { createExecutionTestApp, type ExecutionTestApp, waitForStatus } from './testing/execution-test-app';

const alice: Caller = { id: 'key_alice', isAdmin: false };
const bob: Caller = { id: 'key_bob', isAdmin: false };
const admin: Caller = { id: 'key_admin', isAdmin: true };
const echo = (message: string) => ({ plugin: 'echo', tool: 'echo', args: { message } });
const waitForever = { plugin: 'abortable', tool: 'wait', args: {} };

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe(AnalysisExecutionService.name, () => {
  let app: ExecutionTestApp;
  let analysis: AnalysisExecutionService;

  beforeEach(async () => {
    app = await createExecutionTestApp();
    analysis = app.analysis;
  });

  afterEach(() => app.close());

  async function finishedJobOf(caller: Caller, message = 'hi'): Promise<Job> {
    const { job } = await analysis.submit(echo(message), caller);
    return waitForStatus(app.store, job.id, 'success');
  }

  describe('ownership', () => {
    it('lets the owner get its job', async () => {
      const job = await finishedJobOf(alice);

      await expect(analysis.getJob(job.id, alice)).resolves.toMatchObject({ id: job.id, owner: alice.id });
    });

    it("answers JobNotFoundError when a non-admin gets another owner's job", async () => {
      const job = await finishedJobOf(alice);

      const error = await rejectionOf(analysis.getJob(job.id, bob));

      expect(error).toBeInstanceOf(JobNotFoundError);
      expect(error).toMatchObject({ code: 'JOB_NOT_FOUND', jobId: job.id });
    });

    it("answers JobNotFoundError when a non-admin fetches the result of another owner's job", async () => {
      const job = await finishedJobOf(alice);

      await expect(analysis.getResult(job.id, bob)).rejects.toBeInstanceOf(JobNotFoundError);
    });

    it("answers JobNotFoundError when a non-admin cancels another owner's job, and leaves it running", async () => {
      const { job } = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, job.id, 'running');

      const error = await rejectionOf(analysis.cancel(job.id, bob));

      expect(error).toBeInstanceOf(JobNotFoundError);
      expect((await app.store.get(job.id))?.status).toBe('running');
    });

    it('answers the same JobNotFoundError for an id that does not exist', async () => {
      const error = await rejectionOf(analysis.getJob('00000000-0000-4000-8000-000000000000', alice));

      expect(error).toBeInstanceOf(JobNotFoundError);
    });

    it("does not list another owner's jobs to a non-admin", async () => {
      const mine = await finishedJobOf(alice, 'mine');
      await finishedJobOf(bob, 'theirs');

      const page = await analysis.listJobs({ limit: 100 }, alice);

      expect(page.jobs.map((job) => job.id)).toEqual([mine.id]);
    });

    it("lets an admin get any owner's job", async () => {
      const job = await finishedJobOf(alice);

      await expect(analysis.getJob(job.id, admin)).resolves.toMatchObject({ id: job.id });
    });

    it("lets an admin fetch the result of any owner's job", async () => {
      const job = await finishedJobOf(alice);

      await expect(analysis.getResult(job.id, admin)).resolves.toMatchObject({ result: { message: 'hi' } });
    });

    it("lets an admin cancel any owner's job", async () => {
      const { job } = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, job.id, 'running');

      await expect(analysis.cancel(job.id, admin)).resolves.toMatchObject({ id: job.id, status: 'cancelled' });
    });

    it('lists every owner’s jobs to an admin, newest first', async () => {
      const first = await finishedJobOf(alice, 'first');
      const second = await finishedJobOf(bob, 'second');

      const page = await analysis.listJobs({ limit: 100 }, admin);

      expect(page.jobs.map((job) => job.id)).toEqual([second.id, first.id]);
    });

    it('makes a job belong to the caller that submitted it', async () => {
      const { job } = await analysis.submit(echo('x'), bob);

      expect(job.owner).toBe(bob.id);
    });
  });

  describe('results', () => {
    it('answers JobNotFinishedError for the result of a running job', async () => {
      const { job } = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, job.id, 'running');

      const error = await rejectionOf(analysis.getResult(job.id, alice));

      expect(error).toBeInstanceOf(JobNotFinishedError);
      expect(error).toMatchObject({ code: 'JOB_NOT_FINISHED', jobId: job.id, details: { status: 'running' } });
    });

    it('answers JobNotFinishedError for the result of a pending job', async () => {
      await app.close();
      app = await createExecutionTestApp({ maxConcurrency: 1 });
      analysis = app.analysis;
      const blocker = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await analysis.submit(echo('queued'), alice);

      const error = await rejectionOf(analysis.getResult(job.id, alice));

      expect(error).toMatchObject({ code: 'JOB_NOT_FINISHED', details: { status: 'pending' } });
    });

    it('returns the finished job with its result', async () => {
      const job = await finishedJobOf(alice, 'done');

      await expect(analysis.getResult(job.id, alice)).resolves.toMatchObject({ status: 'success', result: { message: 'done' } });
    });

    it('returns a cancelled job with its CANCELLED error', async () => {
      const { job } = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, job.id, 'running');
      await analysis.cancel(job.id, alice);

      await expect(analysis.getResult(job.id, alice)).resolves.toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    });
  });

  describe('analyze', () => {
    it('resolves with the successful job', async () => {
      const job = await analysis.analyze(echo('now'), alice);

      expect(job).toMatchObject({ status: 'success', mode: 'sync', owner: alice.id, result: { message: 'now' } });
    });

    it('throws ExecutionFailedError carrying the code and the id of the failed job', async () => {
      const error = await rejectionOf(analysis.analyze({ plugin: 'thrower', tool: 'boom', args: {} }, alice));

      expect(error).toBeInstanceOf(ExecutionFailedError);
      expect(error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'thrower', tool: 'boom', jobId: expect.any(String) });
    });

    it('leaves the failed job on record under the id the error carries', async () => {
      const error = (await rejectionOf(analysis.analyze({ plugin: 'thrower', tool: 'boom', args: {} }, alice))) as ExecutionFailedError;

      const job = await analysis.getJob(error.jobId as string, alice);

      expect(job).toMatchObject({ status: 'failed', mode: 'sync', error: { code: 'PLUGIN_ERROR', job_id: error.jobId } });
    });

    it('throws ExecutionFailedError for a plugin that does not exist', async () => {
      const error = await rejectionOf(analysis.analyze({ plugin: 'nope', args: {} }, alice));

      expect(error).toBeInstanceOf(ExecutionFailedError);
      expect(error).toMatchObject({ code: 'PLUGIN_NOT_FOUND', jobId: expect.any(String) });
    });
  });

  describe('cancel', () => {
    it('cancels the caller’s own running job', async () => {
      const { job } = await analysis.submit(waitForever, alice);
      await waitForStatus(app.store, job.id, 'running');

      await expect(analysis.cancel(job.id, alice)).resolves.toMatchObject({ id: job.id, status: 'cancelled' });
    });

    it('refuses to cancel a finished job with JOB_ALREADY_FINISHED', async () => {
      const job = await finishedJobOf(alice);

      await expect(analysis.cancel(job.id, alice)).rejects.toMatchObject({ code: 'JOB_ALREADY_FINISHED', details: { status: 'success' } });
    });
  });
});
