import { createOcrPlugin } from './ocr.plugin';

export { createOcrPlugin };
export type { OcrPluginOptions, OcrToolName } from './ocr.plugin';
export type { ExtractTextArgs } from './extract-text-input';
export type { ExtractedText, TextBox, TextSpan } from './recognized-text';
export type { InstalledLanguages, LanguageModelInfo } from './languages.tool';
export type { InstalledLanguage } from './installed-languages';
export type { PageSegmentationMode } from './page-segmentation';

/** The module's default export: a zero-argument factory, so every registry gets its own workers. */
export default createOcrPlugin;
