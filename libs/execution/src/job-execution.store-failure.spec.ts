import { Logger } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import { JobExecutionService } from './job-execution.service';
import { PluginExecutionService } from './plugin-execution.service';
import { createExecutionTestApp, type ExecutionTestApp, waitFor, waitForStatus } from './testing/execution-test-app';
import { OWNER, echo, rejectionOf, slowCount, waitForever } from './testing/job-requests';
import { OutageJobStore } from './testing/outage-job-store';

describe(`${JobExecutionService.name} when the store fails`, () => {
  let store: OutageJobStore;
  let app: ExecutionTestApp;
  let logged: string[];

  beforeEach(async () => {
    store = new OutageJobStore();
    app = await createExecutionTestApp({ maxConcurrency: 2 }, store);
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    }
  });

  afterEach(async () => {
    store.down = false;
    await app.close();
    jest.restoreAllMocks();
  });

  it('answers a sync call whose outcome cannot be recorded with STORE_UNAVAILABLE, never success, and records the outcome once the store is back', async () => {
    store.down = true;
    store.failingWrites = ['success'];

    const error = await rejectionOf(app.jobs.runSync(echo('kept'), OWNER));

    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, jobId: expect.any(String) });
    const jobId = (error as { jobId: string }).jobId;
    expect(await store.get(jobId)).toMatchObject({ status: 'running' });
    expect(logged).toContainEqual(expect.stringMatching(new RegExp(`job ${jobId}: could not record it success .*kept`)));

    store.down = false;
    expect(await waitForStatus(store, jobId, 'success')).toMatchObject({ result: { message: 'kept' } });
    expect(logged).toContain(`job ${jobId}: recorded success after the store recovered`);
  });

  it('answers a cancel it cannot record with STORE_UNAVAILABLE, never cancelled, and records the cancel once the store is back', async () => {
    const { job } = await app.jobs.submit(waitForever, OWNER);
    const running = await waitForStatus(store, job.id, 'running');
    store.down = true;
    store.failingWrites = ['cancelled'];

    await expect(app.jobs.cancel(running)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', jobId: job.id });
    expect(await store.get(job.id)).toMatchObject({ status: 'running' });

    store.down = false;
    expect(await waitForStatus(store, job.id, 'cancelled')).toMatchObject({ error: { code: 'CANCELLED' } });
  });

  it('does not start a pending job whose cancel waits to be recorded', async () => {
    const blockers = [await app.jobs.submit(waitForever, OWNER), await app.jobs.submit(waitForever, OWNER)];
    await Promise.all(blockers.map(({ job }) => waitForStatus(store, job.id, 'running')));
    const { job: waiting } = await app.jobs.submit(echo('never'), OWNER);
    store.down = true;
    store.failingWrites = ['cancelled'];
    await expect(app.jobs.cancel(waiting)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    store.failingWrites = ['cancelled', 'running'];
    for (const { job } of blockers) void app.jobs.cancel(job).catch(() => undefined);
    store.down = false;

    expect(await waitForStatus(store, waiting.id, 'cancelled')).toMatchObject({ startedAt: null });
  });

  it('keeps an async job whose start cannot be recorded pending, and runs it once the store is back', async () => {
    store.down = true;
    store.failingWrites = ['running'];
    const { job } = await app.jobs.submit(echo('later'), OWNER);
    await waitFor('a refused start', () => (store.refused >= 2 ? true : undefined));
    expect(await store.get(job.id)).toMatchObject({ status: 'pending' });
    expect(logged).toContainEqual(expect.stringContaining(`job ${job.id}: could not record it running`));

    store.down = false;

    expect(await waitForStatus(store, job.id, 'success')).toMatchObject({ result: { message: 'later' } });
  });

  it('refuses an async submission it cannot store with STORE_UNAVAILABLE, queueing nothing', async () => {
    store.down = true;

    await expect(app.jobs.submit(echo('nowhere'), OWNER)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    store.down = false;

    expect((await store.list({ limit: 10 })).jobs).toEqual([]);
  });

  it('refuses a sync call it cannot store with STORE_UNAVAILABLE, running nothing and leaving no record', async () => {
    store.down = true;
    store.failingWrites = ['insert'];
    const runs = jest.spyOn(app.moduleRef.get(PluginExecutionService), 'execute');

    await expect(app.jobs.runSync(echo('unstored'), OWNER)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });

    expect(runs).not.toHaveBeenCalled();
    store.down = false;
    expect((await store.list({ limit: 10 })).jobs).toEqual([]);
  });

  it('records a job whose outcome can never be stored (too deep to serialize) as failed with a non-retryable INTERNAL', async () => {
    store.down = true;
    store.failingWrites = ['success'];
    store.failure = () => new RequestInvalidError("The job's result cannot be stored");

    const job = await app.jobs.runSync(echo('unstorable'), OWNER);

    expect(job).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', retryable: false } });
    expect(await store.get(job.id)).toMatchObject({ status: 'failed' });
    expect(logged).toContainEqual(expect.stringContaining(`job ${job.id}: its outcome (success) cannot be stored`));
  });

  it('keeps running a job whose progress cannot be recorded', async () => {
    store.down = true;
    store.failingWrites = ['progress'];
    const { job } = await app.jobs.submit(slowCount(3, 5), OWNER);

    expect(await waitForStatus(store, job.id, 'success')).toMatchObject({ result: { steps: 3 } });
    expect(store.refused).toBeGreaterThan(0);
  });

  it('at shutdown, retries outcomes it could not record, and logs those still unwritten', async () => {
    store.down = true;
    store.failingWrites = ['success'];
    const error = await rejectionOf(app.jobs.runSync(echo('lost'), OWNER));
    const jobId = (error as { jobId: string }).jobId;

    await app.close();

    expect(await store.get(jobId)).toMatchObject({ status: 'running' });
    expect(logged).toContainEqual(expect.stringMatching(new RegExp(`job ${jobId}: its outcome \\(success\\) was never written.*next start`)));
  }, 15_000);
});
