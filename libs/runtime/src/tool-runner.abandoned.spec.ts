import { ToolRunner } from './tool-runner.service';
import type { ExecutionOutcome } from './tool-run-request';
import { createRunnerHarness, deferred, type Deferred, fixture, type RunnerHarness, testPlugin, testTool, waitFor } from './testing/runner-harness';

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

const LIMIT = 3;

describe(ToolRunner.name, () => {
  describe('abandoned inline calls', () => {
    let harness: RunnerHarness;
    let runner: ToolRunner;
    /** One gate per call of `linger`: the test decides when each abandoned call's code finishes. */
    let gates: Deferred[];
    let started: number;

    beforeEach(async () => {
      gates = [];
      started = 0;
      harness = await createRunnerHarness({
        runtime: { maxAbandoned: LIMIT },
        plugins: [
          testPlugin(
            async (tool, _args, context) => {
              started += 1;
              if (tool === 'obey') {
                await new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
              }
              const gate = deferred();
              gates.push(gate);
              await gate.promise;
              return {};
            },
            { name: 'stubborn', tools: { linger: testTool({ timeoutMs: 20 }), obey: testTool({ timeoutMs: 20 }) } },
          ),
          testPlugin(() => ({}), { name: 'bystander' }),
        ],
      });
      runner = harness.runner;
    });

    afterEach(async () => {
      for (const gate of gates) gate.resolve();
      await harness.moduleRef.close();
    });

    const linger = () => runner.run({ plugin: 'stubborn', tool: 'linger', args: {}, jobId: `job-${started}` });
    const metrics = () => harness.registry.snapshot('stubborn').metrics;

    it('counts an abandoned call in the metrics while its code runs, outside in_flight', async () => {
      const outcome = await linger();

      expect(errorOf(outcome)).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'abandoned' } });
      expect(metrics()).toMatchObject({ abandoned: 1, inFlight: 0 });
    });

    it('stops counting an abandoned call once its code settles', async () => {
      await linger();

      gates[0].resolve();

      await waitFor(() => metrics().abandoned === 0);
      expect(harness.registry.snapshot('stubborn').state).toBe('FAILED');
    });

    it('does not count a call that obeys its signal', async () => {
      const outcome = await runner.run({ plugin: 'stubborn', tool: 'obey', args: {}, jobId: 'job-obey' });

      expect(errorOf(outcome)).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'cooperative' } });
      expect(metrics().abandoned).toBe(0);
    });

    it('makes the plugin UNAVAILABLE, saying why and how to fix it, once the limit of abandoned calls run', async () => {
      for (let call = 0; call < LIMIT; call += 1) await linger();

      const snapshot = harness.registry.snapshot('stubborn');
      expect(snapshot.state).toBe('UNAVAILABLE');
      expect(snapshot.metrics.abandoned).toBe(LIMIT);
      expect(snapshot.reason).toContain('context.signal');
      expect(snapshot.reason).toContain("isolation: 'worker'");
    });

    it('refuses calls past the limit without starting the tool', async () => {
      for (let call = 0; call < LIMIT; call += 1) await linger();

      const outcome = await linger();

      expect(errorOf(outcome)).toMatchObject({ code: 'PLUGIN_UNAVAILABLE' });
      expect(started).toBe(LIMIT);
    });

    it('brings the plugin back once an abandoned call settles', async () => {
      for (let call = 0; call < LIMIT; call += 1) await linger();

      gates[0].resolve();
      await waitFor(() => harness.registry.snapshot('stubborn').state !== 'UNAVAILABLE');

      expect(harness.registry.snapshot('stubborn')).toMatchObject({ state: 'FAILED', reason: null, metrics: { abandoned: LIMIT - 1 } });
      expect(errorOf(await linger())).toMatchObject({ code: 'PLUGIN_TIMEOUT' });
    });

    it("leaves other plugins' calls alone", async () => {
      for (let call = 0; call < LIMIT; call += 1) await linger();

      const outcome = await runner.run({ plugin: 'bystander', tool: 'noop', args: {}, jobId: 'job-other' });

      expect(outcome.ok).toBe(true);
      expect(harness.registry.snapshot('bystander').metrics.abandoned).toBe(0);
    });
  });

  describe('abandoned calls of a plugin loaded from a module', () => {
    it('counts a fixture that ignores its signal until it resolves', async () => {
      const harness = await createRunnerHarness({ specifiers: [fixture('ignores-signal.plugin.js')] });
      try {
        const outcome = await harness.runner.run({ plugin: 'ignores-signal', tool: 'linger', args: { linger_ms: 200 }, jobId: 'job-1' });

        expect(errorOf(outcome)).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'abandoned' } });
        expect(harness.registry.snapshot('ignores-signal').metrics.abandoned).toBe(1);
        await waitFor(() => harness.registry.snapshot('ignores-signal').metrics.abandoned === 0);
      } finally {
        await harness.moduleRef.close();
      }
    });
  });
});
