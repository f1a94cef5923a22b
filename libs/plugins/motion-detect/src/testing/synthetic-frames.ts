import type { ImageMimeType } from '@forgesyte/image-io';
import { greyPng, imageInput } from '@forgesyte/image-io/testing';
import { type DetectInput, DETECT_DEFAULTS } from '../detect-input';

/** A rectangle of one grey level painted on a frame. */
export interface Patch {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
}

/** A single pixel of one grey level. */
export function dot(x: number, y: number, value: number): Patch {
  return { x, y, width: 1, height: 1, value };
}

/** `width` x `height` grey levels: `background` everywhere, then each patch painted in order. */
export function greyLevels(width: number, height: number, background: number, patches: readonly Patch[] = []): Uint8Array {
  const values = new Uint8Array(width * height).fill(background);
  for (const patch of patches) {
    for (let y = patch.y; y < patch.y + patch.height; y++) values.fill(patch.value, y * width + patch.x, y * width + patch.x + patch.width);
  }
  return values;
}

/** A greyscale PNG frame: `background` everywhere, then each patch painted in order. */
export function framePng(width: number, height: number, background: number, patches: readonly Patch[] = []): Promise<Buffer> {
  return greyPng(width, height, greyLevels(width, height, background, patches));
}

/** `detect` args (defaults applied) for two encoded frames; `options` override the defaults. */
export function detectArgs(
  frameA: Buffer,
  frameB: Buffer,
  options: Partial<Pick<DetectInput, 'threshold' | 'min_area' | 'blur'>> = {},
  mimeType: ImageMimeType = 'image/png',
): DetectInput {
  return { frame_a: imageInput(frameA, mimeType), frame_b: imageInput(frameB, mimeType), ...DETECT_DEFAULTS, ...options };
}
