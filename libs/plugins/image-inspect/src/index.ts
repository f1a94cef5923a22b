import { imageInspectPlugin } from './image-inspect.plugin';

export { imageInspectPlugin };
export type { ImageInspectToolName } from './image-inspect.plugin';
export type { ImageInput, ImageMimeType, ImageFormat } from './image-input';
export { IMAGE_MIME_TYPES } from './image-input';
export { MAX_INPUT_PIXELS } from './decode-image';
export type { ImageMetadata } from './metadata.tool';
export type { ImageHistogram, HistogramChannel, HistogramChannelName } from './histogram.tool';
export type { ImageSharpness } from './sharpness.tool';

export default imageInspectPlugin;
