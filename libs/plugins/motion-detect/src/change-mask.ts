import type { PixelPacer } from './pixel-pacer';

/** Which pixels changed between two frames. */
export interface ChangeMask {
  /** One byte per pixel, row by row: 1 where the pixel changed, else 0. */
  readonly mask: Uint8Array;
  /** How many bytes of `mask` are 1. */
  readonly changed: number;
}

/**
 * Marks every pixel whose grey levels in `a` and `b` (single-channel, `width` x `height`, row by row)
 * differ by more than `threshold`. Gives the event loop a turn through `pacer` between rows.
 */
export async function computeChangeMask(
  a: Uint8Array,
  b: Uint8Array,
  width: number,
  height: number,
  threshold: number,
  pacer: PixelPacer,
): Promise<ChangeMask> {
  if (a.length !== width * height || b.length !== width * height) {
    throw new Error(`computeChangeMask expects ${width}x${height} single-channel frames; got ${a.length} and ${b.length} bytes.`);
  }
  const mask = new Uint8Array(width * height);
  let changed = 0;
  for (let y = 0; y < height; y++) {
    if (pacer.spend(width)) await pacer.pause();
    for (let index = y * width, end = index + width; index < end; index++) {
      const difference = a[index] - b[index];
      if (difference > threshold || -difference > threshold) {
        mask[index] = 1;
        changed++;
      }
    }
  }
  return { mask, changed };
}
