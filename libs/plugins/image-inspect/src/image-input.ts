import { ToolInputError } from '@forgesyte/plugin-sdk';

/** The MIME types every image-inspect tool accepts. */
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

/** The `args` of every image-inspect tool (see `imageInputSchema`). */
export interface ImageInput {
  /** The image file, base64-encoded, without a `data:` URL prefix. */
  readonly image: string;
  /** What the caller says the image is. */
  readonly mime_type: ImageMimeType;
}

/**
 * Narrows a tool's `args` to an {@link ImageInput}. The ToolRunner has already validated them against
 * the input schema; this check keeps the plugin safe if it is ever called with unchecked args.
 */
export function toImageInput(args: unknown): ImageInput {
  if (typeof args !== 'object' || args === null) {
    throw new ToolInputError('image-inspect expects args { image, mime_type }; got no object.');
  }
  const { image, mime_type: mimeType } = args as Record<string, unknown>;
  if (typeof image !== 'string' || !isImageMimeType(mimeType)) {
    throw new ToolInputError(
      `image-inspect expects args { image: base64 string, mime_type: one of ${IMAGE_MIME_TYPES.join(', ')} }.`,
    );
  }
  return { image, mime_type: mimeType };
}

function isImageMimeType(value: unknown): value is ImageMimeType {
  return (IMAGE_MIME_TYPES as readonly unknown[]).includes(value);
}
