import type { ToolContext, ToolDefinition } from '@forgesyte/plugin-sdk';
import { extractTextInputSchema, extractTextOutputSchema } from './extract-text.schema';
import type { ExtractTextRequest } from './extract-text-input';
import { defaultLanguageOf, type InstalledLanguage } from './installed-languages';
import type { OcrEngine } from './ocr-engine';
import { toOcrImage } from './ocr-image';
import { type ExtractedText, toExtractedText } from './recognized-text';

/**
 * Calls of `extract_text` that run at once (each holds one tesseract worker, about one core and 40-80 MB);
 * further calls wait in the runner's queue.
 */
export const EXTRACT_TEXT_MAX_CONCURRENCY = 2;

/**
 * Deadline of one call, measured on this project's 2-core machines: the 717x181 fixture (29 words) takes
 * a median 0.29 s through the ToolRunner, a dense A4 page at 300 dpi (2586x3533, ~1100 words) about 13 s
 * of one core. 60 s covers such a page with both workers busy on shared cores; an image near the
 * 40-megapixel cap (four such pages) may need more, and is better split by the caller.
 */
export const EXTRACT_TEXT_TIMEOUT_MS = 60_000;

/** The `extract_text` tool for the installed `languages` (they make the enum of `lang`). */
export function extractTextTool(languages: readonly InstalledLanguage[]): ToolDefinition {
  const codes = languages.map(({ code }) => code);
  return {
    description: 'Reads printed text from an image with tesseract: the text, its confidence, and every word and line with its box.',
    inputSchema: extractTextInputSchema(codes, defaultLanguageOf(languages)?.code ?? 'eng'),
    outputSchema: extractTextOutputSchema,
    timeoutMs: EXTRACT_TEXT_TIMEOUT_MS,
    isolation: 'inline',
    maxConcurrency: EXTRACT_TEXT_MAX_CONCURRENCY,
  };
}

/**
 * Runs `extract_text`: decodes the image (a `ToolInputError` if it cannot be read), then recognises it on
 * a free worker of the requested language. Rejects with the signal's reason as soon as it aborts.
 */
export async function extractText(request: ExtractTextRequest, engine: OcrEngine, context: ToolContext): Promise<ExtractedText> {
  const { pgm } = await toOcrImage(request.image, context.signal);
  const page = await engine.recognize({
    image: pgm,
    language: request.language,
    psm: request.psm,
    signal: context.signal,
    onProgress: (fraction) => context.progress(fraction, 'recognizing text'),
  });
  return toExtractedText(page);
}
