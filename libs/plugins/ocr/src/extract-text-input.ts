import { type ImageInput, toImageInput } from '@forgesyte/image-io';
import { defaultLanguageOf, type InstalledLanguage } from './installed-languages';
import { unknownLanguageError, unknownPageSegmentationModeError } from './ocr.errors';
import { DEFAULT_PAGE_SEGMENTATION_MODE, isPageSegmentationMode, type PageSegmentationMode } from './page-segmentation';

/** The args of `extract_text`, as its input schema describes them. */
export interface ExtractTextArgs extends ImageInput {
  /** An installed language code; the default language when absent. */
  readonly lang?: string;
  /** A page segmentation mode; 3 (fully automatic) when absent. */
  readonly psm?: number;
}

/** What one `extract_text` call asks for, with the defaults filled in. */
export interface ExtractTextRequest {
  readonly image: ImageInput;
  readonly language: InstalledLanguage;
  readonly psm: PageSegmentationMode;
}

/**
 * Narrows `extract_text` args to a request against the installed `languages`. The ToolRunner has already
 * validated them against the input schema; this check keeps the tool safe, with the same messages, when
 * it is called with unchecked args. Throws `ToolInputError` naming the accepted values.
 */
export function toExtractTextRequest(args: unknown, languages: readonly InstalledLanguage[]): ExtractTextRequest {
  const image = toImageInput(args, 'ocr extract_text args');
  const { lang, psm } = args as Partial<Record<'lang' | 'psm', unknown>>;
  const language = lang === undefined ? defaultLanguageOf(languages) : languages.find(({ code }) => code === lang);
  if (language === undefined) throw unknownLanguageError(lang, languages.map(({ code }) => code));
  if (psm !== undefined && !isPageSegmentationMode(psm)) throw unknownPageSegmentationModeError(psm);
  return { image, language, psm: psm ?? DEFAULT_PAGE_SEGMENTATION_MODE };
}
