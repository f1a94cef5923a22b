import { ToolInputError } from '@forgesyte/plugin-sdk';
import sharp from 'sharp';
import { abortedSignal, hugeHeaderPng, imageInput } from '@forgesyte/image-io/testing';
import { decodeFramePair } from './decode-frames';
import type { DetectInput } from './detect-input';
import { detectArgs, dot, framePng } from './testing/synthetic-frames';

const liveSignal = (): AbortSignal => new AbortController().signal;

type FrameKey = 'frame_a' | 'frame_b';

/** Replaces one frame of `args` with `frame`. */
function withFrame(args: DetectInput, key: FrameKey, frame: DetectInput['frame_a']): DetectInput {
  return { ...args, [key]: frame };
}

describe('decodeFramePair', () => {
  it('decodes both frames to one byte of grey per pixel', async () => {
    const args = detectArgs(await framePng(3, 2, 10), await framePng(3, 2, 20, [dot(1, 1, 200)]));

    const pair = await decodeFramePair(args, liveSignal());

    expect(pair.width).toBe(3);
    expect(pair.height).toBe(2);
    expect(Array.from(pair.a)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(Array.from(pair.b)).toEqual([20, 20, 20, 20, 200, 20]);
  });

  it('converts a colour frame to its luminance', async () => {
    const white = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();

    const pair = await decodeFramePair(detectArgs(white, white, {}, 'image/jpeg'), liveSignal());

    expect(Array.from(pair.a)).toEqual([255, 255, 255, 255]);
  });

  it('blurs both frames when asked, spreading a bright dot over its neighbours', async () => {
    const frame = await framePng(9, 9, 0, [dot(4, 4, 255)]);

    const pair = await decodeFramePair(detectArgs(frame, frame, { blur: 1 }), liveSignal());

    expect(pair.a[4 * 9 + 4]).toBeLessThan(100);
    expect(pair.a[4 * 9 + 3]).toBeGreaterThan(0);
    expect(Array.from(pair.b)).toEqual(Array.from(pair.a));
  });

  it('rejects frames of different sizes with both sizes and how to fix it', async () => {
    const args = detectArgs(await framePng(64, 48, 0), await framePng(32, 24, 0));

    const result = decodeFramePair(args, liveSignal());

    await expect(result).rejects.toBeInstanceOf(ToolInputError);
    await expect(result).rejects.toHaveProperty('code', 'INPUT_INVALID');
    await expect(result).rejects.toThrow('`frame_a` is 64x48 but `frame_b` is 32x24');
    await expect(result).rejects.toThrow('resize or crop one to the other\'s size (e.g. both to 64x48)');
    await expect(result).rejects.toHaveProperty('details', { frame_a: { width: 64, height: 48 }, frame_b: { width: 32, height: 24 } });
  });

  describe.each<FrameKey>(['frame_a', 'frame_b'])('with a bad %s', (key) => {
    let good: DetectInput;

    beforeAll(async () => {
      const frame = await framePng(4, 4, 0);
      good = detectArgs(frame, frame);
    });

    it('rejects an empty image, naming the frame', async () => {
      const result = decodeFramePair(withFrame(good, key, { image: '', mime_type: 'image/png' }), liveSignal());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow(`\`${key}.image\` is empty: it decodes from base64 to 0 bytes`);
    });

    it('rejects corrupt bytes, naming the frame', async () => {
      const corrupt = imageInput(Buffer.from('definitely not an image'), 'image/png');

      const result = decodeFramePair(withFrame(good, key, corrupt), liveSignal());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow(`\`${key}.image\` could not be decoded as image/png`);
    });

    it('rejects a PNG declared as JPEG, naming the frame and both formats', async () => {
      const mislabelled = imageInput(await framePng(4, 4, 0), 'image/jpeg');

      const result = decodeFramePair(withFrame(good, key, mislabelled), liveSignal());

      await expect(result).rejects.toThrow(`\`${key}.mime_type\` is image/jpeg but \`${key}.image\` is a png image`);
    });

    it('rejects a decompression bomb before decoding any pixel, naming the frame', async () => {
      const bomb = imageInput(hugeHeaderPng(100_000, 100_000), 'image/png');

      const result = decodeFramePair(withFrame(good, key, bomb), liveSignal());

      await expect(result).rejects.toThrow(`\`${key}.image\` is 100000x100000 (10000000000 pixels), over the cap`);
    });

    it('rejects pixel data that is truncated after a valid header, naming the frame', async () => {
      const whole = await framePng(64, 64, 0, [dot(3, 3, 255)]);
      const truncated = imageInput(whole.subarray(0, whole.length - 30), 'image/png');

      const result = decodeFramePair(withFrame(detectArgs(whole, whole), key, truncated), liveSignal());

      await expect(result).rejects.toBeInstanceOf(ToolInputError);
      await expect(result).rejects.toThrow(`\`${key}.image\` could not be decoded as image/png`);
    });
  });

  it('reports frame_a first when both frames are empty', async () => {
    const empty = { image: '', mime_type: 'image/png' } as const;
    const args = { ...detectArgs(Buffer.alloc(0), Buffer.alloc(0)), frame_a: empty, frame_b: empty };

    await expect(decodeFramePair(args, liveSignal())).rejects.toThrow('`frame_a.image` is empty');
  });

  it('reports frame_a first when both frames fail to decode', async () => {
    const whole = await framePng(64, 64, 0, [dot(3, 3, 255)]);
    const truncated = whole.subarray(0, whole.length - 30);

    await expect(decodeFramePair(detectArgs(truncated, truncated), liveSignal())).rejects.toThrow('`frame_a.image`');
  });

  it('rejects when the signal has already fired', async () => {
    const frame = await framePng(4, 4, 0);

    const result = decodeFramePair(detectArgs(frame, frame), abortedSignal());

    await expect(result).rejects.toHaveProperty('name', 'AbortError');
  });
});
