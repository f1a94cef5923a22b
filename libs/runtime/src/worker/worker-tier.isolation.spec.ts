import type { ExecutionOutcome } from '../tool-run-request';
import { callsRecorded, createRunnerHarness, fixture, type RunnerHarness, sleep } from '../testing/runner-harness';

// Every crash costs a fresh thread, which compiles the TypeScript sources again when tests run from them.
jest.setTimeout(120_000);

const errorCodeOf = (outcome: ExecutionOutcome): string | undefined => (outcome.ok ? undefined : outcome.error.code);

describe('the worker tier: containment', () => {
  let harness: RunnerHarness;
  const run = (plugin: string, tool: string, args: unknown = {}, onProgress?: (p: unknown) => void): Promise<ExecutionOutcome> =>
    harness.runner.run({ plugin, tool, args, jobId: `job-${plugin}-${tool}`, onProgress });

  beforeAll(async () => {
    harness = await createRunnerHarness({
      specifiers: [fixture('worker-faults.plugin.js'), fixture('worker-globals.plugin.js'), fixture('worker-neighbour.plugin.js')],
      runtime: { worker: { threads: 4 }, breaker: { crashes: 1000 } },
    });
  });

  afterAll(() => harness.moduleRef.close());

  it('relays progress from the thread to the caller', async () => {
    const progress: unknown[] = [];

    const outcome = await run('worker-faults', 'ok', { n: 1 }, (update) => progress.push(update));

    expect(outcome).toMatchObject({ ok: true });
    expect(progress).toEqual([{ fraction: 0.5, message: 'half way' }]);
  });

  it('keeps every healthy call of 50 concurrent ones mixed with crashing calls', async () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? run('worker-faults', 'ok', { i }) : run('worker-faults', i % 4 === 1 ? 'exit' : 'timer_throw'),
    );
    const before = callsRecorded(harness.registry, 'worker-faults');

    const outcomes = await Promise.all(calls);

    outcomes.forEach((outcome, i) => {
      if (i % 2 === 0) expect(outcome).toMatchObject({ ok: true, result: { echoed: { i } } });
      else expect(errorCodeOf(outcome)).toBe('PLUGIN_CRASHED');
    });
    expect(callsRecorded(harness.registry, 'worker-faults')).toBe(before + 50);
    expect(harness.registry.snapshot('worker-faults').metrics.inFlight).toBe(0);
  });

  it("gives each plugin its own threads: one plugin's globals never reach another's", async () => {
    expect(await run('worker-globals', 'pollute')).toMatchObject({ ok: true, result: { shared: 'polluted', includesPatched: true } });

    expect(await run('worker-neighbour', 'inspect')).toMatchObject({ ok: true, result: { shared: null, includesPatched: false } });
  });

  it('leaves the server thread untouched by what a worker does', async () => {
    await run('worker-globals', 'pollute');

    expect((globalThis as { forgesyteShared?: unknown }).forgesyteShared).toBeUndefined();
    expect([].includes('x' as never)).toBe(false);
  });
});

describe('the worker tier: circuit breaker', () => {
  let harness: RunnerHarness;
  const run = (tool: string): Promise<ExecutionOutcome> =>
    harness.runner.run({ plugin: 'worker-faults', tool, args: {}, jobId: `job-${tool}` });

  beforeAll(async () => {
    harness = await createRunnerHarness({
      specifiers: [fixture('worker-faults.plugin.js')],
      runtime: { breaker: { crashes: 3, windowMs: 60_000, cooldownMs: 400 } },
    });
  });

  afterAll(() => harness.moduleRef.close());

  it('suspends a plugin after crashes in a row, refuses calls during the cool-down, then retries it', async () => {
    expect(errorCodeOf(await run('exit'))).toBe('PLUGIN_CRASHED');
    expect(errorCodeOf(await run('exit'))).toBe('PLUGIN_CRASHED');
    expect(harness.registry.snapshot('worker-faults').state).toBe('FAILED');

    expect(errorCodeOf(await run('exit'))).toBe('PLUGIN_CRASHED');

    const suspended = harness.registry.snapshot('worker-faults');
    expect(suspended.state).toBe('UNAVAILABLE');
    expect(suspended.reason).toMatch(/crashed repeatedly .* suspended for 400 ms, then retried/);
    expect(errorCodeOf(await run('ok'))).toBe('PLUGIN_UNAVAILABLE');

    await sleep(450);

    expect(harness.registry.snapshot('worker-faults').state).toBe('FAILED');
    expect(await run('ok')).toMatchObject({ ok: true });
    expect(harness.registry.snapshot('worker-faults').state).toBe('INITIALIZED');
  });

  it('starts counting again after any call that does not crash', async () => {
    await run('exit');
    await run('exit');
    await run('ok');
    await run('exit');
    await run('exit');

    expect(harness.registry.snapshot('worker-faults').state).toBe('FAILED');
  });
});
