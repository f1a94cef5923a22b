import { join } from 'node:path';
import { JobExecutionService } from './job-execution.service';
import { newJob } from './jobs/new-job';
import { SqliteJobStore } from './store/sqlite/sqlite-job-store';
import { createExecutionTestApp, type ExecutionTestApp, waitForStatus } from './testing/execution-test-app';
import { OWNER, echo, slowCount } from './testing/job-requests';
import { makeTempDir } from './testing/temp-dir';

describe(`${JobExecutionService.name} on a durable store`, () => {
  const dir = makeTempDir('durability');
  let file: string;
  let app: ExecutionTestApp | undefined;
  let counter = 0;

  beforeEach(() => {
    file = join(dir.path, `jobs-${++counter}.sqlite`);
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(() => dir.remove());

  const openApp = async (options: { shutdownGraceMs?: number; maxConcurrency?: number } = {}) =>
    (app = await createExecutionTestApp({ store: { kind: 'sqlite', file }, ...options }));

  it('at start, fails jobs a dead process left running as JOB_INTERRUPTED and runs the pending ones', async () => {
    const store = SqliteJobStore.open(file);
    const orphan = await store.insert(newJob({ ...echo('was running'), mode: 'async', owner: OWNER }));
    await store.transition(orphan.id, ['pending'], 'running', { startedAt: new Date() });
    const waiting = await store.insert(newJob({ ...echo('was waiting'), mode: 'async', owner: OWNER }));
    await store.close();

    const { store: reopened } = await openApp();

    expect(await reopened.get(orphan.id)).toMatchObject({
      status: 'failed',
      completedAt: expect.any(Date),
      error: { code: 'JOB_INTERRUPTED', retryable: true },
    });
    expect(await waitForStatus(reopened, waiting.id, 'success')).toMatchObject({ result: { message: 'was waiting' } });
  });

  it('at start, fails a sync job a dead process stored but had not started, rather than run it for a caller who is gone', async () => {
    const store = SqliteJobStore.open(file);
    const unstarted = await store.insert(newJob({ ...echo('sync, never started'), mode: 'sync', owner: OWNER }));
    await store.close();

    const { store: reopened, registry } = await openApp();

    expect(await reopened.get(unstarted.id)).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
    expect(registry.snapshot('echo').metrics.successCount).toBe(0);
  });

  it('at shutdown, lets a running job finish within the grace period', async () => {
    const { jobs, store } = await openApp({ shutdownGraceMs: 5_000 });
    const { job } = await jobs.submit(slowCount(5, 40), OWNER);
    await waitForStatus(store, job.id, 'running');

    await app?.close();
    const reopened = SqliteJobStore.open(file);

    expect(await reopened.get(job.id)).toMatchObject({ status: 'success', result: { steps: 5 } });
    await reopened.close();
  });

  it('at shutdown, interrupts a job still running after the grace period and keeps waiting jobs pending for the next start', async () => {
    const first = await openApp({ shutdownGraceMs: 100, maxConcurrency: 1 });
    const { job: running } = await first.jobs.submit(slowCount(1000, 20), OWNER);
    await waitForStatus(first.store, running.id, 'running');
    const { job: waiting } = await first.jobs.submit(echo('after the restart'), OWNER);

    await first.close();
    const { store } = await openApp();

    expect(await store.get(running.id)).toMatchObject({ status: 'failed', error: { code: 'JOB_INTERRUPTED', retryable: true } });
    expect(await waitForStatus(store, waiting.id, 'success')).toMatchObject({ result: { message: 'after the restart' } });
  });
});
