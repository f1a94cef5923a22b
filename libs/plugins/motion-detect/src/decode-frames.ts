import { decodePixels, type LoadedImage, loadImage, type RawPixels } from '@forgesyte/image-io';
import { blurGreyscale } from './blur-frame';
import type { DetectInput } from './detect-input';
import { frameSizeMismatchError } from './motion-detect.errors';

/** Both frames of a `detect` call as greyscale pixels of one size, blurred if asked. */
export interface FramePair {
  /** `width * height` grey levels of frame_a, row by row. */
  readonly a: Buffer;
  /** `width * height` grey levels of frame_b, row by row. */
  readonly b: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Reads both headers, checks that the frames have one size (before any pixel is decoded), then decodes
 * both to greyscale in parallel and applies `input.blur`. Throws `ToolInputError` for a frame that
 * cannot be decoded (naming `frame_a` or `frame_b`; frame_a's error first if both fail) and for
 * frames of different sizes.
 */
export async function decodeFramePair(input: DetectInput, signal: AbortSignal): Promise<FramePair> {
  const imageA = await loadImage(input.frame_a, signal, 'frame_a.');
  const imageB = await loadImage(input.frame_b, signal, 'frame_b.');
  if (imageA.width !== imageB.width || imageA.height !== imageB.height) throw frameSizeMismatchError(imageA, imageB);
  const [pixelsA, pixelsB] = await allInOrder([
    decodeGreyscale(imageA, input.blur, signal),
    decodeGreyscale(imageB, input.blur, signal),
  ]);
  return { a: pixelsA.data, b: pixelsB.data, width: pixelsA.width, height: pixelsA.height };
}

async function decodeGreyscale(image: LoadedImage, blur: number, signal: AbortSignal): Promise<RawPixels> {
  const pixels = await decodePixels(image, signal, { greyscale: true });
  return blur === 0 ? pixels : blurGreyscale(pixels, blur, signal);
}

/** Like `Promise.all`, but waits for both and rejects with the first failure in argument order. */
async function allInOrder<T>(promises: readonly [Promise<T>, Promise<T>]): Promise<[T, T]> {
  const [first, second] = await Promise.allSettled(promises);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
