import { ToolInputError } from '@forgesyte/plugin-sdk';
import { FORMAT_BY_MIME_TYPE, IMAGE_MIME_TYPES, type ImageMimeType } from './image-input';

// Every factory takes `path`: the prefix of the image's fields in the tool's args ('' for top-level
// `image` and `mime_type`, 'frame_a.' for `frame_a.image` and `frame_a.mime_type`).

/** The base64 in `image` decoded to no bytes at all. */
export function emptyImageError(mimeType: ImageMimeType, path = ''): ToolInputError {
  return new ToolInputError(
    `\`${path}image\` is empty: it decodes from base64 to 0 bytes. Send the base64 of a complete ${mimeType} file.`,
    { mime_type: mimeType },
  );
}

/** `image` is a data URL rather than bare base64. */
export function dataUrlImageError(mimeType: ImageMimeType, path = ''): ToolInputError {
  return new ToolInputError(
    `\`${path}image\` starts with a \`data:\` URL prefix. Send only the base64 after the comma ` +
      `(e.g. \`base64 -w0 file\`), and the type in \`${path}mime_type\` ("${mimeType}").`,
    { mime_type: mimeType },
  );
}

/** sharp could not read the bytes as an image (corrupt, truncated or an unsupported format). */
export function undecodableImageError(mimeType: ImageMimeType, cause: unknown, path = ''): ToolInputError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ToolInputError(
    `\`${path}image\` could not be decoded as ${mimeType} (${reason}). Check that \`${path}image\` is the base64 of a ` +
      `complete, uncorrupted ${mimeType} file and that \`${path}mime_type\` names its real format.`,
    { mime_type: mimeType, reason },
  );
}

/** The bytes are a valid image, but not of the declared type. */
export function formatMismatchError(mimeType: ImageMimeType, detected: string, path = ''): ToolInputError {
  const matching = IMAGE_MIME_TYPES.find((candidate) => FORMAT_BY_MIME_TYPE[candidate] === detected);
  const fix =
    matching === undefined
      ? `${detected} is not accepted: convert the file to one of ${IMAGE_MIME_TYPES.join(', ')}.`
      : `Send \`${path}mime_type\` "${matching}", or convert the file to ${mimeType}.`;
  return new ToolInputError(`\`${path}mime_type\` is ${mimeType} but \`${path}image\` is a ${detected} image. ${fix}`, {
    mime_type: mimeType,
    detected_format: detected,
  });
}

/** The header declares more pixels than the decoder is allowed to allocate. */
export function tooManyPixelsError(width: number, height: number, maxPixels: number, path = ''): ToolInputError {
  const pixels = width * height;
  return new ToolInputError(
    `\`${path}image\` is ${width}x${height} (${pixels} pixels), over the cap of ${maxPixels} pixels ` +
      `(${maxPixels / 1_000_000} megapixels) that guards against decompression bombs. ` +
      'Downscale the image below the cap and retry.',
    { width, height, pixels, max_pixels: maxPixels },
  );
}
