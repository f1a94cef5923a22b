import { Logger } from '@nestjs/common';
import type { ToolContext } from '@forgesyte/plugin-sdk';
import { ToolRunner } from './tool-runner.service';
import type { ProgressUpdate } from './tool-run-request';
import { createRunnerHarness, fixture, type RunnerHarness, sleep, testPlugin, testTool } from './testing/runner-harness';

type Script = (context: ToolContext) => unknown;

describe(ToolRunner.name, () => {
  let harness: RunnerHarness;
  let runner: ToolRunner;
  let script: Script;
  let seen: ToolContext[];

  beforeAll(async () => {
    harness = await createRunnerHarness({
      defaultTimeoutMs: 4_000,
      plugins: [
        testPlugin(
          (_tool, _args, context) => {
            seen.push(context);
            return script(context);
          },
          { name: 'ctx', tools: { timed: testTool({ timeoutMs: 1_500 }), untimed: testTool(), brief: testTool({ timeoutMs: 50 }) } },
        ),
      ],
      specifiers: [fixture('slow-progress.plugin.js')],
    });
    runner = harness.runner;
  });

  afterAll(() => harness.moduleRef.close());

  beforeEach(() => {
    seen = [];
    script = () => ({});
  });

  afterEach(() => jest.restoreAllMocks());

  function runWithProgress(tool = 'timed'): { updates: ProgressUpdate[]; done: ReturnType<ToolRunner['run']> } {
    const updates: ProgressUpdate[] = [];
    const done = runner.run({ plugin: 'ctx', tool, args: {}, jobId: 'job-p', onProgress: (update) => updates.push(update) });
    return { updates, done };
  }

  describe('the ToolContext', () => {
    it("carries the request's jobId", async () => {
      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-42' });

      expect(seen[0].jobId).toBe('job-42');
    });

    it("sets the deadline to the call's start plus the tool's timeoutMs", async () => {
      const before = Date.now();
      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-x' });
      const after = Date.now();

      expect(seen[0].deadline).toBeGreaterThanOrEqual(before + 1_500);
      expect(seen[0].deadline).toBeLessThanOrEqual(after + 1_500);
    });

    it('sets the deadline from the default timeout when the tool declares none', async () => {
      const before = Date.now();
      await runner.run({ plugin: 'ctx', tool: 'untimed', args: {}, jobId: 'job-x' });
      const after = Date.now();

      expect(seen[0].deadline).toBeGreaterThanOrEqual(before + 4_000);
      expect(seen[0].deadline).toBeLessThanOrEqual(after + 4_000);
    });

    it('hands the tool a signal that is not aborted while it runs normally', async () => {
      let abortedDuringRun: boolean | undefined;
      script = async (context) => {
        await sleep(10);
        abortedDuringRun = context.signal.aborted;
        return {};
      };

      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-x' });

      expect(abortedDuringRun).toBe(false);
    });

    it('gives every call its own signal', async () => {
      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-a' });
      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-b' });

      expect(seen[0].signal).not.toBe(seen[1].signal);
    });

    it("writes log lines tagged with the plugin, tool and job through Nest's logger", async () => {
      const log = jest.spyOn(Logger, 'log').mockImplementation(() => undefined);
      script = (context) => {
        context.log.info('decoded', { width: 4 });
        return {};
      };

      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-log' });

      expect(log).toHaveBeenCalledWith({ msg: 'decoded', plugin: 'ctx', tool: 'timed', job_id: 'job-log', data: { width: 4 } }, 'ctx:timed');
    });

    it('writes data that cannot be JSON as a note rather than throw into the tool', async () => {
      const log = jest.spyOn(Logger, 'warn').mockImplementation(() => undefined);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      script = (context) => {
        context.log.warn('odd', cyclic);
        return {};
      };

      await runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-cyclic' });

      expect(log).toHaveBeenCalledWith({ msg: 'odd', plugin: 'ctx', tool: 'timed', job_id: 'job-cyclic', data: '[unserialisable data]' }, 'ctx:timed');
    });
  });

  describe('progress', () => {
    it('forwards progress reports with their messages to onProgress', async () => {
      script = (context) => {
        context.progress(0.25, 'a quarter');
        context.progress(0.5);
        return {};
      };

      const { updates, done } = runWithProgress();
      await done;

      expect(updates).toEqual([
        { fraction: 0.25, message: 'a quarter' },
        { fraction: 0.5, message: null },
      ]);
    });

    it('works when the tool destructures progress from its context', async () => {
      script = ({ progress }) => {
        progress(0.75, 'detached');
        return {};
      };

      const { updates, done } = runWithProgress();

      expect(await done).toMatchObject({ ok: true });
      expect(updates).toEqual([{ fraction: 0.75, message: 'detached' }]);
    });

    it('cuts a message to 1000 characters: it is stored with the job and sent to every client following it', async () => {
      script = (context) => {
        context.progress(0.5, 'x'.repeat(50_000));
        return {};
      };

      const { updates, done } = runWithProgress();
      await done;

      expect(updates).toEqual([{ fraction: 0.5, message: 'x'.repeat(1000) }]);
    });

    it('clamps fractions to 0..1', async () => {
      script = (context) => {
        context.progress(-0.5);
        context.progress(1.7);
        return {};
      };

      const { updates, done } = runWithProgress();
      await done;

      expect(updates.map((update) => update.fraction)).toEqual([0, 1]);
    });

    it('ignores fractions that are not finite numbers', async () => {
      script = (context) => {
        context.progress(Number.NaN);
        context.progress(Number.POSITIVE_INFINITY);
        return {};
      };

      const { updates, done } = runWithProgress();
      await done;

      expect(updates).toEqual([]);
    });

    it('succeeds when the tool reports progress and the caller gave no onProgress', async () => {
      script = (context) => {
        context.progress(0.5, 'half');
        return {};
      };

      await expect(runner.run({ plugin: 'ctx', tool: 'timed', args: {}, jobId: 'job-x' })).resolves.toMatchObject({ ok: true });
    });

    it('forwards the slow-progress fixture reports step by step', async () => {
      const updates: ProgressUpdate[] = [];

      await runner.run({
        plugin: 'slow-progress',
        tool: 'count',
        args: { steps: 2, delay_ms: 5 },
        jobId: 'job-x',
        onProgress: (update) => updates.push(update),
      });

      expect(updates).toEqual([
        { fraction: 0.5, message: 'step 1 of 2' },
        { fraction: 1, message: 'step 2 of 2' },
      ]);
    });

    it('ignores progress reported after the call returned', async () => {
      const { updates, done } = runWithProgress();
      await done;

      seen[0].progress(0.9, 'too late');

      expect(updates).toEqual([]);
    });

    it('ignores progress reported after the call timed out', async () => {
      script = async (context) => {
        await sleep(120);
        context.progress(0.9, 'too late');
        return {};
      };

      const { updates, done } = runWithProgress('brief');
      const outcome = await done;
      await sleep(150);

      expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_TIMEOUT' } });
      expect(updates).toEqual([]);
    });
  });
});
