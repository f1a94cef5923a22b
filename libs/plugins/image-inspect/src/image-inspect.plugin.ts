import { definePlugin, type ToolContext } from '@forgesyte/plugin-sdk';
import { computeHistogram, histogramTool, type ImageHistogram } from './histogram.tool';
import { toImageInput } from '@forgesyte/image-io';
import { inspectMetadata, metadataTool, type ImageMetadata } from './metadata.tool';
import { measureSharpness, sharpnessTool, type ImageSharpness } from './sharpness.tool';

const tools = { metadata: metadataTool, histogram: histogramTool, sharpness: sharpnessTool } as const;

/** Name of an image-inspect tool. */
export type ImageInspectToolName = keyof typeof tools;

/**
 * Routes one call to its tool. This is the plugin's `run`; only the ToolRunner calls it in the product,
 * and it is exported so this lib's unit tests can exercise the routing.
 */
export async function dispatchImageInspectTool(
  tool: ImageInspectToolName,
  args: unknown,
  context: ToolContext,
): Promise<ImageMetadata | ImageHistogram | ImageSharpness> {
  const input = toImageInput(args, 'image-inspect args');
  switch (tool) {
    case 'metadata':
      return inspectMetadata(input, context);
    case 'histogram':
      return computeHistogram(input, context);
    case 'sharpness':
      return measureSharpness(input, context);
    default: {
      const unknownTool: never = tool;
      throw new Error(`image-inspect has no tool "${String(unknownTool)}"; the runner should have rejected it.`);
    }
  }
}

/** The shipped `image-inspect` plugin: header metadata, histograms and a sharpness score of an image. */
export const imageInspectPlugin = definePlugin({
  name: 'image-inspect',
  version: '1.0.0',
  description: 'Inspects raster images: header metadata, per-channel histograms and a Laplacian sharpness score.',
  defaultTool: 'metadata',
  tools,
  run: dispatchImageInspectTool,
});
