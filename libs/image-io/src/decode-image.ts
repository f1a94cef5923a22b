import sharp from 'sharp';
import { FORMAT_BY_MIME_TYPE, type ImageFormat, type ImageInput, type ImageMimeType } from './image-input';
import {
  dataUrlImageError,
  emptyImageError,
  formatMismatchError,
  tooManyPixelsError,
  undecodableImageError,
} from './image-input.errors';

/**
 * The largest image (width x height of the first frame) the tools decode: 40 megapixels, at most
 * 160 MB of RGBA pixels. A PNG or GIF of a few kilobytes can declare billions of pixels (a
 * decompression bomb), so the header is checked against this cap before any pixel is decoded, and
 * sharp's `limitInputPixels` enforces it again during decoding.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

/** An image whose header has been read and checked against its declared type and the pixel cap. */
export interface LoadedImage {
  /** The file's bytes, decoded from base64. */
  readonly bytes: Buffer;
  readonly mimeType: ImageMimeType;
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  /** Channels as stored in the file (e.g. 3 for RGB, 4 for RGBA). */
  readonly channels: number;
  readonly hasAlpha: boolean;
  /** The file stores luminance only (plus alpha, if any), not colour. */
  readonly isGreyscale: boolean;
  /** Prefix of the image's fields in the tool's args, for error messages ('' or e.g. 'frame_a.'). */
  readonly path: string;
}

/**
 * Decoded 8-bit pixels, channels interleaved, rows top to bottom. Unless greyscale was asked for, sharp
 * outputs sRGB: 3 channels, or 4 with alpha, even for a greyscale file (then red = green = blue).
 */
export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** Options of {@link decodePixels}. */
export interface DecodePixelsOptions {
  /** Convert to one luminance channel (alpha dropped) instead of sRGB with alpha kept. */
  readonly greyscale?: boolean;
  /**
   * Flatten transparent pixels onto this colour (`'#ffffff'`, any colour sharp reads) instead of keeping
   * or dropping alpha: dark marks on a transparent background stay dark on light. No alpha channel is output.
   */
  readonly background?: string;
}

/**
 * Decodes `input.image` from base64 and reads its header; `path` prefixes the field names in error
 * messages when the image is nested in the tool's args (e.g. 'frame_a.'). Throws `ToolInputError` for empty or
 * undecodable bytes, a format other than `input.mime_type`, or more than {@link MAX_INPUT_PIXELS}.
 */
export async function loadImage(input: ImageInput, signal: AbortSignal, path = ''): Promise<LoadedImage> {
  const bytes = toBytes(input, path);
  signal.throwIfAborted();
  // Header only: no pixel is allocated here, so sharp's own limit is off and the cap is checked below
  // with a message that states the image's size.
  const metadata = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((cause: unknown) => {
      throw undecodableImageError(input.mime_type, cause, path);
    });
  signal.throwIfAborted();
  const expected = FORMAT_BY_MIME_TYPE[input.mime_type];
  if (metadata.format !== expected) throw formatMismatchError(input.mime_type, metadata.format, path);
  const { width, height } = metadata;
  if (width * height > MAX_INPUT_PIXELS) throw tooManyPixelsError(width, height, MAX_INPUT_PIXELS, path);
  const { channels, hasAlpha } = metadata;
  const isGreyscale = metadata.space === 'b-w' || metadata.space === 'grey16';
  return { bytes, mimeType: input.mime_type, format: expected, width, height, channels, hasAlpha, isGreyscale, path };
}

/**
 * Decodes the first frame of a loaded image to raw 8-bit pixels: sRGB (plus alpha if present, unless
 * flattened onto a `background`) or single-channel greyscale, in one sharp pipeline. Throws
 * `ToolInputError` if the pixel data is corrupt or truncated.
 */
export async function decodePixels(
  image: LoadedImage,
  signal: AbortSignal,
  options: DecodePixelsOptions = {},
): Promise<RawPixels> {
  let pipeline = sharp(image.bytes, { limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true });
  if (options.background !== undefined) pipeline = pipeline.flatten({ background: options.background });
  if (options.greyscale === true) pipeline = pipeline.removeAlpha().greyscale();
  signal.throwIfAborted();
  const { data, info } = await pipeline
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((cause: unknown) => {
      throw undecodableImageError(image.mimeType, cause, image.path);
    });
  signal.throwIfAborted();
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function toBytes(input: ImageInput, path: string): Buffer {
  if (input.image.startsWith('data:')) throw dataUrlImageError(input.mime_type, path);
  const bytes = Buffer.from(input.image, 'base64');
  if (bytes.length === 0) throw emptyImageError(input.mime_type, path);
  return bytes;
}
