import { Test, type TestingModule } from '@nestjs/testing';
import { RegistryModule } from '@forgesyte/registry';
import { RuntimeModule, ToolRunner, type ExecutionOutcome } from '@forgesyte/runtime';
import { harnessFixturePlugin } from './harness-fixture-plugin';
import type { HarnessOutcome } from './harness-outcome';
import { createToolHarness } from './tool-harness';

/** What a caller sees of an outcome: the result, or the error's code, message, details and retryable. */
function seen(outcome: ExecutionOutcome | HarnessOutcome): unknown {
  if (outcome.ok) return { result: outcome.result };
  const { code, message, details, retryable, plugin, tool } = outcome.error;
  return { code, message, details, retryable, plugin, tool };
}

describe('the harness against the server’s ToolRunner', () => {
  let moduleRef: TestingModule;
  let runner: ToolRunner;
  const harness = createToolHarness(harnessFixturePlugin);
  const url = 'https://example.com/a';

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [RegistryModule.forRoot({ shipped: [harnessFixturePlugin] }), RuntimeModule.forRoot({})],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    runner = moduleRef.get(ToolRunner);
  });

  afterAll(() => moduleRef.close());

  it.each([
    ['a valid call', { url }],
    ['a synchronous result', { url, mode: 'sync' }],
    ['a format violation and an extra field', { url: 'not a uri', extra: 1 }],
    ['a missing field', {}],
    ['a result that breaks the output schema', { url, mode: 'bad-output' }],
    ['a ToolInputError', { url, mode: 'refuse' }],
    ['a throw', { url, mode: 'throw' }],
    ['a tool that obeys its deadline', { url, mode: 'hang' }],
    ['a tool that ignores its deadline', { url, mode: 'ignore-signal' }],
  ])('answers %s exactly as the ToolRunner does', async (_, args) => {
    const [server, harnessed] = await Promise.all([
      runner.run({ plugin: 'harness-fixture', tool: 'echo', args, jobId: 'parity' }),
      harness.run('echo', args),
    ]);

    expect(seen(harnessed)).toEqual(seen(server));
  });

  it('answers a cancel exactly as the ToolRunner does', async () => {
    const cancelOnFirstProgress = () => {
      const controller = new AbortController();
      return { signal: controller.signal, onProgress: () => controller.abort() };
    };
    const server = await runner.run({ plugin: 'harness-fixture', tool: 'echo', args: { url, mode: 'hang' }, jobId: 'parity', ...cancelOnFirstProgress() });
    const harnessed = await harness.run('echo', { url, mode: 'hang' }, cancelOnFirstProgress());

    expect(seen(harnessed)).toEqual(seen(server));
  });
});
