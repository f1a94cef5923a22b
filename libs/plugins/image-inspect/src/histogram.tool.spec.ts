import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { computeHistogram } from './histogram.tool';
import { abortedSignal, fakeToolContext, greyPng, imageInput, twoColourPng } from '@forgesyte/image-io/testing';

/** 256 bins, zero except the given `value: count` pairs. */
function binsWith(counts: Readonly<Record<number, number>>): number[] {
  return Array.from({ length: 256 }, (_, value) => counts[value] ?? 0);
}

describe('computeHistogram', () => {
  it('counts a red-and-blue image into exactly the bins of its two colours', async () => {
    const bytes = await twoColourPng(4, 2, [255, 0, 0], [0, 0, 255]);

    const histogram = await computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(histogram.width).toBe(4);
    expect(histogram.height).toBe(2);
    expect(histogram.channels.map(({ name, bins }) => ({ name, bins }))).toEqual([
      { name: 'red', bins: binsWith({ 0: 4, 255: 4 }) },
      { name: 'green', bins: binsWith({ 0: 8 }) },
      { name: 'blue', bins: binsWith({ 0: 4, 255: 4 }) },
    ]);
  });

  it('reports the exact mean of each channel', async () => {
    const bytes = await twoColourPng(4, 2, [255, 0, 0], [0, 0, 255]);

    const histogram = await computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(histogram.channels.map((channel) => channel.mean)).toEqual([127.5, 0, 127.5]);
  });

  it('puts every pixel of a uniform grey image in a single grey bin', async () => {
    const bytes = await greyPng(6, 5, new Uint8Array(30).fill(128));

    const histogram = await computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(histogram.channels).toEqual([{ name: 'grey', bins: binsWith({ 128: 30 }), mean: 128 }]);
  });

  it('adds an alpha channel after red, green and blue for an RGBA image', async () => {
    const background = { r: 10, g: 20, b: 30, alpha: 0.5 };
    const bytes = await sharp({ create: { width: 3, height: 3, channels: 4, background } }).png().toBuffer();

    const histogram = await computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(histogram.channels.map(({ name, mean }) => [name, mean])).toEqual([
      ['red', 10],
      ['green', 20],
      ['blue', 30],
      ['alpha', 128],
    ]);
  });

  it('reports grey and alpha for a greyscale PNG with alpha', async () => {
    const greyAlpha = Buffer.from([10, 255, 200, 0]);
    const bytes = await sharp(greyAlpha, { raw: { width: 1, height: 2, channels: 2 } })
      .toColourspace('b-w')
      .png()
      .toBuffer();

    const histogram = await computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext());

    expect(histogram.channels).toEqual([
      { name: 'grey', bins: binsWith({ 10: 1, 200: 1 }), mean: 105 },
      { name: 'alpha', bins: binsWith({ 0: 1, 255: 1 }), mean: 127.5 },
    ]);
  });

  it('rejects an image that is not decodable as its declared type', async () => {
    const result = computeHistogram(imageInput(Buffer.from([1, 2, 3, 4]), 'image/webp'), fakeToolContext());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`image` could not be decoded as image/webp');
  });

  it('rejects when the signal has already fired', async () => {
    const bytes = await greyPng(2, 2, [0, 0, 0, 0]);

    const result = computeHistogram(imageInput(bytes, 'image/png'), fakeToolContext(abortedSignal()));

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
