import type { ExecutionOutcome, ToolRunner } from '@forgesyte/runtime';
import { imageInput } from '@forgesyte/image-io/testing';
import { createRunnerHarness, type RunnerHarness } from '../../../runtime/src/testing/runner-harness';
import { motionDetectPlugin } from './motion-detect.plugin';
import { fixtureImage, motionExpected } from './testing/fixture-frames';
import { matchedIous } from './testing/iou';
import { framePng } from './testing/synthetic-frames';

function errorOf(outcome: ExecutionOutcome) {
  if (outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('motion-detect through the ToolRunner', () => {
  let harness: RunnerHarness;
  let runner: ToolRunner;
  let jobs = 0;
  const run = (args: unknown, tool?: string, signal?: AbortSignal) =>
    runner.run({ plugin: 'motion-detect', tool, args, jobId: `motion-${++jobs}`, signal });

  beforeAll(async () => {
    harness = await createRunnerHarness({ plugins: [motionDetectPlugin] });
    runner = harness.runner;
  });

  afterAll(() => harness.moduleRef.close());

  it('registers the plugin and initializes it', () => {
    expect(harness.registry.snapshot('motion-detect').state).toBe('INITIALIZED');
  });

  it('runs detect on the PNG fixtures and returns the known regions', async () => {
    const args = { frame_a: fixtureImage('motion-a.png', 'image/png'), frame_b: fixtureImage('motion-b.png', 'image/png') };

    const outcome = await run(args, 'detect');

    expect(outcome).toMatchObject({ ok: true, result: { motion: true, regions: motionExpected.regions } });
  });

  it('runs detect as the default tool on the JPEG fixtures', async () => {
    const args = { frame_a: fixtureImage('motion-a.jpg', 'image/jpeg'), frame_b: fixtureImage('motion-b.jpg', 'image/jpeg') };

    const outcome = await run(args);

    if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
    const { regions } = outcome.result as { regions: { x: number; y: number; width: number; height: number }[] };
    expect(matchedIous(motionExpected.regions, regions).every((score) => score >= 0.8)).toBe(true);
  });

  it('reports frames of different sizes as INPUT_INVALID with both sizes', async () => {
    const args = {
      frame_a: imageInput(await framePng(64, 48, 0), 'image/png'),
      frame_b: imageInput(await framePng(48, 64, 0), 'image/png'),
    };

    const error = errorOf(await run(args, 'detect'));

    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toContain('`frame_a` is 64x48 but `frame_b` is 48x64');
  });

  it('reports args that break the input schema as INPUT_INVALID before the tool runs', async () => {
    const frame = fixtureImage('motion-a.png', 'image/png');

    const error = errorOf(await run({ frame_a: frame, frame_b: frame, threshold: 300 }, 'detect'));

    expect(error.code).toBe('INPUT_INVALID');
    expect(error.details).toMatchObject({ violations: [{ path: '/threshold' }] });
  });

  it('reports a blur below the smallest sigma as INPUT_INVALID with the fix', async () => {
    const frame = fixtureImage('motion-a.png', 'image/png');

    const error = errorOf(await run({ frame_a: frame, frame_b: frame, blur: 0.1 }, 'detect'));

    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toContain('Send 0 for no blur, or a sigma from 0.3 to 20.');
  });

  it('reports a corrupt frame as INPUT_INVALID naming the frame', async () => {
    const frame = fixtureImage('motion-a.png', 'image/png');
    const corrupt = imageInput(Buffer.from('not a png at all'), 'image/png');

    const error = errorOf(await run({ frame_a: frame, frame_b: corrupt }, 'detect'));

    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toContain('`frame_b.image` could not be decoded as image/png');
  });

  it('reports a cancelled call as CANCELLED', async () => {
    const frame = fixtureImage('motion-a.png', 'image/png');
    const controller = new AbortController();
    controller.abort();

    const error = errorOf(await run({ frame_a: frame, frame_b: frame }, 'detect', controller.signal));

    expect(error.code).toBe('CANCELLED');
  });
});
