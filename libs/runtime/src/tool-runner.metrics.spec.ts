import { LIFECYCLE_STATES, type LifecycleState } from '@forgesyte/registry';
import { ToolRunner } from './tool-runner.service';
import type { ToolRunRequest } from './tool-run-request';
import {
  callsRecorded,
  createRunnerHarness,
  deferred,
  type Deferred,
  type RunnerHarness,
  sleep,
  testPlugin,
  testTool,
  waitFor,
} from './testing/runner-harness';

const strictInput = { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } };
const stringOutput = { type: 'object', required: ['s'], properties: { s: { type: 'string' } } };

type Case = { outcome: string; request: Omit<ToolRunRequest, 'jobId'>; ok: boolean; cancelAfterMs?: number };

const cases: Case[] = [
  { outcome: 'success', request: { plugin: 'multi', tool: 'ok', args: {} }, ok: true },
  { outcome: 'TOOL_NOT_FOUND', request: { plugin: 'multi', tool: 'missing', args: {} }, ok: false },
  { outcome: 'PLUGIN_UNAVAILABLE', request: { plugin: 'broken', tool: 'noop', args: {} }, ok: false },
  { outcome: 'INPUT_INVALID from the schema', request: { plugin: 'multi', tool: 'strict', args: {} }, ok: false },
  { outcome: 'INPUT_INVALID thrown by the tool', request: { plugin: 'multi', tool: 'refuse', args: {} }, ok: false },
  { outcome: 'PLUGIN_ERROR', request: { plugin: 'multi', tool: 'boom', args: {} }, ok: false },
  { outcome: 'OUTPUT_INVALID', request: { plugin: 'multi', tool: 'bad_output', args: {} }, ok: false },
  { outcome: 'PLUGIN_TIMEOUT', request: { plugin: 'multi', tool: 'hang', args: {} }, ok: false },
  { outcome: 'CANCELLED while running', request: { plugin: 'multi', tool: 'wait', args: {} }, ok: false, cancelAfterMs: 10 },
  { outcome: 'CANCELLED before start', request: { plugin: 'multi', tool: 'ok', args: {}, signal: AbortSignal.abort() }, ok: false },
];

describe(ToolRunner.name, () => {
  let harness: RunnerHarness;
  let runner: ToolRunner;
  let gate: Deferred;
  let inside: number;

  beforeEach(async () => {
    gate = deferred();
    inside = 0;
    harness = await createRunnerHarness({
      plugins: [
        testPlugin(
          async (tool, _args, context) => {
            inside += 1;
            if (tool === 'boom') throw new Error('boom');
            if (tool === 'refuse') throw Object.assign(new Error('unreadable'), { code: 'INPUT_INVALID' });
            if (tool === 'bad_output') return { s: 1 };
            if (tool === 'hang') await new Promise(() => undefined);
            if (tool === 'wait') {
              await new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
            }
            if (tool === 'gated') await gate.promise;
            if (tool === 'slow') await sleep(25);
            return { s: 'ok' };
          },
          {
            name: 'multi',
            tools: {
              ok: testTool({ outputSchema: stringOutput }),
              slow: testTool({ outputSchema: stringOutput }),
              gated: testTool({ outputSchema: stringOutput }),
              strict: testTool({ inputSchema: strictInput }),
              refuse: testTool(),
              boom: testTool(),
              bad_output: testTool({ outputSchema: stringOutput }),
              hang: testTool({ timeoutMs: 30 }),
              wait: testTool(),
            },
          },
        ),
        testPlugin(() => ({}), {
          name: 'broken',
          init: () => {
            throw new Error('no model');
          },
        }),
        testPlugin(() => ({}), { name: 'bystander' }),
      ],
    });
    runner = harness.runner;
  });

  afterEach(async () => {
    gate.resolve();
    await harness.moduleRef.close();
  });

  async function perform({ request, cancelAfterMs }: Case, jobId = 'job-m') {
    if (cancelAfterMs === undefined) return runner.run({ ...request, jobId });
    const controller = new AbortController();
    const running = runner.run({ ...request, jobId, signal: controller.signal });
    await sleep(cancelAfterMs);
    controller.abort();
    return running;
  }

  function stateOf(plugin: string): LifecycleState {
    return harness.registry.snapshot(plugin).state;
  }

  describe('metrics', () => {
    it.each(cases)('records exactly one call when the outcome is $outcome', async (testCase) => {
      const before = callsRecorded(harness.registry, testCase.request.plugin);

      await perform(testCase);

      expect(callsRecorded(harness.registry, testCase.request.plugin)).toBe(before + 1);
    });

    it.each(cases)('counts the outcome $outcome in success_count or error_count, whichever matches', async (testCase) => {
      const outcome = await perform(testCase);

      const { successCount, errorCount } = harness.registry.snapshot(testCase.request.plugin).metrics;
      expect(outcome.ok).toBe(testCase.ok);
      expect({ successCount, errorCount }).toEqual(testCase.ok ? { successCount: 1, errorCount: 0 } : { successCount: 0, errorCount: 1 });
    });

    it('accounts for every call of a mixed sequence in success_count + error_count', async () => {
      const sequence = [...cases, ...cases].filter((testCase) => testCase.request.plugin === 'multi');

      for (const testCase of sequence) await perform(testCase);

      const { successCount, errorCount, inFlight } = harness.registry.snapshot('multi').metrics;
      expect(successCount + errorCount).toBe(sequence.length);
      expect(successCount).toBe(sequence.filter((testCase) => testCase.ok).length);
      expect(inFlight).toBe(0);
    });

    it('records nothing for an unknown plugin', async () => {
      const before = harness.registry.list().map((plugin) => plugin.metrics);

      await runner.run({ plugin: 'ghost', tool: 'ok', args: {}, jobId: 'job-ghost' });

      expect(harness.registry.has('ghost')).toBe(false);
      expect(harness.registry.list().map((plugin) => plugin.metrics)).toEqual(before);
    });

    it('does not record calls on other plugins', async () => {
      await perform(cases[0]);

      expect(callsRecorded(harness.registry, 'bystander')).toBe(0);
    });

    it("records the outcome's duration as last_execution_time_ms", async () => {
      const outcome = await runner.run({ plugin: 'multi', tool: 'slow', args: {}, jobId: 'job-d' });

      expect(harness.registry.snapshot('multi').metrics.lastExecutionTimeMs).toBe(outcome.durationMs);
      expect(outcome.durationMs).toBeGreaterThanOrEqual(20);
    });

    it('averages the durations of all calls', async () => {
      const first = await runner.run({ plugin: 'multi', tool: 'slow', args: {}, jobId: 'job-a' });
      const second = await runner.run({ plugin: 'multi', tool: 'boom', args: {}, jobId: 'job-b' });

      expect(harness.registry.snapshot('multi').metrics.avgExecutionTimeMs).toBeCloseTo((first.durationMs + second.durationMs) / 2, 6);
    });

    it('sets last_used when a call finishes', async () => {
      const before = Date.now();

      await perform(cases[0]);

      expect(harness.registry.snapshot('multi').metrics.lastUsed?.getTime()).toBeGreaterThanOrEqual(before);
    });

    it('counts a running call in in_flight and brings it back to 0 when it ends', async () => {
      const running = runner.run({ plugin: 'multi', tool: 'gated', args: {}, jobId: 'job-g' });
      await waitFor(() => inside === 1);

      expect(harness.registry.snapshot('multi').metrics.inFlight).toBe(1);
      gate.resolve();
      await running;
      expect(harness.registry.snapshot('multi').metrics.inFlight).toBe(0);
    });

    it.each(cases)('brings in_flight back to 0 after the outcome $outcome', async (testCase) => {
      await perform(testCase);

      expect(harness.registry.snapshot(testCase.request.plugin).metrics.inFlight).toBe(0);
    });
  });

  describe('lifecycle', () => {
    it('is RUNNING while a call is in flight', async () => {
      const running = runner.run({ plugin: 'multi', tool: 'gated', args: {}, jobId: 'job-r' });
      await waitFor(() => inside === 1);

      expect(stateOf('multi')).toBe('RUNNING');
      gate.resolve();
      await running;
    });

    it('is INITIALIZED after a success', async () => {
      await runner.run({ plugin: 'multi', tool: 'ok', args: {}, jobId: 'job-s' });

      expect(stateOf('multi')).toBe('INITIALIZED');
    });

    it.each(['boom', 'bad_output', 'hang'])('becomes FAILED after the plugin fault of tool %s', async (tool) => {
      await runner.run({ plugin: 'multi', tool, args: {}, jobId: 'job-f' });

      expect(stateOf('multi')).toBe('FAILED');
    });

    it.each(
      cases.filter((testCase) => testCase.request.plugin === 'multi' && !testCase.ok && !['PLUGIN_ERROR', 'OUTPUT_INVALID', 'PLUGIN_TIMEOUT'].includes(testCase.outcome)),
    )('does not become FAILED after the outcome $outcome, which is not a plugin fault', async (testCase) => {
      await perform(testCase);

      expect(stateOf('multi')).toBe('INITIALIZED');
    });

    it('still runs a FAILED plugin and returns it to INITIALIZED after the next success', async () => {
      await runner.run({ plugin: 'multi', tool: 'boom', args: {}, jobId: 'job-1' });

      const outcome = await runner.run({ plugin: 'multi', tool: 'ok', args: {}, jobId: 'job-2' });

      expect(outcome.ok).toBe(true);
      expect(stateOf('multi')).toBe('INITIALIZED');
    });

    it('keeps an UNAVAILABLE plugin UNAVAILABLE after a call', async () => {
      await runner.run({ plugin: 'broken', tool: 'noop', args: {}, jobId: 'job-u' });

      expect(harness.registry.snapshot('broken')).toMatchObject({ state: 'UNAVAILABLE', reason: 'its init failed: no model' });
    });

    it('only ever shows lifecycle states, never SUCCESS or ERROR, across every outcome', async () => {
      const observed = new Set<string>(harness.registry.list().map((plugin) => plugin.state));
      for (const testCase of cases) {
        const running = perform(testCase);
        observed.add(stateOf(testCase.request.plugin));
        await running;
        observed.add(stateOf(testCase.request.plugin));
      }

      for (const state of observed) expect(LIFECYCLE_STATES).toContain(state);
      expect(observed).toEqual(new Set(['INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE']));
    });
  });
});
