import { ToolRunner } from './tool-runner.service';
import { createRunnerHarness, deferred, type Deferred, type RunnerHarness, sleep, testPlugin, testTool, waitFor } from './testing/runner-harness';

describe(ToolRunner.name, () => {
  describe('maxConcurrency', () => {
    let harness: RunnerHarness;
    let runner: ToolRunner;
    let active: number;
    let peak: number;
    let started: string[];
    let gate: Deferred;

    beforeEach(async () => {
      active = 0;
      peak = 0;
      started = [];
      gate = deferred();
      harness = await createRunnerHarness({
        plugins: [
          testPlugin(
            async (tool, _args, context) => {
              started.push(context.jobId);
              active += 1;
              peak = Math.max(peak, active);
              try {
                if (tool.startsWith('gated')) await gate.promise;
                else if (tool.startsWith('fail')) throw new Error('broken');
                else if (tool === 'hang_one') await new Promise(() => undefined);
                else await sleep(30);
                return {};
              } finally {
                active -= 1;
              }
            },
            {
              name: 'limited',
              tools: {
                one: testTool({ maxConcurrency: 1 }),
                two: testTool({ maxConcurrency: 2 }),
                free: testTool(),
                gated_one: testTool({ maxConcurrency: 1 }),
                other_one: testTool({ maxConcurrency: 1 }),
                fail_one: testTool({ maxConcurrency: 1 }),
                hang_one: testTool({ maxConcurrency: 1, timeoutMs: 50 }),
              },
            },
          ),
        ],
      });
      runner = harness.runner;
    });

    afterEach(async () => {
      gate.resolve();
      await harness.moduleRef.close();
    });

    const run = (tool: string, jobId: string, signal?: AbortSignal) =>
      runner.run({ plugin: 'limited', tool, args: {}, jobId, signal });

    it('never overlaps two calls of a tool with maxConcurrency 1', async () => {
      const outcomes = await Promise.all([run('one', 'job-1'), run('one', 'job-2')]);

      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
      expect(peak).toBe(1);
    });

    it('overlaps calls of a tool without maxConcurrency', async () => {
      await Promise.all([run('free', 'job-1'), run('free', 'job-2')]);

      expect(peak).toBe(2);
    });

    it('runs at most maxConcurrency calls of a tool at once', async () => {
      const outcomes = await Promise.all([run('two', 'job-1'), run('two', 'job-2'), run('two', 'job-3'), run('two', 'job-4')]);

      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect(peak).toBe(2);
    });

    it('starts queued calls in the order they arrived', async () => {
      await Promise.all([run('one', 'job-1'), run('one', 'job-2'), run('one', 'job-3')]);

      expect(started).toEqual(['job-1', 'job-2', 'job-3']);
    });

    it("ends a queued call CANCELLED, stopped 'not_started', when its signal aborts while it waits", async () => {
      const controller = new AbortController();
      const first = run('gated_one', 'job-1');
      await waitFor(() => started.length === 1);
      const second = run('gated_one', 'job-2', controller.signal);
      await sleep(10);

      controller.abort();
      const cancelled = await second;

      expect(cancelled).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { stopped: 'not_started' } } });
      expect(started).toEqual(['job-1']);
      gate.resolve();
      expect(await first).toMatchObject({ ok: true });
    });

    it('does not run a cancelled queued call when the slot frees up', async () => {
      const controller = new AbortController();
      const first = run('gated_one', 'job-1');
      await waitFor(() => started.length === 1);
      const second = run('gated_one', 'job-2', controller.signal);
      controller.abort();
      await second;

      gate.resolve();
      await first;
      await run('gated_one', 'job-3');

      expect(started).toEqual(['job-1', 'job-3']);
    });

    it('limits each tool separately', async () => {
      const first = run('gated_one', 'job-1');
      await waitFor(() => started.length === 1);

      const other = await run('other_one', 'job-2');

      expect(other).toMatchObject({ ok: true });
      gate.resolve();
      await first;
    });

    it('frees the slot when the tool fails', async () => {
      await run('fail_one', 'job-1');

      const outcome = await Promise.race([run('fail_one', 'job-2'), sleep(1_000).then(() => 'still queued')]);

      expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_ERROR' } });
    });

    it('frees the slot of a call abandoned at its deadline', async () => {
      await run('hang_one', 'job-1');

      const outcome = await Promise.race([run('hang_one', 'job-2'), sleep(1_000).then(() => 'still queued')]);

      expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_TIMEOUT' } });
      expect(started).toEqual(['job-1', 'job-2']);
    });

    it('counts a queued call as in flight', async () => {
      const first = run('gated_one', 'job-1');
      await waitFor(() => started.length === 1);
      const second = run('gated_one', 'job-2');
      await sleep(10);

      expect(harness.registry.snapshot('limited').metrics.inFlight).toBe(2);
      gate.resolve();
      await Promise.all([first, second]);
      expect(harness.registry.snapshot('limited').metrics.inFlight).toBe(0);
    });
  });
});
