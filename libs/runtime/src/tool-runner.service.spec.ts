import type { ToolContext } from '@forgesyte/plugin-sdk';
import { ToolRunner } from './tool-runner.service';
import type { ExecutionOutcome } from './tool-run-request';
import { createRunnerHarness, fixture, type RunnerHarness, testPlugin, testTool } from './testing/runner-harness';

const personSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
};

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe(ToolRunner.name, () => {
  let harness: RunnerHarness;
  let runner: ToolRunner;
  const calls: Array<{ plugin: string; tool: string; args: unknown; context: ToolContext }> = [];
  const recording = (plugin: string) => (tool: string, args: unknown, context: ToolContext) => {
    calls.push({ plugin, tool, args, context });
    return { tool };
  };

  beforeAll(async () => {
    harness = await createRunnerHarness({
      plugins: [
        testPlugin(recording('picker'), {
          name: 'picker',
          tools: { first: testTool(), second: testTool() },
          defaultTool: 'second',
        }),
        testPlugin(recording('first-wins'), { name: 'first-wins', tools: { alpha: testTool(), beta: testTool() } }),
        testPlugin(recording('strict'), {
          name: 'strict',
          tools: { greet: testTool({ inputSchema: personSchema }) },
        }),
        testPlugin(
          () => ({
            get message(): string {
              throw new Error('trapped getter');
            },
          }),
          { name: 'booby-trap', tools: { get: testTool({ outputSchema: { type: 'object', properties: { message: { type: 'string' } } } }) } },
        ),
        testPlugin(() => ({ message: 42 }), {
          name: 'sloppy',
          tools: { say: testTool({ outputSchema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } } }) },
        }),
      ],
      specifiers: [
        fixture('echo.plugin.js'),
        fixture('throws.plugin.js'),
        fixture('bad-output.plugin.js'),
        fixture('init-throws.plugin.js'),
        fixture('bad-schema.plugin.js'),
      ],
    });
    runner = harness.runner;
  });

  afterAll(() => harness.moduleRef.close());

  beforeEach(() => {
    calls.length = 0;
  });

  describe('step 1: resolving plugin and tool', () => {
    it('runs the named tool and returns its result with a duration', async () => {
      const outcome = await runner.run({ plugin: 'echo', tool: 'shout', args: { message: 'hi' }, jobId: 'job-1' });

      expect(outcome).toEqual({ ok: true, result: { message: 'HI' }, durationMs: expect.any(Number), pluginVersion: '1.0.0' });
      expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('fails with PLUGIN_NOT_FOUND, listing the registered plugins, for an unknown plugin', async () => {
      const error = errorOf(await runner.run({ plugin: 'nope', tool: 't', args: {}, jobId: 'job-2' }));

      expect(error).toMatchObject({ code: 'PLUGIN_NOT_FOUND', plugin: 'nope', jobId: 'job-2' });
      expect(error.details.available).toEqual(expect.arrayContaining(['echo', 'picker', 'init-throws']));
    });

    it('fails with TOOL_NOT_FOUND, listing the tools, for a tool the plugin lacks', async () => {
      const error = errorOf(await runner.run({ plugin: 'echo', tool: 'whisper', args: { message: 'x' }, jobId: 'job-3' }));

      expect(error).toMatchObject({
        code: 'TOOL_NOT_FOUND',
        plugin: 'echo',
        tool: 'whisper',
        jobId: 'job-3',
        details: { available: ['echo', 'shout'] },
      });
    });

    it('fails with PLUGIN_UNAVAILABLE, giving the reason, for a plugin whose init failed', async () => {
      const error = errorOf(await runner.run({ plugin: 'init-throws', tool: 'noop', args: {}, jobId: 'job-4' }));

      expect(error).toMatchObject({
        code: 'PLUGIN_UNAVAILABLE',
        plugin: 'init-throws',
        details: { reason: 'its init failed: model file missing' },
      });
    });

    it('fails with PLUGIN_UNAVAILABLE for a plugin whose schema did not compile', async () => {
      const error = errorOf(await runner.run({ plugin: 'bad-schema', tool: 'broken', args: {}, jobId: 'job-5' }));

      expect(error.code).toBe('PLUGIN_UNAVAILABLE');
    });

    it("runs the plugin's defaultTool when the request names no tool", async () => {
      const outcome = await runner.run({ plugin: 'picker', args: {}, jobId: 'job-6' });

      expect(outcome).toMatchObject({ ok: true, result: { tool: 'second' } });
      expect(calls.map((call) => call.tool)).toEqual(['second']);
    });

    it('runs the first declared tool when the request names none and the plugin has no defaultTool', async () => {
      const outcome = await runner.run({ plugin: 'first-wins', args: {}, jobId: 'job-7' });

      expect(outcome).toMatchObject({ ok: true, result: { tool: 'alpha' } });
    });

    it('names the resolved default tool in the errors of a request without a tool', async () => {
      const error = errorOf(await runner.run({ plugin: 'echo', args: {}, jobId: 'job-8' }));

      expect(error).toMatchObject({ code: 'INPUT_INVALID', plugin: 'echo', tool: 'echo' });
    });
  });

  describe('step 2: validating args', () => {
    it('fails with INPUT_INVALID and does not call the plugin when args break the input schema', async () => {
      const error = errorOf(await runner.run({ plugin: 'strict', tool: 'greet', args: { age: 3 }, jobId: 'job-9' }));

      expect(error).toMatchObject({ code: 'INPUT_INVALID', type: 'ValidationError', plugin: 'strict', tool: 'greet', jobId: 'job-9' });
      expect(calls).toHaveLength(0);
    });

    it('reports every violation as {path, message}', async () => {
      const error = errorOf(
        await runner.run({ plugin: 'strict', tool: 'greet', args: { age: -1, extra: true }, jobId: 'job-10' }),
      );

      const violations = error.details.violations;
      expect(violations).toEqual(
        expect.arrayContaining([
          { path: '/name', message: 'is required' },
          { path: '/extra', message: 'is not an allowed property; remove it' },
          { path: '/age', message: 'must be >= 0' },
        ]),
      );
      expect(violations).toHaveLength(3);
    });

    it('says in the message which field is wrong and how many more there are', async () => {
      const error = errorOf(
        await runner.run({ plugin: 'strict', tool: 'greet', args: { age: -1, extra: true }, jobId: 'job-11' }),
      );

      expect(error.message).toMatch(/args do not match the input schema of tool 'greet': \/\S+ .+ \(and 2 more\)/);
    });

    it('rejects args that are not an object when the schema wants one', async () => {
      const error = errorOf(await runner.run({ plugin: 'strict', tool: 'greet', args: 'Ada', jobId: 'job-12' }));

      expect(error.code).toBe('INPUT_INVALID');
    });

    it('passes valid args to the plugin unchanged', async () => {
      const args = { name: 'Ada', age: 36 };

      await runner.run({ plugin: 'strict', tool: 'greet', args, jobId: 'job-13' });

      expect(calls).toEqual([expect.objectContaining({ plugin: 'strict', tool: 'greet', args })]);
    });
  });

  describe('step 3: failures of the tool itself', () => {
    it('reports a thrown Error as PLUGIN_ERROR with its message', async () => {
      const error = errorOf(await runner.run({ plugin: 'thrower', tool: 'boom', args: {}, jobId: 'job-14' }));

      expect(error).toMatchObject({ code: 'PLUGIN_ERROR', type: 'PluginError', plugin: 'thrower', tool: 'boom', jobId: 'job-14' });
      expect(error.message).toContain('kaboom');
    });

    it('reports a rejected promise as PLUGIN_ERROR with its message', async () => {
      const error = errorOf(await runner.run({ plugin: 'thrower', tool: 'reject', args: {}, jobId: 'job-15' }));

      expect(error.code).toBe('PLUGIN_ERROR');
      expect(error.message).toContain('rejected on purpose');
    });

    it('reports a thrown value that is not an Error as PLUGIN_ERROR', async () => {
      const error = errorOf(await runner.run({ plugin: 'thrower', tool: 'throw_value', args: {}, jobId: 'job-16' }));

      expect(error.code).toBe('PLUGIN_ERROR');
      expect(error.message).toContain('an error');
    });

    it('reports an input rejection thrown by the tool (code INPUT_INVALID) as INPUT_INVALID with its details', async () => {
      const error = errorOf(await runner.run({ plugin: 'thrower', tool: 'refuse_input', args: {}, jobId: 'job-17' }));

      expect(error).toMatchObject({
        code: 'INPUT_INVALID',
        message: 'the image is too dark to read',
        details: { brightness: 3 },
        plugin: 'thrower',
        tool: 'refuse_input',
      });
    });
  });

  describe('step 4: validating the result', () => {
    it('fails with OUTPUT_INVALID and withholds a result that breaks the output schema', async () => {
      const outcome = await runner.run({ plugin: 'bad-output', tool: 'count', args: {}, jobId: 'job-18' });

      expect(outcome.ok).toBe(false);
      expect(outcome).not.toHaveProperty('result');
      expect(errorOf(outcome)).toMatchObject({
        code: 'OUTPUT_INVALID',
        type: 'PluginError',
        details: { violations: [{ path: '/count', message: 'must be integer' }] },
      });
    });

    it("tells the caller that output breaking the schema is the plugin's bug", async () => {
      const error = errorOf(await runner.run({ plugin: 'sloppy', tool: 'say', args: {}, jobId: 'job-19' }));

      expect(error).toMatchObject({ code: 'OUTPUT_INVALID', details: { violations: [{ path: '/message', message: 'must be string' }] } });
      expect(error.message).toContain('This is a bug in the plugin');
    });
  });

  describe('never throwing', () => {
    it.each([
      ['an unknown plugin', { plugin: 'nope', tool: 't', args: {} }],
      ['an unknown tool', { plugin: 'echo', tool: 'whisper', args: {} }],
      ['an unavailable plugin', { plugin: 'init-throws', tool: 'noop', args: {} }],
      ['invalid args', { plugin: 'strict', tool: 'greet', args: null }],
      ['a throwing tool', { plugin: 'thrower', tool: 'boom', args: {} }],
      ['a non-Error throw', { plugin: 'thrower', tool: 'throw_value', args: {} }],
      ['invalid output', { plugin: 'bad-output', tool: 'count', args: {} }],
      ['a result that throws while it is validated', { plugin: 'booby-trap', tool: 'get', args: {} }],
    ])('resolves with a failed outcome object for %s', async (_case, request) => {
      const outcome = await runner.run({ ...request, jobId: 'job-never-throws' });

      expect(outcome).toEqual({ ok: false, error: expect.objectContaining({ code: expect.any(String) }), durationMs: expect.any(Number), pluginVersion: outcome.pluginVersion });
    });
  });

  describe('check', () => {
    it.each([
      ['PLUGIN_NOT_FOUND', { plugin: 'nope', tool: 't', args: {} }],
      ['TOOL_NOT_FOUND', { plugin: 'echo', tool: 'whisper', args: { message: 'x' } }],
      ['PLUGIN_UNAVAILABLE', { plugin: 'init-throws', tool: 'noop', args: {} }],
      ['INPUT_INVALID', { plugin: 'strict', tool: 'greet', args: { age: -1 } }],
    ])('returns the same %s error that run would fail with', async (code, request) => {
      const checked = runner.check(request);
      const ran = errorOf(await runner.run({ ...request, jobId: 'job-check' }));

      expect(checked).toMatchObject({ code, message: ran.message, details: ran.details });
    });

    it('returns nothing for a request that would reach the tool', () => {
      expect(runner.check({ plugin: 'strict', tool: 'greet', args: { name: 'Ada' } })).toBeUndefined();
    });

    it('resolves the default tool like run does', () => {
      expect(runner.check({ plugin: 'echo', args: { message: 'x' } })).toBeUndefined();
      expect(runner.check({ plugin: 'echo', args: {} })).toMatchObject({ code: 'INPUT_INVALID', tool: 'echo' });
    });

    it('does not run the plugin', () => {
      runner.check({ plugin: 'strict', tool: 'greet', args: { name: 'Ada' } });
      runner.check({ plugin: 'picker', args: {} });

      expect(calls).toHaveLength(0);
    });

    it('does not touch metrics or state', () => {
      const before = harness.registry.snapshot('strict');

      runner.check({ plugin: 'strict', tool: 'greet', args: { name: 'Ada' } });
      runner.check({ plugin: 'strict', tool: 'greet', args: {} });

      const after = harness.registry.snapshot('strict');
      expect(after.state).toBe(before.state);
      expect(after.metrics).toEqual({ ...before.metrics, uptimeSeconds: after.metrics.uptimeSeconds });
    });
  });
});
