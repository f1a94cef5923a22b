import sharp from 'sharp';
import { decodePixels, type ImageInput, loadImage } from '@forgesyte/image-io';

/** An image ready for tesseract: an 8-bit greyscale PNG and its size. */
export interface OcrImage {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Decodes `input` with every guard of image-io (empty or corrupt bytes, a format other than `mime_type`,
 * the decompression-bomb pixel cap: all `ToolInputError`) and re-encodes its first frame as the one
 * format tesseract is given: an 8-bit greyscale PNG, transparent pixels flattened onto white (so dark
 * text on a transparent background does not turn into dark on black). Tesseract never parses the
 * caller's bytes itself.
 */
export async function toOcrImage(input: ImageInput, signal: AbortSignal): Promise<OcrImage> {
  const image = await loadImage(input, signal);
  const { data, width, height, channels } = await decodePixels(image, signal);
  const png = await sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .flatten({ background: '#ffffff' })
    .greyscale()
    // Fast to write and to read back: the PNG only crosses to the worker thread, it is never stored.
    .png({ compressionLevel: 1, adaptiveFiltering: false })
    .toBuffer();
  signal.throwIfAborted();
  return { png, width, height };
}
