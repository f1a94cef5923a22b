import sharp from 'sharp';
import type { RawPixels } from '@forgesyte/image-io';

/**
 * Blurs single-channel 8-bit pixels with a Gaussian of standard deviation `sigma` pixels (at least 0.3,
 * sharp's minimum) and returns single-channel pixels of the same size. Runs in libvips, off the
 * event loop; checks `signal` before and after.
 */
export async function blurGreyscale(pixels: RawPixels, sigma: number, signal: AbortSignal): Promise<RawPixels> {
  if (pixels.channels !== 1) throw new Error(`blurGreyscale expects 1 channel; got ${pixels.channels}.`);
  signal.throwIfAborted();
  const { width, height } = pixels;
  // A raw single-channel input would otherwise be written out as 3-channel sRGB.
  const { data, info } = await sharp(pixels.data, { raw: { width, height, channels: 1 } })
    .blur(sigma)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  signal.throwIfAborted();
  return { data, width: info.width, height: info.height, channels: info.channels };
}
