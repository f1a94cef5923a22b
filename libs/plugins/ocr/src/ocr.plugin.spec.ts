import { type JsonSchema, ToolInputError } from '@forgesyte/plugin-sdk';
import { fakeToolContext } from '@forgesyte/image-io/testing';
import Ajv2020 from 'ajv/dist/2020';
import packageEntry, { createOcrPlugin as namedExport } from './index';
import { findInstalledLanguages } from './installed-languages';
import { OcrEngine } from './ocr-engine';
import { createOcrPlugin, dispatchOcrTool, type OcrToolbox, type OcrToolName } from './ocr.plugin';
import { ocrFixture, ocrFixtureText } from './testing/ocr-fixtures';
import { threadHandles } from './testing/test-doubles';

const languages = findInstalledLanguages();

function compile(schema: JsonSchema) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(schema);
}

describe('createOcrPlugin', () => {
  const plugin = createOcrPlugin();
  const toolNames = Object.keys(plugin.tools) as OcrToolName[];

  it('is the default export of the package entry, a zero-argument factory, and is also exported by name', () => {
    expect(packageEntry).toBe(createOcrPlugin);
    expect(namedExport).toBe(createOcrPlugin);
    expect(createOcrPlugin).toHaveLength(0);
  });

  it('gives every caller its own plugin, so that each registry owns its workers', () => {
    expect(createOcrPlugin()).not.toBe(createOcrPlugin());
  });

  it('declares its name, version, tools and extract_text as the default tool', () => {
    expect(plugin).toMatchObject({ name: 'ocr', version: '1.0.0', defaultTool: 'extract_text' });
    expect(toolNames).toEqual(['extract_text', 'languages']);
  });

  it('runs extract_text inline, two calls at a time, under a 60-second deadline', () => {
    expect(plugin.tools.extract_text).toMatchObject({ isolation: 'inline', maxConcurrency: 2, timeoutMs: 60_000 });
  });

  it.each(['extract_text', 'languages'] as const)('has %s schemas that compile as draft 2020-12 in Ajv strict mode', (tool) => {
    const { inputSchema, outputSchema } = plugin.tools[tool];

    expect(() => compile(inputSchema)).not.toThrow();
    expect(() => compile(outputSchema)).not.toThrow();
  });

  it('offers exactly the installed languages as the enum of lang', () => {
    const validate = compile(plugin.tools.extract_text.inputSchema);
    const image = { image: 'AAAA', mime_type: 'image/png' };

    expect(validate({ ...image, lang: 'eng', psm: 6 })).toBe(true);
    expect(validate({ ...image, lang: 'klingon' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'enum', params: { allowedValues: languages.map(({ code }) => code) } });
  });

  it('rejects extract_text input with an unknown property, a missing image or an unsupported psm', () => {
    const validate = compile(plugin.tools.extract_text.inputSchema);

    expect(validate({ image: 'AAAA', mime_type: 'image/png', scale: 2 })).toBe(false);
    expect(validate({ mime_type: 'image/png' })).toBe(false);
    expect(validate({ image: 'AAAA', mime_type: 'image/png', psm: 0 })).toBe(false);
  });

  it('takes no input for languages: only the empty object', () => {
    const validate = compile(plugin.tools.languages.inputSchema);

    expect(validate({})).toBe(true);
    expect(validate({ lang: 'eng' })).toBe(false);
  });

  it('makes init fail, so the plugin is UNAVAILABLE, when no language model is installed', async () => {
    const bare = createOcrPlugin({ languages: [] });

    await expect(bare.init?.()).rejects.toThrow('no tesseract language model is installed. Install at least one @tesseract.js-data package');
  });

  it('starts its workers in init and terminates them all in dispose', async () => {
    const own = createOcrPlugin();
    const before = threadHandles();

    await own.init?.();
    expect(threadHandles()).toBe(before + 2);
    await own.dispose?.();

    expect(threadHandles()).toBe(before);
  });
});

describe('dispatchOcrTool', () => {
  const engine = new OcrEngine(2);
  const toolbox: OcrToolbox = { languages, engine: () => engine };
  const plugin = createOcrPlugin();

  afterAll(() => engine.dispose());

  it('routes extract_text to the tool, with output that matches its output schema', async () => {
    const validate = compile(plugin.tools.extract_text.outputSchema);

    const output = await dispatchOcrTool('extract_text', ocrFixture('ocr-text.png').input, fakeToolContext(), toolbox);

    expect(validate(output)).toBe(true);
    expect(output).toMatchObject({ text: ocrFixtureText() });
  });

  it('lists the installed models with languages, eng among them and the default', async () => {
    const validate = compile(plugin.tools.languages.outputSchema);

    const output = await dispatchOcrTool('languages', {}, fakeToolContext(), toolbox);

    expect(validate(output)).toBe(true);
    expect(output).toMatchObject({ default_language: 'eng' });
    expect(output).toHaveProperty('languages', expect.arrayContaining([
      { code: 'eng', package: '@tesseract.js-data/eng', version: '1.0.0', model: '4.0.0_best_int' },
    ]));
  });

  it('rejects an unknown lang with a ToolInputError naming the installed languages', async () => {
    const result = dispatchOcrTool('extract_text', { ...ocrFixture('ocr-text.png').input, lang: 'fra' }, fakeToolContext(), toolbox);

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow(`the installed ones are: ${languages.map(({ code }) => code).join(', ')}`);
  });

  it('rejects a tool it does not declare as a plugin bug, not an input error', async () => {
    const result = dispatchOcrTool('translate' as OcrToolName, {}, fakeToolContext(), toolbox);

    await expect(result).rejects.not.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('ocr has no tool "translate"');
  });
});
