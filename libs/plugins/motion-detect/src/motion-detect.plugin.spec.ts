import { ToolInputError, type JsonSchema } from '@forgesyte/plugin-sdk';
import Ajv2020 from 'ajv/dist/2020';
import { abortedSignal, fakeToolContext, imageInput } from '@forgesyte/image-io/testing';
import packageEntry, { motionDetectPlugin as namedExport } from './index';
import { dispatchMotionDetectTool, motionDetectPlugin, type MotionDetectToolName } from './motion-detect.plugin';
import { detectArgs, framePng } from './testing/synthetic-frames';

function compile(schema: JsonSchema) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

const frame = { image: 'AAAA', mime_type: 'image/png' };

describe('motionDetectPlugin', () => {
  it('is the default export of the package entry and is also exported by name', () => {
    expect(packageEntry).toBe(motionDetectPlugin);
    expect(namedExport).toBe(motionDetectPlugin);
  });

  it('declares its name, version and detect as its only and default tool', () => {
    expect(motionDetectPlugin).toMatchObject({ name: 'motion-detect', version: '1.0.0', defaultTool: 'detect' });
    expect(Object.keys(motionDetectPlugin.tools)).toEqual(['detect']);
  });

  it('runs detect inline, two calls at a time, under a ten-second deadline', () => {
    expect(motionDetectPlugin.tools.detect).toMatchObject({ timeoutMs: 10_000, isolation: 'inline', maxConcurrency: 2 });
  });

  it('has detect schemas that compile as draft 2020-12 in Ajv strict mode', () => {
    const { inputSchema, outputSchema } = motionDetectPlugin.tools.detect;

    expect(() => compile(inputSchema)).not.toThrow();
    expect(() => compile(outputSchema)).not.toThrow();
  });

  it('accepts two frames with or without options', () => {
    const validate = compile(motionDetectPlugin.tools.detect.inputSchema);

    expect(validate({ frame_a: frame, frame_b: frame })).toBe(true);
    expect(validate({ frame_a: frame, frame_b: frame, threshold: 0, min_area: 1, blur: 20 })).toBe(true);
  });

  it.each([
    ['a missing frame', { frame_a: frame }],
    ['a top-level image instead of frames', { image: 'AAAA', mime_type: 'image/png' }],
    ['an unknown property', { frame_a: frame, frame_b: frame, sensitivity: 3 }],
    ['an unknown property in a frame', { frame_a: { ...frame, name: 'a.png' }, frame_b: frame }],
    ['an unlisted mime_type', { frame_a: frame, frame_b: { ...frame, mime_type: 'image/bmp' } }],
    ['a threshold over 255', { frame_a: frame, frame_b: frame, threshold: 256 }],
    ['a fractional threshold', { frame_a: frame, frame_b: frame, threshold: 2.5 }],
    ['a min_area of 0', { frame_a: frame, frame_b: frame, min_area: 0 }],
    ['a negative blur', { frame_a: frame, frame_b: frame, blur: -1 }],
    ['a blur over 20', { frame_a: frame, frame_b: frame, blur: 21 }],
  ])('rejects input with %s', (_case, args) => {
    expect(compile(motionDetectPlugin.tools.detect.inputSchema)(args)).toBe(false);
  });

  it('returns output that matches its output schema', async () => {
    const validate = compile(motionDetectPlugin.tools.detect.outputSchema);
    const args = detectArgs(await framePng(8, 8, 0), await framePng(8, 8, 0, [{ x: 1, y: 1, width: 5, height: 5, value: 255 }]));

    const output = await dispatchMotionDetectTool('detect', args, fakeToolContext());

    validate(output);
    expect(validate.errors).toBeNull();
    expect(output.regions).toHaveLength(1);
  });
});

describe('dispatchMotionDetectTool', () => {
  it('applies the default options to args that leave them out', async () => {
    const frameA = await framePng(8, 8, 100);
    const frameB = await framePng(8, 8, 100, [{ x: 0, y: 0, width: 5, height: 4, value: 126 }]);

    const output = await dispatchMotionDetectTool(
      'detect',
      { frame_a: imageInput(frameA, 'image/png'), frame_b: imageInput(frameB, 'image/png') },
      fakeToolContext(),
    );

    expect(output.regions).toEqual([{ x: 0, y: 0, width: 5, height: 4, area: 20 }]);
  });

  it('rejects args that are not detect args with a ToolInputError', async () => {
    const result = dispatchMotionDetectTool('detect', { frame_a: 42 }, fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('frame_a must be an object { image, mime_type }; got number');
  });

  it('rejects a tool it does not declare as a plugin bug, not an input error', async () => {
    const result = dispatchMotionDetectTool('track' as MotionDetectToolName, {}, fakeToolContext());

    await expect(result).rejects.not.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('motion-detect has no tool "track"');
  });

  it('rejects when the signal has already fired', async () => {
    const bytes = await framePng(8, 8, 0);

    const result = dispatchMotionDetectTool('detect', detectArgs(bytes, bytes), fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
