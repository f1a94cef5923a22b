import { definePlugin, type PluginDefinition, type ToolContext } from '@forgesyte/plugin-sdk';
import { toExtractTextRequest } from './extract-text-input';
import { EXTRACT_TEXT_MAX_CONCURRENCY, extractText, extractTextTool } from './extract-text.tool';
import { defaultLanguageOf, findInstalledLanguages, type InstalledLanguage } from './installed-languages';
import { type InstalledLanguages, languagesTool, listLanguages } from './languages.tool';
import { OcrEngine } from './ocr-engine';
import { noLanguageInstalledError } from './ocr.errors';
import type { ExtractedText } from './recognized-text';

/** The tools of the ocr plugin. */
export type OcrTools = { readonly extract_text: ReturnType<typeof extractTextTool>; readonly languages: typeof languagesTool };

/** Name of an ocr tool. */
export type OcrToolName = keyof OcrTools;

/** What the ocr tools share: the installed languages and the engine (created on first use). */
export interface OcrToolbox {
  readonly languages: readonly InstalledLanguage[];
  engine(): OcrEngine;
}

/** Options of {@link createOcrPlugin}; the defaults are what the shipped plugin uses. */
export interface OcrPluginOptions {
  /** The language models to offer; by default those installed as `@tesseract.js-data/*` packages. */
  readonly languages?: readonly InstalledLanguage[];
}

/**
 * Routes one call to its tool. This is the plugin's `run`; only the ToolRunner calls it in the product,
 * and it is exported so this lib's unit tests can exercise the routing.
 */
export async function dispatchOcrTool(
  tool: OcrToolName,
  args: unknown,
  context: ToolContext,
  toolbox: OcrToolbox,
): Promise<ExtractedText | InstalledLanguages> {
  switch (tool) {
    case 'extract_text':
      return extractText(toExtractTextRequest(args, toolbox.languages), toolbox.engine(), context);
    case 'languages':
      return listLanguages(toolbox.languages);
    default: {
      const unknownTool: never = tool;
      throw new Error(`ocr has no tool "${String(unknownTool)}"; the runner should have rejected it.`);
    }
  }
}

/**
 * Creates the shipped `ocr` plugin: printed-text recognition with tesseract.js, from local models only.
 * A factory rather than one shared object because the plugin holds worker threads: every registry that
 * loads it gets its own, started by `init` and terminated by `dispose`.
 */
export function createOcrPlugin(options: OcrPluginOptions = {}): PluginDefinition<OcrTools> {
  const languages = options.languages ?? findInstalledLanguages();
  let engine: OcrEngine | undefined;
  const toolbox: OcrToolbox = { languages, engine: () => (engine ??= new OcrEngine(EXTRACT_TEXT_MAX_CONCURRENCY)) };
  const tools: OcrTools = { extract_text: extractTextTool(languages), languages: languagesTool };
  const disposeEngine = async (): Promise<void> => {
    const current = engine;
    engine = undefined;
    await current?.dispose();
  };
  return definePlugin({
    name: 'ocr',
    version: '1.0.0',
    description: 'Reads printed text from images with tesseract (offline): text, confidence, words and lines with boxes.',
    defaultTool: 'extract_text',
    tools,
    run: (tool, args, context) => dispatchOcrTool(tool, args, context, toolbox),
    async init() {
      const language = defaultLanguageOf(languages);
      if (language === undefined) throw noLanguageInstalledError();
      // Start the default language's workers now: the first calls do not wait, and a model that does not
      // load makes the plugin UNAVAILABLE with tesseract's reason instead of failing every call.
      try {
        await toolbox.engine().warm(language);
      } catch (error) {
        await disposeEngine();
        throw error;
      }
    },
    dispose: disposeEngine,
  });
}
