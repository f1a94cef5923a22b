import { ToolInputError } from '@forgesyte/plugin-sdk';

/** The MIME types the image tools accept. */
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/tiff'] as const;

/** One of {@link IMAGE_MIME_TYPES}. */
export type ImageMimeType = (typeof IMAGE_MIME_TYPES)[number];

/** An image container format, named as sharp reports it. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff';

/** The format sharp must detect in the bytes for each declared MIME type. */
export const FORMAT_BY_MIME_TYPE: Readonly<Record<ImageMimeType, ImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
};

/** An image in a tool's args (see `imageInputSchema`). */
export interface ImageInput {
  /** The image file, base64-encoded, without a `data:` URL prefix. */
  readonly image: string;
  /** What the caller says the image is. */
  readonly mime_type: ImageMimeType;
}

/**
 * Narrows a value of a tool's args to an {@link ImageInput}; `name` says which value in messages
 * (e.g. "image-inspect args", "frame_a"). The ToolRunner has already validated the args against the
 * input schema; this check keeps the plugin safe if it is ever called with unchecked args.
 */
export function toImageInput(value: unknown, name: string): ImageInput {
  if (typeof value !== 'object' || value === null) {
    throw new ToolInputError(`${name} must be an object { image, mime_type }; got ${value === null ? 'null' : typeof value}.`);
  }
  const { image, mime_type: mimeType } = value as Record<string, unknown>;
  if (typeof image !== 'string' || !isImageMimeType(mimeType)) {
    throw new ToolInputError(
      `${name} must be { image: base64 string, mime_type: one of ${IMAGE_MIME_TYPES.join(', ')} }.`,
    );
  }
  return { image, mime_type: mimeType };
}

function isImageMimeType(value: unknown): value is ImageMimeType {
  return (IMAGE_MIME_TYPES as readonly unknown[]).includes(value);
}
