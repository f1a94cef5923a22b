import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { decodePixels, loadImage, MAX_INPUT_PIXELS } from './decode-image';
import { abortedSignal } from './testing/fake-tool-context';
import { hugeHeaderPng, imageInput } from './testing/test-images';

const liveSignal = (): AbortSignal => new AbortController().signal;

function rgbaPng(): Promise<Buffer> {
  return sharp({ create: { width: 5, height: 3, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

describe('loadImage', () => {
  it('reads the format, size, channels and alpha from the header', async () => {
    const bytes = await rgbaPng();

    const image = await loadImage(imageInput(bytes, 'image/png'), liveSignal());

    expect(image).toMatchObject({ format: 'png', width: 5, height: 3, channels: 4, hasAlpha: true });
    expect(image.bytes.equals(bytes)).toBe(true);
  });

  it('rejects an image that decodes to zero bytes', async () => {
    const result = loadImage({ image: '', mime_type: 'image/png' }, liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`image` is empty: it decodes from base64 to 0 bytes');
  });

  it('rejects a data: URL and says to send only the base64', async () => {
    const result = loadImage({ image: 'data:image/png;base64,iVBORw0KGgo=', mime_type: 'image/png' }, liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('Send only the base64 after the comma');
  });

  it('rejects corrupt bytes as not decodable as the declared type', async () => {
    const result = loadImage(imageInput(Buffer.from('definitely not an image'), 'image/jpeg'), liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`image` could not be decoded as image/jpeg');
    await expect(result).rejects.toThrow('the base64 of a complete, uncorrupted image/jpeg file');
  });

  it('rejects a PNG declared as image/jpeg, naming both formats', async () => {
    const result = loadImage(imageInput(await rgbaPng(), 'image/jpeg'), liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`mime_type` is image/jpeg but `image` is a png image');
    await expect(result).rejects.toThrow('Send `mime_type` "image/png", or convert the file to image/jpeg');
  });

  it('names the nested fields of an image inside the args when given their path', async () => {
    const result = loadImage(imageInput(await rgbaPng(), 'image/jpeg'), liveSignal(), 'frame_b.');

    await expect(result).rejects.toThrow('`frame_b.mime_type` is image/jpeg but `frame_b.image` is a png image');
    await expect(loadImage({ image: '', mime_type: 'image/png' }, liveSignal(), 'frame_a.')).rejects.toThrow(
      '`frame_a.image` is empty',
    );
  });

  it('rejects a format the tools do not accept, listing the accepted ones', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');

    const result = loadImage(imageInput(svg, 'image/png'), liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`image` is a svg image. svg is not accepted: convert the file to one of');
  });

  it('rejects a header that declares more pixels than the cap, stating the size and the cap', async () => {
    const bomb = hugeHeaderPng(100_000, 100_000);

    const result = loadImage(imageInput(bomb, 'image/png'), liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow(`100000x100000 (10000000000 pixels), over the cap of ${MAX_INPUT_PIXELS}`);
    await expect(result).rejects.toThrow('decompression bombs');
  });

  it('accepts an image of exactly the cap', async () => {
    const atCap = hugeHeaderPng(MAX_INPUT_PIXELS / 5_000, 5_000);

    const image = await loadImage(imageInput(atCap, 'image/png'), liveSignal());

    expect(image.width * image.height).toBe(MAX_INPUT_PIXELS);
  });

  it('rejects with the abort reason when the signal has already fired', async () => {
    const result = loadImage(imageInput(await rgbaPng(), 'image/png'), abortedSignal());

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });

  it('rejects with the abort reason when the signal fires while the header is read', async () => {
    const controller = new AbortController();
    const result = loadImage(imageInput(await rgbaPng(), 'image/png'), controller.signal);
    controller.abort();

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});

describe('decodePixels', () => {
  it('decodes interleaved 8-bit channels, keeping alpha', async () => {
    const image = await loadImage(imageInput(await rgbaPng(), 'image/png'), liveSignal());

    const pixels = await decodePixels(image, liveSignal());

    expect(pixels).toMatchObject({ width: 5, height: 3, channels: 4 });
    expect([...pixels.data.subarray(0, 4)]).toEqual([1, 2, 3, 128]);
  });

  it('decodes to a single channel when asked for greyscale', async () => {
    const image = await loadImage(imageInput(await rgbaPng(), 'image/png'), liveSignal());

    const pixels = await decodePixels(image, liveSignal(), { greyscale: true });

    expect(pixels.channels).toBe(1);
    expect(pixels.data).toHaveLength(15);
  });

  it('flattens transparent pixels onto the background, with no alpha channel', async () => {
    const image = await loadImage(imageInput(await rgbaPng(), 'image/png'), liveSignal());

    const pixels = await decodePixels(image, liveSignal(), { background: '#ffffff' });

    expect(pixels.channels).toBe(3);
    // (1, 2, 3) at alpha 128/255 over white: each channel about halfway to 255.
    for (const value of pixels.data.subarray(0, 3)) expect(Math.abs(value - 128)).toBeLessThanOrEqual(1);
  });

  it('flattens onto the background before converting to greyscale', async () => {
    const transparent = await sharp({ create: { width: 2, height: 2, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const image = await loadImage(imageInput(transparent, 'image/png'), liveSignal());

    const onWhite = await decodePixels(image, liveSignal(), { greyscale: true, background: '#ffffff' });
    const alphaDropped = await decodePixels(image, liveSignal(), { greyscale: true });

    expect(onWhite.channels).toBe(1);
    expect([...onWhite.data]).toEqual([255, 255, 255, 255]);
    expect([...alphaDropped.data]).toEqual([0, 0, 0, 0]);
  });

  it('rejects truncated pixel data as not decodable', async () => {
    const noise = { type: 'gaussian', mean: 128, sigma: 40 } as const;
    const full = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#000', noise } })
      .png()
      .toBuffer();
    const image = await loadImage(imageInput(full.subarray(0, full.length / 2), 'image/png'), liveSignal());

    const result = decodePixels(image, liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toThrow('`image` could not be decoded as image/png');
  });

  it('rejects with the abort reason when the signal fires while pixels decode', async () => {
    const image = await loadImage(imageInput(await rgbaPng(), 'image/png'), liveSignal());
    const controller = new AbortController();

    const result = decodePixels(image, controller.signal);
    controller.abort();

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
