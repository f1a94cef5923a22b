import threadProbe from '../../../../test/fixtures/in-repo-plugins/thread-probe.plugin';
import type { ExecutionOutcome } from '../tool-run-request';
import { createRunnerHarness, type RunnerHarness } from '../testing/runner-harness';

/** The thread-probe fixture as the shipped-plugin list registers an in-repo plugin: the object and its module file. */
const THREAD_PROBE = { plugin: threadProbe, moduleFile: require.resolve('../../../../test/fixtures/in-repo-plugins/thread-probe.plugin') };

function resultOf(outcome: ExecutionOutcome): unknown {
  if (!outcome.ok) throw new Error(`expected a result, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

describe('the worker tier, for a plugin registered in code', () => {
  let harness: RunnerHarness;
  const run = (plugin: string, tool: string): Promise<ExecutionOutcome> => harness.runner.run({ plugin, tool, args: {}, jobId: `job-${plugin}-${tool}` });

  beforeAll(async () => {
    harness = await createRunnerHarness({
      plugins: [THREAD_PROBE, { ...threadProbe, name: 'thread-probe-object' }],
    });
  }, 30_000);

  afterAll(() => harness.moduleRef.close());

  it('runs a worker tool of an in-repo TypeScript plugin off the main thread, through the ToolRunner', async () => {
    const result = resultOf(await run('thread-probe', 'where'));

    expect(result).toEqual({ is_main_thread: false, thread_id: expect.any(Number) });
    expect((result as { thread_id: number }).thread_id).toBeGreaterThan(0);
  }, 30_000);

  it('runs its inline tool in the main thread', async () => {
    expect(resultOf(await run('thread-probe', 'here'))).toEqual({ is_main_thread: true, thread_id: 0 });
  });

  it('never runs a worker tool inline: the same plugin registered as an object alone is UNAVAILABLE', async () => {
    const outcome = await run('thread-probe-object', 'here');

    expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_UNAVAILABLE' } });
    expect(harness.registry.snapshot('thread-probe-object').reason).toMatch(/^its tool 'where' asks for isolation 'worker', but it was registered as an object/);
  });
});
