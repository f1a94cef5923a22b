import { RequestInvalidError } from '@forgesyte/errors';
import { DtoCheck } from '../../validation/dto-check';
import { AnalyzeRequestDto } from './analyze-request.dto';

const body = new DtoCheck('body', AnalyzeRequestDto);

function violationsOf(value: unknown): Array<{ path: string; message: string }> {
  try {
    body.check(value);
  } catch (error) {
    if (error instanceof RequestInvalidError) return (error.details as { violations: Array<{ path: string; message: string }> }).violations;
    throw error;
  }
  return [];
}

describe(AnalyzeRequestDto.name, () => {
  it('accepts a body with every field', () => {
    expect(violationsOf({ plugin: 'image-inspect', tool: 'metadata', args: { detail: 1 }, image: 'iVBO', mime_type: 'image/png' })).toEqual([]);
  });

  it('hands args on unchanged, whatever they hold: the tool checks them', () => {
    const args = { message: 'hi', nested: { list: [1, 'two', null, { deep: true }] }, count: '7' };

    expect(body.check({ plugin: 'echo', args }).args).toEqual(args);
  });

  it('refuses an unknown field named like an Object.prototype method', () => {
    expect(violationsOf(JSON.parse('{"plugin":"echo","hasOwnProperty":1}'))).toEqual([{ path: '/hasOwnProperty', message: 'is not an allowed property; remove it' }]);
  });

  it('hands args on as the very object parsed, keys named like Object.prototype methods included', () => {
    const parsed = JSON.parse('{"plugin":"echo","args":{"toString":1}}') as { args: object };

    const args = body.check(parsed).args;

    expect(args).toBe(parsed.args);
    expect(args).toEqual({ toString: 1 });
  });

  it('does not copy a 2 MB args body', () => {
    const parsed = { plugin: 'echo', args: { image: 'A'.repeat(2_000_000), list: Array.from({ length: 10_000 }, (_, i) => ({ i })) } };

    expect(body.check(parsed).args).toBe(parsed.args);
  });

  it('refuses a prototype-polluting key inside args rather than failing on it', () => {
    expect(violationsOf(JSON.parse('{"plugin":"echo","args":{"nested":{"constructor":1}}}'))).toEqual([
      { path: '/args/nested/constructor', message: expect.stringMatching(/^is a forbidden key/) },
    ]);
  });

  it('refuses a missing plugin with one violation', () => {
    expect(violationsOf({ args: {} })).toEqual([{ path: '/plugin', message: 'is required' }]);
  });

  it('lists one violation per field of the wrong type', () => {
    expect(violationsOf({ plugin: 5, args: 'x', tool: [] }).map((violation) => violation.path).sort()).toEqual(['/args', '/plugin', '/tool']);
  });

  it.each([
    ['a plugin name that cannot exist', { plugin: 'Not A Name' }, '/plugin'],
    ['an empty tool', { plugin: 'echo', tool: '' }, '/tool'],
    ['a tool of 129 characters', { plugin: 'echo', tool: 't'.repeat(129) }, '/tool'],
    ['null args', { plugin: 'echo', args: null }, '/args'],
    ['args as an array', { plugin: 'echo', args: [{ message: 'x' }] }, '/args'],
    ['args as nested arrays', { plugin: 'echo', args: [[1], [2]] }, '/args'],
    ['a null tool', { plugin: 'echo', tool: null }, '/tool'],
    ['a numeric image', { plugin: 'echo', image: 1, mime_type: 'image/png' }, '/image'],
    ['an object mime_type', { plugin: 'echo', image: 'x', mime_type: {} }, '/mime_type'],
    ['an unknown field', { plugin: 'echo', priority: 'high' }, '/priority'],
  ])('refuses %s', (_, value, path) => {
    expect(violationsOf(value)).toEqual([{ path, message: expect.any(String) }]);
  });

  it('says how to fix each violation, without naming a class', () => {
    const messages = violationsOf({ plugin: 'Bad', tool: '', args: [], image: 1, mime_type: 2, extra: 1 }).map((violation) => violation.message);

    expect(messages).toEqual([
      'is not an allowed property; remove it',
      'must be a plugin name: a lowercase letter, then up to 63 lowercase letters, digits or hyphens (GET /v1/plugins lists them)',
      "must be 1 to 128 characters: the name of one of the plugin's tools (GET /v1/plugins/{name} lists them)",
      'must be a JSON object of the tool\'s arguments, such as {"message": "hi"}',
      "must be a string: the image file's bytes in base64",
      'must be a string: the media type of the image, such as "image/png"',
    ]);
  });
});
