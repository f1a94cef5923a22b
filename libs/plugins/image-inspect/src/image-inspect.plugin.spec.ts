import { ToolInputError, type JsonSchema } from '@forgesyte/plugin-sdk';
import Ajv2020 from 'ajv/dist/2020';
import sharp from 'sharp';
import packageEntry, { imageInspectPlugin as namedExport } from './index';
import { dispatchImageInspectTool, imageInspectPlugin, type ImageInspectToolName } from './image-inspect.plugin';
import { inspectMetadata } from './metadata.tool';
import { abortedSignal, fakeToolContext, imageInput } from '@forgesyte/image-io/testing';

const toolNames = Object.keys(imageInspectPlugin.tools) as ImageInspectToolName[];

function compile(schema: JsonSchema) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

function rgbaPng(): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 4, channels: 4, background: '#336699cc' } }).png().toBuffer();
}

describe('imageInspectPlugin', () => {
  it('is the default export of the package entry and is also exported by name', () => {
    expect(packageEntry).toBe(imageInspectPlugin);
    expect(namedExport).toBe(imageInspectPlugin);
  });

  it('declares its name, version and metadata as the default tool', () => {
    expect(imageInspectPlugin).toMatchObject({ name: 'image-inspect', version: '1.0.0', defaultTool: 'metadata' });
    expect(toolNames).toEqual(['metadata', 'histogram', 'sharpness']);
  });

  it.each(toolNames)('runs %s inline under a ten-second deadline', (tool) => {
    expect(imageInspectPlugin.tools[tool]).toMatchObject({ timeoutMs: 10_000, isolation: 'inline' });
  });

  it.each(['histogram', 'sharpness'] as const)('runs %s, which decodes every pixel, two calls at a time', (tool) => {
    expect(imageInspectPlugin.tools[tool].maxConcurrency).toBe(2);
  });

  it('leaves metadata, which reads the header only, without a concurrency limit', () => {
    expect(imageInspectPlugin.tools.metadata.maxConcurrency).toBeUndefined();
  });

  it.each(toolNames)('has %s schemas that compile as draft 2020-12 in Ajv strict mode', (tool) => {
    const { inputSchema, outputSchema } = imageInspectPlugin.tools[tool];

    expect(() => compile(inputSchema)).not.toThrow();
    expect(() => compile(outputSchema)).not.toThrow();
  });

  it('rejects input with an unknown property, a missing image or an unlisted mime_type', () => {
    const validate = compile(imageInspectPlugin.tools.metadata.inputSchema);

    expect(validate({ image: 'AAAA', mime_type: 'image/png' })).toBe(true);
    expect(validate({ image: 'AAAA', mime_type: 'image/png', extra: 1 })).toBe(false);
    expect(validate({ mime_type: 'image/png' })).toBe(false);
    expect(validate({ image: 'AAAA', mime_type: 'image/bmp' })).toBe(false);
  });

  it.each(toolNames)('returns %s output that matches its output schema', async (tool) => {
    const validate = compile(imageInspectPlugin.tools[tool].outputSchema);

    const output = await dispatchImageInspectTool(tool, imageInput(await rgbaPng(), 'image/png'), fakeToolContext());

    validate(output);
    expect(validate.errors).toBeNull();
  });
});

describe('dispatchImageInspectTool', () => {
  it('routes a tool name to that tool', async () => {
    const args = imageInput(await rgbaPng(), 'image/png');

    const output = await dispatchImageInspectTool('metadata', args, fakeToolContext());

    expect(output).toEqual(await inspectMetadata(args, fakeToolContext()));
  });

  it('rejects args that are not image args with a ToolInputError', async () => {
    const result = dispatchImageInspectTool('metadata', { image: 42 }, fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('image-inspect args must be { image: base64 string, mime_type: one of');
  });

  it('rejects a tool it does not declare as a plugin bug, not an input error', async () => {
    const args = imageInput(await rgbaPng(), 'image/png');

    const result = dispatchImageInspectTool('blur' as ImageInspectToolName, args, fakeToolContext());

    await expect(result).rejects.not.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('image-inspect has no tool "blur"');
  });

  it('rejects when the signal has already fired', async () => {
    const args = imageInput(await rgbaPng(), 'image/png');

    const result = dispatchImageInspectTool('sharpness', args, fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
