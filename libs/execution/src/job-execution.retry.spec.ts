import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobExecutionService } from './job-execution.service';
import { newJob } from './jobs/new-job';
import { SqliteJobStore } from './store/sqlite/sqlite-job-store';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';
import { OWNER } from './testing/job-requests';
import { STORE_KINDS, useStoreUnderTest } from './testing/store-kinds';
import { makeTempDir } from './testing/temp-dir';

const flaky = (tool: string, args: Record<string, unknown> = {}, maxAttempts?: number) => ({ plugin: 'flaky', tool, args, maxAttempts });

describe.each(STORE_KINDS.map((kind) => [kind]))(`${JobExecutionService.name} retries with backoff (%s store)`, (kind) => {
  const choice = useStoreUnderTest(kind);
  const markers = makeTempDir(`retry-${kind}`);
  let app: ExecutionTestApp;
  let counter = 0;
  const marker = () => join(markers.path, `marker-${++counter}`);

  beforeEach(async () => {
    app = await createExecutionTestApp({ store: choice() });
  });

  afterEach(() => app.close());
  afterAll(() => markers.remove());

  it('runs a job whose first attempt timed out again, and it succeeds on its second attempt with both attempts in its record', async () => {
    const { job } = await app.jobs.submit(flaky('times_out_once', { marker: marker() }), OWNER);
    expect(job).toMatchObject({ attempt: 1, attempts: 3, attemptErrors: [], nextAttemptAt: null });

    const waiting = await waitFor('the job to wait for its second attempt', async () => {
      const seen = await app.store.get(job.id);
      return seen?.attempt === 2 || seen?.status === 'success' ? seen : undefined;
    });
    const done = await waitForStatus(app.store, job.id, 'success');

    expect(waiting.status === 'success' || (waiting.status === 'pending' && waiting.nextAttemptAt !== null)).toBe(true);
    expect(done).toMatchObject({ attempt: 2, attempts: 3, nextAttemptAt: null, result: { first_attempt: false } });
    expect(done.attemptErrors).toEqual([expect.objectContaining({ code: 'PLUGIN_TIMEOUT', retryable: true, job_id: job.id })]);
    expect(done.error).toBeUndefined();
    expect(app.registry.snapshot('flaky').metrics).toMatchObject({ successCount: 1, errorCount: 1 });
  });

  it('waits the backoff between attempts, and ends after the last one, saying how many were made', async () => {
    const { job } = await app.jobs.submit(flaky('always_times_out'), OWNER);

    const failed = await waitForStatus(app.store, job.id, 'failed');

    expect(failed).toMatchObject({ attempt: 3, attempts: 3, nextAttemptAt: null });
    expect(failed.attemptErrors.map((error) => error.code)).toEqual(['PLUGIN_TIMEOUT', 'PLUGIN_TIMEOUT']);
    expect(failed.error).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { attempts_made: 3 } });
    expect(failed.error?.message).toContain('It failed on all 3 attempts it was allowed (the earlier errors are in attempt_errors).');
    // 3 deadlines of 100 ms and waits of 50 then 80 ms (exponential, capped by maxDelayMs).
    expect((failed.completedAt as Date).getTime() - failed.createdAt.getTime()).toBeGreaterThanOrEqual(3 * 100 + 50 + 80 - 10);
    expect(app.registry.snapshot('flaky').metrics.errorCount).toBe(3);
  });

  it('fails at once on an error that is not retryable', async () => {
    const { job } = await app.jobs.submit(flaky('refuses'), OWNER);

    const failed = await waitForStatus(app.store, job.id, 'failed');

    expect(failed).toMatchObject({ attempt: 1, attempts: 3, attemptErrors: [], error: { code: 'PLUGIN_ERROR', details: { attempts_made: 1 } } });
    expect(failed.error?.message).toContain('this error is not retryable, so it was not tried again');
  });

  it('makes no more attempts than the submission asked for, nor more than the tool allows', async () => {
    const { job: once } = await app.jobs.submit(flaky('times_out_once', { marker: marker() }, 1), OWNER);
    const { job: capped } = await app.jobs.submit(flaky('always_times_out', {}, 7), OWNER);

    expect(await waitForStatus(app.store, once.id, 'failed')).toMatchObject({ attempt: 1, attempts: 1, attemptErrors: [], error: { code: 'PLUGIN_TIMEOUT' } });
    expect(capped.attempts).toBe(3);
    expect(await waitForStatus(app.store, capped.id, 'failed')).toMatchObject({ attempt: 3, attempts: 3 });
  });

  it('never retries a sync call', async () => {
    const job = await app.jobs.runSync(flaky('times_out_once', { marker: marker() }, 3), OWNER);

    expect(job).toMatchObject({ status: 'failed', attempt: 1, attempts: 1, attemptErrors: [], error: { code: 'PLUGIN_TIMEOUT' } });
  });

  it('cancels a job waiting between attempts: it ends cancelled, with no next attempt time, and makes no further attempt', async () => {
    const { job } = await app.jobs.submit(flaky('times_out_once', { marker: marker() }), OWNER);
    const waiting = await waitFor('the job to wait for its second attempt', async () => {
      const seen = await app.store.get(job.id);
      return seen?.status === 'pending' && seen.attempt === 2 ? seen : undefined;
    });

    const cancelled = await app.jobs.cancel(waiting);
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(waiting.nextAttemptAt).not.toBeNull();
    expect(cancelled).toMatchObject({ status: 'cancelled', attempt: 2, nextAttemptAt: null, error: { code: 'CANCELLED' } });
    expect(await app.store.get(job.id)).toMatchObject({ status: 'cancelled', nextAttemptAt: null });
    expect(app.registry.snapshot('flaky').metrics).toMatchObject({ successCount: 0, errorCount: 1 });
  });
});

describe(`${JobExecutionService.name} retries across a restart (SQLite)`, () => {
  const dir = makeTempDir('retry-restart');
  let app: ExecutionTestApp | undefined;
  let counter = 0;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(() => dir.remove());

  it('starts a job that waited between attempts when the process stopped at its next attempt time, not before', async () => {
    const file = join(dir.path, `jobs-${++counter}.sqlite`);
    const store = SqliteJobStore.open(file);
    const marker = join(dir.path, `marker-${counter}`);
    const job = await store.insert(newJob({ plugin: 'flaky', tool: 'times_out_once', mode: 'async', owner: OWNER, args: { marker }, attempts: 3 }));
    await store.transition(job.id, ['pending'], 'running', { startedAt: new Date() });
    const timeout = { code: 'PLUGIN_TIMEOUT', type: 'ExecutionError', message: 'too slow', details: {}, plugin: 'flaky', tool: 'times_out_once', job_id: job.id, retryable: true } as const;
    const nextAttemptAt = new Date(Date.now() + 1_000);
    await store.transition(job.id, ['running'], 'pending', { attempt: 2, attemptErrors: [timeout], nextAttemptAt, startedAt: null });
    await store.close();
    writeFileSync(marker, 'first attempt ran');

    app = await createExecutionTestApp({ store: { kind: 'sqlite', file } });

    expect(await app.store.get(job.id)).toMatchObject({ status: 'pending', attempt: 2, nextAttemptAt });
    const done = await waitForStatus(app.store, job.id, 'success');
    expect((done.startedAt as Date).getTime()).toBeGreaterThanOrEqual(nextAttemptAt.getTime());
    expect(done).toMatchObject({ attempt: 2, attempts: 3, attemptErrors: [timeout], result: { first_attempt: false } });
  });

  it('gives a job a dead process left running another attempt, with JOB_INTERRUPTED as its first attempt\'s error', async () => {
    const file = join(dir.path, `jobs-${++counter}.sqlite`);
    const store = SqliteJobStore.open(file);
    const marker = join(dir.path, `marker-${counter}`);
    writeFileSync(marker, 'first attempt ran');
    const job = await store.insert(newJob({ plugin: 'flaky', tool: 'hangs_once', mode: 'async', owner: OWNER, args: { marker }, attempts: 3 }));
    await store.transition(job.id, ['pending'], 'running', { startedAt: new Date() });
    await store.close();

    app = await createExecutionTestApp({ store: { kind: 'sqlite', file } });

    const done = await waitForStatus(app.store, job.id, 'success');
    expect(done).toMatchObject({ attempt: 2, attempts: 3, attemptErrors: [expect.objectContaining({ code: 'JOB_INTERRUPTED', retryable: true })] });
  });
});
