import type { ToolContext, ToolDefinition } from '@forgesyte/plugin-sdk';
import { type ImageFormat, type ImageInput, imageInputSchema, loadImage } from '@forgesyte/image-io';
import { metadataOutputSchema } from './metadata.schema';

/** Result of the `metadata` tool. */
export interface ImageMetadata {
  /** Container format as sharp detects it. */
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Channels as stored in the file (e.g. 3 for RGB, 4 for RGBA). */
  readonly channels: number;
  readonly has_alpha: boolean;
  /** Length of the image file in bytes (after base64 decoding). */
  readonly size_bytes: number;
}

/** The `metadata` tool: reads the image header only, so it is fast at any size. */
export const metadataTool: ToolDefinition = {
  description: 'Reads an image header: format, width, height, channels, alpha and file size.',
  inputSchema: imageInputSchema,
  outputSchema: metadataOutputSchema,
  timeoutMs: 10_000,
  isolation: 'inline',
};

/** Runs the `metadata` tool. Throws `ToolInputError` for an image it cannot read (see `loadImage`). */
export async function inspectMetadata(input: ImageInput, context: ToolContext): Promise<ImageMetadata> {
  const image = await loadImage(input, context.signal);
  return {
    format: image.format,
    width: image.width,
    height: image.height,
    channels: image.channels,
    has_alpha: image.hasAlpha,
    size_bytes: image.bytes.length,
  };
}
