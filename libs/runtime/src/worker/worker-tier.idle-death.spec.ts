import { createRunnerHarness, fixture, type RunnerHarness, sleep, waitFor } from '../testing/runner-harness';

// A fresh thread compiles the TypeScript sources again when tests run from them.
jest.setTimeout(60_000);

/** Every thread of `worker-timer-throws` dies 50 ms after loading its module, running no call by then. */
describe('the worker tier: a thread that dies between calls', () => {
  let harness: RunnerHarness;
  const echo = (args: unknown) => harness.runner.run({ plugin: 'worker-timer-throws', tool: 'echo', args, jobId: 'job-echo' });
  const boot = async (crashes: number) => {
    harness = await createRunnerHarness({
      specifiers: [fixture('worker-timer-throws.plugin.js')],
      runtime: { breaker: { crashes, windowMs: 60_000, cooldownMs: 60_000 } },
    });
  };

  afterEach(() => harness.moduleRef.close());

  it('is replaced for the next call, and a call that survives resets the breaker', async () => {
    await boot(2);

    expect(await echo({ n: 1 })).toMatchObject({ ok: true, result: { n: 1 } });
    await sleep(300);
    expect(await echo({ n: 2 })).toMatchObject({ ok: true, result: { n: 2 } });
    await sleep(300);

    expect(harness.registry.snapshot('worker-timer-throws').state).toBe('INITIALIZED');
  });

  it('counts as a crash: enough of them in a row suspend the plugin, saying why', async () => {
    await boot(1);

    expect(await echo({ n: 1 })).toMatchObject({ ok: true });

    await waitFor(() => harness.registry.snapshot('worker-timer-throws').state === 'UNAVAILABLE', 5_000);
    expect(harness.registry.snapshot('worker-timer-throws').reason).toMatch(
      /^its worker threads crashed repeatedly \(last: a worker thread died between calls: boom from a timer at the top level\)/,
    );
  });
});
