import { ToolInputError, type ToolContext, type ToolDefinition } from '@forgesyte/plugin-sdk';
import { decodePixels, type ImageInput, imageInputSchema, loadImage, type RawPixels } from '@forgesyte/image-io';
import { histogramOutputSchema } from './histogram.schema';

/** Name of a decoded channel. */
export type HistogramChannelName = 'red' | 'green' | 'blue' | 'alpha' | 'grey';

/** The histogram of one channel. */
export interface HistogramChannel {
  readonly name: HistogramChannelName;
  /** `bins[v]` is the number of pixels whose value in this channel is `v` (0..255). */
  readonly bins: number[];
  /** Mean value of the channel, 0..255. */
  readonly mean: number;
}

/** Result of the `histogram` tool. */
export interface ImageHistogram {
  readonly width: number;
  readonly height: number;
  readonly channels: HistogramChannel[];
}

/** Which channel of each decoded pixel holds which named value. */
type ChannelLayout = readonly (readonly [name: HistogramChannelName, offset: number])[];

const RGB: ChannelLayout = [['red', 0], ['green', 1], ['blue', 2]];
const RGBA: ChannelLayout = [...RGB, ['alpha', 3]];
// A greyscale file decodes to sRGB with red = green = blue: report one grey channel instead.
const GREY: ChannelLayout = [['grey', 0]];
const GREY_ALPHA: ChannelLayout = [['grey', 0], ['alpha', 3]];

/** The `histogram` tool: decodes every pixel of the first frame. */
export const histogramTool: ToolDefinition = {
  description: 'Computes a 256-bin histogram and the mean of each channel of the decoded 8-bit pixels.',
  inputSchema: imageInputSchema,
  outputSchema: histogramOutputSchema,
  timeoutMs: 10_000,
  isolation: 'inline',
  // Up to 160 MB of RGBA pixels per call at the 40-megapixel cap; two calls already use both cores.
  maxConcurrency: 2,
};

/** Runs the `histogram` tool. Throws `ToolInputError` for an image it cannot decode. */
export async function computeHistogram(input: ImageInput, context: ToolContext): Promise<ImageHistogram> {
  const image = await loadImage(input, context.signal);
  const pixels = await decodePixels(image, context.signal);
  const layout = channelLayout(pixels.channels, image.isGreyscale);
  return { width: pixels.width, height: pixels.height, channels: countChannels(pixels, layout) };
}

function channelLayout(channels: number, isGreyscale: boolean): ChannelLayout {
  if (channels === 1) return GREY;
  if (channels === 3) return isGreyscale ? GREY : RGB;
  if (channels === 4) return isGreyscale ? GREY_ALPHA : RGBA;
  throw new ToolInputError(`histogram supports images that decode to 1, 3 or 4 channels; this one has ${channels}.`);
}

/** Counts the laid-out channels in one pass over the interleaved buffer. */
function countChannels({ data, channels: stride }: RawPixels, layout: ChannelLayout): HistogramChannel[] {
  const offsets = layout.map(([, offset]) => offset);
  const counts = new Uint32Array(layout.length * 256);
  for (let pixel = 0; pixel < data.length; pixel += stride) {
    for (let channel = 0; channel < offsets.length; channel++) counts[channel * 256 + data[pixel + offsets[channel]]]++;
  }
  const pixelCount = data.length / stride;
  return layout.map(([name], channel) => {
    const bins = counts.subarray(channel * 256, channel * 256 + 256);
    let sum = 0;
    for (let value = 0; value < 256; value++) sum += value * bins[value];
    return { name, bins: Array.from(bins), mean: sum / pixelCount };
  });
}
