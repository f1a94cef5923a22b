import type { PluginModuleExport } from '@forgesyte/plugin-sdk';
import imageInspect from '@forgesyte/plugins/image-inspect';
import motionDetect from '@forgesyte/plugins/motion-detect';
import ocr from '@forgesyte/plugins/ocr';

/** The plugins that ship with ForgeSyte, registered before any from `FORGESYTE_PLUGINS`. */
export const SHIPPED_PLUGINS: readonly PluginModuleExport[] = [imageInspect, motionDetect, ocr];
