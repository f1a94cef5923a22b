import { InputInvalidError } from '@forgesyte/errors';
import { IMAGE_MIME_TYPES } from '@forgesyte/image-io';
import { toAnalysisRequest } from './image-shorthand';
import { detectImageType, SUPPORTED_IMAGE_TYPES } from './image-signature';

/** The first bytes of a 1×1 24-bit BMP: the `BM` file header and the start of its info header. */
const BMP = Buffer.from('424d3a0000000000000036000000280000000100000001000000010018000000000004000000', 'hex').toString('base64');

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('the image shorthand’s media types', () => {
  it('are exactly those the shipped image tools decode (@forgesyte/image-io), so no accepted image is refused later', () => {
    expect([...SUPPORTED_IMAGE_TYPES].sort()).toEqual([...IMAGE_MIME_TYPES].sort());
  });

  it('leave out BMP, which sharp does not decode: image/bmp is refused up front, naming the accepted types', () => {
    const error = errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: BMP, mime_type: 'image/bmp' }));

    expect(error).toBeInstanceOf(InputInvalidError);
    expect(error.message).toBe("mime_type 'image/bmp' is not supported; use one of: image/png, image/jpeg, image/gif, image/webp, image/tiff.");
  });

  it('do not recognise a BMP file labelled as another type', () => {
    expect(detectImageType(Buffer.from(BMP, 'base64'))).toBeUndefined();
    expect(errorOf(() => toAnalysisRequest({ plugin: 'image-inspect', image: BMP, mime_type: 'image/png' })).message).toContain(
      'image is not a supported image file',
    );
  });
});
