export { decodePixels, loadImage, MAX_INPUT_PIXELS } from './decode-image';
export type { DecodePixelsOptions, LoadedImage, RawPixels } from './decode-image';
export { FORMAT_BY_MIME_TYPE, IMAGE_MIME_TYPES, toImageInput } from './image-input';
export type { ImageFormat, ImageInput, ImageMimeType } from './image-input';
export { imageInputSchema, imageSchemaProperties } from './image-input.schema';
