import type { ExecutionOutcome } from '../tool-run-request';
import { callsRecorded, createRunnerHarness, fixture, type RunnerHarness } from '../testing/runner-harness';

function expectFailure(outcome: ExecutionOutcome, code: string): Record<string, unknown> {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) throw new Error('unreachable');
  expect(outcome.error.code).toBe(code);
  return outcome.error.toBody() as unknown as Record<string, unknown>;
}

describe('the worker tier', () => {
  let harness: RunnerHarness;
  const run = (tool: string, args: unknown = {}, signal?: AbortSignal): Promise<ExecutionOutcome> =>
    harness.runner.run({ plugin: 'worker-faults', tool, args, jobId: `job-${tool}`, signal });

  beforeAll(async () => {
    harness = await createRunnerHarness({
      specifiers: [fixture('worker-faults.plugin.js')],
      runtime: { worker: { graceMs: 100 }, breaker: { crashes: 100 } },
    });
  });

  afterAll(() => harness.moduleRef.close());

  it('runs a tool in a worker thread and returns its result', async () => {
    const outcome = await run('thread');

    expect(outcome).toMatchObject({ ok: true });
    expect((outcome as { result: { threadId: number } }).result.threadId).toBeGreaterThan(0);
  });

  it('stops a CPU-bound loop at its deadline by terminating its thread, and the next call succeeds', async () => {
    const startedAt = Date.now();

    const body = expectFailure(await run('loop'), 'PLUGIN_TIMEOUT');

    expect(Date.now() - startedAt).toBeLessThan(300 + 100 + 500);
    expect(body).toMatchObject({ details: { stopped: 'terminated', timeout_ms: 300 } });
    expect(await run('ok', { n: 1 })).toMatchObject({ ok: true, result: { echoed: { n: 1 } } });
  });

  it('delivers the abort into the thread: a tool that obeys ends cooperatively', async () => {
    expect(expectFailure(await run('obey'), 'PLUGIN_TIMEOUT')).toMatchObject({ details: { stopped: 'cooperative' } });
  });

  it.each([
    ['heap', /ran out of heap/],
    ['exit', /the thread exited/],
    ['timer_throw', /uncaught error in the thread: boom from a timer/],
  ])('%s: PLUGIN_CRASHED, and the pool heals', async (tool, reason) => {
    const before = callsRecorded(harness.registry, 'worker-faults');

    const body = expectFailure(await run(tool), 'PLUGIN_CRASHED');

    expect(body.message).toMatch(reason);
    expect(callsRecorded(harness.registry, 'worker-faults')).toBe(before + 1);
    expect(harness.registry.snapshot('worker-faults').state).toBe('FAILED');
    expect(await run('ok')).toMatchObject({ ok: true });
  });

  it('cancels a looping tool: CANCELLED, thread terminated', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);

    expect(expectFailure(await run('loop_long', {}, controller.signal), 'CANCELLED')).toMatchObject({
      details: { stopped: 'terminated' },
    });
  });

  it('brings plugin errors back as plain data, classified by code', async () => {
    expect(expectFailure(await run('rejects'), 'PLUGIN_ERROR').message).toContain('the model file is missing');
    expect(expectFailure(await run('bad_input'), 'INPUT_INVALID')).toMatchObject({
      message: '`page` 9 is past the last page, 3.',
      details: { page: 9 },
    });
  });
});
