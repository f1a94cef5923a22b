import { imageInspectPlugin } from './image-inspect.plugin';

export { imageInspectPlugin };
export type { ImageInspectToolName } from './image-inspect.plugin';
export type { ImageMetadata } from './metadata.tool';
export type { ImageHistogram, HistogramChannel, HistogramChannelName } from './histogram.tool';
export type { ImageSharpness } from './sharpness.tool';

export default imageInspectPlugin;
