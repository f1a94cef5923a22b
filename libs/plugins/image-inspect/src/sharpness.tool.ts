import { ToolInputError, type ToolContext, type ToolDefinition } from '@forgesyte/plugin-sdk';
import { decodePixels, type ImageInput, imageInputSchema, loadImage, type RawPixels } from '@forgesyte/image-io';
import { sharpnessOutputSchema } from './sharpness.schema';

/** Result of the `sharpness` tool. */
export interface ImageSharpness {
  readonly width: number;
  readonly height: number;
  /** Population variance of the Laplacian over interior pixels: higher is sharper, 0 is flat. */
  readonly laplacian_variance: number;
  /** Mean greyscale value over all pixels, 0..255. */
  readonly mean_intensity: number;
}

/** The `sharpness` tool: decodes every pixel of the first frame to greyscale. */
export const sharpnessTool: ToolDefinition = {
  description: 'Scores focus as the variance of the 3x3 Laplacian of the greyscale image (higher is sharper).',
  inputSchema: imageInputSchema,
  outputSchema: sharpnessOutputSchema,
  timeoutMs: 10_000,
  isolation: 'inline',
  // Decodes every pixel (the file's RGB(A) in libvips, then 40 MB of grey at the 40-megapixel cap).
  maxConcurrency: 2,
};

/** Runs the `sharpness` tool. Throws `ToolInputError` for an image it cannot decode or under 3x3. */
export async function measureSharpness(input: ImageInput, context: ToolContext): Promise<ImageSharpness> {
  const image = await loadImage(input, context.signal);
  if (image.width < 3 || image.height < 3) {
    throw new ToolInputError(
      `sharpness needs an image of at least 3x3 pixels for its 3x3 Laplacian; ` +
        `this one is ${image.width}x${image.height}.`,
      { width: image.width, height: image.height },
    );
  }
  const pixels = await decodePixels(image, context.signal, { greyscale: true });
  return { width: pixels.width, height: pixels.height, ...laplacianStatistics(pixels) };
}

/**
 * Convolves with the kernel 0,1,0 / 1,-4,1 / 0,1,0 over interior pixels (borders skipped) and returns
 * the variance of the responses. Done here rather than with sharp's `convolve`, which clamps the
 * response to 0..255 and so loses every negative value.
 */
function laplacianStatistics({ data, width, height }: RawPixels): Omit<ImageSharpness, 'width' | 'height'> {
  let intensity = 0;
  for (let index = 0; index < data.length; index++) intensity += data[index];
  // Responses are integers in -1020..1020, so both sums stay exact in float64 (below 2^53) for any
  // image under the pixel cap, and the variance is as exact as one division allows.
  let sum = 0;
  let sumOfSquares = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, index = y * width + 1; x < width - 1; x++, index++) {
      const response = data[index - width] + data[index + width] + data[index - 1] + data[index + 1] - 4 * data[index];
      sum += response;
      sumOfSquares += response * response;
    }
  }
  const count = (width - 2) * (height - 2);
  const mean = sum / count;
  return {
    laplacian_variance: Math.max(0, sumOfSquares / count - mean * mean),
    mean_intensity: intensity / data.length,
  };
}
