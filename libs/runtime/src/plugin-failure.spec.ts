import { Logger } from '@nestjs/common';
import { InputInvalidError, PluginRunError } from '@forgesyte/errors';
import { ToolInputError } from '@forgesyte/plugin-sdk';
import { classifyPluginFailure } from './plugin-failure';

const context = { plugin: 'ocr', tool: 'extract_text', jobId: 'job-1' };

describe(classifyPluginFailure.name, () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('classifies a thrown Error as PLUGIN_ERROR naming the tool, plugin and message', () => {
    const error = classifyPluginFailure(new Error('out of memory'), context);

    expect(error).toBeInstanceOf(PluginRunError);
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', plugin: 'ocr', tool: 'extract_text', jobId: 'job-1' });
    expect(error.message).toBe("Tool 'extract_text' of plugin 'ocr' failed: out of memory");
  });

  it('keeps the thrown value as the cause', () => {
    const thrown = new Error('disk full');

    expect(classifyPluginFailure(thrown, context).cause).toBe(thrown);
  });

  it('classifies a thrown string as PLUGIN_ERROR with the string as message', () => {
    expect(classifyPluginFailure('bad thing', context).message).toContain('bad thing');
  });

  it('classifies a thrown plain object as PLUGIN_ERROR', () => {
    expect(classifyPluginFailure({ reason: 'nope' }, context).code).toBe('PLUGIN_ERROR');
  });

  it('classifies a thrown undefined as PLUGIN_ERROR', () => {
    expect(classifyPluginFailure(undefined, context).code).toBe('PLUGIN_ERROR');
  });

  it("classifies the SDK's ToolInputError as INPUT_INVALID with its message and details", () => {
    const error = classifyPluginFailure(new ToolInputError('the image does not decode', { mime_type: 'image/png' }), context);

    expect(error).toBeInstanceOf(InputInvalidError);
    expect(error).toMatchObject({
      code: 'INPUT_INVALID',
      message: 'the image does not decode',
      details: { mime_type: 'image/png' },
      plugin: 'ocr',
      tool: 'extract_text',
    });
  });

  it("classifies any thrown value with code 'INPUT_INVALID' as INPUT_INVALID, as after a worker boundary", () => {
    const error = classifyPluginFailure({ code: 'INPUT_INVALID', message: 'too small', details: { width: 1 } }, context);

    expect(error).toMatchObject({ code: 'INPUT_INVALID', details: { width: 1 } });
  });

  it('drops details that are not a plain object', () => {
    const error = classifyPluginFailure(Object.assign(new Error('bad'), { code: 'INPUT_INVALID', details: ['x'] }), context);

    expect(error.details).toEqual({});
  });

  it('treats other codes as the plugin fault', () => {
    const error = classifyPluginFailure(Object.assign(new Error('bad'), { code: 'ENOENT' }), context);

    expect(error.code).toBe('PLUGIN_ERROR');
  });

  it("redacts absolute paths and secrets in the plugin's message", () => {
    const error = classifyPluginFailure(new Error('boom at /srv/secret/internal/path.js:12 token=SECRET123'), context);

    expect(error.message).toBe("Tool 'extract_text' of plugin 'ocr' failed: boom at <path>:12 token=<redacted>");
  });

  it('keeps the full message in the cause, for the log', () => {
    const thrown = new Error('boom at /srv/secret/x.js');

    expect(classifyPluginFailure(thrown, context).cause).toBe(thrown);
  });

  it("redacts a rejected input's message and details too", () => {
    const error = classifyPluginFailure(new ToolInputError('cannot read /srv/in/a.png', { file: '/srv/in/a.png', key: 'api_key=K' }), context);

    expect(error).toMatchObject({ code: 'INPUT_INVALID', message: 'cannot read <path>', details: { file: '<path>', key: 'api_key=<redacted>' } });
  });

  it('cuts a huge message', () => {
    expect(classifyPluginFailure(new Error('x'.repeat(100_000)), context).message.length).toBeLessThan(3000);
  });
});
