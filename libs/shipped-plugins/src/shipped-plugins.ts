import type { PluginModuleExport } from '@forgesyte/plugin-sdk';
import imageInspect from '@forgesyte/plugins/image-inspect';
import motionDetect from '@forgesyte/plugins/motion-detect';
import ocr from '@forgesyte/plugins/ocr';

/**
 * The plugins that ship with ForgeSyte, registered before any from `FORGESYTE_PLUGINS`. Each comes with
 * its module file, which the worker threads of its `isolation: 'worker'` tools load: a path relative to
 * this file, the same from the sources (`index.ts`) and in `dist` (`index.js`). The registry's
 * `ShippedPlugin` shape, written out: this lib depends on the SDK and the plugins only.
 */
export const SHIPPED_PLUGINS: readonly { readonly plugin: PluginModuleExport; readonly moduleFile: string }[] = [
  { plugin: imageInspect, moduleFile: require.resolve('../../plugins/image-inspect/src') },
  { plugin: motionDetect, moduleFile: require.resolve('../../plugins/motion-detect/src') },
  { plugin: ocr, moduleFile: require.resolve('../../plugins/ocr/src') },
];
