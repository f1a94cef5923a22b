import { InputInvalidError, RequestInvalidError } from '@forgesyte/errors';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toAnalysisRequest } from './image-shorthand';

const IMAGES = join(__dirname, '../../../../test/fixtures/images');
const PNG = readFileSync(join(IMAGES, 'grey.png')).toString('base64');
const JPEG = readFileSync(join(IMAGES, 'gradient.jpg')).toString('base64');

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('toAnalysisRequest', () => {
  it('passes a body without an image through, with empty args by default', () => {
    expect(toAnalysisRequest({ plugin: 'echo', tool: 'shout' })).toEqual({ plugin: 'echo', tool: 'shout', args: {} });
  });

  it('keeps the args of a body without an image', () => {
    expect(toAnalysisRequest({ plugin: 'echo', args: { message: 'hi' } }).args).toEqual({ message: 'hi' });
  });

  it('hands a valid PNG to the tool as args.image and args.mime_type', () => {
    const request = toAnalysisRequest({ plugin: 'image-inspect', tool: 'metadata', args: { detail: 1 }, image: PNG, mime_type: 'image/png' });

    expect(request).toEqual({ plugin: 'image-inspect', tool: 'metadata', args: { detail: 1, image: PNG, mime_type: 'image/png' } });
  });

  it('accepts a valid JPEG labelled image/jpeg', () => {
    expect(toAnalysisRequest({ plugin: 'image-inspect', image: JPEG, mime_type: 'image/jpeg' }).args).toMatchObject({ mime_type: 'image/jpeg' });
  });

  it.each([
    ['characters outside base64', '!!!!' + PNG.slice(4)],
    ['a length that is not a multiple of 4', PNG.slice(0, -1)],
    ['line breaks', `${PNG.slice(0, 20)}\n${PNG.slice(20)}`],
    ['padding in the middle', `${PNG.slice(0, 8)}==${PNG.slice(10)}`],
  ])('refuses an image with %s as INPUT_INVALID', (_, image) => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image, mime_type: 'image/png' }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect(error).toMatchObject({ plugin: 'image-inspect', details: { violations: [{ path: '/image' }] } });
  });

  it('refuses an image with a data: URL prefix, saying to strip it', () => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: `data:image/png;base64,${PNG}`, mime_type: 'image/png' }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect((error as Error).message).toContain('data:');
  });

  it('refuses an empty image as INPUT_INVALID', () => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: '', mime_type: 'image/png' }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect((error as Error).message).toContain('empty');
  });

  it('refuses a PNG labelled image/jpeg, naming the real type', () => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: PNG, mime_type: 'image/jpeg' }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect((error as Error).message).toContain("send mime_type 'image/png'");
  });

  it('refuses base64 that is not an image file', () => {
    const text = Buffer.from('just some text, no image at all').toString('base64');

    expect(errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: text, mime_type: 'image/png' }))).toBeInstanceOf(InputInvalidError);
  });

  it.each([['image/svg+xml'], ['text/plain'], ['IMAGE/PNG']])('refuses the unsupported mime_type %s as INPUT_INVALID', (mimeType) => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: PNG, mime_type: mimeType }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect((error as Error).message).toContain('image/png');
  });

  it('refuses an image without a mime_type as REQUEST_INVALID', () => {
    expect(errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: PNG }))).toBeInstanceOf(RequestInvalidError);
  });

  it('refuses a mime_type without an image as REQUEST_INVALID', () => {
    expect(errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', mime_type: 'image/png' }))).toBeInstanceOf(RequestInvalidError);
  });

  it.each([['image'], ['mime_type']])('refuses a top-level image when args also has %s, as REQUEST_INVALID', (key) => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', args: { [key]: 'x' }, image: PNG, mime_type: 'image/png' }));

    expect(error).toBeInstanceOf(RequestInvalidError);
  });

  it('passes an image given only inside args through unchecked', () => {
    expect(toAnalysisRequest({ plugin: 'image-inspect', args: { image: 'x', mime_type: 'y' } }).args).toEqual({ image: 'x', mime_type: 'y' });
  });
});
