import type { PixelPacer } from './pixel-pacer';

/** A connected region of changed pixels: its bounding box and how many changed pixels it holds. */
export interface MotionRegion {
  /** Left column of the bounding box. */
  readonly x: number;
  /** Top row of the bounding box. */
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Changed pixels in the region (at most `width * height`). */
  readonly area: number;
}

// The 8 neighbours of a pixel: edges and corners (8-connectivity).
const NEIGHBOUR_DX = Int8Array.of(-1, 0, 1, -1, 1, -1, 0, 1);
const NEIGHBOUR_DY = Int8Array.of(-1, -1, -1, 0, 0, 1, 1, 1);

/** Pixels filled between two checks of the pacer while one large region is being filled. */
const FILL_BATCH = 1 << 16;

/**
 * Finds the 8-connected regions of set pixels in `mask` (one byte per pixel, `width` x `height`, row by
 * row, non-zero = changed) and returns those of at least `minArea` pixels, largest first (ties: top to
 * bottom, then left to right).
 *
 * One raster scan; each region is flood-filled from its first pixel with an explicit stack (no
 * recursion, so no stack overflow on a large region), clearing pixels as they are pushed, so every
 * pixel is visited once: O(width x height) time, and memory for the stack only, which grows with the
 * largest region. `mask` is consumed: it is all zeros afterwards. Gives the event loop a turn through
 * `pacer` between rows and during large fills.
 */
export async function findRegions(
  mask: Uint8Array,
  width: number,
  height: number,
  minArea: number,
  pacer: PixelPacer,
): Promise<MotionRegion[]> {
  if (mask.length !== width * height) {
    throw new Error(`findRegions expects a ${width}x${height} mask; got ${mask.length} bytes.`);
  }
  const regions: MotionRegion[] = [];
  let stack: Int32Array = new Int32Array(1024);
  for (let y = 0; y < height; y++) {
    if (pacer.spend(width)) await pacer.pause();
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] === 0) continue;
      mask[y * width + x] = 0;
      stack[0] = y * width + x;
      let top = 1;
      let area = 0;
      let left = x;
      let right = x;
      let bottom = y;
      while (top > 0) {
        const pixel = stack[--top];
        const pixelY = (pixel / width) | 0;
        const pixelX = pixel - pixelY * width;
        area++;
        if (pixelX < left) left = pixelX;
        if (pixelX > right) right = pixelX;
        if (pixelY > bottom) bottom = pixelY;
        for (let k = 0; k < 8; k++) {
          const neighbourX = pixelX + NEIGHBOUR_DX[k];
          const neighbourY = pixelY + NEIGHBOUR_DY[k];
          if (neighbourX < 0 || neighbourX >= width || neighbourY < 0 || neighbourY >= height) continue;
          const neighbour = neighbourY * width + neighbourX;
          if (mask[neighbour] === 0) continue;
          mask[neighbour] = 0;
          if (top === stack.length) stack = grown(stack);
          stack[top++] = neighbour;
        }
        if (area % FILL_BATCH === 0 && pacer.spend(FILL_BATCH)) await pacer.pause();
      }
      // The scan meets each region at its first pixel in raster order, so its top row is `y`.
      if (area >= minArea) regions.push({ x: left, y, width: right - left + 1, height: bottom - y + 1, area });
    }
  }
  return regions.sort((p, q) => q.area - p.area || p.y - q.y || p.x - q.x);
}

function grown(stack: Int32Array): Int32Array {
  const bigger = new Int32Array(stack.length * 2);
  bigger.set(stack);
  return bigger;
}
