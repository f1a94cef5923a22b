import { buildEnvelope } from '@forgesyte/errors';
import type { ExecutionOutcome } from '@forgesyte/runtime';
import { imageInput } from '@forgesyte/image-io/testing';
import { createRunnerHarness, type RunnerHarness } from '../../../runtime/src/testing/runner-harness';
import createOcrPlugin from './index';
import { ocrFixture, ocrFixtureText } from './testing/ocr-fixtures';
import { threadHandles } from './testing/test-doubles';
import { wordAccuracy } from './testing/word-accuracy';

function resultOf(outcome: ExecutionOutcome) {
  if (!outcome.ok) throw new Error(`expected a result, got ${JSON.stringify(outcome.error.toBody())}`);
  return outcome.result as { text: string; words: unknown[]; lines: unknown[] };
}

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome.result)}`);
  return outcome.error;
}

describe('the ocr plugin through the ToolRunner', () => {
  let harness: RunnerHarness;
  let jobs = 0;
  const run = (args: unknown, tool: string | undefined = 'extract_text', signal?: AbortSignal) =>
    harness.runner.run({ plugin: 'ocr', tool, args, jobId: `ocr-job-${++jobs}`, signal });

  beforeAll(async () => {
    harness = await createRunnerHarness({ plugins: [createOcrPlugin] });
  });

  afterAll(() => harness.moduleRef.close());

  it('registers the shipped factory and initializes it', () => {
    expect(harness.registry.snapshot('ocr').state).toBe('INITIALIZED');
  });

  it('reads the PNG fixture with extract_text', async () => {
    const outcome = await run(ocrFixture('ocr-text.png').input);

    expect(outcome.ok).toBe(true);
    expect(resultOf(outcome).text).toBe(ocrFixtureText());
  });

  it('runs extract_text when the request names no tool', async () => {
    const outcome = await run(ocrFixture('ocr-text.jpg').input, undefined);

    expect(wordAccuracy(ocrFixtureText(), resultOf(outcome).text)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads four images sent at once, all correctly', async () => {
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => run(ocrFixture('ocr-text.png').input)));

    expect(outcomes.map((outcome) => resultOf(outcome).text)).toEqual(Array(4).fill(ocrFixtureText()));
  });

  it('lists the installed languages', async () => {
    const outcome = await run({}, 'languages');

    expect(resultOf(outcome)).toMatchObject({ default_language: 'eng' });
  });

  it('fails with an INPUT_INVALID envelope naming the installed languages for an unknown lang', async () => {
    const error = errorOf(await run({ ...ocrFixture('ocr-text.png').input, lang: 'klingon' }));

    expect(buildEnvelope(error, 'req-1').error).toMatchObject({
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      plugin: 'ocr',
      tool: 'extract_text',
      details: { violations: [{ path: '/lang', message: 'must be one of: eng' }] },
      retryable: false,
    });
  });

  it('fails with an INPUT_INVALID envelope that says how to fix an image that does not decode', async () => {
    const error = errorOf(await run(imageInput(Buffer.from('definitely not an image'), 'image/png')));

    expect(buildEnvelope(error, 'req-2').error).toMatchObject({
      code: 'INPUT_INVALID',
      type: 'ValidationError',
      plugin: 'ocr',
      tool: 'extract_text',
      message: expect.stringContaining('`image` could not be decoded as image/png'),
    });
  });

  it('reports a cancelled call as CANCELLED and reads the next one', async () => {
    const controller = new AbortController();
    const cancelled = run(ocrFixture('ocr-text.png').input, 'extract_text', controller.signal);
    setTimeout(() => controller.abort(), 30);

    expect(errorOf(await cancelled).code).toBe('CANCELLED');
    expect(resultOf(await run(ocrFixture('ocr-text.png').input)).text).toBe(ocrFixtureText());
  });

  it('starts two workers at init and terminates them when the module closes', async () => {
    const before = threadHandles();
    const own = await createRunnerHarness({ plugins: [createOcrPlugin] });
    expect(threadHandles()).toBe(before + 2);

    await own.moduleRef.close();

    expect(threadHandles()).toBe(before);
  });
});
