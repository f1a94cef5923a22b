import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import type { ImageMimeType } from '@forgesyte/image-io';
import { inspectMetadata } from './metadata.tool';
import { abortedSignal, fakeToolContext, imageInput } from '@forgesyte/image-io/testing';

const solid = (channels: 3 | 4) =>
  sharp({ create: { width: 7, height: 5, channels, background: { r: 200, g: 100, b: 50, alpha: 0.5 } } });

describe('inspectMetadata', () => {
  it('reports format, size, four channels and alpha for an RGBA PNG', async () => {
    const bytes = await solid(4).png().toBuffer();

    const metadata = await inspectMetadata(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(metadata).toEqual({
      format: 'png',
      width: 7,
      height: 5,
      channels: 4,
      has_alpha: true,
      size_bytes: bytes.length,
    });
  });

  it('reports three channels and no alpha for a JPEG', async () => {
    const bytes = await solid(3).jpeg().toBuffer();

    const metadata = await inspectMetadata(imageInput(bytes, 'image/jpeg'), fakeToolContext());

    expect(metadata).toEqual({
      format: 'jpeg',
      width: 7,
      height: 5,
      channels: 3,
      has_alpha: false,
      size_bytes: bytes.length,
    });
  });

  it.each<[ImageMimeType, string, (image: sharp.Sharp) => sharp.Sharp]>([
    ['image/webp', 'webp', (image) => image.webp()],
    ['image/gif', 'gif', (image) => image.gif()],
    ['image/tiff', 'tiff', (image) => image.tiff()],
  ])('names a %s image by its sharp format %s', async (mimeType, format, encode) => {
    const bytes = await encode(solid(3)).toBuffer();

    const metadata = await inspectMetadata(imageInput(bytes, mimeType), fakeToolContext());

    expect(metadata).toMatchObject({ format, width: 7, height: 5 });
  });

  it('rejects a JPEG declared as image/png', async () => {
    const bytes = await solid(3).jpeg().toBuffer();

    const result = inspectMetadata(imageInput(bytes, 'image/png'), fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`mime_type` is image/png but `image` is a jpeg image');
  });

  it('rejects when the signal has already fired', async () => {
    const bytes = await solid(3).png().toBuffer();

    const result = inspectMetadata(imageInput(bytes, 'image/png'), fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
