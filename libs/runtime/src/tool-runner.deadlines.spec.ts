import type { ToolContext } from '@forgesyte/plugin-sdk';
import { CallCancellation, type CallerSignal } from './call-cancellation';
import { ToolRunner } from './tool-runner.service';
import type { ExecutionOutcome } from './tool-run-request';
import { createRunnerHarness, fixture, type RunnerHarness, sleep, testPlugin, testTool } from './testing/runner-harness';

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

const never = (): Promise<unknown> => new Promise(() => undefined);

const rejectOnAbort = (signal: AbortSignal): Promise<unknown> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

const resolveOnAbort = (signal: AbortSignal): Promise<unknown> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve({ partial: true }), { once: true }));

/** A caller's way to cancel a call: the signal the runner gets, and what fires it. */
interface CancellingCaller {
  readonly signal: CallerSignal;
  abort(): void;
}

function abortControllerCaller(): CancellingCaller {
  const controller = new AbortController();
  return { signal: controller.signal, abort: () => controller.abort() };
}

function callCancellationCaller(): CancellingCaller {
  const cancellation = new CallCancellation();
  return { signal: cancellation, abort: () => cancellation.abort() };
}

/** The caller a tool cancels while its synchronous part runs (set by the test that needs it). */
let callerToCancelDuringRun: CancellingCaller | undefined;

describe(ToolRunner.name, () => {
  let harness: RunnerHarness;
  let runner: ToolRunner;
  let started: ToolContext[];

  beforeAll(async () => {
    harness = await createRunnerHarness({
      defaultTimeoutMs: 5_000,
      plugins: [
        testPlugin(
          (tool, _args, context) => {
            started.push(context);
            if (tool.startsWith('ignore')) return never();
            if (tool.startsWith('resolve')) return resolveOnAbort(context.signal);
            if (tool === 'quick') return {};
            if (tool.startsWith('cancel_during_run')) {
              callerToCancelDuringRun?.abort();
              return tool === 'cancel_during_run_sync' ? {} : sleep(20).then(() => ({}));
            }
            return rejectOnAbort(context.signal);
          },
          {
            name: 'stoppable',
            tools: {
              ignore_short: testTool({ timeoutMs: 50 }),
              honour_short: testTool({ timeoutMs: 50 }),
              resolve_short: testTool({ timeoutMs: 50 }),
              ignore_long: testTool(),
              honour_long: testTool(),
              resolve_long: testTool(),
              quick: testTool({ timeoutMs: 50 }),
              cancel_during_run_sync: testTool(),
              cancel_during_run_async: testTool(),
            },
          },
        ),
      ],
      specifiers: [fixture('never-resolves.plugin.js'), fixture('abortable.plugin.js'), fixture('slow-progress.plugin.js')],
    });
    runner = harness.runner;
  });

  afterAll(() => harness.moduleRef.close());

  beforeEach(() => {
    started = [];
  });

  describe('deadline', () => {
    it("fails with PLUGIN_TIMEOUT after the tool's own timeoutMs", async () => {
      const startedAt = Date.now();

      const error = errorOf(await runner.run({ plugin: 'stoppable', tool: 'ignore_short', args: {}, jobId: 'job-t1' }));

      expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', type: 'ExecutionError', retryable: true, jobId: 'job-t1' });
      expect(error.details).toMatchObject({ timeout_ms: 50 });
      expect(Date.now() - startedAt).toBeLessThan(2_000);
    });

    it("reports a tool that ignores its signal as stopped 'abandoned'", async () => {
      const error = errorOf(await runner.run({ plugin: 'stoppable', tool: 'ignore_short', args: {}, jobId: 'job-t2' }));

      expect(error.details).toEqual({ timeout_ms: 50, stopped: 'abandoned' });
    });

    it("reports a tool that rejects when its signal fires as stopped 'cooperative'", async () => {
      const error = errorOf(await runner.run({ plugin: 'stoppable', tool: 'honour_short', args: {}, jobId: 'job-t3' }));

      expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { timeout_ms: 50, stopped: 'cooperative' } });
    });

    it('abandons the never-resolving fixture at its 300 ms deadline', async () => {
      const error = errorOf(await runner.run({ plugin: 'never-resolves', tool: 'hang', args: {}, jobId: 'job-t4' }));

      expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { timeout_ms: 300, stopped: 'abandoned' } });
    });

    it('stops the abortable fixture cooperatively at its 200 ms deadline', async () => {
      const error = errorOf(await runner.run({ plugin: 'abortable', tool: 'wait_briefly', args: {}, jobId: 'job-t5' }));

      expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { timeout_ms: 200, stopped: 'cooperative' } });
    });

    it("aborts the tool's signal when the deadline passes", async () => {
      await runner.run({ plugin: 'stoppable', tool: 'ignore_short', args: {}, jobId: 'job-t6' });

      expect(started[0].signal.aborted).toBe(true);
    });

    it('fails with PLUGIN_TIMEOUT even when the tool answers its signal with a result', async () => {
      const outcome = await runner.run({ plugin: 'stoppable', tool: 'resolve_short', args: {}, jobId: 'job-t7' });

      expect(outcome.ok).toBe(false);
      expect(errorOf(outcome)).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'cooperative' } });
    });

    it('returns the result of a tool that finishes before its deadline', async () => {
      const outcome = await runner.run({ plugin: 'slow-progress', tool: 'count', args: { steps: 2, delay_ms: 5 }, jobId: 'job-t8' });

      expect(outcome).toMatchObject({ ok: true, result: { steps: 2 } });
    });

    it('does not abort the signal of a call that finished before its deadline', async () => {
      await runner.run({ plugin: 'stoppable', tool: 'quick', args: {}, jobId: 'job-t9' });
      await sleep(100);

      expect(started[0].signal.aborted).toBe(false);
    });
  });

  describe('default deadline', () => {
    let short: RunnerHarness;

    beforeAll(async () => {
      short = await createRunnerHarness({
        defaultTimeoutMs: 80,
        plugins: [
          testPlugin(
            async (tool) => {
              if (tool === 'patient') await sleep(200);
              else await never();
              return {};
            },
            { name: 'defaults', tools: { hang: testTool(), patient: testTool({ timeoutMs: 1_000 }) } },
          ),
        ],
      });
    });

    afterAll(() => short.moduleRef.close());

    it('applies the configured default timeout to a tool that declares none', async () => {
      const error = errorOf(await short.runner.run({ plugin: 'defaults', tool: 'hang', args: {}, jobId: 'job-d1' }));

      expect(error).toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { timeout_ms: 80, stopped: 'abandoned' } });
    });

    it("lets a tool's own timeoutMs outlast the default", async () => {
      const outcome = await short.runner.run({ plugin: 'defaults', tool: 'patient', args: {}, jobId: 'job-d2' });

      expect(outcome).toMatchObject({ ok: true, result: {} });
    });
  });

  describe.each([
    ['an AbortSignal', abortControllerCaller],
    ['a CallCancellation', callCancellationCaller],
  ])('cancellation through %s', (_, newCaller) => {
    it.each(['cancel_during_run_sync', 'cancel_during_run_async'])(
      'fails with CANCELLED when the caller cancels while the synchronous part of %s runs',
      async (tool) => {
        callerToCancelDuringRun = newCaller();
        const outcome = await runner.run({ plugin: 'stoppable', tool, args: {}, jobId: 'job-c0', signal: callerToCancelDuringRun.signal });
        callerToCancelDuringRun = undefined;

        expect(errorOf(outcome)).toMatchObject({ code: 'CANCELLED', jobId: 'job-c0' });
      },
    );

    it("fails with CANCELLED, stopped 'cooperative', when the caller aborts a tool that honours its signal", async () => {
      const controller = newCaller();
      const running = runner.run({ plugin: 'stoppable', tool: 'honour_long', args: {}, jobId: 'job-c1', signal: controller.signal });
      await sleep(20);

      controller.abort();

      expect(errorOf(await running)).toMatchObject({
        code: 'CANCELLED',
        type: 'ExecutionError',
        jobId: 'job-c1',
        details: { stopped: 'cooperative' },
      });
    });

    it("fails with CANCELLED, stopped 'abandoned', at once when the caller aborts a tool that ignores its signal", async () => {
      const controller = newCaller();
      const running = runner.run({ plugin: 'stoppable', tool: 'ignore_long', args: {}, jobId: 'job-c2', signal: controller.signal });
      await sleep(20);
      const abortedAt = Date.now();

      controller.abort();

      expect(errorOf(await running)).toMatchObject({ code: 'CANCELLED', details: { stopped: 'abandoned' } });
      expect(Date.now() - abortedAt).toBeLessThan(2_000);
    });

    it("aborts the tool's signal when the caller cancels", async () => {
      const controller = newCaller();
      const running = runner.run({ plugin: 'stoppable', tool: 'ignore_long', args: {}, jobId: 'job-c3', signal: controller.signal });
      await sleep(20);

      controller.abort();
      await running;

      expect(started[0].signal.aborted).toBe(true);
    });

    it("fails with CANCELLED, stopped 'not_started', and never calls the plugin when the signal is already aborted", async () => {
      const cancelled = newCaller();
      cancelled.abort();
      const outcome = await runner.run({
        plugin: 'stoppable',
        tool: 'quick',
        args: {},
        jobId: 'job-c4',
        signal: cancelled.signal,
      });

      expect(errorOf(outcome)).toMatchObject({ code: 'CANCELLED', details: { stopped: 'not_started' } });
      expect(started).toHaveLength(0);
    });

    it('fails with CANCELLED even when the tool answers its signal with a result', async () => {
      const controller = newCaller();
      const running = runner.run({ plugin: 'stoppable', tool: 'resolve_long', args: {}, jobId: 'job-c5', signal: controller.signal });
      await sleep(20);

      controller.abort();

      expect(errorOf(await running)).toMatchObject({ code: 'CANCELLED', details: { stopped: 'cooperative' } });
    });

    it('cancels the abortable fixture, which sees exactly one more abort', async () => {
      const abortsSeen = async (): Promise<unknown> => {
        const outcome = await runner.run({ plugin: 'abortable', tool: 'aborts_seen', args: {}, jobId: 'job-c6-count' });
        return outcome.ok ? (outcome.result as { aborts: number }).aborts : outcome.error.code;
      };
      const controller = newCaller();
      const running = runner.run({ plugin: 'abortable', tool: 'wait', args: {}, jobId: 'job-c6', signal: controller.signal });
      await sleep(20);
      const before = await abortsSeen();

      controller.abort();
      await running;

      expect(typeof before).toBe('number');
      expect(await abortsSeen()).toBe((before as number) + 1);
    });

    it("does not abort the tool's signal when the caller aborts after the call ended", async () => {
      const controller = newCaller();
      await runner.run({ plugin: 'stoppable', tool: 'quick', args: {}, jobId: 'job-c7', signal: controller.signal });

      controller.abort();

      expect(started[0].signal.aborted).toBe(false);
    });
  });
});
