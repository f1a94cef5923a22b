import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { measureSharpness } from './sharpness.tool';
import { abortedSignal, checkerboardPng, fakeToolContext, greyPng, imageInput } from '@forgesyte/image-io/testing';

describe('measureSharpness', () => {
  it('scores a uniform grey RGB image 0, with its grey level as mean intensity', async () => {
    const background = { r: 128, g: 128, b: 128 };
    const bytes = await sharp({ create: { width: 32, height: 32, channels: 3, background } }).png().toBuffer();

    const sharpness = await measureSharpness(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(sharpness).toEqual({ width: 32, height: 32, laplacian_variance: 0, mean_intensity: 128 });
  });

  it('applies the kernel 0,1,0/1,-4,1/0,1,0 to interior pixels only, keeping negative responses', async () => {
    // A white dot at the centre of a black 5x5: of the 3x3 interior responses, the dot's is -1020, its
    // four neighbours' +255, the corners' 0. Mean 0; variance (1020² + 4·255²) / 9.
    const dot = new Uint8Array(25);
    dot[12] = 255;

    const sharpness = await measureSharpness(imageInput(await greyPng(5, 5, dot), 'image/png'), fakeToolContext());

    expect(sharpness.laplacian_variance).toBe(1_300_500 / 9);
    expect(sharpness.mean_intensity).toBe(255 / 25);
  });

  it('scores a 64x64 checkerboard of 8px squares at the exact variance of its edge responses', async () => {
    // Of the 62x62 interior pixels, 14 columns and 14 rows touch a square edge: 196 pixels touch two
    // edges (±510) and 2·14·48 = 1344 touch one (±255); the signs cancel, so the mean is 0.
    const expected = (196 * 510 ** 2 + 1344 * 255 ** 2) / (62 * 62);

    const bytes = await checkerboardPng(64, 8);
    const sharpness = await measureSharpness(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(sharpness).toEqual({ width: 64, height: 64, laplacian_variance: expected, mean_intensity: 127.5 });
  });

  it('scores a blurred checkerboard lower than the sharp one', async () => {
    const sharpBytes = await checkerboardPng(64, 8);
    const blurredBytes = await sharp(sharpBytes).blur(2).png().toBuffer();

    const crisp = await measureSharpness(imageInput(sharpBytes, 'image/png'), fakeToolContext());
    const blurred = await measureSharpness(imageInput(blurredBytes, 'image/png'), fakeToolContext());

    expect(blurred.laplacian_variance).toBeLessThan(crisp.laplacian_variance / 4);
  });

  it('rejects an image smaller than 3x3 pixels', async () => {
    const bytes = await greyPng(2, 5, new Uint8Array(10));

    const result = measureSharpness(imageInput(bytes, 'image/png'), fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('at least 3x3 pixels for its 3x3 Laplacian; this one is 2x5');
  });

  it('rejects when the signal has already fired', async () => {
    const bytes = await greyPng(3, 3, new Uint8Array(9));

    const result = measureSharpness(imageInput(bytes, 'image/png'), fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
