import { CancelledError, OverloadedError } from '@forgesyte/errors';
import { CallCancellation } from '@forgesyte/runtime';
import type { Caller } from './caller';
import { SyncAdmission } from './sync-admission';
import { createExecutionTestApp, type ExecutionTestApp, waitFor } from './testing/execution-test-app';
import { echo, rejectionOf, slowCount, waitForever } from './testing/job-requests';

const caller: Caller = { id: 'key_owner', isAdmin: false };
const ECHO = { plugin: 'echo', tool: 'echo' };
/** A tool of slow-progress that declares `maxConcurrency: 1`. */
const ONE_AT_A_TIME = { plugin: 'slow-progress', tool: 'count_one_at_a_time' };

/** Resolves with whether `promise` settled within a few turns of the event loop. */
async function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((done) => setTimeout(done, 20));
  return settled;
}

describe(SyncAdmission.name, () => {
  let app: ExecutionTestApp;
  let admission: SyncAdmission;

  beforeEach(async () => {
    app = await createExecutionTestApp({ maxSync: 2, maxSyncQueue: 1, syncWaitMs: 300 });
    admission = app.moduleRef.get(SyncAdmission);
  });

  afterEach(() => app.close());

  it('admits up to maxSync calls at once', async () => {
    await admission.admit(ECHO);

    await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
  });

  it('makes the call past maxSync wait, and admits it when a slot is released', async () => {
    const release = await admission.admit(ECHO);
    await admission.admit(ECHO);
    const waiting = admission.admit(ECHO);
    expect(await settlesSoon(waiting)).toBe(false);

    release();

    await expect(settlesSoon(waiting)).resolves.toBe(true);
  });

  it('refuses a call with OVERLOADED sync_busy and a Retry-After when no slot frees within syncWaitMs', async () => {
    await admission.admit(ECHO);
    await admission.admit(ECHO);
    const startedAt = Date.now();

    const error = await rejectionOf(admission.admit(ECHO));

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toMatchObject({
      code: 'OVERLOADED',
      retryable: true,
      retryAfterSeconds: 1,
      details: { reason: 'sync_busy', retry_after_seconds: 1, queue_limit: 1 },
    });
    expect((error as Error).message).toContain('FORGESYTE_MAX_SYNC');
  });

  it('refuses a call at once when maxSyncQueue calls already wait', async () => {
    await admission.admit(ECHO);
    await admission.admit(ECHO);
    const waiting = admission.admit(ECHO);
    waiting.catch(() => undefined);

    const refused = admission.admit(ECHO);

    await expect(settlesSoon(refused)).resolves.toBe(true);
    await expect(refused).rejects.toMatchObject({ code: 'OVERLOADED' });
  });

  it("holds a tool to its maxConcurrency, while other tools' calls still start", async () => {
    const release = await admission.admit(ONE_AT_A_TIME);
    const sameTool = admission.admit(ONE_AT_A_TIME);

    expect(await settlesSoon(sameTool)).toBe(false);
    await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
    release();
    await expect(settlesSoon(sameTool)).resolves.toBe(true);
  });

  it('releases a slot only once, however often release is called', async () => {
    const release = await admission.admit(ECHO);
    await admission.admit(ECHO);

    release();
    release();
    await admission.admit(ECHO);

    expect(await settlesSoon(admission.admit(ECHO).catch(() => undefined))).toBe(false);
  });

  it('removes a waiting call from the queue when its caller signal aborts, and rejects it CANCELLED', async () => {
    await admission.admit(ECHO);
    await admission.admit(ECHO);
    const callerGone = new CallCancellation();
    const waiting = admission.admit(ECHO, callerGone);

    callerGone.abort();
    const error = await rejectionOf(waiting);
    // Its place in the queue (maxSyncQueue: 1) is free again: the next call waits instead of being refused.
    const next = admission.admit(ECHO);
    next.catch(() => undefined);

    expect(error).toBeInstanceOf(CancelledError);
    expect(error).toMatchObject({ code: 'CANCELLED', details: { stopped: 'not_started' } });
    expect(await settlesSoon(next)).toBe(false);
  });

  it('does not admit a call whose caller signal aborted already', async () => {
    const callerGone = new CallCancellation();
    callerGone.abort();

    await expect(admission.admit(ECHO, callerGone)).rejects.toMatchObject({ code: 'CANCELLED' });
    await admission.admit(ECHO);
    await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
  });

  describe('through AnalysisExecutionService.analyze', () => {
    it('records no job for a refused call', async () => {
      const running = [app.analysis.analyze(slowCount(3, 200), caller), app.analysis.analyze(slowCount(3, 200), caller)];
      const waiting = app.analysis.analyze(slowCount(1, 0), caller);
      waiting.catch(() => undefined);

      const error = await rejectionOf(app.analysis.analyze(echo('refused'), caller));

      expect(error).toMatchObject({ code: 'OVERLOADED' });
      await Promise.all(running);
      await waiting.catch(() => undefined);
      const { jobs } = await app.analysis.listJobs({ limit: 100 }, caller);
      expect(jobs.filter((job) => job.plugin === 'echo')).toHaveLength(0);
    });

    it('cancels a running call whose caller goes away, records its job cancelled and frees its slot at once', async () => {
      const callerGone = new CallCancellation();
      const abandoned = app.analysis.analyze(waitForever, caller, callerGone);
      const holder = app.analysis.analyze(waitForever, caller);
      holder.catch(() => undefined);
      await waitFor('both calls to run', () => (app.registry.snapshot('abortable').metrics.inFlight === 2 ? true : undefined));

      callerGone.abort();
      const error = await rejectionOf(abandoned);

      expect(error).toMatchObject({ code: 'CANCELLED', jobId: expect.any(String) });
      await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
      const { jobs } = await app.analysis.listJobs({ limit: 100 }, caller);
      expect(jobs.map((job) => job.status).sort()).toEqual(['cancelled', 'running']);
    });

    it('frees the slot when the call fails', async () => {
      for (let call = 0; call < 3; call += 1) {
        await expect(app.analysis.analyze({ plugin: 'thrower', tool: 'boom', args: {} }, caller)).rejects.toMatchObject({ code: 'PLUGIN_ERROR' });
      }

      await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
      await expect(settlesSoon(admission.admit(ECHO))).resolves.toBe(true);
    });
  });
});
