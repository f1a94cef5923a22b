import { PluginRunError } from '@forgesyte/errors';
import { ToolRunner } from './tool-runner.service';
import type { ExecutionOutcome } from './tool-run-request';
import { UNREADABLE_THROWN_VALUE } from './plugin-failure';
import { createRunnerHarness, type RunnerHarness, testPlugin } from './testing/runner-harness';

const trap = (): never => {
  throw new Error('trap sprung');
};

/** Values no plugin should throw, each of which breaks a naive read of `message`, `code` or `details`. */
const ODD_VALUES: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    'an object whose message getter throws',
    () => ({
      get message(): string {
        return trap();
      },
    }),
  ],
  ['a Proxy whose every trap throws', () => new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap })],
  [
    'a cyclic object whose Symbol.toPrimitive throws',
    () => {
      const cyclic: Record<string | symbol, unknown> = { [Symbol.toPrimitive]: trap };
      cyclic.self = cyclic;
      return cyclic;
    },
  ],
  [
    'an INPUT_INVALID error whose details getter throws',
    () =>
      Object.defineProperties(new Error('bad input'), {
        code: { value: 'INPUT_INVALID' },
        details: { get: trap },
      }),
  ],
  ['an error whose code getter throws', () => Object.defineProperty(new Error('bad'), 'code', { get: trap })],
  [
    'an INPUT_INVALID rejection whose details are a Proxy whose traps throw',
    () => ({ code: 'INPUT_INVALID', message: 'bad input', details: new Proxy({}, { ownKeys: trap, get: trap }) }),
  ],
];

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe(`${ToolRunner.name} given odd thrown values`, () => {
  let harness: RunnerHarness;
  let thrown: () => unknown = () => undefined;
  const pluginFaultRetryable = new PluginRunError('x').retryable;

  beforeAll(async () => {
    harness = await createRunnerHarness({
      plugins: [
        testPlugin(
          () => {
            throw thrown();
          },
          { name: 'odd-thrower' },
        ),
        testPlugin(() => Promise.reject(thrown()), { name: 'odd-rejecter' }),
      ],
    });
  });
  afterAll(() => harness.moduleRef.close());

  it.each(ODD_VALUES)('answers PLUGIN_ERROR when a tool throws %s', async (_, make) => {
    thrown = make;

    const error = errorOf(await harness.runner.run({ plugin: 'odd-thrower', tool: 'noop', args: {}, jobId: 'job-odd' }));

    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', retryable: pluginFaultRetryable });
  });

  it.each(ODD_VALUES)('answers PLUGIN_ERROR when a tool rejects with %s', async (_, make) => {
    thrown = make;

    const error = errorOf(await harness.runner.run({ plugin: 'odd-rejecter', tool: 'noop', args: {}, jobId: 'job-odd' }));

    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', retryable: pluginFaultRetryable });
  });

  it('says the thrown value could not be read when its message cannot be', async () => {
    thrown = ODD_VALUES[1][1];

    const error = errorOf(await harness.runner.run({ plugin: 'odd-thrower', tool: 'noop', args: {}, jobId: 'job-odd' }));

    expect(error.message).toBe(`Tool 'noop' of plugin 'odd-thrower' failed: ${UNREADABLE_THROWN_VALUE}`);
  });
});
