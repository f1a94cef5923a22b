import {
  ExecutionFailedError,
  httpStatusOf,
  IdempotencyConflictError,
  JobAlreadyFinishedError,
  OverloadedError,
} from '@forgesyte/errors';
import { JobExecutionService } from './job-execution.service';
import type { Job } from './jobs/job';
import { JOB_STATUSES, type JobStatus } from './jobs/job-status';
import type { JobStore } from './store/job-store';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';

const OWNER = 'key_owner';
const echo = (message: string) => ({ plugin: 'echo', tool: 'echo', args: { message } });
const waitForever = { plugin: 'abortable', tool: 'wait', args: {} };
const slowCount = (steps: number, delayMs: number) => ({ plugin: 'slow-progress', tool: 'count', args: { steps, delay_ms: delayMs } });

/** Every status the store is asked to give each job (insert, then each successful transition). */
function recordStatuses(store: JobStore): Map<string, JobStatus[]> {
  const seen = new Map<string, JobStatus[]>();
  const note = (job: Job | undefined) => {
    if (job !== undefined) seen.set(job.id, [...(seen.get(job.id) ?? []), job.status]);
  };
  const insert = store.insert.bind(store);
  const transition = store.transition.bind(store);
  jest.spyOn(store, 'insert').mockImplementation(async (job) => {
    const stored = await insert(job);
    if (stored.id === job.id) note(stored);
    return stored;
  });
  jest.spyOn(store, 'transition').mockImplementation(async (...args) => {
    const next = await transition(...args);
    note(next);
    return next;
  });
  return seen;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

describe(JobExecutionService.name, () => {
  let app: ExecutionTestApp;

  afterEach(async () => {
    jest.restoreAllMocks();
    await app.close();
  });

  describe('sync jobs', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp();
    });

    it('moves a successful sync job from pending through running to success', async () => {
      const statuses = recordStatuses(app.store);

      const job = await app.jobs.runSync(echo('hi'), OWNER);

      expect(statuses.get(job.id)).toEqual(['pending', 'running', 'success']);
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

    it('moves a failing sync job from pending through running to failed', async () => {
      const statuses = recordStatuses(app.store);

      const job = await app.jobs.runSync({ plugin: 'thrower', tool: 'boom', args: {} }, OWNER);

      expect(statuses.get(job.id)).toEqual(['pending', 'running', 'failed']);
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
      app = await createExecutionTestApp();
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
      expect(done.startedAt).toBeInstanceOf(Date);
      expect(done.completedAt).toBeInstanceOf(Date);
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

  describe('cancel', () => {
    it('cancels a pending job without ever running it', async () => {
      app = await createExecutionTestApp({ maxConcurrency: 1 });
      const statuses = recordStatuses(app.store);
      const blocker = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await app.jobs.submit(echo('never'), OWNER);

      const cancelled = await app.jobs.cancel(job);

      expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled', startedAt: null });
      expect(cancelled.error?.code).toBe('CANCELLED');
      expect(statuses.get(job.id)).toEqual(['pending', 'cancelled']);
    });

    it('does not run a cancelled pending job once the executor frees up', async () => {
      app = await createExecutionTestApp({ maxConcurrency: 1 });
      const blocker = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, blocker.job.id, 'running');
      const { job } = await app.jobs.submit(echo('never'), OWNER);
      await app.jobs.cancel(job);

      await app.jobs.cancel((await app.store.get(blocker.job.id)) as Job);
      const after = await app.jobs.submit(echo('after'), OWNER);
      await waitForStatus(app.store, after.job.id, 'success');

      expect(app.registry.snapshot('echo').metrics.successCount).toBe(1);
      expect((await app.store.get(job.id))?.status).toBe('cancelled');
    });

    it('fires the AbortSignal of a running job and ends it cancelled', async () => {
      app = await createExecutionTestApp();
      const { job } = await app.jobs.submit(waitForever, OWNER);
      const running = await waitForStatus(app.store, job.id, 'running');

      const cancelled = await app.jobs.cancel(running);
      const aborts = await app.jobs.runSync({ plugin: 'abortable', tool: 'aborts_seen', args: {} }, OWNER);

      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.error?.code).toBe('CANCELLED');
      expect(aborts.result).toEqual({ aborts: 1 });
    });

    it('moves a cancelled running job through pending, running and cancelled only', async () => {
      app = await createExecutionTestApp();
      const statuses = recordStatuses(app.store);
      const { job } = await app.jobs.submit(waitForever, OWNER);
      const running = await waitForStatus(app.store, job.id, 'running');

      await app.jobs.cancel(running);

      expect(statuses.get(job.id)).toEqual(['pending', 'running', 'cancelled']);
    });

    it('refuses to cancel a finished job with JobAlreadyFinishedError', async () => {
      app = await createExecutionTestApp();
      const job = await app.jobs.runSync(echo('done'), OWNER);

      const error = await rejectionOf(app.jobs.cancel(job));

      expect(error).toBeInstanceOf(JobAlreadyFinishedError);
      expect(error).toMatchObject({ code: 'JOB_ALREADY_FINISHED', jobId: job.id, details: { status: 'success' } });
    });

    it('refuses to cancel with a stale pending snapshot of a job that has since finished', async () => {
      app = await createExecutionTestApp();
      const { job } = await app.jobs.submit(echo('quick'), OWNER);
      await waitForStatus(app.store, job.id, 'success');

      const error = await rejectionOf(app.jobs.cancel(job));

      expect(error).toBeInstanceOf(JobAlreadyFinishedError);
      expect((await app.store.get(job.id))?.status).toBe('success');
    });
  });

  describe('queue bound', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ maxConcurrency: 1, maxQueue: 1 });
    });

    async function fillTheQueue(): Promise<{ running: Job; waiting: Job }> {
      const running = await app.jobs.submit(waitForever, OWNER);
      await waitForStatus(app.store, running.job.id, 'running');
      const waiting = await app.jobs.submit(echo('waiting'), OWNER);
      return { running: running.job, waiting: waiting.job };
    }

    it('refuses a submission past maxQueue with a retryable OverloadedError', async () => {
      await fillTheQueue();

      const error = await rejectionOf(app.jobs.submit(echo('one too many'), OWNER));

      expect(error).toBeInstanceOf(OverloadedError);
      expect(error).toMatchObject({ code: 'OVERLOADED', retryable: true, retryAfterSeconds: expect.any(Number) });
      expect((error as OverloadedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    });

    it('refuses with an error the HTTP layer maps to 429', async () => {
      await fillTheQueue();

      const error = (await rejectionOf(app.jobs.submit(echo('one too many'), OWNER))) as OverloadedError;

      expect(httpStatusOf(error)).toBe(429);
    });

    it('stores no job for a refused submission', async () => {
      await fillTheQueue();
      await rejectionOf(app.jobs.submit(echo('one too many'), OWNER));

      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toHaveLength(2);
    });

    it('accepts submissions again once a queued job has started', async () => {
      const { running, waiting } = await fillTheQueue();

      await app.jobs.cancel(running);
      await waitForStatus(app.store, waiting.id, 'success');
      const { job } = await app.jobs.submit(echo('room again'), OWNER);

      expect(job.status).toBe('pending');
    });

    it('replays an idempotent submission even while the queue is full', async () => {
      await app.jobs.submit(waitForever, OWNER).then(({ job }) => waitForStatus(app.store, job.id, 'running'));
      const first = await app.jobs.submit(echo('keyed'), OWNER, 'key-full-queue');

      const replay = await app.jobs.submit(echo('keyed'), OWNER, 'key-full-queue');

      expect(replay).toEqual({ job: expect.objectContaining({ id: first.job.id }), replayed: true });
    });
  });

  describe('idempotency', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp();
    });

    it('returns the same job, replayed, for the same key and the same request', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, 'key-1');

      const second = await app.jobs.submit(echo('once'), OWNER, 'key-1');

      expect(second.replayed).toBe(true);
      expect(second.job.id).toBe(first.job.id);
    });

    it('treats a request with its keys in another order as the same request', async () => {
      const first = await app.jobs.submit({ plugin: 'echo', tool: 'echo', args: { message: 'once' } }, OWNER, 'key-order');

      const second = await app.jobs.submit({ args: { message: 'once' }, tool: 'echo', plugin: 'echo' }, OWNER, 'key-order');

      expect(second).toMatchObject({ replayed: true, job: { id: first.job.id } });
    });

    it('runs a replayed job only once', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, 'key-1');
      await app.jobs.submit(echo('once'), OWNER, 'key-1');

      await waitForStatus(app.store, first.job.id, 'success');
      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toHaveLength(1);
      expect(app.registry.snapshot('echo').metrics.successCount).toBe(1);
    });

    it('refuses the same key with a different request with IdempotencyConflictError', async () => {
      const first = await app.jobs.submit(echo('once'), OWNER, 'key-1');

      const error = await rejectionOf(app.jobs.submit(echo('twice'), OWNER, 'key-1'));

      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', jobId: first.job.id, details: { idempotency_key: 'key-1' } });
    });

    it('gives different owners using the same key different jobs', async () => {
      const alice = await app.jobs.submit(echo('same'), 'key_alice', 'shared-key');

      const bob = await app.jobs.submit(echo('same'), 'key_bob', 'shared-key');

      expect(bob.replayed).toBe(false);
      expect(bob.job.id).not.toBe(alice.job.id);
      expect(bob.job.owner).toBe('key_bob');
    });

    it('makes a new job for each submission without a key', async () => {
      const first = await app.jobs.submit(echo('same'), OWNER);

      const second = await app.jobs.submit(echo('same'), OWNER);

      expect(second.job.id).not.toBe(first.job.id);
    });
  });

  describe('submission checks', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp();
    });

    it.each([
      ['an unknown plugin', { plugin: 'nope', args: {} }, 'PLUGIN_NOT_FOUND'],
      ['an unknown tool', { plugin: 'echo', tool: 'whisper', args: { message: 'x' } }, 'TOOL_NOT_FOUND'],
      ['arguments that break the input schema', { plugin: 'echo', tool: 'echo', args: { msg: 'x' } }, 'INPUT_INVALID'],
      ['an unavailable plugin', { plugin: 'init-throws', tool: 'noop', args: {} }, 'PLUGIN_UNAVAILABLE'],
    ])('refuses %s with ExecutionFailedError carrying its code', async (_, request, code) => {
      const error = await rejectionOf(app.jobs.submit(request, OWNER));

      expect(error).toBeInstanceOf(ExecutionFailedError);
      expect((error as ExecutionFailedError).code).toBe(code);
    });

    it.each([
      ['an unknown plugin', { plugin: 'nope', args: {} }],
      ['an unknown tool', { plugin: 'echo', tool: 'whisper', args: { message: 'x' } }],
      ['arguments that break the input schema', { plugin: 'echo', tool: 'echo', args: { msg: 'x' } }],
    ])('creates no job for %s', async (_, request) => {
      await rejectionOf(app.jobs.submit(request, OWNER));

      const page = await app.jobs.list({ limit: 100 });

      expect(page.jobs).toEqual([]);
    });
  });

  describe('progress', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp();
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

  describe('shutdown', () => {
    beforeEach(async () => {
      app = await createExecutionTestApp({ maxConcurrency: 1 });
    });

    async function runningAndPending(): Promise<{ running: Job; pending: Job }> {
      const running = await app.jobs.submit(slowCount(1000, 20), OWNER);
      await waitForStatus(app.store, running.job.id, 'running');
      const pending = await app.jobs.submit(echo('queued'), OWNER);
      return { running: running.job, pending: pending.job };
    }

    it('fails a pending job with a retryable JOB_INTERRUPTED', async () => {
      const { pending } = await runningAndPending();

      await app.close();
      const job = await app.store.get(pending.id);

      expect(job).toMatchObject({ status: 'failed', startedAt: null, error: { code: 'JOB_INTERRUPTED', retryable: true } });
    });

    it('fails a running job with a retryable JOB_INTERRUPTED', async () => {
      const { running } = await runningAndPending();

      await app.close();
      const job = await app.store.get(running.id);

      expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
      expect(job?.completedAt).toBeInstanceOf(Date);
    });

    it('leaves no job pending or running', async () => {
      await runningAndPending();

      await app.close();

      expect(await app.store.findByStatus(['pending', 'running'])).toEqual([]);
    });

    it('resolves an in-flight sync run with its job failed as JOB_INTERRUPTED', async () => {
      const inFlight = app.jobs.runSync(waitForever, OWNER);
      await waitFor('the sync job to run', async () => (await app.store.findByStatus(['running']))[0]);

      await app.close();
      const job = await inFlight;

      expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
    });

    it('leaves no job pending when a submission arrives after shutdown began', async () => {
      await app.close();

      await app.jobs.submit(echo('too late'), OWNER).catch(() => undefined);

      expect(await app.store.findByStatus(['pending', 'running'])).toEqual([]);
    });
  });
});
