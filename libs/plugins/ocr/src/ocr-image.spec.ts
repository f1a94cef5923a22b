import { imageInput } from '@forgesyte/image-io/testing';
import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { toOcrImage } from './ocr-image';

const liveSignal = (): AbortSignal => new AbortController().signal;

describe('toOcrImage', () => {
  it('gives tesseract a binary 8-bit greyscale PGM of the image: header, then one byte per pixel', async () => {
    const red = await sharp({ create: { width: 3, height: 2, channels: 3, background: '#ff0000' } }).png().toBuffer();

    const { pgm, width, height } = await toOcrImage(imageInput(red, 'image/png'), liveSignal());

    const header = 'P5\n3 2\n255\n';
    expect([width, height]).toEqual([3, 2]);
    expect(pgm.subarray(0, header.length).toString('latin1')).toBe(header);
    expect(pgm).toHaveLength(header.length + 6);
    const { data: grey } = await sharp(red).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([...pgm.subarray(header.length)]).toEqual([...grey]);
  });

  it('flattens transparent pixels onto white, so dark text on nothing stays dark on light', async () => {
    const clear = await sharp({ create: { width: 2, height: 1, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();

    const { pgm } = await toOcrImage(imageInput(clear, 'image/png'), liveSignal());

    expect([...pgm.subarray(pgm.length - 2)]).toEqual([255, 255]);
  });

  it('refuses a PGM sent by the caller: tesseract reads only what image-io decoded', async () => {
    const result = toOcrImage(imageInput(Buffer.from('P5\n1 1\n255\n\u0000'), 'image/png'), liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
  });
});
